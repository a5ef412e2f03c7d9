"""Property tests: the indexed calendar agrees with a naive day-by-day walk (the definition, slowly)."""

from __future__ import annotations

import datetime as dt

from chinese_calendar.constants import holidays, workdays
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.rules.calendar import (
    CalendarYearMissing,
    WorkingCalendar,
    YearData,
    is_working_day_by_rule,
    years_from_tables,
)

ONE_DAY = dt.timedelta(days=1)
Outcome = tuple[str, object]


class NaiveCalendar:
    """The reference: walks one day at a time and checks every year it steps into."""

    def __init__(self, years: list[YearData]) -> None:
        self.years = {y.year: y for y in years}

    def _check(self, day: dt.date) -> None:
        if day.year not in self.years:
            raise CalendarYearMissing(day.year)

    def is_working(self, day: dt.date) -> bool:
        self._check(day)
        year = self.years[day.year]
        return is_working_day_by_rule(day, year.days_off, year.makeup_days)

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        self._check(start)
        day, counted = start, 0
        while counted < n:
            day += ONE_DAY
            if self.is_working(day):
                counted += 1
        return day

    def add_calendar_days(self, start: dt.date, n: int) -> dt.date:
        self._check(start)
        if n == 0:
            return start
        day = start
        for _ in range(n):
            day += ONE_DAY
            self._check(day)
        while not self.is_working(day):
            day += ONE_DAY
        return day


def outcome(function, *args) -> Outcome:
    try:
        return ("due", function(*args))
    except CalendarYearMissing as missing:
        return ("missing", missing.year)


@st.composite
def year_data(draw, year: int) -> YearData:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days_off = draw(st.frozensets(st.dates(first, last), max_size=40))
    weekend = st.dates(first, last).filter(lambda d: d.weekday() >= 5 and d not in days_off)
    makeup = draw(st.frozensets(weekend, max_size=8))
    return YearData(year=year, days_off=days_off, makeup_days=makeup)


@st.composite
def calendars(draw) -> list[YearData]:
    years = draw(st.lists(st.integers(2030, 2036), unique=True, min_size=0, max_size=7))
    return [draw(year_data(year)) for year in sorted(years)]


@settings(max_examples=150, deadline=None)
@given(
    years=calendars(),
    start=st.dates(dt.date(2029, 6, 1), dt.date(2037, 6, 30)),
    n=st.integers(0, 500),
)
def test_random_calendars_agree_with_the_day_by_day_walk(years, start, n):
    fast, slow = WorkingCalendar(years), NaiveCalendar(years)
    assert outcome(fast.add_working_days, start, n) == outcome(slow.add_working_days, start, n)
    assert outcome(fast.add_calendar_days, start, n) == outcome(slow.add_calendar_days, start, n)


REAL_YEARS = years_from_tables(holidays, workdays)
REAL_FAST = WorkingCalendar(REAL_YEARS)
REAL_SLOW = NaiveCalendar(REAL_YEARS)


@settings(max_examples=300, deadline=None)
@given(start=st.dates(dt.date(2003, 12, 1), dt.date(2026, 12, 31)), n=st.integers(0, 400))
def test_the_real_2004_to_2026_calendar_agrees_with_the_day_by_day_walk(start, n):
    working = outcome(REAL_FAST.add_working_days, start, n)
    assert working == outcome(REAL_SLOW.add_working_days, start, n)
    calendar = outcome(REAL_FAST.add_calendar_days, start, n)
    assert calendar == outcome(REAL_SLOW.add_calendar_days, start, n)
    if working[0] == "due" and n > 0:
        due = working[1]
        assert isinstance(due, dt.date)
        assert REAL_FAST.is_working_day(due)
        assert REAL_FAST.working_days_between(start, due) == n
    if calendar[0] == "due" and n > 0:
        due = calendar[1]
        assert isinstance(due, dt.date)
        assert REAL_FAST.is_working_day(due)
        assert due >= start + dt.timedelta(days=n)
