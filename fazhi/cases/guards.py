"""The guards named in the transition table (`fazhi.cases.workflow`). Each returns the Chinese reasons the step may
not go ahead now; an empty list lets it through. They read; they never write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings

from fazhi.accounts.models import Role, User
from fazhi.calendars.queries import working_calendar
from fazhi.cases import assessment
from fazhi.cases.models import INTAKE_SOURCES, Case, Period, PeriodState
from fazhi.cases.outcomes import ORDERS_WITH_DEADLINE, OUTCOMES, PAYMENT_ORDERS, REFUSAL_GROUNDS
from fazhi.cases.periods import chain_start
from fazhi.rules import money
from fazhi.rules import periods as period_rules
from fazhi.rules.calendar import CalendarError


@dataclass(frozen=True)
class Context:
    case: Case
    actor: User | None  # None: the system
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
    return [] if ctx.actor is not None and ctx.actor.pk in ids else ["只有本案的主办人或协办人可以办理此步骤。"]


# Outcomes that find a violation: the proposal names which (the case list filters by it; 从重 compares it).
FINDS_VIOLATION = frozenset({"rectification", "handling_decision", "penalty"})


def outcome_proposed(ctx: Context) -> list[str]:
    outcome = str(ctx.data.get("proposed_outcome", ""))
    problems = []
    if outcome not in OUTCOMES:
        problems.append("请选择拟处理意见。")
    if not str(ctx.data.get("proposal", "")).strip():
        problems.append("请填写处理意见的事实、理由和依据。")
    if outcome in FINDS_VIOLATION and not (ctx.data.get("violation_code") or ctx.case.violation_code):
        problems.append("拟作出处罚或处理决定的，请选择违法行为。")
    if outcome == "penalty" and not ctx.data.get("proposed_fine"):
        problems.append("拟作行政处罚的，请填写拟罚款金额。")
    if outcome != "penalty" and ctx.data.get("proposed_fine"):
        problems.append("只有行政处罚才填写罚款金额。")
    return problems


def _decided_outcome(ctx: Context) -> str:
    return str(ctx.data.get("decision_outcome") or ctx.case.proposed_outcome)


def decision_outcome_given(ctx: Context) -> list[str]:
    outcome = _decided_outcome(ctx)
    if outcome not in OUTCOMES:
        return ["请选择处理决定。"]
    problems = []
    if outcome == "penalty" and not ctx.data.get("fine_amount"):
        problems.append("作出行政处罚的，请填写罚款金额（行政处罚法第五十九条）。")
    if outcome != "penalty" and ctx.data.get("fine_amount"):
        problems.append("只有行政处罚才填写罚款金额。")
    if outcome in ORDERS_WITH_DEADLINE and not ctx.data.get("comply_by"):
        problems.append("责令改正或支付的，请填写履行期限（限期）。")
    if outcome in FINDS_VIOLATION and not ctx.case.violation_code:
        problems.append("处理意见未载明违法行为，请退回补充。")
    return problems


def _amount(value: object) -> Decimal | None:
    return Decimal(str(value)) if value not in (None, "") else None


def needs_legal_review(case: Case) -> bool:
    """行政处罚法 第五十八条: before the decision, a legal review for the outcomes the bureau lists (penalties by
    default), for complex or major cases, for a fine proposed outside the standard's range (with reasons), and above
    the configured amounts (docs/configuration.md)."""
    if case.proposed_outcome in set(settings.FAZHI_LEGAL_REVIEW_OUTCOMES) or case.major_case or case.fine_reasons:
        return True
    fine_threshold = _amount(settings.FAZHI_LEGAL_REVIEW_FINE_THRESHOLD)
    if fine_threshold is not None and case.proposed_fine is not None and case.proposed_fine >= fine_threshold:
        return True
    wage_threshold = _amount(settings.FAZHI_LEGAL_REVIEW_WAGE_THRESHOLD)
    return (
        wage_threshold is not None
        and case.proposed_outcome == "handling_decision"
        and case.total_owed >= wage_threshold
    )


def legal_review_required(ctx: Context) -> list[str]:
    return [] if needs_legal_review(ctx.case) else ["该处理意见无需法制审核。"]


def legal_review_not_required(ctx: Context) -> list[str]:
    return ["该处理意见须先经法制审核（行政处罚法第五十八条）。"] if needs_legal_review(ctx.case) else []


def not_the_proposer(ctx: Context) -> list[str]:
    # Separation of duties: whoever proposed the outcome neither approves it nor decides.
    return (
        ["处理意见的提出人不能审批或决定本案。"] if ctx.actor is None or ctx.case.proposed_by_id == ctx.actor.pk else []
    )


def legal_qualification(ctx: Context) -> list[str]:
    # 行政处罚法 第五十八条第二款: first-time legal reviewers need the legal qualification.
    ok = ctx.actor is not None and ctx.actor.has_role(Role.LEGAL) and ctx.actor.has_legal_qualification
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


def _running(case: Case, code: str) -> Period | None:
    return Period.objects.filter(case=case, code=code, state=PeriodState.RUNNING).first()


def acceptance_period_over(ctx: Context) -> list[str]:
    # 广东条例 第三十九条第二款: no notice within 5 working days = accepted from receipt.
    period = _running(ctx.case, "complaint_acceptance")
    if period is None or period.due_on is None or ctx.today <= period.due_on:
        return ["受理期限尚未届满。"]
    return []


def no_preservation_pending(ctx: Context) -> list[str]:
    return ["已有先行登记保存尚未处理完毕。"] if ctx.case.preservation else []


def preservation_requested(ctx: Context) -> list[str]:
    return [] if ctx.case.preservation == "requested" else ["没有待批准的先行登记保存申请。"]


def evidence_preserved(ctx: Context) -> list[str]:
    return [] if ctx.case.preservation == "preserved" else ["没有已先行登记保存、待作处理决定的证据。"]


def _staff(username: object) -> User | None:
    return User.objects.filter(username=str(username or ""), is_active=True).select_related("unit").first()


def _may_handle(user: User | None, case: Case) -> list[str]:
    """Why `user` may not handle `case`: a handler is an active inspector with an enforcement certificate in the
    case's unit or a unit below it (行政处罚法 第四十二条)."""
    if user is None or not user.has_role(Role.INSPECTOR) or not _certified(user):
        return ["办案人员须为持有行政执法证的监察员（行政处罚法第四十二条）。"]
    if user.unit is None or not user.unit.path.startswith(case.unit.path):
        return [f"{user.display_name}不属于本案承办机构，不能办理本案。"]
    return []


def district_path(case: Case) -> str:
    """The path of the case's district: the first two levels of the unit tree ("/1/4/")."""
    return "/".join(case.unit.path.split("/")[:3]) + "/"


def _same_district(user: User, case: Case) -> bool:
    """`user` works in the case's district or above it."""
    if user.unit is None:
        return False
    district = district_path(case)
    return district.startswith(user.unit.path) or user.unit.path.startswith(district)


def replacement_is_valid(ctx: Context) -> list[str]:
    # 行政处罚法 第四十三条: the officer withdraws; another certified officer takes over, so two still handle it.
    case, slot = ctx.case, str(ctx.data.get("recused", ""))
    if slot not in ("handler", "co_handler"):
        return ["请选择回避的办案人员。"]
    replacement = _staff(ctx.data.get("replacement"))
    problems = _may_handle(replacement, case)
    if replacement is not None and replacement.pk in {case.handler_id, case.co_handler_id}:
        problems.append("接替人员不能是本案现有的办案人员。")
    return problems


def new_handlers_are_valid(ctx: Context) -> list[str]:
    handler, co_handler = _staff(ctx.data.get("handler")), _staff(ctx.data.get("co_handler"))
    problems = _may_handle(handler, ctx.case) + _may_handle(co_handler, ctx.case)
    if handler is not None and co_handler is not None and handler.pk == co_handler.pk:
        problems.append("主办人和协办人应为两名不同的执法人员（行政处罚法第四十二条）。")
    return list(dict.fromkeys(problems))


def no_hearing_held(ctx: Context) -> list[str]:
    return ["已举行听证，请按听证后的法制审核办理。"] if ctx.case.hearing_held_on else []


def hearing_held(ctx: Context) -> list[str]:
    return [] if ctx.case.hearing_held_on else ["本案未举行听证。"]


def hearing_available(ctx: Context) -> list[str]:
    # 行政处罚法 第六十三条: a hearing for the heavier penalties (较大数额罚款 and others). The amount the bureau counts
    # as 较大数额 was not found for 人社 in Guangdong, so every proposed penalty offers the hearing.
    return [] if ctx.case.proposed_outcome == "penalty" else ["拟作出的不是行政处罚，不适用听证程序。"]


def hearing_request_in_time(ctx: Context) -> list[str]:
    # 行政处罚法 第六十四条第一款第（一）项: within 5 working days of the notice.
    period = _running(ctx.case, "hearing_request")
    if period is None:
        return ["本案没有进行中的听证申请期限。"]
    if period.due_on is not None and ctx.today > period.due_on:
        return [f"听证申请期限已于 {period.due_on:%Y-%m-%d} 届满，视为放弃听证（行政处罚法第六十四条）。"]
    return []


def hearing_date_and_presider_valid(ctx: Context) -> list[str]:
    case, problems = ctx.case, []
    raw = ctx.data.get("hearing_on")
    if raw:
        hearing_on = dt.date.fromisoformat(str(raw))
        rule = period_rules.period_rule("hearing_notice", str(settings.FAZHI_JURISDICTION))
        try:
            latest = period_rules.due_date(rule, hearing_on, working_calendar())
        except CalendarError as missing:
            problems.append(f"无法计算听证通知期限：{missing}")
        else:
            if ctx.today > latest:
                problems.append(
                    f"听证通知须在举行听证的七个工作日前送达；{hearing_on:%Y-%m-%d} 举行的听证最迟应于 "
                    f"{latest:%Y-%m-%d} 通知（行政处罚法第六十四条）。"
                )
    presider = _staff(ctx.data.get("hearing_presider"))
    if presider is not None:
        if presider.pk in {case.handler_id, case.co_handler_id, case.proposed_by_id}:
            problems.append("听证由非本案调查人员主持（行政处罚法第六十四条）。")
        elif not _same_district(presider, case):
            problems.append("听证主持人应为本机关的工作人员。")
    return problems


def hearing_can_end(ctx: Context) -> list[str]:
    if ctx.case.hearing_on is None:
        return ["尚未发出听证通知。"]
    if ctx.today < ctx.case.hearing_on:
        return [f"听证定于 {ctx.case.hearing_on:%Y-%m-%d} 举行，尚未举行。"]
    return []


def collective_discussion_held(ctx: Context) -> list[str]:
    # 行政处罚法 第五十七条第二款: complex or major cases are decided by the leaders' collective discussion.
    if ctx.case.major_case and ctx.case.collective_discussion_on is None:
        return ["情节复杂或者重大违法行为，须经负责人集体讨论决定（行政处罚法第五十七条）。"]
    return []


def decision_within_notice(ctx: Context) -> list[str]:
    """A penalty is decided only as it was notified (行政处罚法 第四十四条、第六十二条: facts, grounds and the proposed
    penalty are made known first, with the rights to defend and to a hearing), and never heavier after the party
    stated a defence or was heard (第四十五条第二款)."""
    case = ctx.case
    if _decided_outcome(ctx) != "penalty":
        return []
    if case.proposed_outcome != "penalty" or case.notice_given_on is None:
        return [
            "当事人未被告知拟作出的行政处罚，不能作出处罚决定；请退回重新提出处理意见并告知（行政处罚法第四十四条、第六十二条）。"
        ]
    fine = _amount(ctx.data.get("fine_amount"))
    if fine is not None and case.notified_fine is not None and fine > case.notified_fine:
        if case.defence_stated:
            return [f"当事人陈述申辩或听证后，罚款不得高于告知的 {case.notified_fine} 元（行政处罚法第四十五条）。"]
        return [f"罚款高于告知的 {case.notified_fine} 元，须重新告知当事人（行政处罚法第四十四条、第六十二条）。"]
    return []


def proposed_fine_in_range(ctx: Context) -> list[str]:
    """The proposed fine against the calculator's range (fazhi.cases.assessment): never outside the statute's range;
    outside the standard's tier only with written reasons, which send the case to legal review."""
    fine = _amount(ctx.data.get("proposed_fine"))
    if fine is None or not (ctx.data.get("violation_code") or ctx.case.violation_code):
        return []
    result = assessment.assess_proposal(ctx.case, ctx.data, ctx.today)
    if isinstance(result, str):
        return [result]
    return assessment.fine_problems(result, fine, str(ctx.data.get("fine_reasons", "")))


def decided_fine_in_range(ctx: Context) -> list[str]:
    """The decided fine against the range the proposal was assessed with (its reasons, if any, still hold)."""
    fine = _amount(ctx.data.get("fine_amount"))
    if fine is None or not ctx.case.violation_code:
        return []
    result = assessment.assess_proposal(ctx.case, ctx.case.assessment.get("facts_given", {}), ctx.today)
    if isinstance(result, str):
        return [result]
    return assessment.fine_problems(result, fine, ctx.case.fine_reasons)


def service_is_valid(ctx: Context) -> list[str]:
    # 行政处罚法 第六十一条第二款: electronic service only when the party has agreed and signed the confirmation.
    if ctx.data.get("service_method") == "electronic" and not ctx.data.get("consent"):
        return ["电子送达须当事人同意并签订确认书（行政处罚法第六十一条）。"]
    return []


def surcharge_due(case: Case, as_of: dt.date) -> Decimal:
    """加处罚款 owed on `as_of` for a fine not yet paid (行政处罚法 第七十二条)."""
    period = Period.objects.filter(case=case, code="fine_payment").order_by("-pk").first()
    if case.fine_amount is None or period is None or period.due_on is None:
        return Decimal("0.00")
    return money.late_payment_surcharge(case.fine_amount, period.due_on, as_of)


def penalty_decided(ctx: Context) -> list[str]:
    case = ctx.case
    if case.decision_outcome != "penalty" or case.fine_amount is None:
        return ["本案没有罚款决定。"]
    return ["罚款已登记缴纳。"] if case.fine_paid_on is not None else []


def wages_ordered(ctx: Context) -> list[str]:
    if ctx.case.decision_outcome != "handling_decision":
        return ["本案没有责令支付的处理决定。"]
    if not any(line.outstanding for line in ctx.case.worker_lines.all()):
        return ["责令支付的工资已全部支付。"]
    return []


def payment_ordered(ctx: Context) -> list[str]:
    if ctx.case.decision_outcome in PAYMENT_ORDERS:
        return []
    return ["本案决定没有可申请强制执行的给付内容。"]


def fine_payment_is_valid(ctx: Context) -> list[str]:
    case = ctx.case
    if case.fine_amount is None:
        return []
    amount, paid_on = _amount(ctx.data.get("amount")), ctx.data.get("paid_on")
    if amount is None or not paid_on:
        return []
    surcharge = surcharge_due(case, dt.date.fromisoformat(str(paid_on)))
    owed = case.fine_amount + surcharge
    if amount != owed:
        extra = f"及加处罚款 {surcharge} 元（行政处罚法第七十二条），合计 {owed} 元" if surcharge else ""
        return [f"应缴罚款 {case.fine_amount} 元{extra}；登记金额 {amount} 元不符（分期缴纳须另行批准）。"]
    return []


def wage_payment_is_valid(ctx: Context) -> list[str]:
    case = ctx.case
    raw = str(ctx.data.get("worker", ""))
    line = case.worker_lines.filter(pk=int(raw)).first() if raw.isdigit() else None
    if line is None:
        return ["请选择本案的劳动者。"]
    amount = _amount(ctx.data.get("amount"))
    if amount is not None and amount > line.outstanding:
        return [f"{line.name}尚欠 {line.outstanding} 元，登记金额不能超过尚欠金额。"]
    return []


def wages_overdue(ctx: Context) -> list[str]:
    # 加付赔偿金 once the wages ordered are still unpaid after the deadline (劳动合同法 第八十五条).
    case = ctx.case
    if case.comply_by is None:
        return ["处理决定没有载明支付期限。"]
    if ctx.today <= case.comply_by:
        return [f"责令支付的期限至 {case.comply_by:%Y-%m-%d} 届满，届满后仍未支付的方可责令加付赔偿金。"]
    lines = list(case.worker_lines.all())
    if any(line.additional_compensation for line in lines):
        return ["已经责令加付赔偿金。"]
    if not any(line.unpaid for line in lines):
        return ["工资已全部支付，无须加付赔偿金。"]
    return []


def correction_ordered(ctx: Context) -> list[str]:
    if ctx.case.decision_outcome != "rectification":
        return ["本案没有责令限期改正的决定。"]
    return ["整改情况已复查。"] if ctx.case.correction_verified_on else []


def performance_missing(case: Case) -> list[str]:
    """What the employer has not yet done of the decision (empty: performed)."""
    outcome = case.decision_outcome
    if outcome == "penalty" and case.fine_paid_on is None:
        return ["罚款尚未缴纳。"]
    if outcome == "handling_decision":
        # In the order the workers were entered (PostgreSQL returns rows in no set order, e.g. after an update).
        unpaid = [line.name for line in sorted(case.worker_lines.all(), key=lambda line: line.pk) if line.outstanding]
        if unpaid:
            return [f"尚未足额支付：{'、'.join(unpaid)}。"]
    if outcome == "rectification" and case.correction_verified_on is None:
        return ["整改情况尚未复查。"]
    return []


def decision_performed(ctx: Context) -> list[str]:
    return performance_missing(ctx.case)


def court_enforcement_window_open(ctx: Context) -> list[str]:
    # 行政诉讼法解释 第一百五十六条: within 3 months after the party's time to sue (6 months) has run out.
    case = ctx.case
    if not performance_missing(case):
        return ["决定已履行完毕，无须申请强制执行。"]
    period = _running(case, "court_enforcement_application")
    if period is None:
        return ["本案没有进行中的申请强制执行期限。"]
    litigation_end, _ = chain_start(period.code, period.started_on)
    if litigation_end is None:
        return ["当事人起诉期限的届满日须待导入下一年度节假日后确定。"]
    if ctx.today <= litigation_end:
        return [f"当事人的起诉期限至 {litigation_end:%Y-%m-%d} 届满，届满后三个月内方可申请人民法院强制执行。"]
    if period.due_on is not None and ctx.today > period.due_on:
        return [f"申请强制执行的期限已于 {period.due_on:%Y-%m-%d} 届满（逾期申请，除有正当理由外人民法院不予受理）。"]
    return []


def suspension_notice_pending(ctx: Context) -> list[str]:
    return [] if _running(ctx.case, "suspension_notice_to_complainant") else ["没有待告知的中止决定。"]


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
    "acceptance_period_over": acceptance_period_over,
    "no_preservation_pending": no_preservation_pending,
    "preservation_requested": preservation_requested,
    "evidence_preserved": evidence_preserved,
    "replacement_is_valid": replacement_is_valid,
    "new_handlers_are_valid": new_handlers_are_valid,
    "no_hearing_held": no_hearing_held,
    "hearing_held": hearing_held,
    "hearing_available": hearing_available,
    "hearing_request_in_time": hearing_request_in_time,
    "hearing_date_and_presider_valid": hearing_date_and_presider_valid,
    "hearing_can_end": hearing_can_end,
    "collective_discussion_held": collective_discussion_held,
    "decision_within_notice": decision_within_notice,
    "proposed_fine_in_range": proposed_fine_in_range,
    "decided_fine_in_range": decided_fine_in_range,
    "service_is_valid": service_is_valid,
    "fine_payment_is_valid": fine_payment_is_valid,
    "wage_payment_is_valid": wage_payment_is_valid,
    "wages_overdue": wages_overdue,
    "correction_ordered": correction_ordered,
    "decision_performed": decision_performed,
    "court_enforcement_window_open": court_enforcement_window_open,
    "suspension_notice_pending": suspension_notice_pending,
    "penalty_decided": penalty_decided,
    "wages_ordered": wages_ordered,
    "payment_ordered": payment_ordered,
}
