"""The handling of one judicial or procuratorial suggestion received by the bureau, as a transition table.

Read it beside the sources (fazhi/rules/data/suggestions.toml): each row is one step, from which states, to which
state, by whom, and its basis. `fazhi.suggestions.actions` takes the steps, one action each, and checks the row before
anything else. docs/architecture.md prints this table (a test keeps them equal).

Who: the legal reviewer (法制审核员) or a 科长 registers a suggestion and drafts the reply; a 科长, 处长 or 局领导
assigns it; the point-by-point answers and the draft are also the assigned handler's (`handler` in the table); the
organ's head (局领导) approves the reply, which goes out in the organ's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from fazhi.accounts.models import Role


class State(StrEnum):
    RECEIVED = "received"  # 已登记（待分办）
    HANDLING = "handling"  # 办理中: the points are answered
    REPLY_REVIEW = "reply_review"  # 回复待审批
    APPROVED = "approved"  # 回复已批准（待发送）
    ANSWERED = "answered"  # 已回复

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS: dict[State, str] = {
    State.RECEIVED: "已登记（待分办）",
    State.HANDLING: "办理中",
    State.REPLY_REVIEW: "回复待审批",
    State.APPROVED: "回复已批准（待发送）",
    State.ANSWERED: "已回复",
}
# Not yet answered: the reply deadline runs.
OPEN = frozenset({State.RECEIVED, State.HANDLING, State.REPLY_REVIEW, State.APPROVED})

CLERKS = frozenset({Role.LEGAL, Role.LEAD})  # register, draft and send
ASSIGNERS = frozenset({Role.LEAD, Role.DIRECTOR, Role.LEADER})
# The reply answers in the organ's name: its head approves it (as the case procedure's HEADS).
HEADS = frozenset({Role.LEADER})
# The roles a handler may hold: whoever answers the points and drafts the reply.
HANDLER_ROLES = frozenset({Role.INSPECTOR, Role.LEAD, Role.LEGAL, Role.DIRECTOR})

BASIS = "行政诉讼法 第六十六条第二款、第九十六条第（四）项；人民检察院检察建议工作规定（2019）"


@dataclass(frozen=True)
class Step:
    action: str
    label: str
    sources: frozenset[State]  # empty: creates the record
    target: State | None  # None: stays
    roles: frozenset[str]
    handler: bool = False  # the assigned handler may also take the step, whatever their role
    basis: str = ""


def _s(*states: State) -> frozenset[State]:
    return frozenset(states)


STEPS: tuple[Step, ...] = (
    Step(
        "receive",
        "登记收到的建议",
        frozenset(),
        State.RECEIVED,
        CLERKS,
        basis="行政诉讼法 第九十六条第（四）项；人民检察院检察建议工作规定（2019）",
    ),
    Step("assign", "分办（指定承办人）", _s(State.RECEIVED, State.HANDLING), State.HANDLING, ASSIGNERS),
    Step(
        "answer_point",
        "逐条答复",
        _s(State.HANDLING),
        None,
        CLERKS,
        handler=True,
        basis="行政诉讼法 第九十六条第（四）项（将处理情况告知人民法院）",
    ),
    Step("submit_reply", "起草回复函并提请审批", _s(State.HANDLING), State.REPLY_REVIEW, CLERKS, handler=True),
    Step("return_reply", "退回修改回复", _s(State.REPLY_REVIEW), State.HANDLING, HEADS),
    Step("approve_reply", "负责人批准回复函", _s(State.REPLY_REVIEW), State.APPROVED, HEADS, basis=BASIS),
    Step("send_reply", "发送回复函", _s(State.APPROVED), State.ANSWERED, CLERKS, handler=True, basis=BASIS),
    Step("record_feedback", "登记建议机关的反馈", _s(State.ANSWERED), None, CLERKS, handler=True),
)
BY_ACTION: dict[str, Step] = {step.action: step for step in STEPS}


def table_markdown() -> str:
    """The table for docs/architecture.md."""
    role_order = [Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL]
    states = "、".join(f"`{state.value}` {label}" for state, label in STATE_LABELS.items())
    lines = [
        f"States (状态): {states}.",
        "",
        "| action | 步骤 | from | to | roles | basis |",
        "|---|---|---|---|---|---|",
    ]
    for step in STEPS:
        sources = ", ".join(sorted(step.sources)) or "(new)"
        target = step.target.value if step.target else "(same)"
        roles = ", ".join(str(role) for role in role_order if role in step.roles)
        if step.handler:
            roles += ", handler"
        cells = [f"`{step.action}`", step.label, sources, target, roles, step.basis or "—"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
