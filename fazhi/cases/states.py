"""The states of a labour-inspection case, with their Chinese names. Imports nothing of the project, so the models,
the procedure tables and every reader can share it."""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    RECEIVED = "received"  # 待受理: a complaint or report registered
    AWAITING_COMPLETION = "awaiting_completion"  # 待补正: a one-time request to complete was sent
    REFUSED = "refused"  # 不予受理
    NOT_FILED = "not_filed"  # 不予立案: a report or discovery that needs no investigation (广东条例 第三十二条)
    REFERRED = "referred"  # 已移送: a report outside the bureau's jurisdiction sent on (广东条例 第三十三条第二款)
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
    State.NOT_FILED: "不予立案",
    State.REFERRED: "已移送",
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
FINAL_STATES = frozenset({State.REFUSED, State.NOT_FILED, State.REFERRED, State.ARCHIVED})
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
