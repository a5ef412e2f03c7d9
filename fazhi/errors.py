"""The base of every action's errors: `message` is Chinese and safe to show to the user (in a page or the API)."""

from __future__ import annotations


class ActionError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
