"""Investigation (调查取证): inquiries and site inspections recorded by two officers, evidence preserved with the
approval of the organ's 负责人 and decided on within 7 working days (行政处罚法 第五十六条), and the periods that do not
count towards the handling time (公告、委托审计或者鉴定, 广东省劳动保障监察条例 第四十四条第二款)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.cases import periods
from fazhi.cases.models import InvestigationRecord
from fazhi.cases.procedure.base import HANDLERS, HEADS, Context, GuardKind, Transition, guard, states
from fazhi.cases.states import OPEN_INVESTIGATION_STATES, State

PRESERVATION = "行政处罚法 第五十六条"
EXCLUSION = "广东省劳动保障监察条例 第四十四条第二款"


@guard(GuardKind.STATE)
def actor_is_handler(ctx: Context) -> list[str]:
    ids = {ctx.case.handler_id, ctx.case.co_handler_id}
    return [] if ctx.actor is not None and ctx.actor.pk in ids else ["只有本案的主办人或协办人可以办理此步骤。"]


@guard(GuardKind.STATE)
def handlers_assigned(ctx: Context) -> list[str]:
    # 行政处罚法 第四十二条: two officers investigate (a complaint accepted by law may still need them assigned).
    case = ctx.case
    if case.handler_id is None or case.co_handler_id is None or case.handler_id == case.co_handler_id:
        return ["本案尚未指定主办人和协办人两名执法人员，请科长先指定（行政处罚法第四十二条）。"]
    return []


@guard(GuardKind.ROUTING)
def no_preservation_pending(ctx: Context) -> list[str]:
    return ["已有先行登记保存尚未处理完毕。"] if ctx.case.preservation else []


@guard(GuardKind.ROUTING)
def preservation_requested(ctx: Context) -> list[str]:
    return [] if ctx.case.preservation == "requested" else ["没有待批准的先行登记保存申请。"]


@guard(GuardKind.ROUTING)
def evidence_preserved(ctx: Context) -> list[str]:
    return [] if ctx.case.preservation == "preserved" else ["没有已先行登记保存、待作处理决定的证据。"]


@guard(GuardKind.ROUTING)
def no_excluded_period(ctx: Context) -> list[str]:
    return ["正在计算不计入办案时限的期间。"] if ctx.case.excluded_period else []


@guard(GuardKind.ROUTING)
def excluded_period_running(ctx: Context) -> list[str]:
    return [] if ctx.case.excluded_period else ["没有正在进行的公告、审计或者鉴定期间。"]


def request_preservation_effect(ctx: Context) -> dict[str, Any]:
    return {"preservation": "requested", "preservation_items": str(ctx.data["preservation_items"])}


def approve_preservation_effect(ctx: Context) -> dict[str, Any]:
    return {"preservation": "preserved"}


def reject_preservation_effect(ctx: Context) -> dict[str, Any]:
    return {"preservation": "", "preservation_items": ""}


def decide_preservation_effect(ctx: Context) -> dict[str, Any]:
    return {"preservation": ""}  # the items stay on record (the notice and the dossier show them)


def record_investigation_after(ctx: Context) -> dict[str, Any]:
    case = ctx.case
    assert ctx.actor is not None  # guards: a handler takes the step
    assert case.handler_id is not None  # and two are assigned
    assert case.co_handler_id is not None
    record = InvestigationRecord.objects.create(
        case=case,
        kind=str(ctx.data["record_kind"]),
        held_on=dt.date.fromisoformat(str(ctx.data["held_on"])),
        place=str(ctx.data["place"]),
        subject=str(ctx.data["subject"]),
        content=str(ctx.data["content"]),
        officer_id=case.handler_id,
        co_officer_id=case.co_handler_id,
        recorded_by=ctx.actor,
    )
    return {"record": record.pk, "officers": [case.handler_id, case.co_handler_id]}


def start_exclusion_effect(ctx: Context) -> dict[str, Any]:
    return {"excluded_period": str(ctx.data["excluded_kind"])}


def start_exclusion_after(ctx: Context) -> dict[str, Any]:
    # Only the handling period stops; no other clock of the case (第四十四条第二款 speaks of 办案时限).
    periods.suspend_periods(ctx.case, on=ctx.today, codes=("investigation",))
    return {}


def end_exclusion_effect(ctx: Context) -> dict[str, Any]:
    return {"excluded_period": ""}


def end_exclusion_after(ctx: Context) -> dict[str, Any]:
    periods.resume_periods(ctx.case, on=ctx.today, codes=("investigation",))
    return {}


# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("request_preservation", "申请先行登记保存", states(State.INVESTIGATING), None, HANDLERS,
               guards=("actor_is_handler", "no_preservation_pending"), fields=("preservation_items",),
               effect=request_preservation_effect, basis=PRESERVATION),
    Transition("approve_preservation", "批准先行登记保存", states(State.INVESTIGATING), None, HEADS,
               guards=("preservation_requested",), opens=("evidence_preservation_decision",),
               effect=approve_preservation_effect, delegable=True, basis=PRESERVATION),
    Transition("reject_preservation", "不批准先行登记保存", states(State.INVESTIGATING), None, HEADS,
               guards=("preservation_requested",), needs_reason=True, effect=reject_preservation_effect,
               delegable=True, basis=PRESERVATION),
    Transition("decide_preservation", "对登记保存的证据作出处理决定", OPEN_INVESTIGATION_STATES, None, HANDLERS,
               guards=("evidence_preserved",), meets=("evidence_preservation_decision",),
               fields=("preservation_decision",), effect=decide_preservation_effect, basis=PRESERVATION),
    # Each inquiry and site inspection is recorded (笔录) by the two officers who held it.
    Transition("record_investigation", "记录调查询问或现场检查", states(State.INVESTIGATING), None, HANDLERS,
               guards=("actor_is_handler", "handlers_assigned"),
               fields=("record_kind", "held_on", "place", "subject", "content"), after=record_investigation_after,
               basis="行政处罚法 第四十二条、第五十五条；劳动保障监察条例 第十五条、第十六条"),
    Transition("start_excluded_period", "开始公告、审计或者鉴定（不计入办案时限）", OPEN_INVESTIGATION_STATES, None,
               HANDLERS, guards=("actor_is_handler", "no_excluded_period", "not_suspended"),
               fields=("excluded_kind",), effect=start_exclusion_effect, after=start_exclusion_after,
               basis=EXCLUSION),
    Transition("end_excluded_period", "公告、审计或者鉴定结束（恢复计算办案时限）", OPEN_INVESTIGATION_STATES, None,
               HANDLERS, guards=("actor_is_handler", "excluded_period_running"), effect=end_exclusion_effect,
               after=end_exclusion_after, basis=EXCLUSION),
)
# fmt: on
