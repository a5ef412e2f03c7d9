"""The labour-inspection procedure as a transition table (version 1).

Read it beside the statute: each row is one step a user can take, from which states, to which state, by whom, under
which guard, and which statutory periods it meets and opens. `fazhi.cases.actions.transition` is the only code that
changes a case's state, and it does exactly what a row says. A case records the version of the procedure it follows
(`Case.procedure_version`), so a later version never strands cases in flight: add a new table, keep this one.

Guards are named here and implemented in `fazhi.cases.guards` (each returns the Chinese reasons it fails, empty when
the step may go ahead). Period codes are those of `fazhi/rules/data/periods.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class State(StrEnum):
    RECEIVED = "received"  # 待受理: a complaint or report registered
    AWAITING_COMPLETION = "awaiting_completion"  # 待补正: a one-time request to complete was sent
    REFUSED = "refused"  # 不予受理
    FILING_REVIEW = "filing_review"  # 立案审批
    INVESTIGATING = "investigating"  # 调查取证
    PROPOSAL_REVIEW = "proposal_review"  # 审查 (the lead reviews the handler's proposal)
    LEGAL_REVIEW = "legal_review"  # 法制审核
    NOTICE = "notice"  # 告知: statement of defence, hearing request
    HEARING = "hearing"  # 听证
    DECISION = "decision"  # 待决定
    SERVICE = "service"  # 送达
    PERFORMANCE = "performance"  # 履行与执行
    CLOSING_REVIEW = "closing_review"  # 结案审批
    CLOSED = "closed"  # 结案
    ARCHIVED = "archived"  # 归档

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS: dict[State, str] = {
    State.RECEIVED: "待受理",
    State.AWAITING_COMPLETION: "待补正",
    State.REFUSED: "不予受理",
    State.FILING_REVIEW: "立案审批",
    State.INVESTIGATING: "调查取证",
    State.PROPOSAL_REVIEW: "审查",
    State.LEGAL_REVIEW: "法制审核",
    State.NOTICE: "告知",
    State.HEARING: "听证",
    State.DECISION: "待决定",
    State.SERVICE: "送达",
    State.PERFORMANCE: "履行与执行",
    State.CLOSING_REVIEW: "结案审批",
    State.CLOSED: "结案",
    State.ARCHIVED: "归档",
}

# States a case no longer moves out of (read-only afterwards).
FINAL_STATES = frozenset({State.REFUSED, State.ARCHIVED})
# States in which the investigation clock runs and suspension or extension may be asked for.
OPEN_INVESTIGATION_STATES = frozenset(
    {
        State.INVESTIGATING,
        State.PROPOSAL_REVIEW,
        State.LEGAL_REVIEW,
        State.NOTICE,
        State.HEARING,
        State.DECISION,
    }
)


@dataclass(frozen=True)
class Transition:
    action: str  # stable English identifier, used in URLs, the API and the journal ("cases.<action>")
    label: str  # what the user sees
    sources: frozenset[State]
    target: State | None  # None: the state stays (suspension, extension, reassignment)
    roles: frozenset[str]  # any of these roles may take the step (within their unit scope)
    guards: tuple[str, ...] = ()
    needs_reason: bool = False
    meets: tuple[str, ...] = ()  # periods this step fulfils
    opens: tuple[str, ...] = ()  # periods this step starts
    basis: str = ""  # the article that requires or allows the step
    fields: tuple[str, ...] = field(default=())  # form fields the step takes (beyond the reason)


def _s(*states: State) -> frozenset[State]:
    return frozenset(states)


HANDLERS = frozenset({"inspector"})
LEAD = frozenset({"lead"})
DECIDERS = frozenset({"director", "leader"})
LEGAL = frozenset({"legal"})

# fmt: off
TRANSITIONS: tuple[Transition, ...] = (
    # 1. Intake (受理): within 5 working days of receipt; no answer in time = accepted (广东条例 第三十九条).
    Transition("accept", "受理", _s(State.RECEIVED), State.FILING_REVIEW, HANDLERS | LEAD,
               meets=("complaint_acceptance",), basis="广东省劳动保障监察条例 第三十六条、第三十九条"),
    Transition("request_completion", "一次性告知补正", _s(State.RECEIVED), State.AWAITING_COMPLETION, HANDLERS | LEAD,
               guards=("completion_not_yet_requested",), needs_reason=True,
               basis="广东省劳动保障监察条例 第三十九条"),
    Transition("complete", "补正完成", _s(State.AWAITING_COMPLETION), State.RECEIVED, HANDLERS | LEAD,
               basis="广东省劳动保障监察条例 第三十九条"),
    Transition("refuse", "不予受理", _s(State.RECEIVED, State.AWAITING_COMPLETION), State.REFUSED, LEAD,
               guards=("refusal_ground_given",), needs_reason=True, meets=("complaint_acceptance",),
               fields=("refusal_ground",), basis="广东省劳动保障监察条例 第三十九条"),
    # 2. Filing (立案), approved by the lead.
    Transition("approve_filing", "批准立案", _s(State.FILING_REVIEW), State.INVESTIGATING, LEAD,
               guards=("two_certified_handlers",), meets=("filing_own_discovery",), opens=("investigation",),
               basis="广东省劳动保障监察条例 第三十二条；行政处罚法 第四十二条"),
    Transition("return_filing", "退回立案申请", _s(State.FILING_REVIEW), State.RECEIVED, LEAD, needs_reason=True,
               guards=("was_received",)),
    # 4. Proposal and review (审查).
    Transition("propose", "提出处理意见", _s(State.INVESTIGATING), State.PROPOSAL_REVIEW, HANDLERS,
               guards=("actor_is_handler", "outcome_proposed"), fields=("proposed_outcome", "proposal"),
               basis="行政处罚法 第五十七条"),
    Transition("send_back_proposal", "退回补充调查", _s(State.PROPOSAL_REVIEW), State.INVESTIGATING, LEAD,
               needs_reason=True),
    Transition("approve_proposal", "审查通过（送法制审核）", _s(State.PROPOSAL_REVIEW), State.LEGAL_REVIEW, LEAD,
               guards=("legal_review_required", "not_the_proposer"), basis="行政处罚法 第五十八条"),
    Transition("approve_proposal_to_notice", "审查通过", _s(State.PROPOSAL_REVIEW), State.NOTICE, LEAD,
               guards=("legal_review_not_required", "not_the_proposer"), opens=("hearing_request",),
               basis="行政处罚法 第四十四条"),
    # 5. Legal review (法制审核) by a reviewer with the legal qualification.
    Transition("pass_legal_review", "法制审核通过", _s(State.LEGAL_REVIEW), State.NOTICE, LEGAL,
               guards=("legal_qualification",), opens=("hearing_request",), basis="行政处罚法 第五十八条"),
    Transition("fail_legal_review", "法制审核退回", _s(State.LEGAL_REVIEW), State.INVESTIGATING, LEGAL,
               guards=("legal_qualification",), needs_reason=True, basis="行政处罚法 第五十八条"),
    # 6. Notice and hearing: 5 working days to ask for a hearing (第六十四条).
    Transition("request_hearing", "当事人申请听证", _s(State.NOTICE), State.HEARING, HANDLERS,
               meets=("hearing_request",), basis="行政处罚法 第六十四条"),
    Transition("close_notice", "告知期满（陈述申辩已听取）", _s(State.NOTICE), State.DECISION, HANDLERS,
               guards=("hearing_request_period_over",), meets=("hearing_request",),
               basis="行政处罚法 第四十四条、第四十五条"),
    Transition("finish_hearing", "听证结束", _s(State.HEARING), State.DECISION, HANDLERS,
               basis="行政处罚法 第六十四条、第六十五条"),
    # 7. Decision by the director or a leader, never the proposer.
    Transition("decide", "作出决定", _s(State.DECISION), State.SERVICE, DECIDERS,
               guards=("not_the_proposer", "decision_outcome_given"), meets=("investigation",), opens=("service",),
               fields=("decision_outcome",), basis="劳动保障监察条例 第十八条；行政处罚法 第五十七条"),
    Transition("revoke_filing", "撤销立案", _s(State.INVESTIGATING, State.DECISION), State.CLOSING_REVIEW, DECIDERS,
               needs_reason=True, meets=("investigation",), basis="广东省劳动保障监察条例 第四十六条"),
    # 8. Service within 7 working days (第六十一条).
    Transition("serve", "送达", _s(State.SERVICE), State.PERFORMANCE, HANDLERS,
               meets=("service",), opens=("fine_payment", "filing_with_superior"),
               fields=("service_method", "served_on"),
               basis="行政处罚法 第六十一条；广东省劳动保障监察条例 第四十七条"),
    # 9. Performance and enforcement.
    Transition("record_performance", "履行完毕", _s(State.PERFORMANCE), State.CLOSING_REVIEW, HANDLERS,
               meets=("fine_payment",), basis="行政处罚法 第六十七条"),
    # Every decision is filed with the superior department within 10 days (广东条例 第四十八条).
    Transition("file_with_superior", "报上一级部门备案", _s(State.PERFORMANCE, State.CLOSING_REVIEW), None,
               HANDLERS | LEAD, guards=("filing_with_superior_pending",), meets=("filing_with_superior",),
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
    Transition("resume", "恢复调查", OPEN_INVESTIGATION_STATES, None, DECIDERS,
               guards=("suspended",), basis="广东省劳动保障监察条例 第四十五条"),
    Transition("extend", "延长办案期限", OPEN_INVESTIGATION_STATES, None, DECIDERS,
               guards=("not_yet_extended", "not_suspended"), needs_reason=True,
               basis="劳动保障监察条例 第十七条；广东省劳动保障监察条例 第四十四条"),
)
# fmt: on

BY_ACTION: dict[str, Transition] = {t.action: t for t in TRANSITIONS}


def available(state: State) -> list[Transition]:
    """The steps declared for a case in `state`, in table order (roles and guards not yet checked)."""
    return [t for t in TRANSITIONS if state in t.sources]


def transition_table_markdown() -> str:
    """The table for docs/architecture.md."""
    lines = [
        "| action | 步骤 | from | to | roles | guards | meets | opens | basis |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for t in TRANSITIONS:
        sources = ", ".join(sorted(s.value for s in t.sources))
        target = t.target.value if t.target else "(same)"
        lines.append(
            f"| `{t.action}` | {t.label} | {sources} | {target} | {', '.join(sorted(t.roles))} | "
            f"{', '.join(t.guards) or '—'} | {', '.join(t.meets) or '—'} | {', '.join(t.opens) or '—'} | "
            f"{t.basis or '—'} |"
        )
    return "\n".join(lines)
