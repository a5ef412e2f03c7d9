"""A change of holiday data and the due dates already computed: which days changed, and where a stored period ends
under the corrected data. The example is the real correction: 国办发明电〔2005〕35号 一 "12月31日（星期六）上班",
which the seed (chinese-calendar 1.11.0) lacked."""

from __future__ import annotations

import datetime as dt

import pytest
from chinese_calendar.constants import holidays, workdays

from fazhi.rules import periods
from fazhi.rules.calendar import WorkingCalendar, years_from_tables
from fazhi.rules.calendar_change import StoredPeriod, changed_days, redated_due

D = dt.date
RULES = periods.period_rules("CN-GD-SZ")


@pytest.fixture(scope="module")
def old() -> WorkingCalendar:
    return WorkingCalendar(years_from_tables(holidays, workdays))


@pytest.fixture(scope="module")
def new() -> WorkingCalendar:
    return WorkingCalendar(years_from_tables(holidays, {**workdays, D(2005, 12, 31): "元旦（2006年）"}))


def redo(period: StoredPeriod, old: WorkingCalendar, new: WorkingCalendar, code: str | None = None) -> dt.date | None:
    changed = changed_days(old, new, [2005])
    return redated_due(period, rule=RULES[code] if code else None, old=old, new=new, changed=changed)


def test_the_correction_changes_exactly_one_day(old, new):
    assert changed_days(old, new, [2005]) == (D(2005, 12, 31),)
    assert changed_days(old, new, [2006, 2026]) == ()
    assert changed_days(old, old, range(2004, 2027)) == ()


def test_a_year_the_old_calendar_did_not_have_is_not_a_change(old):
    without_2026 = WorkingCalendar(years_from_tables(holidays, workdays, years=range(2004, 2026)))
    assert changed_days(without_2026, old, [2026]) == ()


def test_one_working_day_after_friday_2005_12_30_moves_to_that_saturday(old, new):
    """The issue's example: `due_date 2005-12-30 1` answered 2006-01-04; by the notice it is 2005-12-31."""
    due = old.add_working_days(D(2005, 12, 30), 1)
    period = StoredPeriod(started_on=D(2005, 12, 30), due_on=due, days=1, unit="working")
    assert period.due_on == D(2006, 1, 4)
    assert redo(period, old, new) == D(2005, 12, 31) == new.add_working_days(D(2005, 12, 30), 1)


@pytest.mark.parametrize("start", [D(2005, 12, 1), D(2005, 12, 20), D(2005, 12, 28), D(2005, 12, 30)])
@pytest.mark.parametrize("days", [1, 5, 15, 45])
def test_a_working_day_period_across_the_day_ends_where_counting_it_again_ends(old, new, start, days):
    """The 5 working days to accept a complaint (广东省劳动保障监察条例 第三十九条) or the 45 to decide (第四十四条):
    counted again under the corrected data, one working day earlier whenever 2005-12-31 is inside."""
    period = StoredPeriod(started_on=start, due_on=old.add_working_days(start, days), days=days, unit="working")
    assert redo(period, old, new) == new.add_working_days(start, days)


def test_a_period_that_does_not_reach_the_day_keeps_its_due_date(old, new):
    period = StoredPeriod(started_on=D(2005, 12, 1), due_on=D(2005, 12, 8), days=5, unit="working")
    assert redo(period, old, new) == D(2005, 12, 8)
    after = StoredPeriod(started_on=D(2006, 1, 4), due_on=D(2006, 1, 11), days=5, unit="working")
    assert redo(after, old, new) == D(2006, 1, 11)


def test_a_resumed_period_keeps_the_working_days_it_had_left(old, new):
    """A suspension (中止, 广东省劳动保障监察条例 第四十五条) stopped the clock from 2005-12-01 to 2005-12-27; the 10
    working days left then run from the 27th. Counting from the start again would forget the suspension; the change
    only gives back the working day 2005-12-31 inside the 10."""
    resumed_due = old.add_working_days(D(2005, 12, 27), 10)
    period = StoredPeriod(started_on=D(2005, 11, 1), due_on=resumed_due, days=45, unit="working")
    assert redo(period, old, new) == new.add_working_days(D(2005, 12, 27), 10)


def test_a_calendar_day_period_ending_on_the_day_no_longer_rolls_over(old, new):
    """15 days to pay a fine (行政处罚法 第六十七条第三款) from 2005-12-16 end on Saturday 2005-12-31: the roll-over
    to the next working day (民事诉讼法 第八十五条) no longer applies, as that Saturday was worked."""
    period = StoredPeriod(started_on=D(2005, 12, 16), due_on=D(2006, 1, 4), days=15, unit="calendar")
    assert old.add_calendar_days(D(2005, 12, 16), 15) == D(2006, 1, 4)
    assert redo(period, old, new, "fine_payment") == D(2005, 12, 31)


def test_a_period_before_its_event_is_counted_again_from_the_event(old, new):
    """The hearing notice, seven (working) days before the hearing (行政处罚法 第六十四条第（二）项、第八十五条): for a
    hearing on 2006-01-10 the last day to notify was 2005-12-28; with 12-31 worked it is 12-29."""
    due = periods.due_date(RULES["hearing_notice"], D(2006, 1, 10), old)
    assert due == D(2005, 12, 28)
    period = StoredPeriod(started_on=D(2006, 1, 10), due_on=due, days=7, unit="working")
    assert redo(period, old, new, "hearing_notice") == D(2005, 12, 29)


def test_a_row_its_rule_does_not_explain_is_left_for_a_person_to_check(old, new):
    period = StoredPeriod(started_on=D(2005, 12, 16), due_on=D(2006, 1, 5), days=15, unit="calendar")
    assert redo(period, old, new, "fine_payment") is None
    assert redo(period, old, new) is None
