"""Who handles the case and how long it may take: recusal and reassignment, suspension (中止) and resumption, the one
extension, and the written notices they owe the complainant.

Suspension stops only the periods whose rule says so (`stops_on_suspension`: the handling period in Guangdong,
广东省劳动保障监察条例 第四十五条 "中止计算监察办案时限"); the party's hearing period, the 7 working days to decide on
preserved evidence (行政处罚法 第五十六条) and the rest run on. Nationally (劳动保障监察条例 第十七条) there is no
suspension, and the step is not offered.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from fazhi.cases import periods
from fazhi.cases.models import Source
from fazhi.cases.procedure.base import HANDLERS, HEADS, LEAD, Context, GuardKind, Transition, guard
from fazhi.cases.procedure.common import may_handle, running, staff, user
from fazhi.cases.states import OPEN_INVESTIGATION_STATES, State
from fazhi.rules import periods as period_rules

# States from filing to closing, in which the handlers may be changed (recusal, reassignment).
STAFFED_STATES = frozenset(
    {State.FILING_REVIEW, *OPEN_INVESTIGATION_STATES, State.SERVICE, State.PERFORMANCE, State.CLOSING_REVIEW}
)
GD44 = "广东省劳动保障监察条例 第四十四条第二款"
GD45 = "广东省劳动保障监察条例 第四十五条"


@guard(GuardKind.INPUT)
def replacement_is_valid(ctx: Context) -> list[str]:
    # 行政处罚法 第四十三条: the officer withdraws; another certified officer takes over, so two still handle it.
    case, slot = ctx.case, str(ctx.data.get("recused", ""))
    if slot not in ("handler", "co_handler"):
        return ["请选择回避的办案人员。"]
    replacement = staff(ctx.data.get("replacement"))
    problems = may_handle(replacement, case)
    if replacement is not None and replacement.pk in {case.handler_id, case.co_handler_id}:
        problems.append("接替人员不能是本案现有的办案人员。")
    return problems


@guard(GuardKind.INPUT)
def new_handlers_are_valid(ctx: Context) -> list[str]:
    handler, co_handler = staff(ctx.data.get("handler")), staff(ctx.data.get("co_handler"))
    problems = may_handle(handler, ctx.case) + may_handle(co_handler, ctx.case)
    if handler is not None and co_handler is not None and handler.pk == co_handler.pk:
        problems.append("主办人和协办人应为两名不同的执法人员（行政处罚法第四十二条）。")
    return list(dict.fromkeys(problems))


@guard(GuardKind.ROUTING)
def not_suspended(ctx: Context) -> list[str]:
    return ["案件已中止。"] if ctx.case.suspended else []


@guard(GuardKind.ROUTING)
def suspended(ctx: Context) -> list[str]:
    return [] if ctx.case.suspended else ["案件未中止。"]


@guard(GuardKind.ROUTING)
def suspension_lawful(ctx: Context) -> list[str]:
    """Only where the handling period stops on suspension (广东条例 第四十五条); 劳动保障监察条例 第十七条 knows
    none."""
    try:
        rule = period_rules.period_rule("investigation", str(settings.FAZHI_JURISDICTION))
    except period_rules.UnknownPeriod:
        return ["本地区的办案期限规则不允许中止。"]
    return [] if rule.stops_on_suspension else ["本地区适用的办案期限（劳动保障监察条例第十七条）不中止计算。"]


@guard(GuardKind.ROUTING)
def not_yet_extended(ctx: Context) -> list[str]:
    # Extension is allowed once (劳动保障监察条例 第十七条; 广东条例 第四十四条第二款).
    return ["办案期限已延长过一次，不能再次延长。"] if ctx.case.extended else []


def _notice_pending(code: str, what: str) -> Any:
    def check(ctx: Context) -> list[str]:
        return [] if running(ctx.case, code) else [f"没有待{what}。"]

    check.__name__ = f"{code}_pending"
    return check


suspension_notice_pending = guard(GuardKind.ROUTING)(
    _notice_pending("suspension_notice_to_complainant", "书面告知投诉人的中止决定")
)
extension_notice_pending = guard(GuardKind.ROUTING)(
    _notice_pending("extension_notice_to_complainant", "书面通知投诉人的延期决定")
)


def _complainant_notice(code: str) -> Any:
    """The notice to the complainant opens only in a complaint case (the articles name the 投诉人)."""

    def starts(ctx: Context) -> dict[str, Any]:
        return {code: ctx.today if ctx.case.source == Source.COMPLAINT else None}

    return starts


def recusal_effect(ctx: Context) -> dict[str, Any]:
    return {str(ctx.data["recused"]): user(ctx.data["replacement"])}


def reassign_effect(ctx: Context) -> dict[str, Any]:
    return {"handler": user(ctx.data["handler"]), "co_handler": user(ctx.data["co_handler"])}


def suspend_effect(ctx: Context) -> dict[str, Any]:
    return {"suspended": True}


def suspend_after(ctx: Context) -> dict[str, Any]:
    stopped = periods.suspend_periods(ctx.case, on=ctx.today)
    return {"periods_stopped": stopped}


def resume_effect(ctx: Context) -> dict[str, Any]:
    return {"suspended": False}


def resume_after(ctx: Context) -> dict[str, Any]:
    periods.resume_periods(ctx.case, on=ctx.today, codes=periods.codes_stopped_by_suspension())
    return {}


def extend_effect(ctx: Context) -> dict[str, Any]:
    return {"extended": True}


def extend_after(ctx: Context) -> dict[str, Any]:
    periods.extend_period(ctx.case, "investigation")
    return {}


# fmt: off
ROWS: tuple[Transition, ...] = (
    # Recusal (回避) is decided by the organ's 负责人 (行政处罚法 第四十三条第三款); reassignment by the lead.
    Transition("decide_recusal", "决定回避", STAFFED_STATES, None, HEADS,
               guards=("replacement_is_valid",), needs_reason=True, fields=("recused", "replacement"),
               effect=recusal_effect, delegable=True,
               basis="行政处罚法 第四十三条第三款；劳动保障监察条例 第十六条第二款"),
    Transition("reassign", "指定（更换）办案人员", STAFFED_STATES, None, LEAD,
               guards=("new_handlers_are_valid",), needs_reason=True, fields=("handler", "co_handler"),
               effect=reassign_effect, basis="行政处罚法 第四十二条"),
    Transition("suspend", "中止调查", OPEN_INVESTIGATION_STATES, None, HEADS,
               guards=("suspension_lawful", "not_suspended", "no_excluded_period"), needs_reason=True,
               opens=("suspension_notice_to_complainant",), effect=suspend_effect, after=suspend_after,
               starts=_complainant_notice("suspension_notice_to_complainant"), delegable=True,
               basis=f"{GD45}"),
    Transition("notify_suspension", "书面告知投诉人中止", OPEN_INVESTIGATION_STATES, None, HANDLERS,
               guards=("suspension_notice_to_complainant_pending",), meets=("suspension_notice_to_complainant",),
               basis=f"{GD45}第二款"),
    Transition("resume", "恢复调查", OPEN_INVESTIGATION_STATES, None, HEADS,
               guards=("suspended",), effect=resume_effect, after=resume_after, delegable=True,
               basis=f"{GD45}第二款"),
    Transition("extend", "延长办案期限", OPEN_INVESTIGATION_STATES, None, HEADS,
               guards=("not_yet_extended", "not_suspended"), needs_reason=True,
               opens=("extension_notice_to_complainant",), effect=extend_effect, after=extend_after,
               starts=_complainant_notice("extension_notice_to_complainant"), delegable=True,
               basis=f"劳动保障监察条例 第十七条；{GD44}"),
    Transition("notify_extension", "书面通知投诉人延期", OPEN_INVESTIGATION_STATES, None, HANDLERS,
               guards=("extension_notice_to_complainant_pending",), meets=("extension_notice_to_complainant",),
               basis=f"{GD44}"),
)
# fmt: on
