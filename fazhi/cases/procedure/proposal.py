"""The handlers' proposal (处理意见), its review by the lead (审查) and the legal review (法制审核).

The proposal states the facts found (`findings`: what the notice and the decision print, 行政处罚法 第四十四条、
第五十九条第一款第（二）项) and when the violation occurred (the limitation, 第三十六条, and the repeat within a year,
广东省劳动保障监察条例 第五十三条, run from that day). A notice approved here is not yet served: the party's periods
start
when it receives it (`fazhi.cases.procedure.notice`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from fazhi.accounts.models import Role
from fazhi.cases import assessment
from fazhi.cases.models import Case
from fazhi.cases.outcomes import OUTCOMES
from fazhi.cases.procedure import measures
from fazhi.cases.procedure.base import HANDLERS, LEAD, LEGAL, Context, GuardKind, Transition, guard, states
from fazhi.cases.procedure.common import amount, day
from fazhi.cases.states import State

# The facts the penalty calculator weighs (fazhi.cases.assessment.FACT_FIELDS); the proposal step takes them.
PROPOSAL_FACT_FIELDS = assessment.FACT_FIELDS
# Outcomes that find a violation: the proposal names which, the facts found and when it occurred.
FINDS_VIOLATION = frozenset({"rectification", "handling_decision", "penalty"})
PROPOSAL_FIELDS = (
    "proposed_outcome", "violation_code", "findings", "occurred_on", "violation_ended_on",
    "warning", "proposed_fine", "confiscation_amount", "revoke_licence", "stop_work", "correction",
    "major_case", "proposal", *PROPOSAL_FACT_FIELDS, "fine_reasons", "new_facts", "prior_order", "prior_order_due_on",
    "also_violation_codes",
)  # fmt: skip


@guard(GuardKind.INPUT)
def outcome_proposed(ctx: Context) -> list[str]:
    outcome = str(ctx.data.get("proposed_outcome", ""))
    problems = []
    if outcome not in OUTCOMES:
        problems.append("请选择拟处理意见。")
    if not str(ctx.data.get("proposal", "")).strip():
        problems.append("请填写处理意见的理由和依据。")
    if outcome in FINDS_VIOLATION:
        if not (ctx.data.get("violation_code") or ctx.case.violation_code):
            problems.append("拟作出处罚或处理决定的，请选择违法行为。")
        if not str(ctx.data.get("findings", "")).strip():
            problems.append("拟作出处罚或处理决定的，请填写查明的违法事实（行政处罚法第四十四条、第五十九条）。")
        if not (ctx.data.get("occurred_on") or ctx.case.occurred_on):
            problems.append("请填写违法行为发生日期（行政处罚法第三十六条）。")
    occurred, ended = day(ctx.data.get("occurred_on")), day(ctx.data.get("violation_ended_on"))
    if occurred is not None and ended is not None and ended < occurred:
        problems.append("违法行为终了日期不能早于发生日期。")
    code = str(ctx.data.get("violation_code") or ctx.case.violation_code)
    if outcome == "penalty":
        problems += measures.problems(code, measures.from_data(ctx.data, "proposed_fine"))
    elif measures.names_a_penalty(ctx.data, "proposed_fine"):
        problems.append("只有行政处罚才填写警告、罚款、没收违法所得、吊销或停产停业。")
    return problems


@guard(GuardKind.INPUT)
def no_heavier_proposal_without_new_facts(ctx: Context) -> list[str]:
    """行政处罚法 第四十五条第二款: the party's defence never makes the penalty heavier. After a defence or hearing,
    a proposal heavier than the one notified (a higher fine, another kind of penalty) needs new facts or evidence,
    recorded with it."""
    case = ctx.case
    if not case.defence_stated or case.notice_given_on is None or ctx.data.get("proposed_outcome") != "penalty":
        return []
    proposed = measures.from_data(ctx.data, "proposed_fine")
    fine, notified = measures.fine_of(proposed), case.notified_fine
    heavier = measures.heavier_kinds(proposed, measures.loaded(case.proposed_measures))
    if fine is not None and notified is not None and fine > notified:
        heavier.append(f"罚款高于已告知的 {notified} 元")
    if heavier and not str(ctx.data.get("new_facts", "")).strip():
        return [
            f"当事人已陈述申辩，新的处理意见重于已告知的（{'、'.join(heavier)}），须写明新的事实和证据；"
            "不得因当事人申辩而加重处罚（行政处罚法第四十五条第二款）。"
        ]
    return []


@guard(GuardKind.INPUT)
def proposed_fine_in_range(ctx: Context) -> list[str]:
    """The proposed penalty against the calculator's answer (fazhi.cases.assessment): a fine never outside the
    statute's range; outside the standard's tier, or other penalties than the tier gives (警告 alone, 警告 and 罚款 …),
    only with written reasons, which send the case to legal review."""
    if not (ctx.data.get("violation_code") or ctx.case.violation_code) or ctx.data.get("proposed_outcome") != "penalty":
        return []
    proposed = measures.from_data(ctx.data, "proposed_fine")
    fine = measures.fine_of(proposed)
    result = assessment.assess_proposal(ctx.case, ctx.data, ctx.today)
    if isinstance(result, str):
        # Without a fine, the count a fine would be computed on is not needed (a warning alone).
        return [result] if fine is not None else []
    reasons = str(ctx.data.get("fine_reasons", ""))
    return assessment.fine_problems(result, fine, reasons, [m.kind for m in measures.penalties(proposed)])


def needs_legal_review(case: Case) -> bool:
    """行政处罚法 第五十八条: before the decision, a legal review for the outcomes the bureau lists (penalties by
    default), for complex or major cases, for a fine proposed outside the standard's range or below the statutory
    minimum (减轻处罚, 第三十二条) or other penalties than the standard's tier gives (with reasons), for 不予处罚 of a
    violation found (第三十三条: the standard's 不予处罚 row or the statute's grounds), and above the configured amounts
    (docs/configuration.md)."""
    if case.proposed_outcome in set(settings.FAZHI_LEGAL_REVIEW_OUTCOMES) or case.major_case or case.fine_reasons:
        return True
    if case.assessment.get("needs_legal_review") and case.proposed_outcome in ("penalty", "no_penalty"):
        return True
    fine_threshold = amount(settings.FAZHI_LEGAL_REVIEW_FINE_THRESHOLD)
    if fine_threshold is not None and case.proposed_fine is not None and case.proposed_fine >= fine_threshold:
        return True
    wage_threshold = amount(settings.FAZHI_LEGAL_REVIEW_WAGE_THRESHOLD)
    return (
        wage_threshold is not None
        and case.proposed_outcome == "handling_decision"
        and case.total_owed >= wage_threshold
    )


@guard(GuardKind.ROUTING)
def legal_review_required(ctx: Context) -> list[str]:
    return [] if needs_legal_review(ctx.case) else ["该处理意见无需法制审核。"]


@guard(GuardKind.ROUTING)
def legal_review_not_required(ctx: Context) -> list[str]:
    return ["该处理意见须先经法制审核（行政处罚法第五十八条）。"] if needs_legal_review(ctx.case) else []


@guard(GuardKind.STATE)
def not_the_proposer(ctx: Context) -> list[str]:
    # Separation of duties, an internal control: whoever proposed the outcome neither approves it nor decides.
    return (
        ["处理意见的提出人不能审批或决定本案。"] if ctx.actor is None or ctx.case.proposed_by_id == ctx.actor.pk else []
    )


@guard(GuardKind.STATE)
def legal_qualification(ctx: Context) -> list[str]:
    # 行政处罚法 第五十八条第二款: first-time legal reviewers need the legal qualification.
    ok = ctx.actor is not None and ctx.actor.has_role(Role.LEGAL) and ctx.actor.has_legal_qualification
    return [] if ok else ["法制审核须由具有法律职业资格的法制审核员进行（行政处罚法第五十八条）。"]


@guard(GuardKind.ROUTING)
def no_hearing_held(ctx: Context) -> list[str]:
    return ["已举行听证，请按听证后的法制审核办理。"] if ctx.case.hearing_held_on else []


@guard(GuardKind.ROUTING)
def hearing_held(ctx: Context) -> list[str]:
    return [] if ctx.case.hearing_held_on else ["本案未举行听证。"]


# What a new proposal clears: the notice, defence, hearing and reviews of an earlier proposal.
PROPOSAL_RESET: dict[str, Any] = {
    "notice_given_on": None,
    "notice_served_on": None,
    "notice_service_method": "",
    "notified_fine": None,
    "defence_stated": False,
    "hearing_on": None,
    "hearing_notified_on": None,
    "hearing_presider": None,
    "hearing_held_on": None,
    "legal_review_passed_on": None,
    "collective_discussion_on": None,
}


def propose_effect(ctx: Context) -> dict[str, Any]:
    case, data = ctx.case, ctx.data
    code = str(data.get("violation_code") or case.violation_code)
    changes: dict[str, Any] = dict(PROPOSAL_RESET)
    changes["proposed_outcome"] = str(data["proposed_outcome"])
    changes["proposal"] = str(data["proposal"]).strip()
    changes["findings"] = str(data.get("findings", "")).strip()
    changes["proposed_by"] = ctx.actor
    changes["violation_code"] = code
    proposed = measures.from_data(data, "proposed_fine") if changes["proposed_outcome"] == "penalty" else []
    changes["proposed_measures"] = measures.as_json(proposed)
    changes["proposed_fine"] = measures.fine_of(proposed)
    changes["major_case"] = bool(data.get("major_case"))
    if data.get("occurred_on"):
        changes["occurred_on"] = day(data["occurred_on"])
    if data.get("violation_ended_on"):
        changes["violation_ended_on"] = day(data["violation_ended_on"])
    changes["prior_order"] = str(data.get("prior_order", "")).strip()
    changes["prior_order_due_on"] = day(data.get("prior_order_due_on"))
    changes["repeat_offender"] = assessment.repeat_offender(case, code, changes.get("occurred_on", case.occurred_on))
    kinds = [m.kind for m in measures.penalties(proposed)]
    changes["assessment"], changes["fine_reasons"] = assessment.proposal_record(case, data, ctx.today, kinds)
    return changes


def notice_effect(ctx: Context) -> dict[str, Any]:
    return {"notice_given_on": ctx.today, "notified_fine": ctx.case.proposed_fine}


def legal_review_to_notice_effect(ctx: Context) -> dict[str, Any]:
    return {**notice_effect(ctx), "legal_review_passed_on": ctx.today}


def legal_review_effect(ctx: Context) -> dict[str, Any]:
    return {"legal_review_passed_on": ctx.today}


LEGAL_REVIEW = "行政处罚法 第五十八条"

# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("propose", "提出处理意见", states(State.INVESTIGATING), State.PROPOSAL_REVIEW, HANDLERS,
               guards=("actor_is_handler", "outcome_proposed", "proposed_fine_in_range",
                       "no_heavier_proposal_without_new_facts", "prior_order_unmet", "no_fine_instead_of_transfer"),
               fields=PROPOSAL_FIELDS,
               effect=propose_effect, basis="行政处罚法 第五十七条"),
    Transition("send_back_proposal", "退回补充调查", states(State.PROPOSAL_REVIEW), State.INVESTIGATING, LEAD,
               needs_reason=True),
    Transition("approve_proposal", "审查通过（送法制审核）", states(State.PROPOSAL_REVIEW), State.LEGAL_REVIEW, LEAD,
               guards=("legal_review_required", "not_the_proposer"), basis=LEGAL_REVIEW),
    Transition("approve_proposal_to_notice", "审查通过（告知当事人）", states(State.PROPOSAL_REVIEW), State.NOTICE,
               LEAD, guards=("legal_review_not_required", "not_the_proposer"), effect=notice_effect,
               basis="行政处罚法 第四十四条"),
    # 5. Legal review (法制审核) by a qualified reviewer; again after a hearing (第五十八条第一款第（二）项).
    Transition("pass_legal_review", "法制审核通过", states(State.LEGAL_REVIEW), State.NOTICE, LEGAL,
               guards=("legal_qualification", "no_hearing_held"), effect=legal_review_to_notice_effect,
               basis=LEGAL_REVIEW),
    Transition("pass_legal_review_after_hearing", "法制审核通过（听证后）", states(State.LEGAL_REVIEW),
               State.DECISION, LEGAL, guards=("legal_qualification", "hearing_held"), effect=legal_review_effect,
               basis="行政处罚法 第五十八条第一款第（二）项"),
    Transition("fail_legal_review", "法制审核退回补充调查", states(State.LEGAL_REVIEW), State.INVESTIGATING, LEGAL,
               guards=("legal_qualification",), needs_reason=True, basis=LEGAL_REVIEW),
    Transition("return_legal_review", "法制审核退回审查", states(State.LEGAL_REVIEW), State.PROPOSAL_REVIEW, LEGAL,
               guards=("legal_qualification",), needs_reason=True, basis=LEGAL_REVIEW),
)
# fmt: on
