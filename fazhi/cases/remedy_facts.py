"""What a reconsideration or a lawsuit against a decision changes in its performance, as the case reads it.

The records of reconsideration and litigation (行政复议、行政诉讼) live in a later app (`fazhi.remedies`), which the
cases app may not import. That app names a provider here (in its app config's `ready`); the case's guards and pages
ask `facts_for(decision)` and so never hold a typed copy of those dates:

- `pauses`: the spans in which a reconsideration or a lawsuit against the decision was pending, each from the day
  the party applied (or sued) to the day the decision or the final judgment took effect (None: still pending). The
  surcharge (加处罚款) is not counted in them (行政处罚法 第七十三条第三款).
- `suit_deadline`: the last day of the party's time to sue when the remedies changed it — 15 days from receiving the
  reconsideration decision (行政诉讼法 第四十五条) — else None (the direct-suit period, 第四十六条, stands).
- `pending`: a reconsideration or lawsuit is under way: no court enforcement is applied for meanwhile.
- `enforcement_suspended`: the reconsideration organ or the court suspended the decision's execution
  (行政复议法 第四十二条; 行政诉讼法 第五十六条).
- `final_judgment_on`: the day a judgment upholding the decision (or dismissing the claim) took effect: the bureau
  then applies to enforce the judgment (行政诉讼法 第九十五条), no longer the decision.
- `set_aside`: the decision was revoked, changed, confirmed unlawful or void ("revoked", "changed",
  "confirmed_unlawful", "void"): its publication is withdrawn (行政处罚法 第四十八条第二款); all but one
  confirmed unlawful and left standing (行政复议法 第六十五条) are no longer performed or enforced as made
  (`not_owed_as_made`).

After changing a record the provider's app calls `facts_changed(decision)` inside its transaction, so the case's own
rows that depend on these facts (the court-enforcement period) follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fazhi.cases.models import Decision

__all__ = ["RemedyFacts", "facts_changed", "facts_for", "register_listener", "register_provider"]

SET_ASIDE = ("revoked", "changed", "confirmed_unlawful", "void")
# A decision revoked or void is gone; one changed is replaced by the organ's or the court's; one confirmed unlawful but
# not revoked stands (行政复议法 第六十五条; 行政诉讼法 第七十四条): it is still performed and may be enforced.
NOT_OWED_AS_MADE = ("revoked", "changed", "void")


@dataclass(frozen=True)
class RemedyFacts:
    pauses: tuple[tuple[dt.date, dt.date | None], ...] = ()
    suit_deadline: dt.date | None = None
    pending: bool = False
    enforcement_suspended: bool = False
    final_judgment_on: dt.date | None = None
    set_aside: str = ""

    @property
    def not_owed_as_made(self) -> bool:
        """The decision is no longer performed or enforced as made (revoked, void, or changed)."""
        return self.set_aside in NOT_OWED_AS_MADE

    def __post_init__(self) -> None:
        if self.set_aside and self.set_aside not in SET_ASIDE:
            raise ValueError(f"unknown set_aside {self.set_aside!r}")


NO_REMEDY = RemedyFacts()

Provider = Callable[["Decision"], RemedyFacts]
Listener = Callable[["Decision"], None]
_providers: list[Provider] = []
_listeners: list[Listener] = []


def register_provider(provider: Provider) -> None:
    """Called once by the app that records remedies (its AppConfig.ready)."""
    if provider not in _providers:
        _providers.append(provider)


def register_listener(listener: Listener) -> None:
    """Called by the cases app for the rows that follow the facts (the court-enforcement period)."""
    if listener not in _listeners:
        _listeners.append(listener)


def facts_for(decision: Decision | None) -> RemedyFacts:
    """The facts of `decision` (NO_REMEDY when there is none or no provider is installed)."""
    if decision is None:
        return NO_REMEDY
    for provider in _providers:
        facts = provider(decision)
        if facts != NO_REMEDY:
            return facts
    return NO_REMEDY


def facts_changed(decision: Decision) -> None:
    """A remedy record of `decision` changed: the case's dependent rows follow (inside the caller's transaction)."""
    for listener in _listeners:
        listener(decision)
