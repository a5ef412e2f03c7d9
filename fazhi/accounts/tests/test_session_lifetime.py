import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client

from fazhi.accounts.testing import PERSONA_PASSWORD
from fazhi.journal.models import Entry

START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def lifetimes(settings):
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 30 * 60
    settings.SESSION_ABSOLUTE_LIFETIME_SECONDS = 8 * 60 * 60
    return settings


@pytest.fixture
def signed_in(inspector, lifetimes):
    with time_machine.travel(START, tick=False) as traveller:
        client = Client()
        response = client.post("/staff/login/", {"username": "inspector", "password": PERSONA_PASSWORD})
        assert response.status_code == 302
        yield client, traveller


def test_activity_within_the_idle_timeout_keeps_the_session(signed_in):
    client, traveller = signed_in
    for _ in range(5):
        traveller.shift(timedelta(minutes=25))
        assert client.get("/staff/").status_code == 200


def test_an_idle_session_is_signed_out_and_sent_to_login_with_a_chinese_message(signed_in):
    client, traveller = signed_in
    traveller.shift(timedelta(minutes=30, seconds=1))
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/login/?expired=idle&next=/staff/"
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "您长时间未操作" in page
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert entry.action == "accounts.logout"
    assert json.loads(entry.after)["reason"] == "idle"


def test_a_session_ends_after_its_absolute_lifetime_even_when_active(signed_in):
    client, traveller = signed_in
    for _ in range(19):  # 19 × 25 min = 7 h 55 min, always active
        traveller.shift(timedelta(minutes=25))
        assert client.get("/staff/").status_code == 200
    traveller.shift(timedelta(minutes=5))
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/?expired=lifetime")
    assert "最长有效时间" in client.get(response["Location"]).content.decode()


def test_an_expired_api_request_gets_a_401_json_answer(signed_in):
    client, traveller = signed_in
    traveller.shift(timedelta(hours=1))
    response = client.get("/api/v1/health")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "session_idle"
    assert "重新登录" in response.json()["detail"]


def test_an_expired_htmx_request_is_redirected_by_htmx(signed_in):
    client, traveller = signed_in
    traveller.shift(timedelta(hours=1))
    response = client.get("/staff/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/staff/login/?expired=idle"


def test_anonymous_visitors_are_not_touched(db, lifetimes):
    with time_machine.travel(START, tick=False) as traveller:
        client = Client()
        assert client.get("/").status_code == 200
        traveller.shift(timedelta(days=1))
        assert client.get("/").status_code == 200


def test_an_unknown_expiry_reason_on_the_login_page_shows_no_message(db):
    page = Client().get("/staff/login/?expired=<script>").content.decode()
    assert "自动退出" not in page
    assert "<script>" not in page
