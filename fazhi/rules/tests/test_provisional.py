"""Provisional dates for periods that run into a year whose holiday notice is not loaded: the fixed-date holidays read
against the text of 全国年节及纪念日放假办法 (2024 revision, shared/domain/statutes/), and the estimate counted on the
loaded years (chinese-calendar's 2004–2026) plus the estimated missing ones."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from chinese_calendar.constants import holidays, workdays

from fazhi.rules import periods, provisional
from fazhi.rules.calendar import CalendarYearMissing, WorkingCalendar, YearData, is_working_day_by_rule
from fazhi.rules.calendar import years_from_tables as from_tables

D = dt.date
CAL = WorkingCalendar(from_tables(holidays, workdays))  # 2004–2026, as the seed migration loads them
# The example notice's 2027 (docs/calendar/2027-example.toml, as the calendar tests load it): 元旦 1-1..1-3, 春节
# 2-05..2-13 with 1-31 and 2-20 worked, 国庆 10-01..10-07 with 9-26 and 10-09 worked.
EXAMPLE_2027 = YearData(
    year=2027,
    days_off=frozenset(
        [D(2027, 1, d) for d in (1, 2, 3)]
        + [D(2027, 2, d) for d in range(5, 14)]
        + [D(2027, 10, d) for d in range(1, 8)]
    ),
    makeup_days=frozenset([D(2027, 1, 31), D(2027, 2, 20), D(2027, 9, 26), D(2027, 10, 9)]),
)
WITH_2027 = WorkingCalendar([*CAL.year_data(), EXAMPLE_2027])

# 全国年节及纪念日放假办法 第二条 (2024-11-10 revision), item by item as the statute file gives it.
ARTICLE_2 = {
    1: "元旦，放假1天（1月1日）",
    2: "春节，放假4天（农历除夕、正月初一至初三）",
    3: "清明节，放假1天（农历清明当日）",
    4: "劳动节，放假2天（5月1日、2日）",
    5: "端午节，放假1天（农历端午当日）",
    6: "中秋节，放假1天（农历中秋当日）",
    7: "国庆节，放假3天（10月1日至3日）",
}


def _days_in(text: str) -> tuple[int, tuple[tuple[int, int], ...]]:
    """(放假N天, the (month, day)s) of a fixed-date item: "5月1日、2日", "10月1日至3日"."""
    count = int(re.search(r"放假(\d+)天", text).group(1))  # type: ignore[union-attr]
    when = re.search(r"（(\d+)月(\d+)日(?:([、至])(\d+)日)?）", text)
    assert when is not None, text
    month, first = int(when.group(1)), int(when.group(2))
    last = int(when.group(4)) if when.group(4) else first
    return count, tuple((month, day) for day in range(first, last + 1))


@pytest.mark.parametrize("item", sorted(ARTICLE_2))
def test_the_fixed_date_holidays_are_those_of_article_2_with_a_calendar_date_and_no_other(item: int) -> None:
    """全国年节及纪念日放假办法 第二条: a holiday counts in the estimate exactly when its item gives its days as
    calendar dates (not 农历), with those days and as many as the item grants."""
    text = ARTICLE_2[item]
    counted = [h for h in provisional.FIXED_DATE_HOLIDAYS if h.citation.item == item]
    if "农历" in text:
        assert counted == [], f"第二条第（{item}）项 is not a fixed date"
        return
    (holiday,) = counted
    count, days = _days_in(text)
    assert text.startswith(holiday.name)
    assert (len(holiday.days), holiday.days) == (count, days)
    assert holiday.citation.label == f"《全国年节及纪念日放假办法》第二条第（{periods.chinese_number(item)}）项"


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_fixed_date_holiday_since_the_2024_revision_was_a_day_off_in_the_state_councils_notice(
    year: int,
) -> None:
    """The 2024 revision applies from 2025 (劳动节 5月1日、2日): the estimate never works a day the notice gave off."""
    fixed = provisional.fixed_date_holidays(year)
    assert len(fixed) == 6
    assert [day for day in fixed if CAL.is_working_day(day)] == []


def test_a_year_before_the_2024_revision_gets_no_fixed_date_holidays_and_so_no_estimate() -> None:
    """Before 2025 劳动节 was one day (the 2013 text): that text is not encoded, so such a year is not estimated."""
    assert provisional.fixed_date_holidays(2024) == {}
    before = WorkingCalendar(y for y in CAL.year_data() if y.year <= 2022)  # 2023 and 2024 missing
    assert provisional.estimated_years(before)[0] == 2025
    with pytest.raises(CalendarYearMissing):
        before.add_working_days(D(2022, 12, 1), 30)
    assert provisional.estimate(before, lambda cal: cal.add_working_days(D(2022, 12, 1), 30)) is None


def test_an_estimated_year_rests_on_weekends_and_the_fixed_date_holidays_only() -> None:
    """国务院关于职工工作时间的规定 第七条 (weekends); 放假办法 第二条; no 调休 and no 补假 (第六条、第七条)."""
    estimated = provisional.provisional_calendar(CAL)
    off = set(provisional.fixed_date_holidays(2027))
    day, wrong = D(2027, 1, 1), []
    while day.year == 2027:
        if estimated.is_working_day(day) != is_working_day_by_rule(day, off, ()):
            wrong.append(day)
        day += dt.timedelta(days=1)
    assert wrong == []
    assert estimated.is_working_day(D(2027, 5, 3))  # 5-01 and 5-02 are a Saturday and a Sunday: no 补假 guessed


def test_the_loaded_years_are_counted_as_loaded_and_the_missing_ones_up_to_the_horizon_are_estimated() -> None:
    estimated = provisional.provisional_calendar(CAL)
    assert estimated.years == tuple(range(2004, 2026 + provisional.HORIZON_YEARS + 1))
    assert provisional.estimated_years(CAL) == (2027, 2028, 2029, 2030, 2031)
    day, changed = D(2004, 1, 1), []
    while day.year <= 2026:
        if estimated.is_working_day(day) != CAL.is_working_day(day):
            changed.append(day)
        day += dt.timedelta(days=1)
    assert changed == []
    assert provisional.provisional_calendar(CAL) is estimated  # built once per calendar


def test_45_working_days_from_7_december_2026_are_estimated_to_end_on_9_february_2027() -> None:
    """广东省劳动保障监察条例 第四十四条第一款 (45 working days), counted by hand: 18 working days in December after
    Monday 12-07, 1-01 a holiday (第二条第（一）项), 20 in January, 2-01..2-05 and 2-08, 2-09 → 2027-02-09."""
    rule = periods.period_rule("investigation", "CN-GD-SZ")
    assert (rule.days, rule.unit) == (45, periods.Unit.WORKING)
    with pytest.raises(CalendarYearMissing) as missing:
        periods.due_date(rule, D(2026, 12, 7), CAL)
    assert missing.value.year == 2027
    assert provisional.estimate(CAL, lambda cal: periods.due_date(rule, D(2026, 12, 7), cal)) == D(2027, 2, 9)


def test_the_estimate_is_not_the_legal_date_春节_and_调休_move_it() -> None:
    """With the example notice loaded, 1-31 is worked and 2-05..2-12 are off (春节, 第二条第（二）项, lunar): the legal
    date of the same 45 working days is 2027-02-16, a week after the estimate."""
    assert WITH_2027.add_working_days(D(2026, 12, 7), 45) == D(2027, 2, 16)
    assert provisional.estimate(CAL, lambda cal: cal.add_working_days(D(2026, 12, 7), 45)) == D(2027, 2, 9)


def test_a_calendar_day_period_ending_on_a_fixed_holiday_is_estimated_to_roll_to_the_next_working_day() -> None:
    """民事诉讼法 第八十五条第三款: 15 days from 2026-12-17 end on 2027-01-01 (元旦, a Friday), then a Saturday and a
    Sunday: the last day depends on 2027's rest days, so the due date waits; the estimate rolls to Monday 01-04."""
    with pytest.raises(CalendarYearMissing):
        CAL.add_calendar_days(D(2026, 12, 17), 15)
    assert provisional.estimate(CAL, lambda cal: cal.add_calendar_days(D(2026, 12, 17), 15)) == D(2027, 1, 4)
    assert WITH_2027.add_calendar_days(D(2026, 12, 17), 15) == D(2027, 1, 4)


def test_a_month_period_ending_on_a_make_up_saturday_is_estimated_two_days_late() -> None:
    """民法典 第二百零二条、第二百零三条: 3 months from 2026-11-20 end on Saturday 2027-02-20; the estimate rolls it to
    Monday 2-22, the example notice makes 2-20 a working day (调休, 放假办法 第七条: not in the estimate)."""
    assert provisional.estimate(CAL, lambda cal: cal.add_months(D(2026, 11, 20), 3)) == D(2027, 2, 22)
    assert WITH_2027.add_months(D(2026, 11, 20), 3) == D(2027, 2, 20)


def test_a_period_past_the_horizon_gets_no_estimate() -> None:
    last = 2026 + provisional.HORIZON_YEARS
    assert provisional.estimate(CAL, lambda cal: cal.add_working_days(D(last, 12, 1), 30)) is None
    assert provisional.estimate(WorkingCalendar([]), lambda cal: cal.add_working_days(D(2026, 12, 1), 30)) is None


def test_the_note_says_it_is_not_the_legal_deadline_and_names_what_it_leaves_out() -> None:
    assert "不是法定期限" in provisional.NOTE
    for word in ("元旦", "劳动节", "国庆节", "春节", "清明节", "端午节", "中秋节", "调休", "补假"):
        assert word in provisional.NOTE_IN_FULL, word
