"""Suggestions received by the personas' bureau, built through the real actions, on the frozen day of the case tests
(Monday 2026-03-09)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from conftest import Org
from fazhi.accounts.models import User
from fazhi.cases.tests.conftest import _on_a_known_day, on, register
from fazhi.suggestions import actions
from fazhi.suggestions.models import Suggestion

__all__ = ["_on_a_known_day", "on", "register"]

D = dt.date
RECEIVED = D(2026, 3, 2)
POINTS = [
    "建议加强对欠薪案件的调查取证，完整收集工资支付凭证。",
    "建议规范送达程序，送达回证应载明送达方式。",
    "建议建立欠薪案件台账，定期回访劳动者。",
]

Receive = Callable[..., Suggestion]


@pytest.fixture
def receive(legal: User, org: Org) -> Receive:
    """A procuratorial suggestion to the 福田 bureau, registered by the legal reviewer (three points, no stated
    deadline unless given)."""

    def make(**overrides: Any) -> Suggestion:
        fields: dict[str, Any] = {
            "actor": legal,
            "kind": "procuratorial",
            "organ": "深圳市福田区人民检察院",
            "number": f"深福检行建〔2026〕{Suggestion.objects.count() + 1}号",
            "subject": "关于加强欠薪案件办理工作的检察建议",
            "received_on": RECEIVED,
            "unit": org.futian,
            "points": POINTS,
        }
        fields.update(overrides)
        return actions.receive_suggestion(**fields)

    return make


def answer_all(suggestion: Suggestion, actor: User) -> Suggestion:
    for point in suggestion.points.order_by("number"):
        suggestion = actions.answer_point(
            actor=actor,
            suggestion=suggestion,
            point=point.number,
            measures=f"已落实第{point.number}条。",
            result="已整改。",
        )
    return suggestion


def to_review(suggestion: Suggestion, director: User, legal: User) -> Suggestion:
    """Assigned to the legal reviewer, every point answered, the reply submitted for approval."""
    suggestion = actions.assign_suggestion(actor=director, suggestion=suggestion, handler=legal)
    suggestion = answer_all(suggestion, legal)
    return actions.submit_reply(actor=legal, suggestion=suggestion, reply_text="本局高度重视，逐条研究落实。")
