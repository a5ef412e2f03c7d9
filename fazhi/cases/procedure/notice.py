"""Notice and hearing (告知、陈述申辩、听证).

The party is told the facts, grounds and proposed measures and its rights before a decision (行政处罚法 第四十四条;
for a 行政处理决定 劳动保障监察条例 第十九条, 广东省劳动保障监察条例 第二十四条). Its 5 working days to ask for a
hearing
run from the day it RECEIVED the notice (第六十四条第一款第（一）项 "告知后五日内"; 五日 are working days,
第八十五条), so
the notice's service is recorded; a request or a defence carries the day it was received, not the day it is entered.
No decision before the period is over, unless the party waived its rights in writing (第六十二条), and none while a
suspended period is pending. The hearing notice reaches the party 7 working days before the hearing (第六十四条
第一款第（二）项).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from fazhi.calendars.queries import working_calendar
from fazhi.cases.models import Period, PeriodState
from fazhi.cases.procedure.base import HANDLERS, Context, GuardKind, Transition, guard, states
from fazhi.cases.procedure.common import day, live_period, same_district, staff, user
from fazhi.cases.procedure.service import effective_on
from fazhi.cases.states import State
from fazhi.rules import periods as period_rules
from fazhi.rules.calendar import CalendarError
from fazhi.rules.measures import MeasureKind

# Measures for which the party may ask for a hearing (行政处罚法 第六十三条第一款: 较大数额罚款、没收较大数额违法所得、
# 吊销许可证件、责令停产停业 …). The amount counted as 较大数额 for 人社 in Guangdong was not found, so every fine and
# confiscation offers the hearing (lawful over-inclusion); a warning alone does not.
HEARING_KINDS = frozenset(
    {MeasureKind.FINE, MeasureKind.CONFISCATION, MeasureKind.REVOKE_LICENCE, MeasureKind.STOP_WORK}
)


def hearing_offered(case: Any) -> bool:
    if case.proposed_outcome != "penalty":
        return False
    kinds = {str(m.get("kind")) for m in case.proposed_measures or []}
    return not kinds or bool(kinds & {k.value for k in HEARING_KINDS})


@guard(GuardKind.ROUTING)
def notice_not_served(ctx: Context) -> list[str]:
    return ["告知书已送达。"] if ctx.case.notice_served_on else []


@guard(GuardKind.STATE)
def notice_served(ctx: Context) -> list[str]:
    return [] if ctx.case.notice_served_on else ["告知书尚未送达当事人，请先登记告知书的送达（行政处罚法第四十四条）。"]


@guard(GuardKind.INPUT)
def notice_service_date_valid(ctx: Context) -> list[str]:
    served = day(ctx.data.get("notice_served_on"))
    given = ctx.case.notice_given_on
    if served is not None and given is not None and served < given:
        return [f"告知书送达日期不能早于告知审批日期 {given:%Y-%m-%d}。"]
    return []


@guard(GuardKind.ROUTING)
def hearing_available(ctx: Context) -> list[str]:
    # 行政处罚法 第六十三条.
    return [] if hearing_offered(ctx.case) else ["拟作出的处理不适用听证程序（行政处罚法第六十三条）。"]


def _received(ctx: Context) -> dt.date:
    return day(ctx.data.get("received_on")) or ctx.today


@guard(GuardKind.INPUT)
def received_after_notice(ctx: Context) -> list[str]:
    received, served = day(ctx.data.get("received_on")), ctx.case.notice_served_on
    if received is not None and served is not None and received < served:
        return [f"收到日期不能早于告知书送达日期 {served:%Y-%m-%d}。"]
    return []


@guard(GuardKind.INPUT)
def hearing_request_in_time(ctx: Context) -> list[str]:
    # 行政处罚法 第六十四条第一款第（一）项: within 5 working days of receiving the notice; the day the request was
    # received counts, not the day it is entered. A period stopped by suspension has not run out.
    period = live_period(ctx.case, "hearing_request")
    if period is None:
        return ["本案没有进行中的听证申请期限。"]
    received = _received(ctx)
    if period.state == PeriodState.RUNNING and period.due_on is not None and received > period.due_on:
        return [
            f"听证申请于 {received:%Y-%m-%d} 收到，申请期限已于 {period.due_on:%Y-%m-%d} 届满，视为放弃听证"
            "（行政处罚法第六十四条）。"
        ]
    return []


@guard(GuardKind.INPUT)
def notice_period_over(ctx: Context) -> list[str]:
    """行政处罚法 第六十二条、第六十四条: the decision waits for the party's 5 working days (a suspended period is never
    over), unless the party waived its rights in writing, which is put on file (`waiver_document`)."""
    if ctx.data.get("waived"):
        if not ctx.data.get("waiver_document"):
            return ["当事人放弃陈述申辩和听证的，须有其书面声明，请登记该声明（行政处罚法第六十二条）。"]
        return []
    problems = []
    for code in ("hearing_request", "defence_statement"):
        period = live_period(ctx.case, code)
        if period is None:
            continue
        if period.state == PeriodState.SUSPENDED:
            problems.append(f"{period.name}已中止计算，恢复并届满前不能作出决定。")
        elif period.due_on is None or ctx.today <= period.due_on:
            until = f"至 {period.due_on:%Y-%m-%d} 届满" if period.due_on else "尚未届满"
            problems.append(f"{period.name}{until}，届满前不能作出决定（行政处罚法第六十二条、第六十四条）。")
    return problems


@guard(GuardKind.INPUT)
def hearing_date_and_presider_valid(ctx: Context) -> list[str]:
    case, problems = ctx.case, []
    hearing_on = day(ctx.data.get("hearing_on"))
    served = day(ctx.data.get("hearing_notice_served_on")) or ctx.today
    if hearing_on is not None:
        # 第六十四条第一款第（二）项: the notice reaches the party 7 working days before the hearing.
        rule = period_rules.period_rule("hearing_notice", str(settings.FAZHI_JURISDICTION))
        try:
            latest = period_rules.due_date(rule, hearing_on, working_calendar())
        except CalendarError as missing:
            problems.append(f"无法计算听证通知期限：{missing}")
        else:
            if served > latest:
                problems.append(
                    f"听证通知须在举行听证的七个工作日前送达当事人；{hearing_on:%Y-%m-%d} 举行的听证，通知最迟应于 "
                    f"{latest:%Y-%m-%d} 送达（行政处罚法第六十四条）。"
                )
        if hearing_on <= served:
            problems.append("听证日期应晚于听证通知送达日期。")
    presider = staff(ctx.data.get("hearing_presider"))
    if presider is not None:
        if presider.pk in {case.handler_id, case.co_handler_id, case.proposed_by_id}:
            problems.append("听证由非本案调查人员主持（行政处罚法第六十四条）。")
        elif not same_district(presider, case):
            problems.append("本机关中没有这个在职的工作人员。")
    return problems


@guard(GuardKind.STATE)
def hearing_can_end(ctx: Context) -> list[str]:
    if ctx.case.hearing_on is None:
        return ["尚未发出听证通知。"]
    if ctx.today < ctx.case.hearing_on:
        return [f"听证定于 {ctx.case.hearing_on:%Y-%m-%d} 举行，尚未举行。"]
    return []


def serve_notice_effect(ctx: Context) -> dict[str, Any]:
    return {
        "notice_served_on": day(ctx.data["notice_served_on"]),
        "notice_service_method": str(ctx.data["notice_service_method"]),
    }


def serve_notice_starts(ctx: Context) -> dict[str, Any]:
    case = ctx.case  # moved: the notice's service is recorded
    assert case.notice_served_on is not None
    received = effective_on(case, case.notice_service_method, case.notice_served_on)
    hearing = hearing_offered(case)
    return {"hearing_request": received if hearing else None, "defence_statement": None if hearing else received}


def defence_effect(ctx: Context) -> dict[str, Any]:
    return {"defence_stated": True}


def schedule_hearing_effect(ctx: Context) -> dict[str, Any]:
    return {
        "hearing_on": day(ctx.data["hearing_on"]),
        "hearing_presider": user(ctx.data["hearing_presider"]),
        "hearing_notified_on": day(ctx.data.get("hearing_notice_served_on")) or ctx.today,
    }


def finish_hearing_effect(ctx: Context) -> dict[str, Any]:
    # The party was heard: its defence counts (行政处罚法 第四十五条、第六十四条).
    return {"hearing_held_on": ctx.today, "hearing_record": str(ctx.data["hearing_record"]), "defence_stated": True}


def _request_received(ctx: Context) -> dt.date:
    return _received(ctx)


def open_notice_periods(case: Any) -> list[Period]:
    return list(Period.objects.filter(case=case, code__in=("hearing_request", "defence_statement")))


# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("serve_notice", "登记告知书送达", states(State.NOTICE), None, HANDLERS,
               guards=("notice_not_served", "notice_service_date_valid"),
               fields=("notice_service_method", "notice_served_on"), opens=("hearing_request", "defence_statement"),
               effect=serve_notice_effect, starts=serve_notice_starts,
               basis="行政处罚法 第四十四条、第六十四条第一款第（一）项；劳动保障监察条例 第十九条"),
    Transition("record_defence", "记录陈述申辩", states(State.NOTICE, State.HEARING, State.DECISION), None, HANDLERS,
               guards=("notice_served", "received_after_notice"), fields=("received_on", "defence"),
               effect=defence_effect, basis="行政处罚法 第四十四条、第四十五条；劳动保障监察条例 第十九条"),
    Transition("request_hearing", "当事人申请听证", states(State.NOTICE), State.HEARING, HANDLERS,
               guards=("hearing_available", "notice_served", "received_after_notice", "hearing_request_in_time"),
               fields=("received_on",), meets=("hearing_request",), met_on=_request_received,
               basis="行政处罚法 第六十三条、第六十四条第一款第（一）项"),
    Transition("close_notice", "告知期满（陈述申辩已听取）", states(State.NOTICE), State.DECISION, HANDLERS,
               guards=("notice_served", "not_suspended", "notice_period_over"), fields=("waived", "waiver_document"),
               meets=("hearing_request", "defence_statement"),
               basis="行政处罚法 第四十四条、第四十五条、第六十二条、第六十四条"),
    Transition("schedule_hearing", "发出听证通知", states(State.HEARING), None, HANDLERS,
               guards=("hearing_date_and_presider_valid",),
               fields=("hearing_on", "hearing_notice_served_on", "hearing_presider"), effect=schedule_hearing_effect,
               basis="行政处罚法 第六十四条第一款第（二）项、第（四）项"),
    Transition("finish_hearing", "听证结束（送法制审核）", states(State.HEARING), State.LEGAL_REVIEW, HANDLERS,
               guards=("hearing_can_end",), fields=("hearing_record",), effect=finish_hearing_effect,
               basis="行政处罚法 第六十四条、第六十五条、第五十八条"),
)
# fmt: on
