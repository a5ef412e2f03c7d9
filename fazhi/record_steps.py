"""The row of a later app's record procedure (a dishonest-list listing, a reconsideration, a lawsuit) and its table
as printed in docs/architecture.md. Those apps are siblings in the layers and may not import each other, so the row
they share lives here, below them all; each app names it for its own states (`Step = RecordStep[State]`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

S = TypeVar("S", bound=StrEnum)


@dataclass(frozen=True)
class RecordStep(Generic[S]):
    action: str
    label: str
    sources: frozenset[S]  # empty: the step creates the record
    target: S | None  # None: stays; several targets are decided by the step's input (see `targets`)
    roles: frozenset[str]
    meets: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()
    basis: str = ""
    targets: tuple[S, ...] = ()  # when the step's input picks the target


def steps_markdown(steps: Iterable[RecordStep[Any]], role_order: Sequence[str]) -> str:
    """The steps as a Markdown table: action, its Chinese name, from, to, roles (in `role_order`), periods, basis."""
    lines = [
        "| action | 步骤 | from | to | roles | meets | opens | basis |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for step in steps:
        sources = ", ".join(sorted(step.sources)) or "(new)"
        target = " or ".join(step.targets) if step.targets else step.target.value if step.target else "(same)"
        roles = ", ".join(str(role) for role in role_order if role in step.roles)
        cells = [
            f"`{step.action}`",
            step.label,
            sources,
            target,
            roles,
            ", ".join(step.meets) or "—",
            ", ".join(step.opens) or "—",
            step.basis or "—",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
