"""The labour-inspection procedure as transition tables, one per version.

Read a table beside the statute: each row (`fazhi.cases.procedure.base.Transition`) is one step a user can take, from
which states, to which state, by whom, under which guards, with which fields, what it changes and which statutory
periods it meets and opens. The rows live with their guards and effects in the phase modules of
`fazhi.cases.procedure` (intake, investigation, oversight, proposal, notice, decision, service, performance,
payment_plan, follow_up, closing). `fazhi.cases.actions.transition` runs a row and does nothing the row does not say.

A case records the version it follows (`Case.procedure_version`). Version 2 is current; version 1 is kept as data so
the history of a case that followed it still reads (`fazhi.cases.procedure.v1`). A new version is a new table.
"""

from __future__ import annotations

from fazhi.cases.procedure import (
    closing,
    decision,
    follow_up,
    intake,
    investigation,
    notice,
    oversight,
    payment_plan,
    performance,
    proposal,
    service,
    v1,
)
from fazhi.cases.procedure.base import GUARD_KINDS, GUARDS, Transition
from fazhi.cases.states import FINAL_STATES, OPEN_INVESTIGATION_STATES, STATE_LABELS, State

__all__ = [
    "BY_ACTION",
    "CURRENT_VERSION",
    "FINAL_STATES",
    "GUARDS",
    "GUARD_KINDS",
    "OPEN_INVESTIGATION_STATES",
    "STATE_LABELS",
    "TABLES",
    "TRANSITIONS",
    "State",
    "Transition",
    "available",
    "by_action",
    "label_of",
    "transition_table_markdown",
]

CURRENT_VERSION = 2

TABLES: dict[int, tuple[Transition, ...]] = {
    1: v1.TRANSITIONS,
    2: (
        *intake.ROWS,
        *investigation.ROWS,
        *oversight.ROWS,
        *proposal.ROWS,
        *notice.ROWS,
        *decision.ROWS,
        *service.ROWS,
        *performance.ROWS,
        *payment_plan.ROWS,
        *follow_up.ROWS,
        *closing.ROWS,
    ),
}
_BY_ACTION: dict[int, dict[str, Transition]] = {
    version: {t.action: t for t in table} for version, table in TABLES.items()
}

# The current table (what new cases follow, the API documents and the docs print).
TRANSITIONS = TABLES[CURRENT_VERSION]
BY_ACTION = _BY_ACTION[CURRENT_VERSION]


def by_action(version: int) -> dict[str, Transition]:
    """The steps of procedure `version` by action (empty for an unknown version)."""
    return _BY_ACTION.get(version, {})


def label_of(action: str) -> str | None:
    """The Chinese name of a step, from the newest table that has it (a step that left the procedure keeps its name
    in the history of the cases that took it)."""
    for version in sorted(TABLES, reverse=True):
        step = _BY_ACTION[version].get(action)
        if step is not None:
            return step.label
    return None


def available(state: State, version: int = CURRENT_VERSION) -> list[Transition]:
    """The steps a case in `state` may take, in table order (roles and guards not yet checked); none for a case of an
    older version, whose steps no longer run."""
    if version != CURRENT_VERSION:
        return []
    return [t for t in TABLES[version] if state in t.sources]


def transition_table_markdown(version: int = CURRENT_VERSION) -> str:
    """The table for docs/architecture.md."""
    lines = [
        "| action | 步骤 | from | to | roles | guards | meets | opens | basis |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for t in TABLES[version]:
        sources = ", ".join(sorted(s.value for s in t.sources))
        target = t.target.value if t.target else "(same)"
        roles = ", ".join(sorted(t.roles)) + (" (可书面授权)" if t.delegable else "")
        lines.append(
            f"| `{t.action}` | {t.label} | {sources} | {target} | {roles} | "
            f"{', '.join(t.guards) or '—'} | {', '.join(t.meets) or '—'} | {', '.join(t.opens) or '—'} | "
            f"{t.basis or '—'} |"
        )
    return "\n".join(lines)
