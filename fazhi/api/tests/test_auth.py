"""Who may call the case endpoints: a bearer token (stored only as its SHA-256) or the staff session with CSRF."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.middleware.csrf import CSRF_ALLOWED_CHARS
from django.test import Client
from django.urls import reverse
from django.utils.crypto import get_random_string

from fazhi.accounts.actions import deactivate_user
from fazhi.accounts.models import User
from fazhi.api.actions import create_api_token, revoke_api_token, token_hash
from fazhi.api.models import ApiToken
from fazhi.api.tests.helpers import TODAY, bearer, complaint, token_for
from fazhi.cases.workflow import State
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases"
LOGIN_FIRST = "请先登录：接口令牌无效、已吊销或其账户已停用。"


@pytest.fixture(autouse=True)
def _on_a_known_day() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


def test_a_valid_token_lets_its_user_in_and_its_last_use_is_remembered(inspector: User) -> None:
    token = token_for(inspector)
    response = Client().get(CASES, headers=bearer(token))
    assert response.status_code == 200
    assert ApiToken.objects.get().last_used_at == TODAY


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer ", "Bearer fz_not-a-token", "Bearer " + "x" * 500, "Basic aW5zcGVjdG9yOmZhemhpLWRlbW8="],
)
def test_a_missing_or_wrong_token_is_a_401_in_chinese(inspector: User, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = Client().get(CASES, headers=headers)
    assert response.status_code == 401
    assert response.json()["message"].startswith("请先登录")


def test_a_revoked_token_is_a_401_at_once_and_the_revocation_is_journaled(inspector: User) -> None:
    row, token = create_api_token(actor=None, user=inspector, name="对接")
    assert Client().get(CASES, headers=bearer(token)).status_code == 200
    revoke_api_token(actor=None, token=row)
    response = Client().get(CASES, headers=bearer(token))
    assert response.status_code == 401
    assert response.json() == {"message": LOGIN_FIRST, "detail": LOGIN_FIRST}
    assert Entry.objects.filter(action="api.token_revoke", object_id=str(row.pk)).count() == 1


def test_the_token_of_a_deactivated_user_is_a_401(inspector: User, sysadmin: User) -> None:
    token = token_for(inspector)
    deactivate_user(actor=sysadmin, user=inspector)
    response = Client().get(CASES, headers=bearer(token))
    assert response.status_code == 401


def test_a_wrong_token_is_refused_even_beside_a_valid_session(inspector: User) -> None:
    client = Client()
    client.force_login(inspector)
    assert client.get(CASES).status_code == 200
    assert client.get(CASES, headers=bearer("fz_wrong")).status_code == 401


def test_only_the_sha256_of_a_token_is_stored_and_the_journal_never_sees_it(inspector: User) -> None:
    row, token = create_api_token(actor=None, user=inspector, name="对接")
    assert token.startswith("fz_")
    assert len(token) > 40
    row.refresh_from_db()
    assert row.token_hash == token_hash(token)
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    assert token not in stored
    created = Entry.objects.get(action="api.token_create", object_id=str(row.pk))
    assert token not in created.after  # the entry keeps its canonical JSON text
    assert row.expires_at is not None
    assert json.loads(created.after) == {
        "user": "inspector",
        "name": "对接",
        "read_only": False,
        "expires_at": row.expires_at.isoformat(timespec="seconds"),
    }


def test_a_session_reads_the_api_without_a_csrf_token(inspector: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(inspector)
    assert client.get(CASES).status_code == 200


def test_a_session_must_send_the_csrf_token_to_take_a_step(inspector: User, inspector2: User, lead: User) -> None:
    case = complaint(inspector, handler=inspector, co_handler=inspector2)
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    path = f"{CASES}/{case.pk}/steps/accept"
    refused = client.post(path, "{}", content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["message"].startswith("CSRF 校验失败")
    case.refresh_from_db()
    assert case.state == State.RECEIVED
    secret = get_random_string(32, CSRF_ALLOWED_CHARS)
    client.cookies["csrftoken"] = secret
    accepted = client.post(path, "{}", content_type="application/json", headers={"X-CSRFToken": secret})
    assert accepted.status_code == 200
    assert accepted.json()["state"] == "investigating"


def test_a_post_without_any_credentials_is_told_to_log_in_not_about_csrf(inspector: User) -> None:
    case = complaint(inspector)
    response = Client(enforce_csrf_checks=True).post(
        f"{CASES}/{case.pk}/steps/accept", "{}", content_type="application/json"
    )
    assert response.status_code == 401


def test_a_token_needs_no_csrf_token_to_take_a_step(inspector: User, inspector2: User, lead: User) -> None:
    case = complaint(inspector, handler=inspector, co_handler=inspector2)
    client = Client(enforce_csrf_checks=True, headers=bearer(token_for(lead)))
    response = client.post(f"{CASES}/{case.pk}/steps/accept", "{}", content_type="application/json")
    assert response.status_code == 200


# --- The command ----------------------------------------------------------------------------------------------------


def test_the_command_prints_the_token_once_and_it_works(inspector: User) -> None:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "inspector", "--name", "案件系统对接", stdout=out, stderr=err)
    token = out.getvalue().strip()
    assert "只显示这一次" in err.getvalue()
    row = ApiToken.objects.get()
    assert (row.user, row.name, row.token_hash) == (inspector, "案件系统对接", token_hash(token))
    assert Client().get(CASES, headers=bearer(token)).status_code == 200
    assert Entry.objects.filter(action="api.token_create", actor_username="").count() == 1


def test_the_command_refuses_an_unknown_or_deactivated_user_in_chinese(inspector: User, sysadmin: User) -> None:
    with pytest.raises(CommandError, match="没有用户名为 nobody 的工作人员"):
        call_command("create_api_token", "nobody")
    deactivate_user(actor=sysadmin, user=inspector)
    with pytest.raises(CommandError, match="已停用"):
        call_command("create_api_token", "inspector")
    assert not ApiToken.objects.exists()


def test_the_system_administrator_revokes_a_token_from_the_admin(inspector: User, sysadmin: User) -> None:
    row, token = create_api_token(actor=None, user=inspector, name="对接")
    client = Client()
    client.force_login(sysadmin)
    listing = client.get(reverse("admin:api_apitoken_changelist"))
    assert listing.status_code == 200
    assert token not in listing.content.decode()
    response = client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke_selected", "_selected_action": [row.pk]},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at == TODAY
    entry = Entry.objects.get(action="api.token_revoke")
    assert entry.actor_username == "sysadmin"
    assert Client().get(CASES, headers=bearer(token)).status_code == 401
