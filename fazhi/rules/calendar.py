"""The Chinese working-day calendar and the statutory period arithmetic built on it.

A day is a working day when it is a make-up working day (调休上班), or a Monday to Friday that is not a day off
(法定节假日 or a 调休 day off). Holidays and make-up days are data, one `YearData` per calendar year, taken from the
State Council's annual notice (国务院办公厅关于某年部分节假日安排的通知); weekends are the weekly rest days of state
organs (国务院关于职工工作时间的规定 第七条).

Counting rules (law digest §14.10):
- The start day is not counted (民事诉讼法 第八十五条第二款; 民诉法解释 第一百二十五条; 民法典 第二百零一条).
- N working days from D end on the N-th working day after D, whatever D is. (chinese-calendar's
  `find_workday(n, d)` returns the (n+1)-th working day after a rest day d; this module does not.)
  Working days are how 行政处罚法 第八十五条 and 行政复议法 第八十八条第二款 define their short periods.
- N calendar days from D end on D + N; if that day is a rest day (weekend or day off, but not a make-up working day)
  the period ends on the next working day (民事诉讼法 第八十五条第三款 "期间届满的最后一日是法定休假日的，
  以法定休假日后的第一日为期间届满的日期", applied to administrative litigation by 行政诉讼法 第一百零一条;
  weekends count as 法定休假日 here, law digest §14.10 "Conclusion for encoding").
- N = 0 returns the start unchanged (no period, no roll-over); N < 0 is an error. Callers that take N from users
  (the API, `due_date` command) require N ≥ 1.
- Every year a period touches, from the start's year to the due date's year, must be loaded; otherwise
  `CalendarYearMissing(year)` names the first missing year. There is no weekends-only guess here: a provisional
  date for display, never a due date, is `fazhi.rules.provisional`'s.

Speed: answers come from a precomputed cumulative index (O(1) per call, no day-by-day walk). For every contiguous run
of loaded years the calendar keeps, per day, whether it is a working day and how many working days there are up to
and including it, plus the list of working days in order; "N working days after D" is then one list lookup.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "CalendarError",
    "CalendarYearMissing",
    "InvalidPeriod",
    "PeriodUnit",
    "WorkingCalendar",
    "YearData",
    "is_working_day_by_rule",
    "years_from_tables",
]

_ONE_DAY = dt.timedelta(days=1)


class PeriodUnit(StrEnum):
    WORKING = "working"  # 工作日
    CALENDAR = "calendar"  # 日 (自然日)

    @property
    def label(self) -> str:
        return "工作日" if self is PeriodUnit.WORKING else "自然日"


class CalendarError(Exception):
    """Base class of the calendar's errors; str(error) is a Chinese message fit to show a user."""


class CalendarYearMissing(CalendarError):
    """A period needs a year whose holidays and make-up working days have not been loaded."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"缺少 {year} 年的节假日数据，请先用 load_calendar 导入")


class InvalidPeriod(CalendarError, ValueError):
    """A period length or unit the arithmetic does not accept."""


@dataclass(frozen=True)
class YearData:
    """One calendar year's days off (放假, including 调休 days off) and make-up working days (调休上班)."""

    year: int
    days_off: frozenset[dt.date] = field(default_factory=frozenset)
    makeup_days: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        for day in self.days_off | self.makeup_days:
            if day.year != self.year:
                raise ValueError(f"{day.isoformat()} 不在 {self.year} 年内")
        both = self.days_off & self.makeup_days
        if both:
            raise ValueError(f"{min(both).isoformat()} 既是放假日又是调休上班日")
        for day in self.makeup_days:
            if day.weekday() < 5:
                raise ValueError(f"调休上班日 {day.isoformat()} 不是周六或周日")


def is_working_day_by_rule(day: dt.date, days_off: Iterable[dt.date], makeup_days: Iterable[dt.date]) -> bool:
    """The definition itself, day by day (the reference the index is tested against)."""
    if day in makeup_days:
        return True
    return day.weekday() < 5 and day not in days_off


def years_from_tables(
    days_off: Iterable[dt.date] | Mapping[dt.date, object],
    makeup_days: Iterable[dt.date] | Mapping[dt.date, object],
    years: Iterable[int] | None = None,
) -> list[YearData]:
    """Group flat tables of days off and make-up days (such as chinese-calendar's) into YearData by calendar year.

    `years` lists the years to produce (a year with no entry is then an ordinary year of weekends); by default, every
    year that has an entry.
    """
    off_by_year: dict[int, set[dt.date]] = {}
    makeup_by_year: dict[int, set[dt.date]] = {}
    for day in days_off:
        off_by_year.setdefault(day.year, set()).add(day)
    for day in makeup_days:
        makeup_by_year.setdefault(day.year, set()).add(day)
    wanted = sorted(set(years) if years is not None else set(off_by_year) | set(makeup_by_year))
    return [
        YearData(
            year=year,
            days_off=frozenset(off_by_year.get(year, ())),
            makeup_days=frozenset(makeup_by_year.get(year, ())),
        )
        for year in wanted
    ]


class _Segment:
    """A contiguous run of loaded years with its cumulative index."""

    __slots__ = ("count_through", "first_ordinal", "first_year", "last_year", "working", "working_days")

    def __init__(self, years: list[YearData]) -> None:
        self.first_year = years[0].year
        self.last_year = years[-1].year
        first = dt.date(self.first_year, 1, 1)
        self.first_ordinal = first.toordinal()
        days_off: set[dt.date] = set()
        makeup: set[dt.date] = set()
        for year in years:
            days_off |= year.days_off
            makeup |= year.makeup_days
        size = dt.date(self.last_year, 12, 31).toordinal() - self.first_ordinal + 1
        # working[i]: is day i a working day; count_through[i]: working days among days 0..i;
        # working_days[k]: the (k+1)-th working day of the segment.
        self.working: list[bool] = []
        self.count_through: list[int] = []
        self.working_days: list[dt.date] = []
        day = first
        for _ in range(size):
            is_working = is_working_day_by_rule(day, days_off, makeup)
            self.working.append(is_working)
            if is_working:
                self.working_days.append(day)
            self.count_through.append(len(self.working_days))
            day += _ONE_DAY


class WorkingCalendar:
    """Working-day arithmetic over the loaded years. Immutable once built; safe to share between threads."""

    def __init__(self, years: Iterable[YearData]) -> None:
        by_year: dict[int, YearData] = {}
        for year in years:
            if year.year in by_year:
                raise ValueError(f"{year.year} 年的数据重复")
            by_year[year.year] = year
        self._data = by_year
        self._years: tuple[int, ...] = tuple(sorted(by_year))
        self._segment_of_year: dict[int, _Segment] = {}
        run: list[YearData] = []
        for number in self._years:
            if run and number != run[-1].year + 1:
                self._add_segment(run)
                run = []
            run.append(by_year[number])
        if run:
            self._add_segment(run)

    def _add_segment(self, run: list[YearData]) -> None:
        segment = _Segment(run)
        for year in run:
            self._segment_of_year[year.year] = segment

    # --- what is loaded -------------------------------------------------------------------------------------------

    @property
    def years(self) -> tuple[int, ...]:
        """The loaded years, in order."""
        return self._years

    def is_loaded(self, year: int) -> bool:
        return year in self._segment_of_year

    def year_data(self) -> tuple[YearData, ...]:
        """The loaded years' data, in order (to build a calendar that adds years to this one)."""
        return tuple(self._data[year] for year in self._years)

    @property
    def gaps(self) -> tuple[int, ...]:
        """Years between the first and the last loaded year that are not loaded."""
        if not self._years:
            return ()
        return tuple(y for y in range(self._years[0], self._years[-1] + 1) if y not in self._segment_of_year)

    def _segment(self, year: int) -> _Segment:
        segment = self._segment_of_year.get(year)
        if segment is None:
            raise CalendarYearMissing(year)
        return segment

    # --- single days ----------------------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        segment = self._segment(day.year)
        return segment.working[day.toordinal() - segment.first_ordinal]

    def roll_forward(self, day: dt.date) -> dt.date:
        """`day` if it is a working day, else the first working day after it."""
        segment = self._segment(day.year)
        index = day.toordinal() - segment.first_ordinal
        if segment.working[index]:
            return day
        return self._working_day_at(segment, segment.count_through[index])

    @staticmethod
    def _working_day_at(segment: _Segment, position: int) -> dt.date:
        try:
            return segment.working_days[position]
        except IndexError:
            raise CalendarYearMissing(segment.last_year + 1) from None

    # --- periods --------------------------------------------------------------------------------------------------

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (start not counted, whether or not it is a working day)."""
        segment = self._segment(start.year)
        if days < 1:
            if days == 0:
                return start
            raise InvalidPeriod(f"期间天数不能为负数：{days}")
        # count_through[start] working days lie on or before start, so the n-th one after it sits at that + n - 1.
        return self._working_day_at(
            segment, segment.count_through[start.toordinal() - segment.first_ordinal] + days - 1
        )

    def add_calendar_days(self, start: dt.date, days: int) -> dt.date:
        """start + `days`, moved to the next working day if that day is a rest day (民事诉讼法 第八十五条第三款)."""
        segment = self._segment(start.year)
        if days < 1:
            if days == 0:
                return start
            raise InvalidPeriod(f"期间天数不能为负数：{days}")
        index = start.toordinal() - segment.first_ordinal + days
        if index >= len(segment.working):
            raise CalendarYearMissing(segment.last_year + 1)
        if segment.working[index]:
            return start + dt.timedelta(days=days)
        return self._working_day_at(segment, segment.count_through[index])

    def add_months(self, start: dt.date, months: int) -> dt.date:
        """The corresponding day `months` months later (the month's last day if it has none), then rolled forward.

        民法典 第二百零二条: 按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日;
        第二百零三条: a last day that is a 法定休假日 moves to the first day after it.
        """
        if months < 0:
            raise InvalidPeriod(f"期间月数不能为负数：{months}")
        segment = self._segment(start.year)
        if months == 0:
            return start
        month_index = start.month - 1 + months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        if year > segment.last_year:
            raise CalendarYearMissing(segment.last_year + 1)
        next_month_first = dt.date(year + month // 12, month % 12 + 1, 1)
        last_day = min(start.day, (next_month_first - _ONE_DAY).day)
        return self.roll_forward(dt.date(year, month, last_day))

    def due_date(self, start: dt.date, days: int, unit: PeriodUnit | str = PeriodUnit.WORKING) -> dt.date:
        """The last day of a period of `days` working or calendar days starting on `start` (start not counted)."""
        try:
            kind = PeriodUnit(unit)
        except ValueError:
            raise InvalidPeriod(f"未知的期间单位“{unit}”，应为 working（工作日）或 calendar（自然日）") from None
        if kind is PeriodUnit.WORKING:
            return self.add_working_days(start, days)
        return self.add_calendar_days(start, days)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`; negative (the same count) when end is before start.

        working_days_between(today, due) is how many working days are left; add_working_days(d, n) is the day e
        with working_days_between(d, e) == n that is itself a working day.
        """
        low, high = (start, end) if start <= end else (end, start)
        segment = self._segment(low.year)
        if high.year > segment.last_year:
            raise CalendarYearMissing(segment.last_year + 1)
        count = (
            segment.count_through[high.toordinal() - segment.first_ordinal]
            - segment.count_through[low.toordinal() - segment.first_ordinal]
        )
        return count if start <= end else -count
