"""Migration calendars.0003 corrects 2005-12-31 in databases seeded before it (国办发明电〔2005〕35号 一: "12月31日
（星期六）上班"), bumps the calendar version, and leaves a 2005 loaded by an operator alone."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from fazhi.calendars import queries
from fazhi.calendars.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

D = dt.date
migration = importlib.import_module("fazhi.calendars.migrations.0003_correct_2005_12_31_makeup_working_day")


def as_seeded_before_the_correction() -> None:
    migration.uncorrect(apps, None)
    queries.clear_cache()


def test_a_database_seeded_before_the_correction_is_corrected_with_a_new_calendar_version():
    as_seeded_before_the_correction()
    assert queries.due_date(D(2005, 12, 30), 1) == D(2006, 1, 4)  # what chinese-calendar's data gave
    year = CalendarYear.objects.get(jurisdiction="CN", year=2005)
    assert (year.notice_number, year.source) == ("", "chinese-calendar 1.11.0")
    version = queries.calendar_version()

    migration.correct(apps, None)

    assert queries.calendar_version() == version + 1
    assert queries.due_date(D(2005, 12, 30), 1) == D(2005, 12, 31)
    year.refresh_from_db()
    assert (year.notice_number, year.notice_date) == ("国办发明电〔2005〕35号", D(2005, 12, 16))
    assert year.notice_title == "国务院办公厅关于2006年部分节假日安排的通知"
    assert year.source == "chinese-calendar 1.11.0；2005-12-31 调休上班据国办发明电〔2005〕35号更正"


def test_the_correction_runs_once_however_often_it_is_applied():
    version = queries.calendar_version()
    migration.correct(apps, None)
    assert queries.calendar_version() == version
    assert CalendarDay.objects.filter(date=D(2005, 12, 31)).count() == 1


def test_a_2005_loaded_by_an_operator_is_left_alone():
    as_seeded_before_the_correction()
    CalendarYear.objects.filter(year=2005).update(source="2005.toml sha256:0123456789abcdef")
    migration.correct(apps, None)
    assert not CalendarDay.objects.filter(date=D(2005, 12, 31)).exists()
