"""The decision (决定) by the organ's 负责人 — never the proposer; after collective discussion for complex or major
cases (行政处罚法 第五十七条) — and the revocation of a filing (撤销立案, 广东省劳动保障监察条例 第四十六条) with its
notice
to the complainant.

A case may hold several decisions (`Decision.sequence`): each decide step adds one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from fazhi.cases import assessment
from fazhi.cases.models import Decision, Source
from fazhi.cases.outcomes import ORDERS_WITH_DEADLINE, OUTCOMES, PAYMENT_ORDERS
from fazhi.cases.procedure import measures
from fazhi.cases.procedure.base import HANDLERS, HEADS, Context, GuardKind, Transition, guard, states
from fazhi.cases.procedure.common import amount, day, running
from fazhi.cases.procedure.follow_up import order_compensation
from fazhi.cases.procedure.proposal import FINDS_VIOLATION
from fazhi.cases.states import State
from fazhi.rules.measures import Measure, MeasureKind


class DecisionConflict(Exception):
    """Another decider took the same decision first (the database's unique (case, sequence))."""


def _decided_outcome(ctx: Context) -> str:
    return str(ctx.data.get("decision_outcome") or ctx.case.proposed_outcome)


def decided_measures(ctx: Context) -> list[Measure]:
    """The penalty's measures as decided: those typed into the step, or the ones the party was notified of; the
    order to correct first (行政处罚法 第二十八条第一款), its deadline the decision's `comply_by`."""
    if _decided_outcome(ctx) != "penalty":
        return []
    typed = measures.from_data(ctx.data, "fine_amount")
    chosen = typed if measures.penalties(typed) else measures.loaded(ctx.case.proposed_measures)
    order = next((m for m in typed if m.kind == MeasureKind.ORDER_CORRECTION), None)
    # What the decider wrote beyond "改正上述违法行为"; its deadline is the decision's `comply_by`.
    correction = Measure(MeasureKind.ORDER_CORRECTION, detail=order.detail if order else "")
    return [correction, *measures.penalties(chosen)]


@guard(GuardKind.INPUT)
def decision_outcome_given(ctx: Context) -> list[str]:
    outcome = _decided_outcome(ctx)
    if outcome not in OUTCOMES:
        return ["请选择处理决定。"]
    problems = []
    if outcome == "penalty":
        problems += measures.problems(ctx.case.violation_code, decided_measures(ctx))
    elif measures.names_a_penalty(ctx.data, "fine_amount"):
        problems.append("只有行政处罚才填写警告、罚款、没收违法所得、吊销或停产停业。")
    if outcome in ORDERS_WITH_DEADLINE and not ctx.data.get("comply_by"):
        problems.append("责令改正或支付的，请填写履行期限（限期）。")
    if outcome in FINDS_VIOLATION:
        if not ctx.case.violation_code:
            problems.append("处理意见未载明违法行为，请退回补充。")
        if not (ctx.data.get("facts_found") or ctx.case.findings):
            problems.append("请填写决定认定的违法事实（行政处罚法第五十九条第一款第（二）项）。")
    return problems


@guard(GuardKind.INPUT)
def decided_fine_in_range(ctx: Context) -> list[str]:
    """The decided fine against the range the proposal was assessed with (its reasons, if any, still hold)."""
    fine = measures.fine_of(decided_measures(ctx))
    if fine is None or not ctx.case.violation_code:
        return []
    result = assessment.assess_proposal(ctx.case, ctx.case.assessment.get("facts_given", {}), ctx.today)
    if isinstance(result, str):
        return [result]
    return assessment.fine_problems(result, fine, ctx.case.fine_reasons)


@guard(GuardKind.INPUT)
def decision_within_notice(ctx: Context) -> list[str]:
    """A penalty is decided only as it was notified (行政处罚法 第四十四条、第六十二条: facts, grounds and the proposed
    penalty are made known first, with the rights to defend and to a hearing), and never heavier after the party
    stated a defence or was heard (第四十五条第二款)."""
    case = ctx.case
    if _decided_outcome(ctx) != "penalty":
        return []
    if case.proposed_outcome != "penalty" or case.notice_given_on is None or case.notice_served_on is None:
        return [
            "当事人未被告知拟作出的行政处罚，不能作出处罚决定；请退回重新提出处理意见并告知（行政处罚法第四十四条、第六十二条）。"
        ]
    decided = decided_measures(ctx)
    new_kinds = measures.heavier_kinds(decided, measures.loaded(case.proposed_measures))
    if new_kinds:
        return [
            f"决定的{'、'.join(new_kinds)}未告知当事人，须退回重新提出处理意见并告知（行政处罚法第四十四条、第六十二条）。"
        ]
    fine = measures.fine_of(decided)
    if fine is not None and case.notified_fine is not None and fine > case.notified_fine:
        if case.defence_stated:
            return [f"当事人陈述申辩或听证后，罚款不得高于告知的 {case.notified_fine} 元（行政处罚法第四十五条）。"]
        return [f"罚款高于告知的 {case.notified_fine} 元，须重新告知当事人（行政处罚法第四十四条、第六十二条）。"]
    return []


@guard(GuardKind.STATE)
def collective_discussion_held(ctx: Context) -> list[str]:
    # 行政处罚法 第五十七条第二款: complex or major cases are decided by the leaders' collective discussion.
    if ctx.case.major_case and ctx.case.collective_discussion_on is None:
        return ["情节复杂或者重大违法行为，须经负责人集体讨论决定（行政处罚法第五十七条）。"]
    return []


@guard(GuardKind.ROUTING)
def revocation_notice_pending(ctx: Context) -> list[str]:
    return [] if running(ctx.case, "revocation_notice_to_complainant") else ["没有待告知投诉人的撤销立案。"]


def decide_effect(ctx: Context) -> dict[str, Any]:
    case, data = ctx.case, ctx.data
    return {
        "decision_outcome": _decided_outcome(ctx),
        "decided_on": ctx.today,
        "fine_amount": measures.fine_of(decided_measures(ctx)),
        "comply_by": day(data.get("comply_by")),
        "repeat_offender": assessment.repeat_offender(case, case.violation_code, case.occurred_on),
    }


def decide_after(ctx: Context) -> dict[str, Any]:
    case = ctx.case  # moved: the decision's fields are set
    assert ctx.actor is not None
    applied = assessment.decision_record(case, case.fine_amount, ctx.today)
    sequence = (case.decisions.aggregate(last=Max("sequence"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            Decision.objects.create(
                case=case,
                sequence=sequence,
                outcome=case.decision_outcome,
                decided_by=ctx.actor,
                decided_on=ctx.today,
                fine_amount=case.fine_amount,
                comply_by=case.comply_by,
                facts_found=str(ctx.data.get("facts_found") or case.findings).strip(),
                measures=measures.as_json(decided_measures(ctx)),
                repeat_offender=case.repeat_offender,
                assessment=applied,
                range_min=amount(applied.get("fine_min")),
                range_max=amount(applied.get("fine_max")),
                # 行政处罚法 第七十二条第一款第（一）项 "可以": imposed unless the decider says not.
                surcharge_imposed=ctx.data.get("surcharge_imposed") != "no",
            )
    except IntegrityError as exc:  # the database backstop: one decision per case and sequence
        raise DecisionConflict from exc
    recorded: dict[str, Any] = {"decision": sequence}
    if case.decision_outcome == "additional_compensation":
        rate = amount(ctx.data.get("rate")) or case.compensation_rate
        assert rate is not None  # compensation_rate_valid
        recorded["additional_compensation_total"] = str(order_compensation(case, rate))
    return recorded


def decide_starts(ctx: Context) -> dict[str, Any]:
    outcome = ctx.case.decision_outcome
    return {
        # 广东条例 第四十八条: 行政处罚决定、行政处理决定 are filed with the superior department.
        "filing_with_superior": ctx.today if outcome in PAYMENT_ORDERS else None,
        # 行政处罚法 第四十八条: penalty decisions are published.
        "decision_publication": ctx.today if outcome == "penalty" else None,
    }


def collective_effect(ctx: Context) -> dict[str, Any]:
    return {"collective_discussion_on": ctx.today}


def _revocation_notice(ctx: Context) -> dict[str, dt.date | None]:
    # 广东条例 第四十六条第二款: a complaint case's revocation is made known to the complainant.
    return {"revocation_notice_to_complainant": ctx.today if ctx.case.source == Source.COMPLAINT else None}


# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("record_collective_discussion", "记录集体讨论", states(State.DECISION), None, HEADS,
               fields=("discussion",), effect=collective_effect, delegable=True,
               basis="行政处罚法 第五十七条第二款"),
    Transition("decide", "作出决定", states(State.DECISION), State.SERVICE, HEADS,
               guards=("not_the_proposer", "not_suspended", "decision_outcome_given", "decided_fine_in_range",
                       "decision_within_notice", "collective_discussion_held", "compensation_rate_valid"),
               meets=("investigation",), opens=("service", "filing_with_superior", "decision_publication"),
               fields=("decision_outcome", "facts_found", "warning", "fine_amount", "confiscation_amount",
                       "revoke_licence", "stop_work", "correction", "comply_by", "surcharge_imposed", "rate"),
               effect=decide_effect, after=decide_after, starts=decide_starts, delegable=True,
               basis="劳动保障监察条例 第十八条；行政处罚法 第五十七条、第四十五条"),
    Transition("send_back_decision", "退回补充调查", states(State.DECISION), State.INVESTIGATING, HEADS,
               needs_reason=True, delegable=True, basis="行政处罚法 第五十七条"),
    Transition("revoke_filing", "撤销立案", states(State.INVESTIGATING, State.DECISION), State.CLOSING_REVIEW, HEADS,
               needs_reason=True, meets=("investigation",), opens=("revocation_notice_to_complainant",),
               starts=_revocation_notice, delegable=True, basis="广东省劳动保障监察条例 第四十六条"),
    Transition("notify_revocation", "告知投诉人撤销立案",
               states(State.CLOSING_REVIEW, State.CLOSED), None, HANDLERS,
               guards=("revocation_notice_pending",), meets=("revocation_notice_to_complainant",),
               basis="广东省劳动保障监察条例 第四十六条第二款"),
)
# fmt: on
