"""The staff page /staff/calendar/ shows which years are loaded."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fazhi.calendars.actions import load_calendar_year
from fazhi.calendars.loader import parse_year_file

pytestmark = pytest.mark.django_db

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def test_the_calendar_page_lives_at_staff_calendar():
    assert reverse("calendars:years") == "/staff/calendar/"


def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client):
    response = client.get(reverse("calendars:years"))
    assert response.status_code == 302
    assert "next=/staff/calendar/" in response["Location"]


@time_machine.travel(dt.datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_staff_see_the_loaded_years_and_that_next_year_is_missing(client: Client, inspector):
    client.force_login(inspector)
    response = client.get(reverse("calendars:years"))
    assert response.status_code == 200
    assert [t.name for t in response.templates][:2] == ["calendars/years.html", "staff/base.html"]
    page = response.content.decode()
    assert "<title>工作日历" in page
    assert "2004 年至 2026 年" in page
    for year in (2004, 2015, 2026):
        assert f'<th scope="row">{year}</th>' in page
    assert "数据来源：chinese-calendar" in page
    assert "尚未导入 2027 年的节假日数据" in page
    assert "广东省深圳市（CN-GD-SZ）" in page


@time_machine.travel(dt.datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_a_newly_loaded_year_appears_with_its_notice(client: Client, supervisor, valid_2027, write_year_file):
    valid_2027["notice"]["url"] = "https://www.gov.cn/zhengce/content/2027.htm"
    load_calendar_year(actor=None, year_file=parse_year_file(write_year_file(valid_2027)))
    client.force_login(supervisor)
    page = client.get(reverse("calendars:years")).content.decode()
    assert '<th scope="row">2027</th>' in page
    assert "国办发明电〔2026〕99号（2026-11-05）" in page
    assert 'href="https://www.gov.cn/zhengce/content/2027.htm"' in page
    assert "2004 年至 2027 年" in page
    assert "尚未导入" not in page
