"""The bureau as respondent (被申请人) in an administrative reconsideration and as defendant (被告) in administrative
litigation, as two transition tables: a `Reconsideration` record and a `Litigation` record (one per instance).

Read them beside the statutes: each row is one step, from which states, to which state, by whom, which statutory
periods (fazhi/rules/data/periods.toml) it meets and opens, and its articles. `fazhi.remedies.actions` takes the steps,
one action each, and checks the row before anything else. docs/architecture.md prints both tables (a test keeps them
equal). The legal reviewer (法制审核员) handles the records; the organ's 负责人 (局领导) approves the answer and the
defence and appears in court (行政诉讼法 第三条第三款).
"""

from __future__ import annotations

from enum import StrEnum

from fazhi.accounts.models import Role
from fazhi.record_steps import RecordStep, steps_markdown

FUYI = "行政复议法"
SUSONG = "行政诉讼法"
JIESHI = "行诉解释"  # 最高人民法院关于适用《中华人民共和国行政诉讼法》的解释 (法释〔2018〕1号)


class State(StrEnum):
    ANSWERING = "answering"  # 答复中 (reconsideration) / 答辩中 (litigation)
    APPROVED = "approved"  # 答复（答辩）已批准
    PENDING = "pending"  # 已答复，待复议决定 / 已答辩，审理中
    DECIDED = "decided"  # 复议决定已送达 / 裁判已送达（待生效）
    APPEALED = "appealed"  # 已上诉 (a first instance whose judgment was appealed)
    EFFECTIVE = "effective"  # 裁判已生效
    PERFORMED = "performed"  # 已履行裁判

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS: dict[State, str] = {
    State.ANSWERING: "答复（答辩）中",
    State.APPROVED: "答复（答辩）已批准",
    State.PENDING: "审理中",
    State.DECIDED: "已决定（已送达）",
    State.APPEALED: "已上诉",
    State.EFFECTIVE: "已生效",
    State.PERFORMED: "已履行",
}
# A record names its state in its own kind's words (a reconsideration is answered, a suit defended); the shared labels
# above serve where both kinds are listed together (the list's filter).
RECONSIDERATION_STATE_LABELS: dict[State, str] = STATE_LABELS | {
    State.ANSWERING: "答复中",
    State.APPROVED: "答复已批准",
    State.PENDING: "已答复，待复议决定",
    State.DECIDED: "复议决定已送达",
}
LITIGATION_STATE_LABELS: dict[State, str] = STATE_LABELS | {
    State.ANSWERING: "答辩中",
    State.APPROVED: "答辩状已批准",
    State.PENDING: "已答辩，审理中",
    State.DECIDED: "裁判已送达（待生效）",
}
RECONSIDERATION_LIVE = frozenset({State.ANSWERING, State.APPROVED, State.PENDING})
LITIGATION_LIVE = frozenset({State.ANSWERING, State.APPROVED, State.PENDING, State.DECIDED, State.APPEALED})

# The legal reviewer handles reconsideration and litigation (product.md); the organ's leaders approve the answer and
# the defence (the organ's position, as the case procedure's HEADS) and appear in court or at the hearing.
HANDLERS = frozenset({Role.LEGAL})
HEADS = frozenset({Role.LEADER})
RECORDERS = HANDLERS | HEADS


Step = RecordStep[State]


def _s(*states: State) -> frozenset[State]:
    return frozenset(states)


BEFORE_DECISION = _s(State.ANSWERING, State.APPROVED, State.PENDING)

RECONSIDERATION_STEPS: tuple[Step, ...] = (
    Step(
        "register",
        "登记行政复议（收到申请书副本）",
        frozenset(),
        State.ANSWERING,
        HANDLERS,
        # The simple procedure opens the 5-working-day answer instead (第五十四条): the action picks one of the two.
        opens=("reconsideration_answer", "reconsideration_answer_simple"),
        basis=f"{FUYI} 第二十四条、第三十条、第四十八条、第五十四条、第八十八条第二款",
    ),
    Step(
        "record_discussion",
        "记录集体讨论",
        _s(State.ANSWERING),
        None,
        RECORDERS,
        basis="本局集体讨论制度",  # the setting FAZHI_REMEDY_COLLECTIVE_DISCUSSION
    ),
    Step(
        "approve_answer",
        "批准行政复议答复",
        _s(State.ANSWERING),
        State.APPROVED,
        HEADS,
        basis=f"{FUYI} 第四十八条",
    ),
    Step(
        "submit_answer",
        "提交行政复议答复及证据",
        _s(State.APPROVED),
        State.PENDING,
        HANDLERS,
        meets=("reconsideration_answer", "reconsideration_answer_simple"),
        basis=f"{FUYI} 第四十八条、第五十四条、第七十条",
    ),
    Step(
        "record_hearing",
        "记录行政复议听证",
        BEFORE_DECISION,
        None,
        RECORDERS,
        basis=f"{FUYI} 第五十条、第五十一条第三款",
    ),
    Step(
        "record_suspension",
        "记录停止执行",
        BEFORE_DECISION,
        None,
        HANDLERS,
        basis=f"{FUYI} 第四十二条",
    ),
    Step(
        "record_outcome",
        "登记行政复议决定",
        BEFORE_DECISION,
        State.DECIDED,
        HANDLERS,
        meets=("reconsideration_answer", "reconsideration_answer_simple"),
        basis=f"{FUYI} 第六十三条至第六十九条、第七十五条; 行政处罚法 第四十八条第二款",
    ),
)

LITIGATION_STEPS: tuple[Step, ...] = (
    Step(
        "register",
        "登记行政诉讼（收到起诉状副本）",
        frozenset(),
        State.ANSWERING,
        HANDLERS,
        opens=("litigation_defence",),  # a first instance only
        basis=f"{SUSONG} 第二十六条、第六十七条第一款、第八十五条",
    ),
    Step(
        "record_discussion",
        "记录集体讨论",
        _s(State.ANSWERING),
        None,
        RECORDERS,
        basis="本局集体讨论制度",  # the setting FAZHI_REMEDY_COLLECTIVE_DISCUSSION
    ),
    Step(
        "approve_defence",
        "批准答辩状",
        _s(State.ANSWERING),
        State.APPROVED,
        HEADS,
        basis=f"{SUSONG} 第六十七条第一款",
    ),
    Step(
        "submit_defence",
        "提交答辩状及证据",
        _s(State.APPROVED),
        State.PENDING,
        HANDLERS,
        meets=("litigation_defence",),
        basis=f"{SUSONG} 第三十四条、第六十七条第一款",
    ),
    Step(
        "record_hearing",
        "记录开庭及负责人出庭应诉",
        BEFORE_DECISION,
        None,
        RECORDERS,
        basis=f"{SUSONG} 第三条第三款; {JIESHI} 第一百二十八条至第一百三十二条",
    ),
    Step(
        "record_suspension",
        "记录裁定停止执行",
        BEFORE_DECISION,
        None,
        HANDLERS,
        basis=f"{SUSONG} 第五十六条",
    ),
    Step(
        "record_judgment",
        "登记判决或者裁定",
        BEFORE_DECISION,
        None,
        HANDLERS,
        meets=("litigation_defence",),
        basis=f"{SUSONG} 第六十九条至第七十七条、第八十五条; 行政处罚法 第四十八条第二款",
        # A first instance waits for the appeal period; the appeal's judgment is final when served.
        targets=(State.DECIDED, State.EFFECTIVE),
    ),
    Step(
        "register_appeal",
        "登记上诉（第二审）",
        _s(State.DECIDED),
        State.APPEALED,
        HANDLERS,
        basis=f"{SUSONG} 第八十五条",
    ),
    Step(
        "record_effective",
        "登记裁判生效（上诉期满未上诉）",
        _s(State.DECIDED),
        State.EFFECTIVE,
        HANDLERS,
        basis=f"{SUSONG} 第八十五条; 行政处罚法 第四十八条第二款",
    ),
    Step(
        "record_performance",
        "登记履行生效裁判",
        _s(State.EFFECTIVE),
        State.PERFORMED,
        HANDLERS,
        basis=f"{SUSONG} 第九十四条、第九十五条、第九十六条",
    ),
)

RECONSIDERATION_BY_ACTION: dict[str, Step] = {step.action: step for step in RECONSIDERATION_STEPS}
LITIGATION_BY_ACTION: dict[str, Step] = {step.action: step for step in LITIGATION_STEPS}
TABLES: dict[str, tuple[Step, ...]] = {"reconsideration": RECONSIDERATION_STEPS, "litigation": LITIGATION_STEPS}


def journal_labels() -> dict[str, str]:
    """The Chinese names of the actions in the journal (fazhi.journal.labels.register_labels)."""
    labels = {f"remedies.reconsideration.{s.action}": f"行政复议：{s.label}" for s in RECONSIDERATION_STEPS}
    labels |= {f"remedies.litigation.{s.action}": f"行政诉讼：{s.label}" for s in LITIGATION_STEPS}
    return labels


def _markdown(steps: tuple[Step, ...]) -> str:
    return steps_markdown(steps, [Role.LEGAL, Role.LEADER])


def table_markdown() -> str:
    """Both tables for docs/architecture.md."""
    states = "、".join(f"`{state.value}` {label}" for state, label in STATE_LABELS.items())
    return "\n".join(
        [
            f"States (状态): {states}.",
            "",
            "Reconsideration (行政复议, the bureau as respondent):",
            "",
            _markdown(RECONSIDERATION_STEPS),
            "",
            "Litigation (行政诉讼, the bureau as defendant; one record per instance: `register_appeal` on a first "
            "instance creates the appeal's record, which starts in `answering`):",
            "",
            _markdown(LITIGATION_STEPS),
        ]
    )
