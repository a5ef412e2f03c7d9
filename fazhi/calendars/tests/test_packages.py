"""A year from the installed python-holidays: only its official data (a year it lists make-up working days for), the
same validated object a year file gives, a Chinese preview, and a cross-check against chinese-calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.calendars import packages, queries
from fazhi.calendars.loader import YearFileError
from fazhi.rules.calendar import is_working_day_by_rule

pytestmark = pytest.mark.django_db

D = dt.date


def test_a_year_the_package_only_estimates_is_refused_with_the_reason():
    """No notice for 2030 exists: the package's 2030 is its rule-based estimate, without a single make-up working day,
    which no notice since 2004 has lacked (全国年节及纪念日放假办法 第七条: 调休)."""
    with pytest.raises(packages.PackageYearRefused) as refused:
        packages.python_holidays_year(2030)
    message = str(refused.value)
    assert "2030 年的数据是按规则推算的" in message
    assert "没有列出任何调休上班日" in message
    assert "不能导入" in message


@pytest.mark.parametrize("year", range(2004, 2027))
def test_every_official_year_from_the_package_is_accepted_and_matches_the_loaded_calendar_day_by_day(year):
    """Importing is lossless: each year's notice, as the package has it, gives the loaded calendar's working days."""
    year_file = packages.python_holidays_year(year)
    data = year_file.year_data()
    calendar = queries.working_calendar()
    assert year_file.year == year
    assert year_file.jurisdiction == "CN"
    assert year_file.source.startswith("python-holidays ")
    assert data.makeup_days, "每年的通知都有调休上班日"
    day = D(year, 1, 1)
    while day.year == year:
        assert is_working_day_by_rule(day, data.days_off, data.makeup_days) == calendar.is_working_day(day), day
        day += dt.timedelta(days=1)


def test_2005_from_the_package_has_the_make_up_day_of_the_2006_notice_and_the_cross_check_names_it():
    """国办发明电〔2005〕35号 一: "12月31日（星期六）上班"; chinese-calendar lacks it."""
    year_file = packages.python_holidays_year(2005)
    [makeup] = [h for h in year_file.holidays if h.name == "元旦（2006年）"]
    assert (makeup.days_off, makeup.makeup_days) == ((), (D(2005, 12, 31),))
    check = packages.cross_check(year_file)
    assert check.covered
    assert check.differences == ((D(2005, 12, 31), True, False),)
    assert check.lines()[1].strip() == "2005-12-31（星期六）：导入的数据为上班，chinese-calendar 1.11.0 为休息"


def test_the_preview_lists_each_holiday_as_the_notice_does_with_weekdays():
    year_file = packages.python_holidays_year(2026)
    lines = packages.preview_lines(year_file)
    assert lines[0].startswith("2026 年全国节假日安排（数据来源：python-holidays ")
    assert lines[0].endswith("7 个节日，放假 33 天，调休上班 6 天")
    assert lines[1] == "依据：国务院办公厅关于2026年部分节假日安排的通知（文号未填写）"
    national_day = "国庆节：2026-10-01（星期四）至2026-10-07（星期三）放假，共 7 天；"
    assert f"  {national_day}2026-09-20（星期日）、2026-10-10（星期六）上班" in lines
    assert packages.cross_check(year_file).lines() == ["与 chinese-calendar 1.11.0 逐日核对：全年一致。"]


def test_a_year_chinese_calendar_does_not_have_is_imported_and_the_cross_check_says_so(package_with_2027):
    year_file = packages.python_holidays_year(
        2027, notice_number="国办发明电〔2026〕99号", notice_date=D(2026, 11, 5), notice_url="https://www.gov.cn/x"
    )
    assert (year_file.notice_number, year_file.notice_date, year_file.notice_url) == (
        "国办发明电〔2026〕99号",
        D(2026, 11, 5),
        "https://www.gov.cn/x",
    )
    assert year_file.notice_title == "国务院办公厅关于2027年部分节假日安排的通知"
    [spring] = [h for h in year_file.holidays if h.name == "春节"]
    assert spring.makeup_days == (D(2027, 1, 31), D(2027, 2, 20))
    check = packages.cross_check(year_file)
    assert not check.covered
    assert check.lines() == ["chinese-calendar 1.11.0 没有 2027 年的数据，无法交叉核对。"]


def test_notice_details_given_with_the_package_are_checked_like_a_file(package_with_2027):
    with pytest.raises(YearFileError, match="不在 2026 年或 2027 年内"):
        packages.python_holidays_year(2027, notice_date=D(2030, 1, 1))
    with pytest.raises(YearFileError, match="应以 https:// 或 http:// 开头"):
        packages.python_holidays_year(2027, notice_url="ftp://example.org/")
    with pytest.raises(packages.PackageYearRefused, match="2000 至 2100"):
        packages.python_holidays_year(1999)
