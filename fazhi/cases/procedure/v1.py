"""The labour-inspection procedure, version 1 (as it ran until December 2026), kept as data: the history of a case
that followed it is read with these labels. Its steps no longer run (every case was moved to version 2 by migration
cases 0010; `fazhi.cases.workflow`), so its rows carry no effects.
"""

from __future__ import annotations

from fazhi.cases.procedure.base import LEGAL, SYSTEM, Transition
from fazhi.cases.states import OPEN_INVESTIGATION_STATES, State

HANDLERS = frozenset({"inspector"})
LEAD = frozenset({"lead"})
DECIDERS = frozenset({"director", "leader"})
PROPOSAL_FACT_FIELDS = ("workers", "child_months", "base_amount", "harm", "first_violation", "corrected_promptly")
STAFFED_STATES = frozenset(
    {State.FILING_REVIEW, *OPEN_INVESTIGATION_STATES, State.SERVICE, State.PERFORMANCE, State.CLOSING_REVIEW}
)


def _s(*states: State) -> frozenset[State]:
    return frozenset(states)


# fmt: off
TRANSITIONS: tuple[Transition, ...] = (
    # 1. Intake (受理): within 5 working days of receipt; no answer in time = accepted (广东条例 第三十九条).
    Transition("accept", "受理", _s(State.RECEIVED), State.FILING_REVIEW, HANDLERS | LEAD,
               meets=("complaint_acceptance",), basis="广东省劳动保障监察条例 第三十六条、第三十九条"),
    Transition("request_completion", "一次性告知补正", _s(State.RECEIVED), State.AWAITING_COMPLETION, HANDLERS | LEAD,
               guards=("completion_not_yet_requested",), needs_reason=True, meets=("complaint_acceptance",),
               basis="广东省劳动保障监察条例 第三十九条"),
    Transition("complete", "补正完成", _s(State.AWAITING_COMPLETION), State.RECEIVED, HANDLERS | LEAD,
               opens=("complaint_acceptance",), basis="广东省劳动保障监察条例 第三十九条"),
    Transition("refuse", "不予受理", _s(State.RECEIVED, State.AWAITING_COMPLETION), State.REFUSED, LEAD,
               guards=("refusal_ground_given",), needs_reason=True, meets=("complaint_acceptance",),
               fields=("refusal_ground",), basis="广东省劳动保障监察条例 第三十九条"),
    Transition("deem_accepted", "逾期未告知，视为受理", _s(State.RECEIVED), State.FILING_REVIEW, SYSTEM,
               guards=("acceptance_period_over",), meets=("complaint_acceptance",),
               basis="广东省劳动保障监察条例 第三十九条第二款"),
    # 2. Filing (立案), approved by the lead.
    Transition("approve_filing", "批准立案", _s(State.FILING_REVIEW), State.INVESTIGATING, LEAD,
               guards=("two_certified_handlers",), meets=("filing_own_discovery",), opens=("investigation",),
               basis="广东省劳动保障监察条例 第三十二条；行政处罚法 第四十二条"),
    Transition("return_filing", "退回立案申请", _s(State.FILING_REVIEW), State.RECEIVED, LEAD, needs_reason=True,
               guards=("was_received",)),
    # 3. Investigation: evidence preservation only with a leader's approval, decided within 7 working days.
    Transition("request_preservation", "申请先行登记保存", _s(State.INVESTIGATING), None, HANDLERS,
               guards=("actor_is_handler", "no_preservation_pending"), fields=("preservation_items",),
               basis="行政处罚法 第五十六条"),
    Transition("approve_preservation", "批准先行登记保存", _s(State.INVESTIGATING), None, DECIDERS,
               guards=("preservation_requested",), opens=("evidence_preservation_decision",),
               basis="行政处罚法 第五十六条"),
    Transition("reject_preservation", "不批准先行登记保存", _s(State.INVESTIGATING), None, DECIDERS,
               guards=("preservation_requested",), needs_reason=True, basis="行政处罚法 第五十六条"),
    Transition("decide_preservation", "对登记保存的证据作出处理决定", OPEN_INVESTIGATION_STATES, None, HANDLERS,
               guards=("evidence_preserved",), meets=("evidence_preservation_decision",),
               fields=("preservation_decision",), basis="行政处罚法 第五十六条"),
    # Each inquiry and site inspection is recorded (笔录) by the two officers who held it.
    Transition("record_investigation", "记录调查询问或现场检查", _s(State.INVESTIGATING), None, HANDLERS,
               guards=("actor_is_handler", "two_certified_handlers"),
               fields=("record_kind", "held_on", "place", "subject", "content"),
               basis="行政处罚法 第四十二条、第五十五条；劳动保障监察条例 第十五条、第十六条"),
    # Recusal (回避) is decided by the department head; reassignment by the lead. Both keep the state.
    Transition("decide_recusal", "决定回避", STAFFED_STATES, None, DECIDERS,
               guards=("replacement_is_valid",), needs_reason=True, fields=("recused", "replacement"),
               basis="行政处罚法 第四十三条；劳动保障监察条例 第十六条第二款"),
    Transition("reassign", "更换办案人员", STAFFED_STATES, None, LEAD,
               guards=("new_handlers_are_valid",), needs_reason=True, fields=("handler", "co_handler"),
               basis="行政处罚法 第四十二条"),
    # 4. Proposal and review (审查).
    Transition("propose", "提出处理意见", _s(State.INVESTIGATING), State.PROPOSAL_REVIEW, HANDLERS,
               guards=("actor_is_handler", "outcome_proposed", "proposed_fine_in_range"),
               fields=("proposed_outcome", "violation_code", "proposed_fine", "major_case", "proposal",
                       *PROPOSAL_FACT_FIELDS, "fine_reasons"),
               basis="行政处罚法 第五十七条"),
    Transition("send_back_proposal", "退回补充调查", _s(State.PROPOSAL_REVIEW), State.INVESTIGATING, LEAD,
               needs_reason=True),
    Transition("approve_proposal", "审查通过（送法制审核）", _s(State.PROPOSAL_REVIEW), State.LEGAL_REVIEW, LEAD,
               guards=("legal_review_required", "not_the_proposer"), basis="行政处罚法 第五十八条"),
    Transition("approve_proposal_to_notice", "审查通过（告知当事人）", _s(State.PROPOSAL_REVIEW), State.NOTICE, LEAD,
               guards=("legal_review_not_required", "not_the_proposer"), opens=("hearing_request",),
               basis="行政处罚法 第四十四条"),
    # 5. Legal review (法制审核) by a qualified reviewer; again after a hearing (第五十八条第一款第二项).
    Transition("pass_legal_review", "法制审核通过", _s(State.LEGAL_REVIEW), State.NOTICE, LEGAL,
               guards=("legal_qualification", "no_hearing_held"), opens=("hearing_request",),
               basis="行政处罚法 第五十八条"),
    Transition("pass_legal_review_after_hearing", "法制审核通过（听证后）", _s(State.LEGAL_REVIEW), State.DECISION,
               LEGAL, guards=("legal_qualification", "hearing_held"), basis="行政处罚法 第五十八条第一款第（二）项"),
    Transition("fail_legal_review", "法制审核退回补充调查", _s(State.LEGAL_REVIEW), State.INVESTIGATING, LEGAL,
               guards=("legal_qualification",), needs_reason=True, basis="行政处罚法 第五十八条"),
    Transition("return_legal_review", "法制审核退回审查", _s(State.LEGAL_REVIEW), State.PROPOSAL_REVIEW, LEGAL,
               guards=("legal_qualification",), needs_reason=True, basis="行政处罚法 第五十八条"),
    # 6. Notice and hearing: 5 working days to ask for a hearing, notice 7 working days ahead (第六十四条).
    Transition("record_defence", "记录陈述申辩", _s(State.NOTICE, State.HEARING), None, HANDLERS,
               fields=("defence",), basis="行政处罚法 第四十四条、第四十五条"),
    Transition("request_hearing", "当事人申请听证", _s(State.NOTICE), State.HEARING, HANDLERS,
               guards=("hearing_available", "hearing_request_in_time"), meets=("hearing_request",),
               basis="行政处罚法 第六十三条、第六十四条"),
    Transition("close_notice", "告知期满（陈述申辩已听取）", _s(State.NOTICE), State.DECISION, HANDLERS,
               guards=("hearing_request_period_over",), meets=("hearing_request",), fields=("waived",),
               basis="行政处罚法 第四十四条、第四十五条、第六十二条"),
    Transition("schedule_hearing", "发出听证通知", _s(State.HEARING), None, HANDLERS,
               guards=("hearing_date_and_presider_valid",), fields=("hearing_on", "hearing_presider"),
               basis="行政处罚法 第六十四条第一款第（二）项、第（四）项"),
    Transition("finish_hearing", "听证结束（送法制审核）", _s(State.HEARING), State.LEGAL_REVIEW, HANDLERS,
               guards=("hearing_can_end",), fields=("hearing_record",),
               basis="行政处罚法 第六十四条、第六十五条、第五十八条"),
    # 7. Decision by the director or a leader, never the proposer; collective discussion for complex or major cases.
    Transition("record_collective_discussion", "记录集体讨论", _s(State.DECISION), None, DECIDERS,
               fields=("discussion",), basis="行政处罚法 第五十七条第二款"),
    Transition("decide", "作出决定", _s(State.DECISION), State.SERVICE, DECIDERS,
               guards=("not_the_proposer", "not_suspended", "decision_outcome_given", "decided_fine_in_range",
                       "decision_within_notice", "collective_discussion_held"),
               meets=("investigation",), opens=("service", "filing_with_superior", "decision_publication"),
               fields=("decision_outcome", "fine_amount", "comply_by"),
               basis="劳动保障监察条例 第十八条；行政处罚法 第五十七条、第四十五条"),
    Transition("send_back_decision", "退回补充调查", _s(State.DECISION), State.INVESTIGATING, DECIDERS,
               needs_reason=True, basis="行政处罚法 第五十七条"),
    Transition("revoke_filing", "撤销立案", _s(State.INVESTIGATING, State.DECISION), State.CLOSING_REVIEW, DECIDERS,
               needs_reason=True, meets=("investigation",), basis="广东省劳动保障监察条例 第四十六条"),
    # 8. Service within 7 working days (第六十一条); public notice counts after 60 days (广东条例 第四十七条).
    Transition("serve", "送达", _s(State.SERVICE), State.PERFORMANCE, HANDLERS,
               guards=("service_is_valid",), meets=("service",),
               opens=("fine_payment", "court_enforcement_application"),
               fields=("service_method", "served_on", "consent"),
               basis="行政处罚法 第六十一条；广东省劳动保障监察条例 第四十七条"),
    # 9. Performance and enforcement.
    Transition("record_fine_payment", "登记罚款缴纳", _s(State.PERFORMANCE), None, HANDLERS,
               guards=("penalty_decided", "fine_payment_is_valid"), meets=("fine_payment",),
               fields=("paid_on", "amount"),
               basis="行政处罚法 第六十七条、第七十二条"),
    Transition("record_wage_payment", "登记工资支付", _s(State.PERFORMANCE), None, HANDLERS,
               guards=("wages_ordered", "wage_payment_is_valid"), fields=("worker", "amount", "paid_on"),
               basis="劳动保障监察条例 第二十六条"),
    Transition("order_additional_compensation", "责令加付赔偿金", _s(State.PERFORMANCE), None, DECIDERS,
               guards=("wages_ordered", "wages_overdue"), fields=("rate",), needs_reason=True,
               basis="劳动合同法 第八十五条；劳动保障监察条例 第二十六条"),
    Transition("verify_correction", "复查整改情况", _s(State.PERFORMANCE), None, HANDLERS,
               guards=("correction_ordered",), needs_reason=True, basis="劳动保障监察条例 第十八条第一款第（二）项"),
    Transition("record_performance", "履行完毕", _s(State.PERFORMANCE), State.CLOSING_REVIEW, HANDLERS,
               guards=("decision_performed",), meets=("fine_payment", "court_enforcement_application"),
               basis="行政处罚法 第六十七条"),
    Transition("apply_court_enforcement", "申请人民法院强制执行", _s(State.PERFORMANCE), State.CLOSING_REVIEW,
               DECIDERS, guards=("payment_ordered", "court_enforcement_window_open"), needs_reason=True,
               meets=("court_enforcement_application", "fine_payment"),
               basis="行政处罚法 第七十二条第一款第（四）项；最高人民法院关于适用《行政诉讼法》的解释 第一百五十六条"),
    # Every decision is filed with the superior department within 10 days (广东条例 第四十八条).
    Transition("file_with_superior", "报上一级部门备案",
               _s(State.SERVICE, State.PERFORMANCE, State.CLOSING_REVIEW), None, HANDLERS | LEAD,
               guards=("filing_with_superior_pending",), meets=("filing_with_superior",),
               basis="广东省劳动保障监察条例 第四十八条"),
    # 10. Closing and archive.
    Transition("approve_closing", "批准结案", _s(State.CLOSING_REVIEW), State.CLOSED, LEAD,
               guards=("filed_with_superior",), basis="广东省劳动保障监察条例 第四十八条"),
    Transition("send_back_closing", "退回", _s(State.CLOSING_REVIEW), State.PERFORMANCE, LEAD, needs_reason=True,
               guards=("was_decided",)),
    Transition("archive", "归档", _s(State.CLOSED), State.ARCHIVED, HANDLERS | LEAD,
               basis="行政处罚法 第四十七条"),
    # Throughout the investigation: suspension, resumption, extension (广东条例 第四十四条、第四十五条).
    Transition("suspend", "中止调查", OPEN_INVESTIGATION_STATES, None, DECIDERS,
               guards=("not_suspended",), needs_reason=True, opens=("suspension_notice_to_complainant",),
               basis="广东省劳动保障监察条例 第四十五条"),
    Transition("notify_suspension", "书面告知投诉人中止", OPEN_INVESTIGATION_STATES, None, HANDLERS,
               guards=("suspension_notice_pending",), meets=("suspension_notice_to_complainant",),
               basis="广东省劳动保障监察条例 第四十五条"),
    Transition("resume", "恢复调查", OPEN_INVESTIGATION_STATES, None, DECIDERS,
               guards=("suspended",), basis="广东省劳动保障监察条例 第四十五条"),
    Transition("extend", "延长办案期限", OPEN_INVESTIGATION_STATES, None, DECIDERS,
               guards=("not_yet_extended", "not_suspended"), needs_reason=True,
               basis="劳动保障监察条例 第十七条；广东省劳动保障监察条例 第四十四条"),
)
# fmt: on
