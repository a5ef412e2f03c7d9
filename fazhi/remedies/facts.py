"""What the reconsiderations and lawsuits against a decision change in its performance, computed from the records
(never typed): the provider this app registers with `fazhi.cases.remedy_facts` (its AppConfig.ready).

- a reconsideration pauses from the application to the service of its decision (effective on service, 行政复议法
  第七十五条第二款); the party then has 15 days to sue (行政诉讼法 第四十五条): `suit_deadline`;
- a lawsuit pauses from the filing to the day its final judgment took effect: the appeal's service, or the day after
  the first instance's appeal period (第八十五条); a remanded appeal leaves it pending;
- the final outcome that upholds (or dismisses the claim, by judgment) gives `final_judgment_on`; one that revokes,
  changes, confirms unlawful or void gives `set_aside`.
"""

from __future__ import annotations

import datetime as dt

from fazhi.cases.models import Decision
from fazhi.cases.periods import due_or_none
from fazhi.cases.remedy_facts import NO_REMEDY, RemedyFacts
from fazhi.remedies.models import STANDS, Instance, Litigation, Outcome, Reconsideration, RulingKind
from fazhi.remedies.workflow import RECONSIDERATION_LIVE, State

Final = tuple[dt.date, str, str]  # (effective on, set_aside, the outcome)


def _final_of(first: Litigation, appeals: list[Litigation]) -> Litigation | None:
    """The record whose judgment ended the lawsuit begun by `first` (None: still pending)."""
    if first.state in (State.EFFECTIVE, State.PERFORMED):
        return first
    if first.state != State.APPEALED or not appeals:
        return None
    last = appeals[-1]
    if last.state in (State.EFFECTIVE, State.PERFORMED) and last.outcome != Outcome.REMANDED:
        return last
    return None


def remedy_facts(decision: Decision) -> RemedyFacts:
    reconsiderations = list(Reconsideration.objects.filter(decision=decision).order_by("applied_on", "pk"))
    suits = list(Litigation.objects.filter(decision=decision).order_by("filed_on", "pk"))
    if not reconsiderations and not suits:
        return NO_REMEDY
    pauses: list[tuple[dt.date, dt.date | None]] = []
    pending = suspended = False
    finals: list[Final] = []
    suit_deadline: dt.date | None = None
    final_judgment_on: dt.date | None = None
    for record in reconsiderations:
        live = record.state in RECONSIDERATION_LIVE
        pauses.append((record.applied_on, None if live else record.served_on))
        pending |= live
        suspended |= live and record.execution_suspended_on is not None
        if not live and record.served_on is not None:
            finals.append((record.served_on, record.set_aside, record.outcome))
            if record.outcome != Outcome.WITHDRAWN:
                suit_deadline = due_or_none("party_suit_after_reconsideration", record.served_on)
    for first in (suit for suit in suits if suit.instance == Instance.FIRST):
        appeals = [suit for suit in suits if suit.first_instance_id == first.pk]
        final = _final_of(first, appeals)
        end = final.effective_on if final is not None else None
        pauses.append((first.filed_on, end))
        if final is None:
            pending = True
            suspended |= any(r.execution_suspended_on is not None for r in (first, *appeals))
            continue
        assert final.effective_on is not None
        finals.append((final.effective_on, final.set_aside, final.outcome))
        if final.ruling_kind == RulingKind.JUDGMENT and final.outcome in STANDS:
            final_judgment_on = max(final.effective_on, final_judgment_on or final.effective_on)
    set_aside = max(finals)[1] if finals else ""
    return RemedyFacts(
        pauses=tuple(sorted(pauses, key=lambda pause: pause[0])),
        suit_deadline=suit_deadline,
        pending=pending,
        enforcement_suspended=suspended,
        final_judgment_on=final_judgment_on if not set_aside else None,
        set_aside=set_aside,
    )
