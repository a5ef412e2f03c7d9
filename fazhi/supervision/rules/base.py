"""What every supervision rule is: a name, a citation, a severity, and a query over the database "as of" a date.

A rule never walks cases one by one in Python: `QueryRule.find(as_of)` is one queryset (of cases or of periods)
whose rows are the alerts, filtered and counted by the database over indexed columns (the indexes are named in the
models of `fazhi.cases`). Python only turns the rows the page shows into words.

"As of" a past date replays history from the dates the rows carry (received, filed, decided, closed, met, suspended):
what was true on that day is decided from those dates, not from today's state. Where a fact has no date of its own
(a flag, the last movement of a case, a worker's payments) the rule's docstring says how far its replay reaches.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.accounts.queries import scope_by_unit
from fazhi.cases.workflow import State
from fazhi.rules.calendar import WorkingCalendar

CST = zoneinfo.ZoneInfo("Asia/Shanghai")

# A case is open until it is refused, closed or archived.
DONE_STATES = (State.REFUSED.value, State.CLOSED.value, State.ARCHIVED.value)


class Severity(StrEnum):
    RED = "red"
    ORANGE = "orange"
    YELLOW = "yellow"

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self]

    @property
    def rank(self) -> int:
        return SEVERITY_ORDER.index(self)


SEVERITY_LABELS = {Severity.RED: "红色", Severity.ORANGE: "橙色", Severity.YELLOW: "黄色"}
SEVERITY_ORDER = (Severity.RED, Severity.ORANGE, Severity.YELLOW)


# How each rule words an alert from its row: the rule's `describe` and the positions of the row's columns by name.
# (`dates`: the columns read as ISO text, see QueryRule.text_dates.)
WORDING: dict[str, tuple[Callable[[Row], str], dict[str, int], frozenset[str]]] = {}


class Alert(tuple[Any, ...]):
    """One alert: the rule that raised it, on which case (None for the journal) of which unit, since when, and what.

    A tuple, made by the tens of thousands in a scan (the row the rule read rides along at its end): `detail` is worded
    from that row only when it is read."""

    __slots__ = ()

    # The positions of the fields, for sorting and grouping in bulk (`operator.itemgetter(Alert.SINCE)`).
    RULE, SEVERITY, CASE, UNIT, SUBJECT, SINCE, DETAIL, ROW = range(8)

    def __new__(
        cls,
        rule: str,
        severity: Severity,
        case_id: int | None,
        unit_id: int | None,
        subject_id: int | None,  # the row the rule found (a period, a case)
        since: dt.date,
        detail: str = "",
    ) -> Alert:
        return tuple.__new__(cls, (rule, severity, case_id, unit_id, subject_id, since, detail))

    @property
    def rule(self) -> str:
        return cast(str, self[0])

    @property
    def severity(self) -> Severity:
        return cast(Severity, self[1])

    @property
    def case_id(self) -> int | None:
        return cast(int | None, self[2])

    @property
    def unit_id(self) -> int | None:
        return cast(int | None, self[3])

    @property
    def subject_id(self) -> int | None:
        return cast(int | None, self[4])

    @property
    def since(self) -> dt.date:
        return cast(dt.date, self[5])

    @property
    def detail(self) -> str:
        wording = self[6]
        if isinstance(wording, str):
            return wording
        describe, index, dates = WORDING[self[0]]
        later = None if wording is None else wording.columns(self[4])
        return describe(Row(index, self[7], later, dates))

    def _key(self) -> tuple[object, ...]:
        return (*self[:6], self.detail)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Alert) and self._key() == other._key()

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Alert({', '.join(repr(v) for v in self._key())})"


class Later:
    """The columns of one read's rows that only the wording needs (a period's name and citation), read for all of them
    together the first time one alert of the read is worded: a scan makes every alert and words few."""

    __slots__ = ("_found", "_ids", "_model", "_names")

    def __init__(self, model: type[Model], names: tuple[str, ...], ids: list[int]) -> None:
        self._model, self._names, self._ids = model, names, ids
        self._found: dict[int, dict[str, Any]] | None = None

    def columns(self, pk: int) -> dict[str, Any]:
        if self._found is None:
            self._found = {}
            for start in range(0, len(self._ids), 500):
                rows = self._model._default_manager.filter(pk__in=self._ids[start : start + 500])
                for pk_, *values in rows.values_list("pk", *self._names):
                    self._found[pk_] = dict(zip(self._names, values, strict=True))
        return self._found.get(pk, dict.fromkeys(self._names))


def make_alerts(
    rule: str,
    severity: Severity,
    rows: Sequence[tuple[Any, ...]],
    columns: tuple[int, int, int],
    sinces: Sequence[dt.date],
    later: Later | None = None,
) -> list[Alert]:
    """The alerts of many rows at once (`columns`: the positions of the case, the unit and the row's id), each worded
    later from its row (and `later`'s columns) by the rule's entry in WORDING."""
    case, unit, subject = columns
    new = tuple.__new__
    return [
        new(Alert, (rule, severity, values[case], values[unit], values[subject], since, later, values))
        for values, since in zip(rows, sinces, strict=True)
    ]


class Row:
    """One row a rule read, its columns by name (`row["due_on"]`), kept as the database gave it."""

    __slots__ = ("_dates", "_index", "_later", "_values")

    def __init__(
        self,
        index: dict[str, int],
        values: Sequence[Any],
        later: dict[str, Any] | None = None,
        dates: frozenset[str] = frozenset(),
    ) -> None:
        self._index = index
        self._values = values
        self._later = later
        self._dates = dates

    def __getitem__(self, name: str) -> Any:
        position = self._index.get(name)
        if position is None and self._later is not None:
            return self._later[name]
        value = self._values[self._index[name] if position is None else position]
        return as_date(value) if name in self._dates and value is not None else value


def as_date(value: Any) -> dt.date:
    """A date read as a date or as ISO text (QueryRule.text_dates)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


@dataclass(frozen=True)
class Evidence:
    """What an alert rests on, for its page: facts (label, value) and the journal actions that record them."""

    facts: list[tuple[str, str]] = field(default_factory=list)
    journal_actions: tuple[str, ...] = ()  # empty: every entry of the case


class Rule:
    """A supervision rule. Subclasses give the query; this class applies the scope and makes the alerts."""

    code: str = ""
    name: str = ""
    citation: str = ""
    severity: Severity = Severity.ORANGE
    explanation: str = ""  # what the rule checks, in a sentence
    note: str = ""  # limits of the rule (replay, data not yet kept)

    def alerts(self, as_of: dt.date, user: User | None = None, *, case_id: int | None = None) -> list[Alert]:
        raise NotImplementedError

    def counts(self, as_of: dt.date, user: User | None = None) -> dict[int | None, int]:
        """How many alerts per unit (None: alerts of no unit)."""
        found: dict[int | None, int] = {}
        for alert in self.alerts(as_of, user):
            found[alert.unit_id] = found.get(alert.unit_id, 0) + 1
        return found

    def newest(self, as_of: dt.date, user: User | None, limit: int) -> list[Alert]:
        return sorted(self.alerts(as_of, user), key=lambda a: a.since, reverse=True)[:limit]

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        return Evidence()


class QueryRule(Rule):
    """A rule whose alerts are the rows of one queryset over `model`.

    `order` is a column whose descending order is the order of the alerts' `since` (newest first); `columns` are read
    with it for the alert's description."""

    model: type[Model]
    case_field: str = "id"
    unit_field: str = "unit"
    order: str = "id"
    columns: tuple[str, ...] = ()
    # Rows read already sorted by (order, case, id): for rules with many alerts whose index gives that order for free.
    # Others sort their (few) rows by case and row here: an ORDER BY may turn the database to the order column's index.
    read_in_order: bool = False
    # Columns only the wording reads: read when an alert of the read is first worded (see `Later`).
    later_columns: tuple[str, ...] = ()
    # Date columns a rule `read_in_order` reads as ISO text: tens of thousands of rows hold a few dozen distinct dates,
    # which the rule's `sinces` parses once each (`as_date`), where the driver would make a date object per value
    # (SQLite through a Python converter per value). `Row` gives them back as dates.
    text_dates: tuple[str, ...] = ()

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        raise NotImplementedError

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        """The day the alert began, from the `order` column's value."""
        return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else as_of

    def describe(self, row: Row) -> str:
        return self.name

    def context(self, as_of: dt.date) -> Any:
        """What `since` needs for every row of one read (the calendar, say), fetched once."""
        return None

    def scoped(self, as_of: dt.date, user: User | None) -> QuerySet[Any]:
        found = self.find(as_of)
        return found if user is None else scope_by_unit(found, user, self.unit_field)

    def _names(self) -> list[str]:
        case = self.case_field if self.case_field == "id" else f"{self.case_field}_id"
        return list(dict.fromkeys(["id", case, f"{self.unit_field}_id", self.order, *self.columns]))

    def sinces(self, rows: Sequence[Sequence[Any]], index: dict[str, int], as_of: dt.date) -> list[dt.date]:
        """The day each alert began: `since` of each row (a rule with many alerts may do it for all rows at once)."""
        context = self.context(as_of)
        order = index[self.order]
        dates = frozenset(self.text_dates)
        return [self.since(values[order], Row(index, values, None, dates), as_of, context) for values in rows]

    def _index(self) -> dict[str, int]:
        index = {name: i for i, name in enumerate(self._names())}
        WORDING[self.code] = (self.describe, index, frozenset(self.text_dates))
        return index

    def _alerts(self, rows: Sequence[tuple[Any, ...]], as_of: dt.date) -> list[Alert]:
        index = self._index()
        case = index["id" if self.case_field == "id" else f"{self.case_field}_id"]
        columns = (case, index[f"{self.unit_field}_id"], 0)
        later = Later(self.model, self.later_columns, [row[0] for row in rows]) if self.later_columns else None
        return make_alerts(self.code, self.severity, rows, columns, self.sinces(rows, index, as_of), later)

    def alerts(self, as_of: dt.date, user: User | None = None, *, case_id: int | None = None) -> list[Alert]:
        """The rule's alerts in its reading order: by case and row, or, for a rule `read_in_order`, by its `order`
        column, case and row (the order of the index it reads; a scan gathers them so)."""
        found = self.scoped(as_of, user)
        if case_id is not None:
            found = found.filter(**{self.case_field: case_id})
        if self.read_in_order:
            fields = [Cast(n, CharField()) if n in self.text_dates else n for n in self._names()]
            ordered = found.order_by(self.order, self.case_field, "id").values_list(*fields)
            return self._alerts(fetch(ordered), as_of)
        rows = list(found.order_by().values_list(*self._names()))
        rows.sort(key=itemgetter(self._index()["id" if self.case_field == "id" else f"{self.case_field}_id"], 0))
        return self._alerts(rows, as_of)

    def counts(self, as_of: dt.date, user: User | None = None) -> dict[int | None, int]:
        """How many alerts per unit: the units of the rule's rows, read by the rule's own query and counted here. A
        GROUP BY would let the database pick another index (SQLite reads every case through the unit's index for it)
        and costs as much as reading one small column of the same rows."""
        found = self.scoped(as_of, user).order_by().values_list(f"{self.unit_field}_id")
        return dict(Counter(unit for (unit,) in fetch(found)))

    def newest(self, as_of: dt.date, user: User | None, limit: int) -> list[Alert]:
        rows = self.scoped(as_of, user).order_by(f"-{self.order}", "-id").values_list(*self._names())[:limit]
        return self._alerts(list(rows), as_of)


def fetch(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a `values_list` read straight from the driver, for rules reading tens of thousands of rows of
    integers, dates and text: the driver gives them their Python types (SQLite through the converters Django
    registers for declared types), so Django's per-value converters are skipped."""
    compiler = rows.query.get_compiler(using=rows.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # a rule whose query names no row (`pk__in=[]`): no statement to run
        return []
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


# --- helpers the rules share ------------------------------------------------------------------------------------------


def setting_int(name: str) -> int:
    return int(getattr(settings, name))


def start_of_day(day: dt.date) -> dt.datetime:
    """00:00 of `day` in Asia/Shanghai (statutory dates are dates there)."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=CST)


def lookback_start(as_of: dt.date) -> dt.date:
    """The first day the rules over finished events look at."""
    return as_of - dt.timedelta(days=setting_int("FAZHI_SUPERVISION_LOOKBACK_DAYS"))


def working_days_before(calendar: WorkingCalendar, day: dt.date, days: int) -> dt.date:
    """The earliest day from which at most `days` working days remain up to `day` (the start of a warning window)."""
    start = day
    while calendar.working_days_between(start - dt.timedelta(days=1), day) <= days:
        start -= dt.timedelta(days=1)
    return start


def open_on(as_of: dt.date, prefix: str = "") -> Q:
    """The case was open on `as_of`: received by then and not yet closed (refused cases carry no closing date and are
    left out while refused)."""
    p = prefix
    return (
        Q(**{f"{p}received_on__lte": as_of})
        & (Q(**{f"{p}closed_on__isnull": True}) | Q(**{f"{p}closed_on__gt": as_of}))
        & ~Q(**{f"{p}state": State.REFUSED.value})
    )


def yuan(value: Any) -> str:
    return f"{value} 元" if value is not None else ""


def day(value: dt.date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


RuleFactory = Callable[[], Rule]


def replaying(as_of: dt.date) -> bool:
    """`as_of` is a past day, replayed from the dates the rows carry. From today on, no date a row carries (met,
    suspended, closed: days on which something was done) lies after `as_of`, so the rules read the rows' states as they
    stand, through the indexes on (state, due date, unit), instead of the dates' alternatives."""
    return as_of < timezone.localdate()


def period_running_on(as_of: dt.date) -> Q:
    """A statutory period was running on `as_of`: started by then, and not met (nor suspended) before the day was over.

    Today (and later): the running periods, read through the index on (state, due date, unit). A past day: three
    branches, running now, met after `as_of`, suspended after `as_of` (a slower read: the branches defeat that index).
    A period resumed after a suspension carries its recomputed due date."""
    started = Q(started_on__lte=as_of, due_on__isnull=False)
    if not replaying(as_of):
        return started & Q(state="running")
    return started & (
        Q(state="running") | Q(state="met", met_on__gt=as_of) | Q(state="suspended", suspended_on__gt=as_of)
    )
