"""GET /api/v1/calendar/due-date and /api/v1/calendar/years: public, Chinese errors, never a 500."""

from __future__ import annotations

import string

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.api.main import api

pytestmark = pytest.mark.django_db

DUE = "/api/v1/calendar/due-date"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"start": "2025-12-31", "days": "1"}, {"due_date": "2026-01-04", "unit": "working", "days": 1}),
        ({"start": "2026-10-01", "days": "1", "unit": "working"}, {"due_date": "2026-10-08"}),
        ({"start": "2026-01-12", "days": "5", "unit": "calendar"}, {"due_date": "2026-01-19", "unit": "calendar"}),
        ({"start": "2026-02-01", "days": "14", "unit": "calendar"}, {"due_date": "2026-02-24"}),
        (
            {"start": "2025-12-31", "days": "1", "jurisdiction": "CN"},
            {"jurisdiction": "CN", "jurisdiction_name": "全国"},
        ),
    ],
)
def test_due_date_answers_valid_questions(client: Client, query, expected):
    response = client.get(DUE, query)
    assert response.status_code == 200
    body = response.json()
    assert body["start"] == query["start"]
    assert body.items() >= expected.items()


def test_due_date_defaults_to_working_days_in_the_deployments_jurisdiction(client: Client, settings):
    settings.FAZHI_JURISDICTION = "CN-GD-SZ"
    body = client.get(DUE, {"start": "2026-01-04", "days": "3"}).json()
    assert body == {
        "start": "2026-01-04",
        "days": 3,
        "unit": "working",
        "due_date": "2026-01-07",
        "jurisdiction": "CN-GD-SZ",
        "jurisdiction_name": "深圳市",
    }


def test_due_date_needs_no_login(client: Client):
    client.logout()
    assert client.get(DUE, {"start": "2026-01-05", "days": "1"}).status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({}, "缺少必填参数：start、days"),
        ({"start": "2026-01-05"}, "缺少必填参数：days"),
        ({"start": "2026-13-01", "days": "1"}, "起算日期“2026-13-01”无效"),
        ({"start": "tomorrow", "days": "1"}, "起算日期“tomorrow”无效"),
        ({"start": "2026-01-05", "days": "0"}, "天数“0”无效"),
        ({"start": "2026-01-05", "days": "-1"}, "天数“-1”无效"),
        ({"start": "2026-01-05", "days": "1e3"}, "天数“1e3”无效"),
        ({"start": "2026-01-05", "days": "99999999999999999999"}, "天数“99999999999999999999”无效"),
        ({"start": "2026-01-05", "days": "1", "unit": "weeks"}, "期间单位“weeks”无效"),
        ({"start": "2026-01-05", "days": "1", "jurisdiction": "CN-BJ"}, "未知的管辖区域代码“CN-BJ”"),
    ],
)
def test_due_date_refuses_bad_input_with_a_chinese_message(client: Client, query, message):
    response = client.get(DUE, query)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert response.json()["missing_year"] is None


def test_due_date_names_a_missing_year(client: Client):
    response = client.get(DUE, {"start": "2026-12-28", "days": "10"})
    assert response.status_code == 422
    message = "缺少 2027 年的节假日数据，请先用 load_calendar 导入"
    # Beside it, the provisional date (fazhi.rules.provisional): 2027 counted with weekends and 元旦 only.
    assert response.json() == {
        "message": message,
        "detail": message,
        "missing_year": 2027,
        "provisional_due_date": "2027-01-12",
    }
    early = client.get(DUE, {"start": "1999-01-04", "days": "3", "unit": "calendar"})
    assert (early.status_code, early.json()["missing_year"]) == (422, 1999)


_text = st.text(alphabet=string.printable + "年月日〇一二", max_size=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.one_of(_text, st.dates().map(str)),
    days=st.one_of(_text, st.integers(-10, 20_000).map(str)),
    unit=st.sampled_from(["working", "calendar", "", "WORKING", "x"]),
    jurisdiction=st.sampled_from([None, "CN", "CN-GD-SZ", "", "cn-gd", "??"]),
)
def test_due_date_never_answers_500(client: Client, start, days, unit, jurisdiction):
    query = {"start": start, "days": days, "unit": unit}
    if jurisdiction is not None:
        query["jurisdiction"] = jurisdiction
    response = client.get(DUE, query)
    assert response.status_code in (200, 422)
    if response.status_code == 422:
        assert response.json()["detail"]


def test_years_lists_the_loaded_years_publicly(client: Client):
    response = client.get("/api/v1/calendar/years")
    assert response.status_code == 200
    body = response.json()
    assert (body["first_year"], body["last_year"], body["gaps"]) == (2004, 2026, [])
    assert [row["year"] for row in body["years"]] == list(range(2004, 2027))
    last = body["years"][-1]
    assert last["jurisdiction"] == "CN"
    assert last["jurisdiction_name"] == "全国"
    assert (last["days_off"], last["makeup_days"]) == (33, 6)
    assert last["holidays"][0] == "元旦"
    assert last["source"].startswith("chinese-calendar")


def test_the_openapi_document_explains_the_calendar_endpoints():
    schema = api.get_openapi_schema()
    operation = schema["paths"]["/api/v1/calendar/due-date"]["get"]
    assert operation["summary"].startswith("期限届满日")
    assert "起算日不计入" in operation["description"]
    assert 422 in operation["responses"] or "422" in operation["responses"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["start"]["required"]
    assert params["days"]["required"]
    assert params["start"]["schema"]["format"] == "date"
    assert params["days"]["schema"]["type"] == "integer"
    assert params["unit"]["schema"]["enum"] == ["working", "calendar"]
    assert not operation.get("security")
    assert schema["paths"]["/api/v1/calendar/years"]["get"]["summary"].startswith("已导入的节假日年度")
