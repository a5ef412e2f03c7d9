"""The guards named in the transition table (`fazhi.cases.workflow`). Each returns the Chinese reasons the step may
not go ahead now; an empty list lets it through. They read; they never write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fazhi.accounts.models import Role, User
from fazhi.cases.models import INTAKE_SOURCES, Case, Period, PeriodState
from fazhi.cases.outcomes import LEGAL_REVIEW_OUTCOMES, OUTCOMES, REFUSAL_GROUNDS


@dataclass(frozen=True)
class Context:
    case: Case
    actor: User
    data: Mapping[str, Any]
    today: dt.date


Guard = Callable[[Context], list[str]]


def _certified(user: User | None) -> bool:
    return user is not None and user.is_active and bool(user.enforcement_certificate_number)


def two_certified_handlers(ctx: Context) -> list[str]:
    # 行政处罚法 第四十二条: investigation by at least two officers holding enforcement certificates.
    case = ctx.case
    if case.handler_id is None or case.co_handler_id is None or case.handler_id == case.co_handler_id:
        return ["立案前须指定主办人和协办人两名执法人员（行政处罚法第四十二条）。"]
    if not (_certified(case.handler) and _certified(case.co_handler)):
        return ["主办人和协办人均须持有行政执法证（行政处罚法第四十二条）。"]
    return []


def completion_not_yet_requested(ctx: Context) -> list[str]:
    # 广东条例 第三十九条: the request to complete is made once (一次性告知).
    return ["已经告知过补正，不能再次要求补正。"] if ctx.case.completion_requested else []


def refusal_ground_given(ctx: Context) -> list[str]:
    ground = str(ctx.data.get("refusal_ground", ""))
    if ground not in REFUSAL_GROUNDS:
        return ["请选择不予受理的法定理由。"]
    return []


def was_received(ctx: Context) -> list[str]:
    return [] if ctx.case.source in INTAKE_SOURCES else ["自行发现的案件没有受理环节，不能退回受理。"]


def actor_is_handler(ctx: Context) -> list[str]:
    ids = {ctx.case.handler_id, ctx.case.co_handler_id}
    return [] if ctx.actor.pk in ids else ["只有本案的主办人或协办人可以提出处理意见。"]


def outcome_proposed(ctx: Context) -> list[str]:
    outcome = str(ctx.data.get("proposed_outcome", ""))
    problems = []
    if outcome not in OUTCOMES:
        problems.append("请选择拟处理意见。")
    if not str(ctx.data.get("proposal", "")).strip():
        problems.append("请填写处理意见的事实、理由和依据。")
    return problems


def decision_outcome_given(ctx: Context) -> list[str]:
    outcome = str(ctx.data.get("decision_outcome") or ctx.case.proposed_outcome)
    return [] if outcome in OUTCOMES else ["请选择处理决定。"]


def _needs_legal_review(case: Case) -> bool:
    # 行政处罚法 第五十八条: major penalty decisions pass a legal review before the decision.
    return case.proposed_outcome in LEGAL_REVIEW_OUTCOMES


def legal_review_required(ctx: Context) -> list[str]:
    return [] if _needs_legal_review(ctx.case) else ["该处理意见无需法制审核。"]


def legal_review_not_required(ctx: Context) -> list[str]:
    return ["该处理意见须先经法制审核（行政处罚法第五十八条）。"] if _needs_legal_review(ctx.case) else []


def not_the_proposer(ctx: Context) -> list[str]:
    # Separation of duties: whoever proposed the outcome neither approves it nor decides.
    return ["处理意见的提出人不能审批或决定本案。"] if ctx.case.proposed_by_id == ctx.actor.pk else []


def legal_qualification(ctx: Context) -> list[str]:
    # 行政处罚法 第五十八条第二款: first-time legal reviewers need the legal qualification.
    ok = ctx.actor.has_role(Role.LEGAL) and ctx.actor.has_legal_qualification
    return [] if ok else ["法制审核须由具有法律职业资格的法制审核员进行（行政处罚法第五十八条）。"]


def hearing_request_period_over(ctx: Context) -> list[str]:
    # 行政处罚法 第六十四条: the party has 5 working days to ask for a hearing; the decision waits for them, unless
    # the party has stated that it waives its rights (recorded as `waived` in the step's data).
    if ctx.data.get("waived"):
        return []
    running = Period.objects.filter(case=ctx.case, code="hearing_request", state=PeriodState.RUNNING).first()
    if running is not None and (running.due_on is None or ctx.today <= running.due_on):
        until = f"至 {running.due_on:%Y-%m-%d} 届满" if running.due_on else "尚未届满"
        return [f"当事人申请听证的期限{until}，届满前不能作出决定（行政处罚法第六十四条）。"]
    return []


def _filing_pending(case: Case) -> bool:
    return Period.objects.filter(case=case, code="filing_with_superior", state=PeriodState.RUNNING).exists()


def filing_with_superior_pending(ctx: Context) -> list[str]:
    return [] if _filing_pending(ctx.case) else ["本案没有待报备案的决定。"]


def filed_with_superior(ctx: Context) -> list[str]:
    # 广东条例 第四十八条: the decision is filed with the superior department before the case closes.
    return (
        ["结案前须将处理决定报上一级部门备案（广东省劳动保障监察条例第四十八条）。"]
        if _filing_pending(ctx.case)
        else []
    )


def was_decided(ctx: Context) -> list[str]:
    return [] if ctx.case.decided_on else ["本案未作出决定，不能退回执行环节。"]


def not_suspended(ctx: Context) -> list[str]:
    return ["案件已中止。"] if ctx.case.suspended else []


def suspended(ctx: Context) -> list[str]:
    return [] if ctx.case.suspended else ["案件未中止。"]


def not_yet_extended(ctx: Context) -> list[str]:
    # Extension is allowed once (劳动保障监察条例 第十七条; 广东条例 第四十四条).
    return ["办案期限已延长过一次，不能再次延长。"] if ctx.case.extended else []


GUARDS: dict[str, Guard] = {
    "two_certified_handlers": two_certified_handlers,
    "completion_not_yet_requested": completion_not_yet_requested,
    "refusal_ground_given": refusal_ground_given,
    "was_received": was_received,
    "actor_is_handler": actor_is_handler,
    "outcome_proposed": outcome_proposed,
    "legal_review_required": legal_review_required,
    "legal_review_not_required": legal_review_not_required,
    "not_the_proposer": not_the_proposer,
    "decision_outcome_given": decision_outcome_given,
    "legal_qualification": legal_qualification,
    "hearing_request_period_over": hearing_request_period_over,
    "was_decided": was_decided,
    "filing_with_superior_pending": filing_with_superior_pending,
    "filed_with_superior": filed_with_superior,
    "not_suspended": not_suspended,
    "suspended": suspended,
    "not_yet_extended": not_yet_extended,
}
