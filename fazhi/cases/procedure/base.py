"""What a row of a procedure table is, and the registry of the guards rows name.

A `Transition` is one step a user can take: from which states, to which state, by whom, under which guards, with
which fields, what it changes (`effect`, then `after` for other rows), and which statutory periods it meets and opens
(`starts` says when each opened period starts, or that it does not apply to this case). `fazhi.cases.actions.transition`
runs a row and does nothing the row does not say. Guards are plain functions registered by `@guard(kind)`, so a row
names them and a test checks every name exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from fazhi.cases.states import State

if TYPE_CHECKING:
    from fazhi.accounts.models import User
    from fazhi.cases.models import Case


@dataclass(frozen=True)
class Context:
    """A step being taken: the case (locked), who takes it (None: the system), the cleaned data, and today."""

    case: Case
    actor: User | None
    data: Mapping[str, Any]
    today: dt.date


Guard = Callable[[Context], list[str]]
Effect = Callable[[Context], dict[str, Any]]  # the case's fields to change (before the compare-and-swap)
After = Callable[[Context], dict[str, Any]]  # other rows, once the case moved; returns what the journal records
Starts = Callable[[Context], Mapping[str, "dt.date | None"]]  # start day of each opened period (None: not opened)
MetOn = Callable[[Context], dt.date]  # the day the met periods were met (default: today)


class GuardKind(StrEnum):
    # Reads the case and the user only: the case page says beforehand why the step cannot be taken.
    STATE = "state"
    # Depends on what the user types: checked when the step is taken.
    INPUT = "input"
    # Routes between alternative steps or follows a flag of the case ("legal review or not", "suspended or not"): a
    # step it stops is simply not offered.
    ROUTING = "routing"


GUARDS: dict[str, Guard] = {}
GUARD_KINDS: dict[str, GuardKind] = {}


def guard(kind: GuardKind = GuardKind.STATE) -> Callable[[Guard], Guard]:
    """Register a guard under its function's name."""

    def register(check: Guard) -> Guard:
        name = check.__name__
        if name in GUARDS and GUARDS[name] is not check:
            raise ValueError(f"guard {name} is registered twice")
        GUARDS[name] = check
        GUARD_KINDS[name] = kind
        return check

    return register


# Roles (fazhi.accounts.models.Role values).
HANDLERS = frozenset({"inspector"})
LEAD = frozenset({"lead"})
# The organ's 负责人 (行政处罚法 第五十六条、第五十七条、第四十三条第三款; 劳动保障监察条例 第十七条; 广东条例
# 第四十四条第二款、
# 第四十五条第二款): the bureau's leaders, never a division director (处长) as such.
# 最高人民法院关于适用《行政诉讼法》的解释
# 第一百二十八条 counts the organ's 正职、副职负责人 and other heads in charge of the matter; a 处长 heads an
# internal division.
# A leader may delegate a step in writing to a named person for a stated time (`fazhi.accounts.delegations`).
HEADS = frozenset({"leader"})
LEGAL = frozenset({"legal"})
SYSTEM = frozenset({"system"})  # taken by the daily sweep, never by a person


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
    effect: Effect | None = None
    after: After | None = None
    starts: Starts | None = None
    met_on: MetOn | None = None
    # A step of the organ's 负责人 that a leader may delegate in writing to a named person (never to a role).
    delegable: bool = False

    def start_days(self, ctx: Context) -> dict[str, dt.date | None]:
        """When each period the step opens starts (None: it does not apply to this case)."""
        starts: dict[str, dt.date | None] = dict.fromkeys(self.opens, ctx.today)
        if self.starts is not None:
            starts.update(self.starts(ctx))
        return starts


def states(*names: State) -> frozenset[State]:
    return frozenset(names)
