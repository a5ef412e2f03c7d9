"""What a change of holiday data does to a due date already computed: the days whose status changed, and the due date
a stored period has under the new data.

A year is replaced when its data were wrong (2005-12-31 was a make-up working day by 国办发明电〔2005〕35号 "12月31日
（星期六）上班", and the seed had it as a rest day) or when a province loads its own arrangement. A period whose span
touches a changed day then ends on another day; one that does not keeps its due date.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from fazhi.rules import periods
from fazhi.rules.calendar import CalendarYearMissing, WorkingCalendar

__all__ = ["StoredPeriod", "changed_days", "redated_due"]

_ONE_DAY = dt.timedelta(days=1)


def changed_days(old: WorkingCalendar, new: WorkingCalendar, years: Iterable[int]) -> tuple[dt.date, ...]:
    """The days of `years` that are a working day in one calendar and a rest day in the other, in order.

    A year the old calendar did not have is not a change (periods waiting for it are completed, not moved)."""
    days: list[dt.date] = []
    for year in sorted(set(years)):
        if not (old.is_loaded(year) and new.is_loaded(year)):
            continue
        day = dt.date(year, 1, 1)
        while day.year == year:
            if old.is_working_day(day) != new.is_working_day(day):
                days.append(day)
            day += _ONE_DAY
    return tuple(days)


@dataclass(frozen=True)
class StoredPeriod:
    """What a stored period row says: its start (or, for a period before an event, the event), its due date, its
    length (extensions included) and unit ("working", "calendar" or "months")."""

    started_on: dt.date
    due_on: dt.date
    days: int
    unit: str


def _touches(period: StoredPeriod, changed: Iterable[dt.date]) -> list[dt.date]:
    low, high = sorted((period.started_on, period.due_on))
    return sorted(day for day in changed if low <= day <= high)


def redated_due(
    period: StoredPeriod,
    *,
    rule: periods.PeriodRule | None,
    old: WorkingCalendar,
    new: WorkingCalendar,
    changed: Iterable[dt.date],
) -> dt.date | None:
    """The due date of `period` under the `new` calendar, given the `old` one it was computed with.

    - A period whose span (start to due date) holds no changed day keeps its due date.
    - A period of working days that runs forward keeps the working days it had after the first changed day it spans:
      counted again from the day before that day. This is the same as counting the whole period again when nothing
      stopped it, and it keeps what a suspension (中止) did before the change: the time left is not counted twice.
    - Any other period (calendar days, months, a period before its event) is counted again from its start with its
      rule, when that count under the old calendar gives the stored due date; otherwise (a row the rule alone does not
      explain) the answer is None: the row is left for a person to check.

    Raises CalendarYearMissing only if the new calendar lacks a year the old one had, which a load never does.
    """
    touched = _touches(period, changed)
    if not touched:
        return period.due_on
    if period.unit == periods.Unit.WORKING.value and period.due_on > period.started_on:
        anchor = max(period.started_on, touched[0] - _ONE_DAY)
        left = old.working_days_between(anchor, period.due_on)
        return new.add_working_days(anchor, left)
    if rule is None or rule.unit.value != period.unit:
        return None
    counted = dataclasses.replace(rule, days=period.days)
    try:
        if periods.due_date(counted, period.started_on, old) != period.due_on:
            return None
    except CalendarYearMissing:
        return None
    return periods.due_date(counted, period.started_on, new)
