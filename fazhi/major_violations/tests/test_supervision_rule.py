"""The supervision rule "重大劳动保障违法行为未按季度公布": quiet during the quarter and its time to publish, firing
once that time has run with the list unpublished, quiet again once published; replayed for a past date."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.major_violations.actions import publish_batch, remove_selection
from fazhi.rules.major_violations import Quarter
from fazhi.supervision.rules import BY_CODE
from fazhi.supervision.rules.major_violations_unpublished import last_quarter_due, publication_due

from .conftest import on_day, select

pytestmark = pytest.mark.django_db
RULE = BY_CODE["major_violations_unpublished"]
# 2026 Q1 ends on Tuesday 03-31; its list is due 20 working days later (the default setting).
Q1 = Quarter(2026, 1)


def test_the_deadline_is_the_configured_working_days_after_the_quarter(settings):
    from fazhi.calendars.queries import working_calendar

    calendar = working_calendar()
    due = publication_due(Q1)
    assert due is not None
    assert due > Q1.end
    assert calendar.working_days_between(Q1.end, due) == 20
    settings.FAZHI_MAJOR_VIOLATION_PUBLICATION_WORKING_DAYS = 5
    sooner = publication_due(Q1)
    assert sooner is not None
    assert calendar.working_days_between(Q1.end, sooner) == 5


def test_a_quarter_whose_deadline_needs_holidays_not_yet_loaded_has_none():
    # 2026 Q4 ends on 12-31; its deadline lies in 2027, whose holidays are not loaded.
    assert publication_due(Quarter(2026, 4)) is None
    from fazhi.calendars.queries import working_calendar

    assert last_quarter_due(dt.date(2027, 3, 1), working_calendar()) == Quarter(2026, 3)


def test_an_unpublished_list_fires_after_its_deadline_and_is_quiet_before_and_once_published(decided, lead, director):
    selection = select(decided, lead)
    due = publication_due(Q1)
    assert due is not None
    assert RULE.alerts(dt.date(2026, 3, 9)) == []  # the quarter is not over
    assert RULE.alerts(due) == []  # the last day to publish
    with on_day(due + dt.timedelta(days=1)):
        [alert] = RULE.alerts(due + dt.timedelta(days=1))
        assert alert.case_id == decided.pk
        assert alert.unit_id == decided.unit_id
        assert alert.since == due + dt.timedelta(days=1)
        assert alert.severity == "orange"
        assert "2026年第一季度" in alert.detail
        assert f"{due:%Y-%m-%d}" in alert.detail
        publish_batch(actor=director, batch=selection.batch)
        assert RULE.alerts(due + dt.timedelta(days=1)) == []


def test_a_past_day_is_replayed_from_the_lists_publication_date(decided, lead, director):
    selection = select(decided, lead)
    due = publication_due(Q1)
    assert due is not None
    late = due + dt.timedelta(days=10)
    with on_day(late):
        publish_batch(actor=director, batch=selection.batch)
    with on_day(late + dt.timedelta(days=30)):
        assert [a.case_id for a in RULE.alerts(due + dt.timedelta(days=2))] == [decided.pk]  # before publication
        assert RULE.alerts(late) == []  # published that day
        assert RULE.alerts(late + dt.timedelta(days=30)) == []


def test_a_selection_removed_from_its_list_is_quiet_and_scope_applies(decided, lead, outsider, director):
    selection = select(decided, lead)
    due = publication_due(Q1)
    assert due is not None
    day = due + dt.timedelta(days=1)
    with on_day(day):
        assert len(RULE.alerts(day, director)) == 1
        assert RULE.alerts(day, outsider) == []  # another district's inspector sees none
        remove_selection(actor=lead, selection=selection)
        assert RULE.alerts(day) == []


def test_the_rule_is_registered_with_its_name_and_citations():
    assert RULE.name == "重大劳动保障违法行为未按季度公布"
    assert "劳动保障监察条例 第二十二条" in RULE.citation
    assert "条号未核实" in RULE.citation
    assert "FAZHI_MAJOR_VIOLATION_PUBLICATION_WORKING_DAYS" in RULE.note
