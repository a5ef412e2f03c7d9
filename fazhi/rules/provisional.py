"""Provisional due dates (预计届满日) for periods that run into a year whose holiday notice is not loaded yet.

Such a period has no due date until the State Council's notice for that year is loaded
(`calendar.CalendarYearMissing`), and Fazhi never guesses one. This module only gives the screens an estimate. The
loaded years count as loaded. A missing year counts only its weekends (国务院关于职工工作时间的规定 第七条) and the
holidays whose dates are fixed (全国年节及纪念日放假办法 第二条第（一）、（四）、（七）项) as rest days:

- 元旦: 1月1日;
- 劳动节: 5月1日、2日;
- 国庆节: 10月1日至3日.

The estimate leaves three things out, so it can be several days away from the legal date:
- the holidays without a fixed date (第二条第（二）、（三）、（五）、（六）项): 春节 (农历除夕、正月初一至初三),
  端午 and 中秋 follow the lunar calendar, and 清明 falls on the solar term (4 or 5 April);
- 补假 (第六条): a holiday on a Saturday or Sunday is made up on a working day, and the notice chooses which;
- 调休 (第七条): the notice's swapped days off and make-up working days.
So the estimate can be some days off either way. A period that crosses 春节 gets an estimate several days earlier
than its legal date (the largest gap). A period that ends just after a make-up working day gets one a day later.

A provisional date is never a due date. It feeds no breach sweep, supervision alert, overdue count or days-left count,
and no document prints it. Callers store it next to the empty due date and drop it when the year is loaded.

The text counted is the 2024 revision (劳动节 2 days). It applies from 2025-01-01: 国务院令第795号 says
"自2025年1月1日起施行" [S: from the decree as reported; the statute file holds the revised text, not the decree].
A missing year before 2025 gets no estimate.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from fazhi.rules.calendar import CalendarError, WorkingCalendar, YearData
from fazhi.rules.periods import Citation

__all__ = [
    "FIRST_YEAR",
    "FIXED_DATE_HOLIDAYS",
    "HORIZON_YEARS",
    "NOTE",
    "NOTE_IN_FULL",
    "FixedHoliday",
    "estimate",
    "estimated_year",
    "estimated_years",
    "fixed_date_holidays",
    "provisional_calendar",
]

# What every screen says beside a provisional date (its title; the API's field descriptions), and the note a page
# that shows one prints below it.
NOTE = "预计日期仅按周末和固定日期节假日推算，不是法定期限，导入该年度节假日安排后自动替换"
NOTE_IN_FULL = (
    f"{NOTE}。固定日期节假日指元旦（1月1日）、劳动节（5月1日、2日）、国庆节（10月1日至3日）；"
    "春节、清明节、端午节、中秋节的日期逐年不同，调休、补假由当年通知安排，均未计入，所以预计日期与法定期限可能相差数日。"
)

HOLIDAY_ACT = "全国年节及纪念日放假办法"
# The 2024 revision (国务院令第795号) is in force from this year on [S]; before it 劳动节 was one day.
FIRST_YEAR = 2025
# Years estimated after the last loaded one: enough for the longest period (24 months, 行政诉讼法解释 第一百五十三条)
# that starts in the first missing year.
HORIZON_YEARS = 5


@dataclass(frozen=True)
class FixedHoliday:
    """A holiday for all citizens whose days are calendar dates (全国年节及纪念日放假办法 第二条)."""

    name: str
    days: tuple[tuple[int, int], ...]  # (month, day)
    citation: Citation

    def dates(self, year: int) -> tuple[dt.date, ...]:
        return tuple(dt.date(year, month, day) for month, day in self.days)


FIXED_DATE_HOLIDAYS = (
    FixedHoliday("元旦", ((1, 1),), Citation(HOLIDAY_ACT, 2, item=1)),  # 放假1天（1月1日）
    FixedHoliday("劳动节", ((5, 1), (5, 2)), Citation(HOLIDAY_ACT, 2, item=4)),  # 放假2天（5月1日、2日）
    FixedHoliday("国庆节", ((10, 1), (10, 2), (10, 3)), Citation(HOLIDAY_ACT, 2, item=7)),  # 放假3天（10月1日至3日）
)


def fixed_date_holidays(year: int) -> dict[dt.date, str]:
    """The fixed-date holidays of `year` with their names; empty before the 2024 text applies."""
    if year < FIRST_YEAR:
        return {}
    return {day: holiday.name for holiday in FIXED_DATE_HOLIDAYS for day in holiday.dates(year)}


def estimated_year(year: int) -> YearData:
    """A missing year as the estimate counts it: weekends and the fixed-date holidays off, no make-up working days."""
    return YearData(year=year, days_off=frozenset(fixed_date_holidays(year)))


def estimated_years(calendar: WorkingCalendar) -> tuple[int, ...]:
    """The years the estimate fills in: the gaps between loaded years and HORIZON_YEARS after the last, from 2025."""
    if not calendar.years:
        return ()
    first, last = max(calendar.years[0], FIRST_YEAR), calendar.years[-1] + HORIZON_YEARS
    return tuple(year for year in range(first, last + 1) if not calendar.is_loaded(year))


# One provisional calendar per calendar: the calendars are immutable and cached by their callers, so this is built
# once per loaded version. Weak keys: it goes when the calendar does.
_provisional: weakref.WeakKeyDictionary[WorkingCalendar, WorkingCalendar] = weakref.WeakKeyDictionary()


def provisional_calendar(calendar: WorkingCalendar) -> WorkingCalendar:
    """`calendar` with every missing year filled in by `estimated_year` (the loaded years unchanged)."""
    built = _provisional.get(calendar)
    if built is None:
        built = WorkingCalendar([*calendar.year_data(), *map(estimated_year, estimated_years(calendar))])
        _provisional[calendar] = built
    return built


def estimate(calendar: WorkingCalendar, count: Callable[[WorkingCalendar], dt.date]) -> dt.date | None:
    """`count` done on the provisional calendar: the estimate of a date that `count(calendar)` cannot give because a
    year is missing. None when the estimate needs a year it does not fill in either (before 2025, or past the
    horizon)."""
    try:
        return count(provisional_calendar(calendar))
    except CalendarError:
        return None
