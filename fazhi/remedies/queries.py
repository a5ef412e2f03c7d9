"""Reads for the remedies' screens and API: the records in the user's scope with their next deadline, one record with
its periods and the steps the user may take, what the case page shows, and the statistics the supervision dashboard
may show (records received, the correction rate 纠错率, the heads' appearance rate)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery

from fazhi.accounts.access import can_write
from fazhi.accounts.models import User
from fazhi.accounts.queries import scope_by_unit
from fazhi.cases.models import Case, Decision, Period, PeriodState
from fazhi.cases.queries import next_provisional
from fazhi.cases.remedy_facts import RemedyFacts, facts_for
from fazhi.documents.organ import deciding_unit
from fazhi.remedies.models import SET_ASIDE, Appearance, Instance, Litigation, Reconsideration
from fazhi.remedies.workflow import (
    LITIGATION_STEPS,
    RECONSIDERATION_STEPS,
    State,
    Step,
)

PERIOD_CODES = ("reconsideration_answer", "reconsideration_answer_simple", "litigation_defence")
Record = Reconsideration | Litigation


def _next_due(codes: tuple[str, ...]) -> Subquery:
    return Subquery(
        Period.objects.filter(case=OuterRef("case"), code__in=codes, state=PeriodState.RUNNING, due_on__isnull=False)
        .order_by("due_on")
        .values("due_on")[:1]
    )


def visible_reconsiderations(user: User | None) -> QuerySet[Reconsideration]:
    return scope_by_unit(Reconsideration.objects.select_related("case", "decision", "unit"), user)


def visible_litigations(user: User | None) -> QuerySet[Litigation]:
    return scope_by_unit(Litigation.objects.select_related("case", "decision", "unit"), user)


def records(user: User | None, kind: str = "", state: str = "") -> list[Record]:
    """The records in `user`'s scope, newest first, each with `next_due`: the running due date of the answer (for a
    reconsideration) or the defence (for a lawsuit) on its case (and `next_provisional`, while it waits for a holiday
    year: the provisional date, shown only)."""
    found: list[Record] = []
    if kind in ("", "reconsideration"):
        answer = PERIOD_CODES[:2]
        rows = visible_reconsiderations(user).annotate(
            next_due=_next_due(answer), next_provisional=next_provisional(answer)
        )
        found += list(rows.filter(state=state) if state else rows)
    if kind in ("", "litigation"):
        defence = PERIOD_CODES[2:]
        suits = visible_litigations(user).annotate(
            next_due=_next_due(defence), next_provisional=next_provisional(defence)
        )
        found += list(suits.filter(state=state) if state else suits)
    return sorted(found, key=lambda r: (r.created_at, r.pk), reverse=True)


def reconsideration_for(user: User | None, pk: int) -> Reconsideration | None:
    return visible_reconsiderations(user).filter(pk=pk).first()


def litigation_for(user: User | None, pk: int) -> Litigation | None:
    return visible_litigations(user).filter(pk=pk).first()


def record_periods(record: Record) -> list[Period]:
    codes = ("litigation_defence",) if isinstance(record, Litigation) else PERIOD_CODES[:2]
    return list(Period.objects.filter(case_id=record.case_id, code__in=codes).order_by("started_on", "pk"))


def steps_for(user: User, record: Record) -> list[Step]:
    """The steps `user` may take on `record` now (role and state; the statute's conditions are checked on taking).
    A first instance is appealed only while it waits for its appeal period."""
    if not can_write(user):
        return []
    table = RECONSIDERATION_STEPS if isinstance(record, Reconsideration) else LITIGATION_STEPS
    roles = user.role_names
    steps = [step for step in table if step.sources and record.state in step.sources and roles & step.roles]
    if isinstance(record, Litigation) and record.instance == Instance.APPEAL:
        steps = [step for step in steps if step.action != "register_appeal"]
    return steps


def may_register(user: User) -> bool:
    return can_write(user) and bool(user.role_names & RECONSIDERATION_STEPS[0].roles)


def decided_reconsiderations(case: Case) -> QuerySet[Reconsideration]:
    """The case's reconsiderations a lawsuit may follow (decided and served: 行政诉讼法 第四十五条)."""
    return Reconsideration.objects.filter(case=case, state=State.DECIDED).order_by("-pk")


def expected_decision_on(record: Reconsideration) -> dt.date | None:
    """The day the organ's decision is due (行政复议法 第六十二条: 60 days from acceptance, 30 in the simple
    procedure; an approved extension adds up to 30): shown, not a period of the bureau's."""
    from fazhi.cases.periods import due_or_none

    code = "reconsideration_decision_simple" if record.simple_procedure else "reconsideration_decision"
    return due_or_none(code, record.accepted_on)


@dataclass(frozen=True)
class CaseRemedies:
    reconsiderations: list[Reconsideration]
    litigations: list[Litigation]
    facts: list[tuple[Decision, RemedyFacts]]
    may_register: bool
    decided: bool  # the case has a decision that can be challenged

    @property
    def shown(self) -> bool:
        return bool(self.reconsiderations or self.litigations or (self.decided and self.may_register))


def case_remedies(user: User, case: Case) -> CaseRemedies:
    """For the case page (the case is already in the user's scope)."""
    recs = list(Reconsideration.objects.filter(case=case).order_by("pk"))
    suits = list(Litigation.objects.filter(case=case).order_by("pk"))
    decisions = {r.decision_id for r in recs} | {s.decision_id for s in suits}
    facts = [(d, facts_for(d)) for d in Decision.objects.filter(pk__in=decisions).order_by("sequence")]
    decided = Decision.objects.filter(case=case).exists()
    return CaseRemedies(recs, suits, facts, may_register(user), decided)


# --- statistics (for the supervision dashboard) ------------------------------------------------------------------


@dataclass
class Tally:
    decided: int = 0
    corrected: int = 0  # revoked, changed, confirmed unlawful or void

    @property
    def rate(self) -> float | None:
        """纠错率: corrected over decided (None when nothing was decided)."""
        return self.corrected / self.decided if self.decided else None


@dataclass
class RemedyStatistics:
    received: dict[str, int] = field(default_factory=dict)  # "reconsideration", "litigation_first", "litigation_appeal"
    correction: Tally = field(default_factory=Tally)
    by_organ: dict[str, Tally] = field(default_factory=dict)  # the deciding organ (district or city bureau)
    by_violation: dict[str, Tally] = field(default_factory=dict)  # the case's violation code
    hearings: int = 0  # court sessions with an appearance recorded
    head_appearances: int = 0

    @property
    def head_appearance_rate(self) -> float | None:
        """负责人出庭应诉率 (行政诉讼法 第三条第三款): sessions the head attended over sessions recorded."""
        return self.head_appearances / self.hearings if self.hearings else None


def remedy_statistics(user: User | None, start: dt.date, end: dt.date) -> RemedyStatistics:
    """Records received (registered) from `start` to `end` inclusive by kind; the correction rate over the
    reconsiderations and final judgments decided in that span, overall, by organ and by violation; the heads' court
    appearance rate over the sessions held in it. Scoped to `user`."""
    stats = RemedyStatistics()
    recs = visible_reconsiderations(user)
    suits = visible_litigations(user)
    received: Counter[str] = Counter()
    received["reconsideration"] = recs.filter(copy_received_on__range=(start, end)).count()
    for instance in Instance:
        received[f"litigation_{instance.value}"] = suits.filter(
            instance=instance, copy_received_on__range=(start, end)
        ).count()
    stats.received = dict(received)
    by_organ: defaultdict[str, Tally] = defaultdict(Tally)
    by_violation: defaultdict[str, Tally] = defaultdict(Tally)
    decided: list[Record] = list(recs.filter(state=State.DECIDED, served_on__range=(start, end)))
    finals = suits.filter(state__in=[State.EFFECTIVE, State.PERFORMED], effective_on__range=(start, end))
    decided += [suit for suit in finals if suit.outcome != "remanded"]
    for record in decided:
        corrected = record.outcome in SET_ASIDE
        for tally in (
            stats.correction,
            by_organ[deciding_unit(record.unit).name],
            by_violation[record.case.violation_code or ""],
        ):
            tally.decided += 1
            tally.corrected += corrected
    stats.by_organ, stats.by_violation = dict(by_organ), dict(by_violation)
    sessions = suits.filter(hearing_on__range=(start, end)).exclude(appearance="")
    stats.hearings = sessions.count()
    stats.head_appearances = sessions.filter(appearance=Appearance.HEAD).count()
    return stats
