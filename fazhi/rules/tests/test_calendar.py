"""The pure working-day calendar, built from chinese-calendar's tables (2004–2026)."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from chinese_calendar.constants import holidays, workdays

from fazhi.rules.calendar import (
    CalendarYearMissing,
    InvalidPeriod,
    PeriodUnit,
    WorkingCalendar,
    YearData,
    years_from_tables,
)

D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar(years_from_tables(holidays, workdays))


def test_every_day_of_2004_to_2026_is_a_working_day_exactly_when_chinese_calendar_says_so(cal):
    day, mismatches = D(2004, 1, 1), []
    while day <= D(2026, 12, 31):
        if cal.is_working_day(day) != chinese_calendar.is_workday(day):
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []
    assert cal.years == tuple(range(2004, 2027))
    assert cal.gaps == ()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 1, 1), False),  # 元旦
        (D(2026, 1, 3), False),  # 元旦 holiday on a Saturday
        (D(2026, 1, 4), True),  # Sunday, 调休上班
        (D(2026, 1, 5), True),
        (D(2026, 1, 10), False),  # ordinary Saturday
        (D(2026, 2, 14), True),  # Saturday, 调休上班 before 春节
        (D(2026, 2, 23), False),  # last day of 春节
        (D(2026, 2, 24), True),
        (D(2026, 10, 10), True),  # Saturday, 调休上班 after 国庆
        (D(2015, 9, 3), False),  # 抗战胜利70周年纪念日
        (D(2011, 12, 31), True),  # Saturday, make-up day of the 2012 元旦 holiday, in 2011
    ],
)
def test_days_off_and_make_up_working_days_are_known(cal, day, working):
    assert cal.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        (D(2025, 12, 31), 1, D(2026, 1, 4), "元旦 1–3 off, Sunday 4th is a make-up working day"),
        (D(2025, 12, 31), 2, D(2026, 1, 5), ""),
        (D(2026, 1, 1), 1, D(2026, 1, 4), "start on a holiday: the first working day after it"),
        (D(2026, 1, 3), 1, D(2026, 1, 4), "start on a holiday Saturday"),
        (D(2026, 1, 4), 1, D(2026, 1, 5), "start on a make-up Sunday"),
        (D(2026, 1, 10), 1, D(2026, 1, 12), "start on a Saturday"),
        (D(2026, 1, 11), 5, D(2026, 1, 16), "start on a Sunday"),
        (D(2026, 1, 12), 5, D(2026, 1, 19), "start on a Monday: Tue..Fri, Mon"),
        (D(2026, 2, 13), 1, D(2026, 2, 14), "Friday before 春节: Saturday 14th is worked"),
        (D(2026, 2, 13), 2, D(2026, 2, 24), "then 春节 15–23"),
        (D(2026, 10, 1), 1, D(2026, 10, 8), "国庆 1–7; find_workday(1, …) would say 10-09"),
        (D(2025, 12, 30), 60, D(2026, 3, 31), "+60 across the year end (counted by hand)"),
        (D(2004, 1, 1), 1, D(2004, 1, 2), "first loaded day"),
        (D(2026, 12, 30), 1, D(2026, 12, 31), "last loaded working day"),
    ],
)
def test_working_days_are_counted_from_the_day_after_the_start(cal, start, days, expected, why):
    assert cal.add_working_days(start, days) == expected, why
    assert cal.due_date(start, days, PeriodUnit.WORKING) == expected
    assert cal.working_days_between(start, expected) == days


def test_a_rest_day_start_is_not_shifted_the_way_chinese_calendar_find_workday_does(cal):
    holiday = D(2026, 10, 1)
    assert chinese_calendar.find_workday(1, holiday) == D(2026, 10, 9)  # (n+1)-th: the behaviour we do not copy
    assert cal.add_working_days(holiday, 1) == D(2026, 10, 8)


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        (D(2026, 1, 12), 4, D(2026, 1, 16), "ends on a Friday: no roll-over"),
        (D(2026, 1, 12), 5, D(2026, 1, 19), "ends on a Saturday: the next Monday"),
        (D(2026, 1, 12), 6, D(2026, 1, 19), "ends on a Sunday: the next Monday"),
        (D(2025, 12, 29), 3, D(2026, 1, 4), "ends on 元旦: the make-up Sunday after it is a working day"),
        (D(2026, 1, 1), 3, D(2026, 1, 4), "ends on a make-up Sunday: it stands"),
        (D(2026, 2, 1), 14, D(2026, 2, 24), "ends on the first day of 春节: after the whole holiday"),
        (D(2026, 2, 10), 4, D(2026, 2, 14), "ends on the make-up Saturday"),
        (D(2026, 9, 20), 30, D(2026, 10, 20), "holidays inside the period are not deducted"),
        (D(2026, 12, 1), 30, D(2026, 12, 31), "last loaded day"),
    ],
)
def test_calendar_days_roll_over_a_rest_day_to_the_next_working_day(cal, start, days, expected, why):
    assert cal.add_calendar_days(start, days) == expected, why
    assert cal.due_date(start, days, "calendar") == expected


def test_zero_days_is_the_start_itself_and_negative_days_are_refused(cal):
    sunday = D(2026, 1, 11)
    assert cal.add_working_days(sunday, 0) == sunday
    assert cal.add_calendar_days(sunday, 0) == sunday
    assert cal.add_months(sunday, 0) == sunday
    with pytest.raises(InvalidPeriod, match="负数"):
        cal.add_working_days(sunday, -1)
    with pytest.raises(InvalidPeriod, match="负数"):
        cal.add_calendar_days(sunday, -3)
    with pytest.raises(InvalidPeriod, match="负数"):
        cal.add_months(sunday, -1)


def test_an_unknown_unit_is_refused_with_a_chinese_message(cal):
    with pytest.raises(InvalidPeriod, match="未知的期间单位"):
        cal.due_date(D(2026, 1, 5), 3, "weeks")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2014, 5, 28), 3, D(2014, 8, 28)),  # the law digest's example (§14.10)
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # no corresponding day: the month's last day (民法典 第二百零二条)
        (D(2025, 8, 31), 2, D(2025, 10, 31)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # a make-up Saturday: worked, so it stands
    ],
)
def test_month_periods_end_on_the_corresponding_day(cal, start, months, expected):
    assert cal.add_months(start, months) == expected


def test_a_month_period_ending_on_a_rest_day_rolls_forward(cal):
    # 2025-11-15 + 3 months = 2026-02-15, the first day of 春节 → 2026-02-24.
    assert cal.add_months(D(2025, 11, 15), 3) == D(2026, 2, 24)


def test_a_period_running_past_the_last_loaded_year_names_the_missing_year(cal):
    with pytest.raises(CalendarYearMissing) as caught:
        cal.add_working_days(D(2026, 12, 30), 2)
    assert caught.value.year == 2027
    assert str(caught.value) == "缺少 2027 年的节假日数据，请先用 load_calendar 导入"
    with pytest.raises(CalendarYearMissing, match="2027"):
        cal.add_working_days(D(2026, 12, 31), 1)
    with pytest.raises(CalendarYearMissing, match="2027"):
        cal.add_calendar_days(D(2026, 12, 25), 7)
    with pytest.raises(CalendarYearMissing, match="2027"):
        cal.add_months(D(2026, 11, 15), 2)
    with pytest.raises(CalendarYearMissing, match="2027"):
        cal.roll_forward(D(2026, 12, 31) + dt.timedelta(days=1))


def test_a_calendar_period_whose_last_day_rolls_into_a_missing_year_names_that_year():
    # 2030-12-31 is a Tuesday; make it a day off so the roll-over needs 2031.
    cal = WorkingCalendar([YearData(2030, days_off=frozenset({D(2030, 12, 31)}))])
    with pytest.raises(CalendarYearMissing, match="2031"):
        cal.add_calendar_days(D(2030, 12, 30), 1)


def test_a_start_before_the_first_loaded_year_is_an_error(cal):
    with pytest.raises(CalendarYearMissing) as caught:
        cal.add_working_days(D(2003, 12, 31), 1)
    assert caught.value.year == 2003
    with pytest.raises(CalendarYearMissing, match="2003"):
        cal.add_calendar_days(D(2003, 12, 1), 40)
    with pytest.raises(CalendarYearMissing, match="2003"):
        cal.is_working_day(D(2003, 6, 1))


def test_a_gap_between_loaded_years_stops_a_period_at_the_gap():
    cal = WorkingCalendar([YearData(2030), YearData(2032)])
    assert cal.gaps == (2031,)
    assert cal.add_working_days(D(2032, 1, 1), 1) == D(2032, 1, 2)
    with pytest.raises(CalendarYearMissing, match="2031"):
        cal.add_working_days(D(2030, 12, 30), 5)
    with pytest.raises(CalendarYearMissing, match="2031"):
        cal.add_calendar_days(D(2030, 12, 1), 400)
    with pytest.raises(CalendarYearMissing, match="2031"):
        cal.working_days_between(D(2030, 12, 1), D(2032, 1, 5))


def test_working_days_between_counts_after_the_start_up_to_the_end(cal):
    assert cal.working_days_between(D(2026, 1, 12), D(2026, 1, 12)) == 0
    assert cal.working_days_between(D(2026, 1, 9), D(2026, 1, 12)) == 1  # Fri → Mon
    assert cal.working_days_between(D(2026, 1, 12), D(2026, 1, 9)) == -1
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 24)) == 2


def test_an_empty_calendar_knows_no_year():
    cal = WorkingCalendar([])
    assert cal.years == ()
    assert cal.gaps == ()
    with pytest.raises(CalendarYearMissing, match="2026"):
        cal.add_working_days(D(2026, 1, 5), 1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"year": 2030, "days_off": frozenset({D(2031, 1, 1)})}, "不在 2030 年内"),
        ({"year": 2030, "makeup_days": frozenset({D(2029, 12, 29)})}, "不在 2030 年内"),
        ({"year": 2030, "days_off": frozenset({D(2030, 1, 5)}), "makeup_days": frozenset({D(2030, 1, 5)})}, "既是"),
        ({"year": 2030, "makeup_days": frozenset({D(2030, 1, 7)})}, "不是周六或周日"),
    ],
)
def test_inconsistent_year_data_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        YearData(**kwargs)


def test_the_same_year_twice_is_refused():
    with pytest.raises(ValueError, match="重复"):
        WorkingCalendar([YearData(2030), YearData(2030)])


def test_years_from_tables_can_add_years_without_any_entry():
    years = years_from_tables({D(2030, 1, 1): "元旦"}, {}, years=[2030, 2031])
    assert [y.year for y in years] == [2030, 2031]
    assert years[1].days_off == frozenset()
