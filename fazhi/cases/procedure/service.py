"""Service (送达) of the decision, and when a document served by public notice counts as served.

Served within 7 working days after it is announced (行政处罚法 第六十一条; 广东省劳动保障监察条例 第四十七条第一款), the
service period met on the day of service (not the day it is recorded). A public notice counts as served when its
period ends: 60 days, but 3 days in a case handled under 第四十一条 or whose arrears caused a mass incident
(第四十七条第二款); the reason for public notice and what was done are put on file (民事诉讼法 第九十五条第二款).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.cases import periods
from fazhi.cases.models import Case
from fazhi.cases.outcomes import PAYMENT_ORDERS
from fazhi.cases.procedure.base import HANDLERS, Context, GuardKind, Transition, guard, states
from fazhi.cases.states import State


def public_notice_period(short: bool) -> str:
    """The period after which a public notice counts as served (广东条例 第四十七条第二款: 3 days in a case handled
    under 第四十一条 or whose arrears caused a mass incident, else 60)."""
    return "public_notice_service_summons" if short else "public_notice_service"


def effective_on(case: Case, method: str, served_on: dt.date, *, short: bool | None = None) -> dt.date | None:
    """The day service takes effect: public notice counts as served when its period ends (None: that day needs a
    holiday year not yet loaded)."""
    if method != "public_notice":
        return served_on
    return periods.due_or_none(public_notice_period(case.short_public_notice if short is None else short), served_on)


@guard(GuardKind.INPUT)
def service_is_valid(ctx: Context) -> list[str]:
    problems = []
    # 行政处罚法 第六十一条第二款: electronic service only when the party has agreed and signed the confirmation.
    if ctx.data.get("service_method") == "electronic" and not ctx.data.get("consent"):
        problems.append("电子送达须当事人同意并签订确认书（行政处罚法第六十一条）。")
    # 民事诉讼法 第九十五条第二款: the reason for public notice and what was done are put on file.
    if ctx.data.get("service_method") == "public_notice" and not ctx.data.get("public_notice_reason"):
        problems.append("公告送达的，请写明公告送达的原因和经过（民事诉讼法第九十五条第二款）。")
    return problems


def _served_on(ctx: Context) -> dt.date:
    return dt.date.fromisoformat(str(ctx.data["served_on"]))


def serve_effect(ctx: Context) -> dict[str, Any]:
    short = bool(ctx.data.get("short_public_notice")) or ctx.case.short_public_notice
    method = str(ctx.data["service_method"])
    return {
        "service_method": method,
        "served_on": _served_on(ctx),
        "short_public_notice": short,
        "service_effective_on": effective_on(ctx.case, method, _served_on(ctx), short=short),
    }


def serve_starts(ctx: Context) -> dict[str, Any]:
    # Public notice takes effect when its period ends; unknown until that year's holidays are loaded, and then the
    # periods that run from it cannot start yet (never from a guessed day).
    case = ctx.case  # already moved: its service_effective_on is set
    effective = case.service_effective_on
    return {
        "fine_payment": effective if case.decision_outcome == "penalty" else None,
        "court_enforcement_application": effective if case.decision_outcome in PAYMENT_ORDERS else None,
    }


# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("serve", "送达", states(State.SERVICE), State.PERFORMANCE, HANDLERS,
               guards=("service_is_valid",), meets=("service",),
               opens=("fine_payment", "court_enforcement_application"),
               fields=("service_method", "served_on", "consent", "short_public_notice", "public_notice_reason"),
               effect=serve_effect, starts=serve_starts, met_on=_served_on,
               basis="行政处罚法 第六十一条；广东省劳动保障监察条例 第四十七条"),
)
# fmt: on
