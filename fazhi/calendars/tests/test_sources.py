"""The loaded calendar checked day by day against two independent sources: chinese-calendar (which the 2004–2026
seed came from) and python-holidays. A day where a source disagrees must be listed in
docs/calendar/settled-differences.toml with the notice that settles it (number, quoted sentence), and the calendar
must follow the notice there; a listed difference that no longer occurs fails too, so the list stays true.

The days are those of the State Council's annual notices (国务院办公厅关于某年部分节假日安排的通知), which arrange the
holidays of 全国年节及纪念日放假办法 第二条 and their 调休 (第七条).
"""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import chinese_calendar
import holidays
import pytest
from django.core.management import call_command

from fazhi.calendars import queries
from fazhi.calendars.models import CalendarDay

pytestmark = pytest.mark.django_db

D = dt.date
SETTLED_FILE = Path(__file__).resolve().parents[3] / "docs" / "calendar" / "settled-differences.toml"
SAYS = {"上班": True, "休息": False}
SOURCES = ("chinese_calendar", "python_holidays")


@cache
def settled() -> dict[dt.date, dict[str, Any]]:
    entries = tomllib.loads(SETTLED_FILE.read_text(encoding="utf-8"))["difference"]
    return {entry["date"]: entry for entry in entries}


@cache
def _python_holidays() -> holidays.HolidayBase:
    # The year after the last loaded one too: its notice may set a make-up day in December (2005-12-31 is in 2006's).
    return holidays.country_holidays("CN", years=range(2003, 2029))


def says(source: str, day: dt.date) -> bool:
    """Whether `source` says `day` is a working day."""
    if source == "chinese_calendar":
        return bool(chinese_calendar.is_workday(day))
    return bool(_python_holidays().is_working_day(day))


def loaded_days() -> Iterator[dt.date]:
    for year in queries.working_calendar().years:
        day = D(year, 1, 1)
        while day.year == year:
            yield day
            day += dt.timedelta(days=1)


def word(working: bool) -> str:
    return "上班" if working else "休息"


@pytest.mark.parametrize("source", SOURCES)
def test_every_loaded_day_agrees_with_each_source_unless_the_difference_is_settled(source):
    calendar = queries.working_calendar()
    days = list(loaded_days())
    assert days[0] == D(2004, 1, 1)
    assert days[-1] == D(2026, 12, 31)
    assert len(days) == 8401
    unsettled = [
        f"{day}：本系统{word(ours)}，{source} {word(theirs)}"
        for day in days
        if (ours := calendar.is_working_day(day)) != (theirs := says(source, day)) and day not in settled()
    ]
    assert unsettled == [], "未核定的差异：请查国务院办公厅的放假通知，更正数据或登记在 settled-differences.toml"


def test_the_two_sources_disagree_exactly_on_the_settled_days():
    disagreements = [day for day in loaded_days() if says("chinese_calendar", day) != says("python_holidays", day)]
    assert disagreements == sorted(settled()), "来源的差异与 settled-differences.toml 所列不符：删去已不存在的差异"


@pytest.mark.parametrize("day", sorted(settled()))
def test_each_settled_difference_still_occurs_as_listed_and_the_calendar_follows_the_notice(day):
    entry = settled()[day]
    for source in SOURCES:
        stale = f"{day}：{source} 已不再说“{entry[source]}”，请改写或删去这一条"
        assert SAYS[entry[source]] == says(source, day), stale
    assert SAYS[entry["lawful"]] == queries.working_calendar().is_working_day(day)


@pytest.mark.parametrize("day", sorted(settled()))
def test_each_settled_difference_names_its_notice_and_quotes_the_sentence(day):
    entry = settled()[day]
    assert entry["notice_number"].startswith("国办发明电〔")
    assert entry["notice_number"].endswith("号")
    assert entry["notice_title"].startswith("国务院办公厅关于")
    assert entry["notice_title"].endswith("节假日安排的通知")
    assert isinstance(entry["notice_date"], dt.date)
    assert entry["notice_date"] < day + dt.timedelta(days=366)
    assert f"{day.month}月{day.day}日" in entry["quote"]
    assert entry["quote"].rstrip("。").endswith(entry["lawful"])
    assert entry["url"].startswith("https://")
    assert {entry["chinese_calendar"], entry["python_holidays"]} == {"上班", "休息"}


def test_2005_12_31_is_a_make_up_working_day_by_the_2006_notice():
    """国办发明电〔2005〕35号 一: "12月31日（星期六）上班" — one working day after Friday 2005-12-30 is that Saturday,
    not Wednesday 2006-01-04 (the 2006 元旦 break is 1月1日—3日)."""
    assert queries.due_date(D(2005, 12, 30), 1) == D(2005, 12, 31)
    assert queries.due_date(D(2005, 12, 31), 1) == D(2006, 1, 4)
    out = io.StringIO()
    call_command("due_date", "2005-12-30", "1", stdout=out)
    assert out.getvalue() == "2005-12-31\n"
    day = CalendarDay.objects.get(date=D(2005, 12, 31))
    assert (day.kind, day.holiday) == ("makeup", "元旦（2006年）")
    [y2005] = queries.loaded_years("CN")[1:2]
    assert (y2005.year, y2005.notice_number, y2005.notice_date) == (2005, "国办发明电〔2005〕35号", D(2005, 12, 16))
    assert y2005.notice_title == "国务院办公厅关于2006年部分节假日安排的通知"
    assert (y2005.days_off, y2005.makeup_days) == (24, 7)
