"""Closing and archive (结案、归档). The closing approval is the bureau's internal control (no article prescribes
it); the file is kept as the record of the whole procedure (行政处罚法 第四十七条)."""

from __future__ import annotations

from typing import Any

from fazhi.cases.procedure.base import HANDLERS, LEAD, Context, GuardKind, Transition, guard, states
from fazhi.cases.states import State


@guard(GuardKind.ROUTING)
def was_decided(ctx: Context) -> list[str]:
    return [] if ctx.case.decided_on else ["本案未作出决定，不能退回执行环节。"]


def closing_effect(ctx: Context) -> dict[str, Any]:
    return {"closed_on": ctx.today}


# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("approve_closing", "批准结案", states(State.CLOSING_REVIEW), State.CLOSED, LEAD,
               guards=("filed_with_superior",), effect=closing_effect),
    Transition("send_back_closing", "退回执行", states(State.CLOSING_REVIEW), State.PERFORMANCE, LEAD,
               needs_reason=True, guards=("was_decided",)),
    Transition("archive", "归档", states(State.CLOSED), State.ARCHIVED, HANDLERS | LEAD,
               basis="行政处罚法 第四十七条"),
)
# fmt: on
