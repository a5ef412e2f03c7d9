"""API tokens lapse, die with a password change, and may be read-only (security review L3)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from fazhi.accounts.actions import change_password
from fazhi.accounts.models import User
from fazhi.api.actions import TokenActionError, create_api_token
from fazhi.api.models import ApiToken
from fazhi.api.tests.helpers import TODAY, bearer, complaint
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases"


@pytest.fixture(autouse=True)
def _on_a_known_day() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


def message(response) -> str:
    return str(json.loads(response.content)["message"])


def test_a_token_lapses_after_the_configured_days(inspector: User, settings) -> None:
    settings.FAZHI_API_TOKEN_DAYS = 30
    row, token = create_api_token(actor=None, user=inspector)
    assert row.expires_at == TODAY + dt.timedelta(days=30)
    with time_machine.travel(TODAY + dt.timedelta(days=29, hours=23), tick=False):
        assert Client().get(CASES, headers=bearer(token)).status_code == 200
    with time_machine.travel(TODAY + dt.timedelta(days=30), tick=False):
        response = Client().get(CASES, headers=bearer(token))
    assert response.status_code == 401
    assert message(response) == "接口令牌已过有效期，请重新申请令牌。"


def test_a_token_made_with_no_expiry_keeps_working(inspector: User) -> None:
    row, token = create_api_token(actor=None, user=inspector, days=0)
    assert row.expires_at is None
    with time_machine.travel(TODAY + dt.timedelta(days=3650), tick=False):
        assert Client().get(CASES, headers=bearer(token)).status_code == 200


def test_the_review_s_case_a_password_change_ends_the_token_as_it_ends_other_sessions(inspector: User) -> None:
    _, token = create_api_token(actor=None, user=inspector)
    assert Client().get(CASES, headers=bearer(token)).status_code == 200
    change_password(actor=inspector, user=inspector, new_password="Another-Secret-2026")
    response = Client().get(CASES, headers=bearer(token))
    assert response.status_code == 401
    assert "密码在令牌创建后修改过" in message(response)
    _, fresh = create_api_token(actor=None, user=inspector)  # a token made afterwards works
    assert Client().get(CASES, headers=bearer(fresh)).status_code == 200


def test_a_read_only_token_reads_but_cannot_take_a_step(inspector: User, inspector2: User, lead: User) -> None:
    case = complaint(inspector, handler=inspector, co_handler=inspector2)
    _, token = create_api_token(actor=None, user=lead, read_only=True)
    client = Client(headers=bearer(token))
    assert client.get(f"{CASES}/{case.pk}").status_code == 200
    response = client.post(f"{CASES}/{case.pk}/steps/accept", "{}", content_type="application/json")
    assert response.status_code == 403
    assert message(response) == "这是只读接口令牌，只能查询，不能办理或修改。"
    case.refresh_from_db()
    assert case.state == "received"


def test_the_token_s_terms_are_journaled_and_shown_by_the_command(inspector: User) -> None:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "inspector", "--read-only", "--days", "7", stdout=out, stderr=err)
    row = ApiToken.objects.get()
    assert (row.read_only, row.expires_at) == (True, TODAY + dt.timedelta(days=7))
    assert "（只读）" in err.getvalue()
    assert "有效期至 2026-03-16" in err.getvalue()
    after = json.loads(Entry.objects.get(action="api.token_create").after)
    assert after["read_only"] is True
    assert after["expires_at"].startswith("2026-03-16")


@pytest.mark.parametrize("days", [-1, 3651])
def test_an_impossible_lifetime_is_refused_in_chinese(inspector: User, days: int) -> None:
    with pytest.raises(TokenActionError, match="有效天数应在 0 至 3650 之间"):
        create_api_token(actor=None, user=inspector, days=days)
    with pytest.raises(CommandError, match="有效天数应在 0 至 3650 之间"):
        call_command("create_api_token", "inspector", "--days", str(days), stdout=StringIO(), stderr=StringIO())
