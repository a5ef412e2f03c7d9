"""Query codes (查询码): 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 79 bits from
`secrets`; shown in groups of four, accepted with or without dashes, spaces and lower case."""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 16


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def display_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_hash(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode("ascii", "replace")).hexdigest()


def lookup_hash(code: str, phone: str) -> str:
    return hashlib.sha256(f"{normalize_code(code)}:{phone.strip()}".encode()).hexdigest()
