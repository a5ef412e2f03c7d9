"""The life of one listing on the wage-arrears dishonest list (人社部令第45号) as a transition table.

Read it beside the statute: each row is one step, from which states, to which state, by whom, which statutory periods
(data/periods.toml) it meets and opens, and its articles. `fazhi.dishonest_list.actions` takes the steps, one action
each, and checks the row before anything else. docs/architecture.md prints this table (a test keeps them equal).
"""

from __future__ import annotations

from enum import StrEnum

from fazhi.accounts.models import Role
from fazhi.record_steps import RecordStep, steps_markdown


class State(StrEnum):
    NOTICE = "notice"  # 拟列入（已告知）: the prior notice was served; the objection window runs
    OBJECTION_REVIEW = "objection_review"  # 异议核实
    NOT_LISTED = "not_listed"  # 不予列入 (objection upheld, or 第七条)
    LISTED = "listed"  # 已列入
    REMOVAL_REVIEW = "removal_review"  # 提前移出审查
    REMOVAL_PENDING = "removal_pending"  # 待移出 (expired, early removal granted, or revoked)
    REMOVED = "removed"  # 已移出

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS: dict[State, str] = {
    State.NOTICE: "拟列入（已告知）",
    State.OBJECTION_REVIEW: "异议核实",
    State.NOT_LISTED: "不予列入",
    State.LISTED: "已列入",
    State.REMOVAL_REVIEW: "提前移出审查",
    State.REMOVAL_PENDING: "待移出",
    State.REMOVED: "已移出",
}
# A listing whose employer is on the list (the portal shows it once published, until its term ends).
ON_LIST = frozenset({State.LISTED, State.REMOVAL_REVIEW, State.REMOVAL_PENDING})
# The states of a listing still in progress: one such listing per case.
LIVE = frozenset({State.NOTICE, State.OBJECTION_REVIEW, *ON_LIST})

SYSTEM = "system"
CLERKS = frozenset({Role.INSPECTOR, Role.LEAD})
REVIEWERS = frozenset({Role.LEAD, Role.DIRECTOR, Role.LEADER})
# The 人力资源社会保障行政部门负责人 who approves the listing decision and its extension (第八条第一款), and the
# department's other decisions on a listing (第七条, 第十四条第二款, 第十五条, 第十六条): the organ's leaders
# (局领导), never a division director (处长) as such — as the case procedure's HEADS (fazhi/cases/procedure/base.py).
HEADS = frozenset({Role.LEADER})
# Who publishes and takes off the portal: as for penalty decisions (fazhi/disclosure/actions.py).
PUBLISHERS = frozenset({Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL})

ARTICLE = "暂行办法"  # short for 拖欠农民工工资失信联合惩戒对象名单管理暂行办法 in the basis column


Step = RecordStep[State]


def _s(*states: State) -> frozenset[State]:
    return frozenset(states)


STEPS: tuple[Step, ...] = (
    Step(
        "give_notice",
        "告知拟列入",
        frozenset(),
        State.NOTICE,
        CLERKS,
        opens=("dishonest_objection", "dishonest_listing_decision"),
        basis=f"{ARTICLE} 第五条、第六条第一款、第八条第一款",
    ),
    Step(
        "record_objection",
        "登记异议",
        _s(State.NOTICE),
        State.OBJECTION_REVIEW,
        CLERKS,
        meets=("dishonest_objection",),
        opens=("dishonest_objection_review",),
        basis=f"{ARTICLE} 第六条第二款",
    ),
    Step(
        "answer_objection",
        "核实异议并告知结果",
        _s(State.OBJECTION_REVIEW),
        None,
        REVIEWERS,
        meets=("dishonest_objection_review",),
        basis=f"{ARTICLE} 第六条第二款",
        targets=(State.NOTICE, State.NOT_LISTED),
    ),
    Step(
        "extend_decision_period",
        "延长列入决定期限",
        _s(State.NOTICE, State.OBJECTION_REVIEW),
        None,
        HEADS,
        basis=f"{ARTICLE} 第八条第一款",
    ),
    Step(
        "exempt",
        "不予列入（已改正并书面信用承诺）",
        _s(State.NOTICE),
        State.NOT_LISTED,
        HEADS,
        meets=("dishonest_objection", "dishonest_listing_decision"),
        basis=f"{ARTICLE} 第七条",
    ),
    Step(
        "decide_listing",
        "作出列入决定",
        _s(State.NOTICE),
        State.LISTED,
        HEADS,
        meets=("dishonest_objection", "dishonest_listing_decision"),
        basis=f"{ARTICLE} 第五条、第八条、第十一条",
    ),
    Step(
        "publish",
        "公开失信名单",
        _s(*ON_LIST),
        None,
        PUBLISHERS,
        basis=f"{ARTICLE} 第九条、第十条",
    ),
    Step(
        "receive_application",
        "受理提前移出申请",
        _s(State.LISTED),
        State.REMOVAL_REVIEW,
        CLERKS,
        opens=("dishonest_early_removal_decision",),
        basis=f"{ARTICLE} 第十二条、第十四条第一款",
    ),
    Step(
        "grant_early_removal",
        "准予提前移出",
        _s(State.REMOVAL_REVIEW),
        State.REMOVAL_PENDING,
        HEADS,
        meets=("dishonest_early_removal_decision",),
        opens=("dishonest_removal",),
        basis=f"{ARTICLE} 第十二条、第十三条、第十四条第二款、第三款",
    ),
    Step(
        "refuse_early_removal",
        "不予提前移出",
        _s(State.REMOVAL_REVIEW),
        State.LISTED,
        HEADS,
        meets=("dishonest_early_removal_decision",),
        basis=f"{ARTICLE} 第十三条、第十四条第二款、第十八条",
    ),
    Step(
        "revoke",
        "撤销列入决定",
        _s(State.LISTED, State.REMOVAL_REVIEW),
        State.REMOVAL_PENDING,
        HEADS,
        meets=("dishonest_early_removal_decision",),
        opens=("dishonest_removal",),
        basis=f"{ARTICLE} 第十六条、第十七条第一款第（三）项",
    ),
    Step(
        "expire",
        "列入期限届满",
        _s(State.LISTED, State.REMOVAL_REVIEW),
        State.REMOVAL_PENDING,
        frozenset({SYSTEM}),
        meets=("dishonest_early_removal_decision",),
        opens=("dishonest_removal",),
        basis=f"{ARTICLE} 第十一条、第十七条第一款第（一）项",
    ),
    Step(
        "remove",
        "移出名单并停止公开",
        _s(State.REMOVAL_PENDING),
        State.REMOVED,
        PUBLISHERS,
        meets=("dishonest_removal",),
        basis=f"{ARTICLE} 第十七条",
    ),
    Step(
        "restore",
        "撤销提前移出决定，恢复列入",
        _s(State.REMOVED),
        State.LISTED,
        HEADS,
        basis=f"{ARTICLE} 第十五条",
    ),
)
BY_ACTION: dict[str, Step] = {step.action: step for step in STEPS}


def table_markdown() -> str:
    """The table for docs/architecture.md."""
    role_order = [Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL, SYSTEM]
    states = "、".join(f"`{state.value}` {label}" for state, label in STATE_LABELS.items())
    return f"States (状态): {states}.\n\n" + steps_markdown(STEPS, role_order)
