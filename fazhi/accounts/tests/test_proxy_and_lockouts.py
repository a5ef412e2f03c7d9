"""Sign-in protection behind the reverse proxy (security review H1, M7) and the security administrator's lockouts page.

The attacks are the review's own: five wrong passwords for a named account from one client, then its owner from
another; a status-lookup budget shared by the whole city; a flood of sign-ins under ever-new user names.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client

from fazhi.accounts.actions import ActionRefused, clear_lockout
from fazhi.accounts.testing import PERSONA_PASSWORD
from fazhi.journal.models import Entry

LOGIN = "/staff/login/"
LOCKOUTS = "/staff/accounts/lockouts/"
PROXY = "127.0.0.1"  # every request reaches the application from the proxy
ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"
ROOT = Path(__file__).resolve().parents[3]


def via_proxy(client: Client, username: str, password: str, client_address: str):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"10.9.9.9, {client_address}",  # whatever the client sent, then what the proxy appended
    )


def lock_out(username: str, client_address: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        via_proxy(Client(), username, "wrong-password", client_address)


def test_the_settings_module_exposes_the_proxy_switch_it_reads_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.FAZHI_BEHIND_PROXY, s.SECURE_PROXY_SSL_HEADER)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings", "FAZHI_BEHIND_PROXY": "true"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "('HTTP_X_FORWARDED_PROTO',", "'https')"]
    env["FAZHI_BEHIND_PROXY"] = "false"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split()[0] == "False"


def test_behind_the_proxy_an_attacker_locks_the_inspectors_name_only_from_the_attackers_address(inspector, settings):
    settings.FAZHI_BEHIND_PROXY = True
    lock_out("inspector", ATTACKER)
    assert via_proxy(Client(), "inspector", PERSONA_PASSWORD, ATTACKER).status_code == 429

    owner = Client()
    response = via_proxy(owner, "inspector", PERSONA_PASSWORD, OWNER)
    assert response.status_code == 302
    assert owner.session[SESSION_KEY] == str(inspector.pk)
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("inspector", ATTACKER)]
    success = Entry.objects.filter(action="accounts.login", outcome="success").get()
    assert success.ip == OWNER  # the journal keeps the client, not the proxy
    assert set(Entry.objects.filter(outcome="failure").values_list("ip", flat=True)) == {ATTACKER}


def test_without_the_proxy_setting_a_client_cannot_choose_its_address_by_sending_the_header(inspector, settings):
    settings.FAZHI_BEHIND_PROXY = False
    for n in range(settings.AXES_FAILURE_LIMIT):
        via_proxy(Client(), "inspector", "wrong-password", f"192.0.2.{n + 1}")
    assert via_proxy(Client(), "inspector", PERSONA_PASSWORD, OWNER).status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]


def test_behind_the_proxy_each_member_of_the_public_has_their_own_status_lookup_budget(org, settings):
    settings.FAZHI_BEHIND_PROXY = True
    settings.FAZHI_STATUS_RATE_LIMIT = 2
    form = {"code": "ABCD-EFGH-JKMN-PQRS", "phone": "13800138000"}

    def lookup(address: str) -> int:
        return Client().post("/complaints/status/", form, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address).status_code

    assert [lookup(f"198.51.100.{n}") for n in range(1, 8)] == [404] * 7
    assert [lookup("203.0.113.5") for _ in range(3)] == [404, 404, 429]


def test_a_flood_of_sign_ins_under_new_names_is_refused_before_any_password_is_checked(inspector, settings):
    settings.FAZHI_LOGIN_RATE_LIMIT = 6
    flood = [
        Client().post(LOGIN, {"username": f"dos-{n}", "password": "x"}, REMOTE_ADDR="203.0.113.9") for n in range(10)
    ]
    assert [r.status_code for r in flood] == [200] * 6 + [429] * 4
    assert "登录尝试过于频繁" in flood[-1].content.decode()
    # Six failures were checked and journaled; the four refused ones cost no hash and one journal entry in all.
    assert Entry.objects.filter(action="accounts.login", outcome="failure").count() == 6
    floods = Entry.objects.filter(action="accounts.login_flood")
    assert [(e.outcome, e.ip) for e in floods] == [("refused", "203.0.113.9")]
    assert json.loads(floods.get().after) == {"limit": 6, "window_seconds": settings.FAZHI_LOGIN_RATE_WINDOW_SECONDS}
    # The inspector at another address signs in as usual.
    assert Client().post(LOGIN, {"username": "inspector", "password": PERSONA_PASSWORD}).status_code == 302


def test_the_security_administrator_clears_the_lockout_and_the_owner_signs_in(inspector, secadmin, settings):
    settings.FAZHI_BEHIND_PROXY = True
    lock_out("inspector", OWNER)
    assert via_proxy(Client(), "inspector", PERSONA_PASSWORD, OWNER).status_code == 429

    admin = Client()
    admin.force_login(secadmin)
    page = admin.get(LOCKOUTS).content.decode()
    assert "inspector" in page
    assert OWNER in page
    assert "已锁定" in page
    assert "解除锁定" in page
    attempt = AccessAttempt.objects.get()
    response = admin.post(f"{LOCKOUTS}{attempt.pk}/clear/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.0.0.5")
    assert response.status_code == 302
    assert "已解除该登录锁定" in admin.get(LOCKOUTS).content.decode()

    assert via_proxy(Client(), "inspector", PERSONA_PASSWORD, OWNER).status_code == 302
    entry = Entry.objects.filter(action="accounts.lockout_clear").get()
    assert (entry.actor_username, entry.outcome, entry.ip) == ("secadmin", "success", "10.0.0.5")
    failures = settings.AXES_FAILURE_LIMIT + 1  # the owner's refused try while locked counted too
    assert json.loads(entry.before) == {"username": "inspector", "address": OWNER, "failures": failures}


@pytest.mark.parametrize("persona", ["sysadmin", "auditadmin", "inspector", "supervisor"])
def test_only_the_security_administrator_may_open_the_lockouts_page(request, persona):
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LOCKOUTS).status_code == 403


def test_the_system_administrator_cannot_clear_a_lockout_and_the_attempt_is_journaled(inspector, sysadmin):
    lock_out("inspector", OWNER)
    attempt = AccessAttempt.objects.get()
    with pytest.raises(ActionRefused, match="只有安全管理员可以解除登录锁定"):
        clear_lockout(actor=sysadmin, attempt_id=attempt.pk)
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    refused = Entry.objects.get(action="accounts.lockout_clear")
    assert (refused.outcome, refused.actor_username) == ("refused", "sysadmin")


def test_clearing_a_lockout_that_has_gone_says_so_in_chinese(secadmin):
    client = Client()
    client.force_login(secadmin)
    response = client.post(f"{LOCKOUTS}999/clear/", follow=True)
    assert "该登录失败记录已不存在" in response.content.decode()
