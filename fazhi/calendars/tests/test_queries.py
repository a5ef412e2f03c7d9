"""The seeded calendar, the due-date helper, jurisdictions and the per-process cache."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.calendars import queries
from fazhi.calendars.actions import load_calendar_year
from fazhi.calendars.loader import parse_year_file
from fazhi.calendars.models import CalendarDay, CalendarVersion, CalendarYear
from fazhi.rules.calendar import CalendarYearMissing, InvalidPeriod
from fazhi.rules.jurisdiction import UnknownJurisdiction

pytestmark = pytest.mark.django_db

D = dt.date


def test_the_migration_seeds_2004_to_2026_from_chinese_calendar():
    years = queries.loaded_years()
    assert [row.year for row in years] == list(range(2004, 2027))
    assert {row.jurisdiction for row in years} == {"CN"}
    assert all(row.source.startswith("chinese-calendar") for row in years)
    assert queries.calendar_version() >= 1
    y2026 = years[-1]
    assert y2026.holidays[:2] == ("元旦", "春节")
    assert (y2026.days_off, y2026.makeup_days) == (33, 6)
    assert CalendarDay.objects.get(date=D(2026, 1, 4)).kind == "makeup"


@pytest.mark.parametrize(
    ("start", "days", "unit", "expected"),
    [
        (D(2025, 12, 31), 1, "working", D(2026, 1, 4)),  # Sunday 2026-01-04 is a make-up working day
        (D(2026, 10, 1), 1, "working", D(2026, 10, 8)),  # start on a holiday
        (D(2026, 1, 10), 1, "working", D(2026, 1, 12)),  # start on a Saturday
        (D(2026, 1, 12), 5, "calendar", D(2026, 1, 19)),  # ends on a Saturday → Monday
        (D(2026, 2, 1), 14, "calendar", D(2026, 2, 24)),  # ends in 春节 → after it
    ],
)
def test_due_date_counts_working_and_calendar_days(start, days, unit, expected):
    assert queries.due_date(start, days, unit=unit) == expected


@pytest.mark.parametrize("days", [0, -1, True, 2.5])
def test_due_date_wants_a_positive_whole_number_of_days(days):
    with pytest.raises(InvalidPeriod, match="正整数"):
        queries.due_date(D(2026, 1, 5), days)


def test_due_date_names_the_missing_year():
    with pytest.raises(CalendarYearMissing, match="缺少 2027 年的节假日数据"):
        queries.due_date(D(2026, 12, 20), 10)
    with pytest.raises(CalendarYearMissing, match="缺少 2003 年的节假日数据"):
        queries.due_date(D(2003, 12, 20), 10, unit="calendar")


def test_an_unknown_jurisdiction_is_refused():
    with pytest.raises(UnknownJurisdiction, match="未知的管辖区域代码“CN-BJ”"):
        queries.due_date(D(2026, 1, 5), 1, jurisdiction="CN-BJ")


def test_every_known_jurisdiction_shares_the_national_calendar_today():
    answers = {code: queries.due_date(D(2025, 12, 31), 1, jurisdiction=code) for code in ("CN", "CN-GD", "CN-GD-SZ")}
    assert set(answers.values()) == {D(2026, 1, 4)}


def test_the_default_jurisdiction_comes_from_settings(settings):
    settings.FAZHI_JURISDICTION = "cn-gd"
    assert queries.default_jurisdiction() == "CN-GD"
    settings.FAZHI_JURISDICTION = "CN-XX"
    with pytest.raises(UnknownJurisdiction):
        queries.due_date(D(2026, 1, 5), 1)


def test_a_local_year_overrides_the_national_one_inside_its_area_only(valid_2027, write_year_file):
    valid_2027.update(
        year=2026, jurisdiction="CN-GD", notice={"title": "广东测试", "number": "粤测〔2025〕1号", "date": "2025-12-01"}
    )
    valid_2027["holidays"] = [{"name": "元旦", "days_off": ["2026-01-01..2026-01-05"]}]
    load_calendar_year(actor=None, year_file=parse_year_file(write_year_file(valid_2027)))
    # Guangdong's 2026 (no make-up Sunday, off until the 5th) applies in Guangdong and Shenzhen, not elsewhere.
    assert queries.due_date(D(2025, 12, 31), 1, jurisdiction="CN-GD-SZ") == D(2026, 1, 6)
    assert queries.due_date(D(2025, 12, 31), 1, jurisdiction="CN-GD") == D(2026, 1, 6)
    assert queries.due_date(D(2025, 12, 31), 1, jurisdiction="CN") == D(2026, 1, 4)
    # Other years still come from the national calendar.
    assert queries.due_date(D(2025, 9, 30), 1, jurisdiction="CN-GD-SZ") == D(2025, 10, 9)


def test_the_built_calendar_is_reused_until_the_version_changes():
    first = queries.working_calendar()
    assert queries.working_calendar() is first
    # Another process loaded a year: only the version row tells us.
    CalendarYear.objects.filter(year=2026).delete()
    assert queries.working_calendar() is first
    CalendarVersion.objects.filter(id=1).update(version=queries.calendar_version() + 1)
    rebuilt = queries.working_calendar()
    assert rebuilt is not first
    assert 2026 not in rebuilt.years


def test_loaded_years_can_be_filtered_by_jurisdiction():
    assert queries.loaded_years("CN-GD") == []
    assert len(queries.loaded_years("cn")) == 23


def test_a_loaded_year_can_be_exported_in_the_year_file_format():
    text = queries.export_year(2026)
    assert text is not None
    assert 'days_off = ["2026-01-01..2026-01-03"]' in text
    assert 'makeup_days = ["2026-01-04"]' in text
    assert queries.export_year(2030) is None


def test_the_seed_migration_leaves_years_already_loaded_alone(valid_2027, write_year_file):
    import importlib

    from django.apps import apps

    seed_migration = importlib.import_module("fazhi.calendars.migrations.0002_seed_2004_2026_from_chinese_calendar")
    valid_2027.update(year=2026, notice={"title": "更正", "number": "测试〔2025〕1号", "date": "2025-11-01"})
    valid_2027["holidays"] = [{"name": "元旦", "days_off": ["2026-01-01"]}]
    load_calendar_year(actor=None, year_file=parse_year_file(write_year_file(valid_2027)))
    CalendarYear.objects.filter(year=2004).delete()
    version = queries.calendar_version()

    seed_migration.seed(apps, None)

    assert CalendarYear.objects.filter(jurisdiction="CN").count() == 23
    assert CalendarYear.objects.get(year=2026).notice_number == "测试〔2025〕1号"
    assert CalendarYear.objects.get(year=2004).days.count() == 28
    assert queries.calendar_version() == version + 1


def test_a_misconfigured_jurisdiction_setting_fails_the_system_check(settings):
    from fazhi.calendars.apps import check_jurisdiction_setting

    assert check_jurisdiction_setting() == []
    settings.FAZHI_JURISDICTION = "CN-SH"
    [error] = check_jurisdiction_setting()
    assert error.id == "calendars.E001"
    assert "未知的管辖区域代码“CN-SH”" in error.msg
