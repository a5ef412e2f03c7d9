"""Loading and replacing a calendar year: one transaction, one journal entry, every process sees it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fazhi.calendars import queries
from fazhi.calendars.actions import CalendarLoadRefused, ExampleFileRefused, load_calendar_year
from fazhi.calendars.loader import parse_year_file
from fazhi.calendars.models import CalendarDay, CalendarVersion, CalendarYear
from fazhi.journal.models import Entry
from fazhi.rules.calendar import CalendarYearMissing

pytestmark = pytest.mark.django_db

D = dt.date


def load_entries() -> list[Entry]:
    return list(Entry.objects.filter(action="calendars.year_load").order_by("seq"))


def test_loading_a_new_year_writes_its_days_bumps_the_version_and_journals_once(valid_2027, write_year_file):
    version = queries.calendar_version()
    with pytest.raises(CalendarYearMissing):
        queries.due_date(D(2026, 12, 31), 1)

    year = load_calendar_year(actor=None, year_file=parse_year_file(write_year_file(valid_2027)))

    assert (year.jurisdiction, year.year, year.notice_number) == ("CN", 2027, "国办发明电〔2026〕99号")
    assert CalendarDay.objects.filter(calendar_year=year).count() == 23
    assert queries.calendar_version() == version + 1
    # 2027-01-01..03 off (Fri–Sun): the first working day after 2026-12-31 is Monday the 4th.
    assert queries.due_date(D(2026, 12, 31), 1) == D(2027, 1, 4)
    [entry] = load_entries()
    assert (entry.object_type, entry.object_id, entry.outcome) == ("calendars.year", str(year.pk), "success")
    assert json.loads(entry.before) is None
    after = json.loads(entry.after)
    assert after["year"] == 2027
    assert after["holidays"][1] == {
        "name": "春节",
        "days_off": ["2027-02-05..2027-02-13"],
        "makeup_days": ["2027-01-31", "2027-02-20"],
    }


def test_reloading_a_year_replaces_it_and_journals_what_was_replaced(valid_2027, write_year_file):
    first = load_calendar_year(actor=None, year_file=parse_year_file(write_year_file(valid_2027)))
    valid_2027["holidays"] = [{"name": "元旦", "days_off": ["2027-01-01"]}]
    valid_2027["notice"]["number"] = "国办发明电〔2026〕100号"

    second = load_calendar_year(actor=None, year_file=parse_year_file(write_year_file(valid_2027)))

    assert second.pk == first.pk
    assert CalendarYear.objects.filter(year=2027).count() == 1
    assert list(CalendarDay.objects.filter(calendar_year=second).values_list("date", flat=True)) == [D(2027, 1, 1)]
    assert queries.due_date(D(2026, 12, 31), 1) == D(2027, 1, 4)  # 2nd, 3rd are a weekend anyway
    assert queries.due_date(D(2027, 2, 4), 1) == D(2027, 2, 5)  # 春节 is gone
    _, second_entry = load_entries()
    assert json.loads(second_entry.before)["notice_number"] == "国办发明电〔2026〕99号"
    assert json.loads(second_entry.after)["notice_number"] == "国办发明电〔2026〕100号"
    assert json.loads(second_entry.after)["holidays"] == [
        {"name": "元旦", "days_off": ["2027-01-01"], "makeup_days": []}
    ]


def test_replacing_a_seeded_year_changes_the_arithmetic(valid_2027, write_year_file):
    assert queries.due_date(D(2026, 10, 1), 1) == D(2026, 10, 8)
    valid_2027.update(year=2026, notice={"title": "更正", "number": "测试〔2026〕1号", "date": "2026-06-01"})
    valid_2027["holidays"] = [{"name": "国庆节", "days_off": ["2026-10-01..2026-10-08"]}]
    load_calendar_year(actor=None, year_file=parse_year_file(write_year_file(valid_2027)))
    assert queries.due_date(D(2026, 10, 1), 1) == D(2026, 10, 9)
    assert not queries.working_calendar().is_working_day(D(2026, 10, 10))  # no longer a make-up Saturday


def test_an_example_file_is_refused_and_nothing_is_written(valid_2027, write_year_file):
    valid_2027["example"] = True
    version = queries.calendar_version()
    with pytest.raises(ExampleFileRefused, match="示例文件"):
        load_calendar_year(actor=None, year_file=parse_year_file(write_year_file(valid_2027)))
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert queries.calendar_version() == version
    assert load_entries() == []


def test_a_system_administrator_may_load_a_year_and_is_recorded(sysadmin, valid_2027, write_year_file):
    year = load_calendar_year(actor=sysadmin, year_file=parse_year_file(write_year_file(valid_2027)), ip="10.0.0.8")
    assert year.loaded_by == sysadmin
    [entry] = load_entries()
    assert (entry.actor_username, entry.actor_role, entry.ip) == ("sysadmin", "sysadmin", "10.0.0.8")


def test_other_staff_may_not_load_a_year_and_the_refusal_is_journaled(lead, valid_2027, write_year_file):
    version = queries.calendar_version()
    with pytest.raises(CalendarLoadRefused, match="只有系统管理员"):
        load_calendar_year(actor=lead, year_file=parse_year_file(write_year_file(valid_2027)))
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert queries.calendar_version() == version
    [entry] = load_entries()
    assert (entry.outcome, entry.actor_username, entry.object_id) == ("refused", "lead", "CN/2027")


def test_the_version_row_is_created_if_it_is_missing(valid_2027, write_year_file):
    CalendarVersion.objects.all().delete()
    load_calendar_year(actor=None, year_file=parse_year_file(write_year_file(valid_2027)))
    assert queries.calendar_version() == 1


def test_a_first_load_that_loses_a_race_changes_nothing_and_says_so(valid_2027, write_year_file, monkeypatch):
    from django.db import IntegrityError

    from fazhi.calendars import actions

    def collide(**kwargs):
        raise IntegrityError(
            "UNIQUE constraint failed: calendars_calendaryear.jurisdiction, calendars_calendaryear.year"
        )

    monkeypatch.setattr(actions, "_replace_year", collide)
    with pytest.raises(actions.ConcurrentLoad, match="正在被同时导入"):
        load_calendar_year(actor=None, year_file=parse_year_file(write_year_file(valid_2027)))
    assert not CalendarYear.objects.filter(year=2027).exists()
