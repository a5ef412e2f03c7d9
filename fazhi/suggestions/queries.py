"""Reads of judicial and procuratorial suggestions: the list in the user's scope with the deadline, one suggestion
with its points, the steps offered, the case page's section, and the statistics of the annual report ("every judicial
and procuratorial suggestion answered point by point"). Data scope (`scope_by_unit`) is applied here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear

from fazhi.accounts.access import can_write
from fazhi.accounts.models import User
from fazhi.accounts.queries import scope_by_unit, visible_units, visible_users
from fazhi.cases.models import Case
from fazhi.suggestions.actions import may_take
from fazhi.suggestions.models import Suggestion, SuggestionPoint
from fazhi.suggestions.workflow import HANDLER_ROLES, OPEN, STEPS, State, Step

OVERDUE = "overdue"
OPEN_FILTER = "open"


def visible_suggestions(user: User | None) -> QuerySet[Suggestion]:
    rows = Suggestion.objects.select_related("unit", "case", "handler").defer("reply_pdf", "reply_docx")
    return scope_by_unit(rows, user)


def suggestions(user: User, *, today: dt.date, state: str = "", kind: str = "") -> QuerySet[Suggestion]:
    """The suggestions in `user`'s scope, those still open first by deadline, then the answered ones newest first.
    `state`: a state, "open" or "overdue" (open and past the deadline)."""
    rows = visible_suggestions(user)
    if state == OVERDUE:
        rows = rows.filter(state__in=sorted(OPEN), reply_due_on__lt=today)
    elif state == OPEN_FILTER:
        rows = rows.filter(state__in=sorted(OPEN))
    elif state in {s.value for s in State}:
        rows = rows.filter(state=state)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-received_on", "-pk")


def suggestion_for(user: User | None, pk: int) -> Suggestion | None:
    return visible_suggestions(user).filter(pk=pk).first()


def points_of(suggestion: Suggestion) -> list[SuggestionPoint]:
    return list(suggestion.points.select_related("answered_by").order_by("number"))


def steps_for(user: User, suggestion: Suggestion) -> list[Step]:
    """The steps `user` may take now (role, scope, handler and state; the input is checked on taking)."""
    return [
        step
        for step in STEPS
        if step.sources
        and State(suggestion.state) in step.sources
        and not may_take(user, step, suggestion.unit, suggestion.handler_id)
    ]


def may_register(user: User) -> bool:
    return can_write(user) and bool(user.role_names & STEPS[0].roles)


def unit_choices(user: User) -> list[tuple[int, str]]:
    return [(u.pk, u.name) for u in visible_units(user)]


def handler_choices(user: User, suggestion: Suggestion) -> list[User]:
    """Who may be named handler: active staff of the suggestion's unit or above, within `user`'s view, with a role
    that answers (HANDLER_ROLES)."""
    lineage = [int(part) for part in suggestion.unit.path.strip("/").split("/") if part]
    rows = visible_users(user).filter(is_active=True, unit__in=lineage)
    return [u for u in rows if u.role_names & HANDLER_ROLES]


def case_by_number(user: User, number: str) -> Case | None:
    """A case in `user`'s scope by its case number or reference (the suggestion names the case so)."""
    number = number.strip()
    if not number:
        return None
    rows = scope_by_unit(Case.objects.select_related("unit"), user)
    return rows.filter(Q(case_number=number) | Q(reference=number)).first()


@dataclass(frozen=True)
class CaseSuggestions:
    rows: list[Suggestion]
    today: dt.date


def case_suggestions(user: User, case: Case, today: dt.date) -> CaseSuggestions:
    """For the case page (the case is already in the user's scope)."""
    return CaseSuggestions(list(visible_suggestions(user).filter(case=case).order_by("-received_on", "-pk")), today)


# --- statistics ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuggestionFigures:
    """One row of the statistics: received, answered, answered on time and the on-time rate, for a kind, organ and
    year (a field "" or None: all of them)."""

    year: int | None
    kind: str
    organ: str
    received: int
    answered: int
    on_time: int
    open: int
    overdue: int  # open and past the deadline as of the day asked

    @property
    def on_time_rate(self) -> float | None:
        """Answered on time / answered (None when nothing was answered)."""
        return self.on_time / self.answered if self.answered else None

    @property
    def kind_label(self) -> str:
        return {"judicial": "司法建议", "procuratorial": "检察建议"}.get(self.kind, "合计")


def suggestion_statistics(
    user: User | None, *, as_of: dt.date, year: int | None = None, by: tuple[str, ...] = ("year", "kind", "organ")
) -> list[SuggestionFigures]:
    """Received, answered, answered on time, on-time rate (and still open, overdue as of `as_of`) of the suggestions
    in `user`'s scope (None: all), grouped by `by` — any of "year" (of receipt), "kind", "organ" — and optionally of
    one `year`. Replayed as of `as_of`: a suggestion counts as received when received by then, and as answered when
    its reply was sent by then."""
    rows = scope_by_unit(Suggestion.objects.all(), user) if user is not None else Suggestion.objects.all()
    rows = rows.filter(received_on__lte=as_of)
    if year is not None:
        rows = rows.filter(received_on__year=year)
    sent = Q(sent_on__isnull=False, sent_on__lte=as_of)
    figures = {
        "received": Count("pk"),
        "answered": Count("pk", filter=sent),
        "on_time": Count("pk", filter=sent & Q(sent_on__lte=F("reply_due_on"))),
        "overdue": Count("pk", filter=~sent & Q(reply_due_on__lt=as_of)),
    }
    keys = [name for name in ("year", "kind", "organ") if name in by]
    if keys:
        found = list(rows.annotate(year=ExtractYear("received_on")).values(*keys).annotate(**figures).order_by(*keys))
    else:
        found = [rows.aggregate(**figures)]
    return [
        SuggestionFigures(
            year=row.get("year") if "year" in keys else year,
            kind=row.get("kind", ""),
            organ=row.get("organ", ""),
            received=row["received"],
            answered=row["answered"],
            on_time=row["on_time"],
            open=row["received"] - row["answered"],
            overdue=row["overdue"],
        )
        for row in found
    ]
