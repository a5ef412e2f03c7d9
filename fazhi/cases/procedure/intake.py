"""Intake and filing (受理、立案).

A complaint (投诉) is accepted within 5 working days of receipt and filed on the day it is accepted; unanswered for 5
working days it is accepted, and so filed, from the day the materials were received (广东省劳动保障监察条例 第三十六条
第一款、第三十九条第二款). The investigation period runs from that filing day (第四十四条第一款). Once accepted, a
complaint is no longer refused: a filing that should not have been made is revoked (撤销立案, 第四十六条第一款第（三）
项).
A report (举报) and the bureau's own discoveries are filed within 5 working days of discovery (第三十二条); a report
outside the bureau's jurisdiction is sent to the competent bureau within 5 working days (第三十三条第二款).
"""

from __future__ import annotations

from typing import Any

from fazhi.accounts.models import Unit, User
from fazhi.cases.models import Case, Period, Source
from fazhi.cases.numbering import next_case_number
from fazhi.cases.outcomes import REFUSAL_GROUNDS
from fazhi.cases.procedure.base import HANDLERS, LEAD, SYSTEM, Context, GuardKind, Transition, guard, states
from fazhi.cases.procedure.common import certified, may_handle, running, staff
from fazhi.cases.states import State

GD36 = "广东省劳动保障监察条例 第三十六条第一款"
GD39 = "广东省劳动保障监察条例 第三十九条"

# Sources answered within the acceptance period (投诉, and complaints passed on by another body).
COMPLAINT_SOURCES = frozenset({Source.COMPLAINT, Source.REFERRAL})


@guard(GuardKind.ROUTING)
def is_complaint(ctx: Context) -> list[str]:
    return [] if ctx.case.source in COMPLAINT_SOURCES else ["只有投诉案件有受理环节。"]


@guard(GuardKind.ROUTING)
def is_report(ctx: Context) -> list[str]:
    return [] if ctx.case.source == Source.REPORT else ["只有举报可以移送其他人力资源社会保障行政部门。"]


@guard(GuardKind.ROUTING)
def completion_not_yet_requested(ctx: Context) -> list[str]:
    # 广东条例 第三十九条第一款第（七）项: the request to complete is made once (一次性告知).
    return ["已经告知过补正，不能再次要求补正。"] if ctx.case.completion_requested else []


@guard(GuardKind.INPUT)
def refusal_ground_given(ctx: Context) -> list[str]:
    return [] if str(ctx.data.get("refusal_ground", "")) in REFUSAL_GROUNDS else ["请选择不予受理的法定理由。"]


@guard(GuardKind.STATE)
def acceptance_period_running(ctx: Context) -> list[str]:
    """广东条例 第三十九条第二款: a refusal is made in writing within 5 working days of receipt; once they have passed
    the complaint is accepted by law, and is no longer refused (a wrong filing is revoked, 第四十六条)."""
    if ctx.case.state != State.RECEIVED:
        return []  # after a request to complete, the period starts again when the materials are complete
    period = running(ctx.case, "complaint_acceptance")
    if period is not None and period.due_on is not None and ctx.today > period.due_on:
        return [
            f"受理期限已于 {period.due_on:%Y-%m-%d} 届满，依法视为受理，不能再不予受理；不符合受理条件的，"
            "立案后撤销立案（广东省劳动保障监察条例第三十九条第二款、第四十六条）。"
        ]
    return []


@guard(GuardKind.ROUTING)
def acceptance_period_over(ctx: Context) -> list[str]:
    # 广东条例 第三十九条第二款: no notice within 5 working days = accepted from receipt.
    period = running(ctx.case, "complaint_acceptance")
    if period is None or period.due_on is None or ctx.today <= period.due_on:
        return ["受理期限尚未届满。"]
    return []


def _handlers(ctx: Context) -> tuple[Any, Any]:
    """The handlers the filing names: typed into the step, else those already on the case."""
    handler = staff(ctx.data["assign_handler"]) if ctx.data.get("assign_handler") else ctx.case.handler
    co_handler = staff(ctx.data["assign_co_handler"]) if ctx.data.get("assign_co_handler") else ctx.case.co_handler
    return handler, co_handler


@guard(GuardKind.INPUT)
def two_certified_handlers(ctx: Context) -> list[str]:
    # 行政处罚法 第四十二条: investigation by at least two officers holding enforcement certificates.
    handler, co_handler = _handlers(ctx)
    if handler is None or co_handler is None or handler.pk == co_handler.pk:
        return ["立案须指定主办人和协办人两名执法人员（行政处罚法第四十二条）。"]
    if ctx.data.get("assign_handler") or ctx.data.get("assign_co_handler"):
        return list(dict.fromkeys(may_handle(handler, ctx.case) + may_handle(co_handler, ctx.case)))
    if not (certified(handler) and certified(co_handler)):
        return ["主办人和协办人均须持有行政执法证（行政处罚法第四十二条）。"]
    return []


def _acceptance_day(ctx: Context) -> Any:
    """The day the complaint counts as accepted: today, or — once the 5 working days passed unanswered — the day the
    (completed) materials were received (广东条例 第三十九条第二款)."""
    period = running(ctx.case, "complaint_acceptance")
    if period is not None and period.due_on is not None and ctx.today > period.due_on:
        return period.started_on
    return ctx.today


def handlers_unit(case: Case, handler: User | None, co_handler: User | None) -> Unit:
    """The unit the case is handled in: its own, or — when both handlers work in units below it — the lowest unit
    above both, so that they, and everyone above them, see the case they handle (行政处罚法 第四十二条)."""
    if handler is None or co_handler is None or handler.unit is None or co_handler.unit is None:
        return case.unit
    common: list[str] = []
    mine_parts, their_parts = handler.unit.path.strip("/").split("/"), co_handler.unit.path.strip("/").split("/")
    for mine, theirs in zip(mine_parts, their_parts, strict=False):
        if mine != theirs:
            break
        common.append(mine)
    path = "/" + "".join(f"{part}/" for part in common)
    if path == case.unit.path or not path.startswith(case.unit.path):
        return case.unit
    return Unit.objects.filter(path=path).first() or case.unit


def _file(ctx: Context, filed_on: Any, *, deemed: bool = False) -> dict[str, Any]:
    handler, co_handler = _handlers(ctx)
    unit = handlers_unit(ctx.case, handler, co_handler)
    changes: dict[str, Any] = {"filed_on": filed_on, "case_number": next_case_number(unit, ctx.today)}
    if unit.pk != ctx.case.unit_id:
        changes["unit"] = unit
    if deemed:
        changes["deemed_accepted"] = True
    if ctx.data.get("assign_handler"):
        changes["handler"] = handler
    if ctx.data.get("assign_co_handler"):
        changes["co_handler"] = co_handler
    return changes


def accept_effect(ctx: Context) -> dict[str, Any]:
    filed_on = _acceptance_day(ctx)
    return _file(ctx, filed_on, deemed=filed_on != ctx.today)


def deem_effect(ctx: Context) -> dict[str, Any]:
    return _file(ctx, _acceptance_day(ctx), deemed=True)


def filing_after(ctx: Context) -> dict[str, Any]:
    """The periods follow the case to the unit its handlers work in (the supervision reads them by unit)."""
    moved = Period.objects.filter(case=ctx.case).exclude(unit_id=ctx.case.unit_id).update(unit_id=ctx.case.unit_id)
    return {"unit": ctx.case.unit.name} if moved else {}


def _investigation_from_filing(ctx: Context) -> dict[str, Any]:
    # The case has moved: its filing day is set (the acceptance period is already met by now).
    return {"investigation": ctx.case.filed_on}


def filing_effect(ctx: Context) -> dict[str, Any]:
    return _file(ctx, ctx.today)


def completion_effect(ctx: Context) -> dict[str, Any]:
    return {"completion_requested": True}


# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("accept", "受理并立案", states(State.RECEIVED), State.INVESTIGATING, LEAD,
               guards=("is_complaint", "two_certified_handlers"), fields=("assign_handler", "assign_co_handler"),
               meets=("complaint_acceptance",), opens=("investigation",), effect=accept_effect, after=filing_after,
               starts=_investigation_from_filing,
               basis=f"{GD36}、第三十九条第二款、第四十四条第一款"),
    Transition("request_completion", "一次性告知补正", states(State.RECEIVED), State.AWAITING_COMPLETION,
               HANDLERS | LEAD, guards=("is_complaint", "completion_not_yet_requested", "acceptance_period_running"),
               needs_reason=True, meets=("complaint_acceptance",), effect=completion_effect,
               basis=f"{GD39}第一款第（七）项、第二款"),
    Transition("complete", "补正完成", states(State.AWAITING_COMPLETION), State.RECEIVED, HANDLERS | LEAD,
               opens=("complaint_acceptance",), basis=f"{GD39}第一款第（七）项"),
    Transition("refuse", "不予受理", states(State.RECEIVED, State.AWAITING_COMPLETION), State.REFUSED, LEAD,
               guards=("is_complaint", "acceptance_period_running", "refusal_ground_given"), needs_reason=True,
               meets=("complaint_acceptance",), fields=("refusal_ground",), basis=f"{GD39}"),
    Transition("deem_accepted", "逾期未告知，视为受理并立案", states(State.RECEIVED), State.INVESTIGATING, SYSTEM,
               guards=("acceptance_period_over",), meets=("complaint_acceptance",), opens=("investigation",),
               effect=deem_effect, starts=_investigation_from_filing, basis=f"{GD39}第二款；{GD36}"),
    Transition("approve_filing", "批准立案", states(State.FILING_REVIEW), State.INVESTIGATING, LEAD,
               guards=("two_certified_handlers",), fields=("assign_handler", "assign_co_handler"),
               meets=("filing_own_discovery", "report_referral"), opens=("investigation",),
               effect=filing_effect, after=filing_after,
               basis="广东省劳动保障监察条例 第三十二条；行政处罚法 第四十二条"),
    Transition("decline_filing", "不予立案", states(State.FILING_REVIEW), State.NOT_FILED, LEAD, needs_reason=True,
               meets=("filing_own_discovery", "report_referral"),
               basis="广东省劳动保障监察条例 第三十二条"),
    Transition("refer_report", "移送有管辖权的部门", states(State.FILING_REVIEW), State.REFERRED, LEAD,
               guards=("is_report",), needs_reason=True, fields=("referred_to",),
               meets=("report_referral", "filing_own_discovery"),
               basis="广东省劳动保障监察条例 第三十三条第二款"),
)
# fmt: on
