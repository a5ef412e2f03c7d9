"""The staff page /staff/calendar/ shows which years are loaded."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fazhi.calendars.actions import load_calendar_year
from fazhi.calendars.loader import parse_year_file
from fazhi.calendars.models import CalendarYear
from fazhi.journal.models import Entry

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


# --- the sysadmin's import from python-holidays ---------------------------------------------------------------------

IMPORT = "/staff/calendar/import/"


def test_the_import_page_lives_at_staff_calendar_import():
    assert reverse("calendars:import") == IMPORT


@time_machine.travel(dt.datetime(2026, 12, 8, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_only_the_sysadmin_is_offered_the_import_on_the_calendar_page(client: Client, sysadmin, inspector):
    client.force_login(sysadmin)
    page = client.get(reverse("calendars:years")).content.decode()
    assert f'action="{IMPORT}"' in page
    assert 'name="year" value="2027"' in page
    assert f'<a href="{IMPORT}?year=2027">从软件包导入</a>' in page
    client.force_login(inspector)
    page = client.get(reverse("calendars:years")).content.decode()
    assert f'action="{IMPORT}"' not in page


def test_anyone_but_the_sysadmin_is_refused_the_import_and_the_refusal_is_journaled(client: Client, inspector):
    client.force_login(inspector)
    assert client.get(IMPORT + "?year=2026").status_code == 403
    assert client.post(IMPORT, {"year": "2026"}).status_code == 403
    assert Entry.objects.filter(action="access.refused", actor_id=inspector.pk).count() == 2
    assert not Entry.objects.filter(action="calendars.year_load").exists()


@time_machine.travel(dt.datetime(2026, 12, 8, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_the_sysadmin_chooses_a_year_next_year_by_default(client: Client, sysadmin):
    client.force_login(sysadmin)
    response = client.get(IMPORT)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>从软件包导入节假日安排" in page
    assert 'name="year" value="2027"' in page
    assert f'method="post" action="{IMPORT}"' not in page


def test_a_year_the_package_only_estimates_is_refused_on_the_page(client: Client, sysadmin):
    client.force_login(sysadmin)
    page = client.get(IMPORT, {"year": "2030"}).content.decode()
    assert "2030 年的数据是按规则推算的，没有列出任何调休上班日" in page
    assert f'method="post" action="{IMPORT}"' not in page


def test_the_preview_shows_each_holiday_the_cross_check_and_that_the_year_will_be_replaced(client: Client, sysadmin):
    client.force_login(sysadmin)
    page = client.get(IMPORT, {"year": "2026"}).content.decode()
    assert "国庆节：2026-10-01（星期四）至2026-10-07（星期三）放假，共 7 天" in page
    assert "与 chinese-calendar 1.11.0 逐日核对：全年一致。" in page
    assert "已导入过 2026 年：确认后将整体替换该年度的数据。" in page
    assert f'method="post" action="{IMPORT}"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'name="year" value="2026"' in page
    assert not Entry.objects.filter(action="calendars.year_load").exists()


def test_the_import_needs_the_csrf_token(sysadmin, package_with_2027):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sysadmin)
    assert client.post(IMPORT, {"year": "2027"}).status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_sysadmin_imports_next_year_and_the_load_is_journaled_as_theirs(
    client: Client, sysadmin, package_with_2027
):
    client.force_login(sysadmin)
    data = {
        "year": "2027",
        "notice_number": "国办发明电〔2026〕99号",
        "notice_date": "2026-11-05",
        "notice_url": "https://www.gov.cn/zhengce/content/2027.htm",
    }
    response = client.post(IMPORT, data, follow=True)
    assert response.redirect_chain == [(reverse("calendars:years"), 302)]
    page = response.content.decode()
    assert "已从 python-holidays" in page
    assert "导入 2027 年的节假日安排，并记入全过程记录。" in page
    assert "国办发明电〔2026〕99号（2026-11-05）" in page
    year = CalendarYear.objects.get(year=2027)
    assert (year.loaded_by, year.notice_url) == (sysadmin, data["notice_url"])
    [entry] = Entry.objects.filter(action="calendars.year_load")
    assert (entry.actor_id, entry.actor_role, entry.outcome) == (sysadmin.pk, "sysadmin", "success")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "明年"}, "年度应为四位数字的年份。"),
        ({"year": "1999"}, "年度应为 2000 至 2100 之间的年份。"),
        ({}, "请填写年度。"),
        ({"year": "2027", "notice_url": "ftp://example.org/"}, "网址应以 https:// 或 http:// 开头。"),
        ({"year": "2027", "notice_date": "2030-01-01"}, "2030-01-01 不在 2026 年或 2027 年内"),
        ({"year": "2027", "notice_date": "11/05/2026"}, "请填写有效的日期（YYYY-MM-DD）。"),
        ({"year": "2027", "notice_number": "号" * 101}, "通知文号不超过 100 字。"),
        ({"year": "2030"}, "2030 年的数据是按规则推算的"),
    ],
)
def test_bad_import_input_is_answered_in_chinese_and_nothing_is_loaded(
    client: Client, sysadmin, package_with_2027, data, message
):
    client.force_login(sysadmin)
    response = client.post(IMPORT, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Entry.objects.filter(action="calendars.year_load").exists()
    assert not CalendarYear.objects.filter(year__gte=2027).exists()
