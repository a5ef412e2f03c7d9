"""The second factor of staff sign-in (ADR 0017): forced enrolment, the code step, recovery codes, reset, journal."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from fazhi.accounts.actions import (
    ActionRefused,
    InvalidAccountInput,
    WrongCode,
    confirm_account_change,
    enrol_second_factor,
    regenerate_recovery_codes,
    request_account_change,
    reset_second_factor,
)
from fazhi.accounts.models import RecoveryCode, SecondFactor
from fazhi.accounts.signin import PENDING_KEY
from fazhi.accounts.testing import PERSONA_PASSWORD, enrol
from fazhi.journal.models import Entry
from fazhi.rules import totp

LOGIN = "/staff/login/"
CODE = "/staff/login/code/"
ENROL = "/staff/security/enrol/"
SECURITY = "/staff/security/"
FACTORS = "/staff/accounts/second-factors/"
ADDRESS = "192.0.2.44"


def password_step(client: Client, username: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": PERSONA_PASSWORD}, REMOTE_ADDR=ADDRESS)


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def current_code(secret: str) -> str:
    return totp.totp(totp.secret_bytes(secret), time.time())


def wrong_code(right: str) -> str:
    return f"{(int(right) + 1) % 1_000_000:06d}"


def entries(action: str) -> list[Entry]:
    return list(Entry.objects.filter(action=action).order_by("seq"))


# The half-signed-in session must reach none of these (the attack: skip the code page by typing a URL).
PROTECTED = ["/staff/", "/staff/accounts/lockouts/", FACTORS, SECURITY, "/staff/cases/", "/admin/"]


def assert_nothing_reachable(client: Client) -> None:
    for url in PROTECTED:
        response = client.get(url, REMOTE_ADDR=ADDRESS, follow=True)
        assert response.redirect_chain, url
        assert response.redirect_chain[-1][0].startswith(f"{LOGIN}?next="), url
    api = client.get("/api/v1/cases", REMOTE_ADDR=ADDRESS)
    assert api.status_code == 401
    assert not signed_in(client)


def test_a_sysadmin_without_an_authenticator_is_sent_to_enrolment_after_the_password(sysadmin):
    client = Client()
    response = password_step(client, "sysadmin")
    assert response.status_code == 302
    assert response["Location"] == ENROL
    assert not signed_in(client)
    assert_nothing_reachable(client)
    page = client.get(ENROL, REMOTE_ADDR=ADDRESS).content.decode()
    assert "绑定认证器" in page
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "script" not in svg
    assert "style=" not in svg  # the Content-Security-Policy allows no inline style


def test_the_forced_enrolment_refuses_a_wrong_code_and_signs_in_with_the_right_one(sysadmin):
    client = Client()
    password_step(client, "sysadmin")
    client.get(ENROL, REMOTE_ADDR=ADDRESS)
    secret = client.session["fazhi_second_factor_enrol_secret"]["secret"]
    right = current_code(secret)
    refused = client.post(ENROL, {"code": wrong_code(right)}, REMOTE_ADDR=ADDRESS)
    assert refused.status_code == 200
    assert "验证码不正确" in refused.content.decode()
    assert not signed_in(client)
    assert not SecondFactor.objects.filter(user=sysadmin).exists()

    done = client.post(ENROL, {"code": right}, REMOTE_ADDR=ADDRESS)
    page = done.content.decode()
    assert done.status_code == 200
    assert "恢复码只显示这一次" in page
    assert page.count("<li><code>") == 10
    assert signed_in(client)
    assert client.get("/staff/", REMOTE_ADDR=ADDRESS).status_code == 200
    assert SecondFactor.objects.get(user=sysadmin).secret == secret
    assert [json.loads(e.after)["recovery_codes"] for e in entries("accounts.second_factor_enrol")] == [10]
    login = entries("accounts.login")[-1]
    assert json.loads(login.after) == {"username": "sysadmin", "second_factor": "enrolment"}


def test_the_secret_is_not_shown_again_after_enrolment(sysadmin):
    client = Client()
    password_step(client, "sysadmin")
    client.get(ENROL, REMOTE_ADDR=ADDRESS)
    secret = client.session["fazhi_second_factor_enrol_secret"]["secret"]
    client.post(ENROL, {"code": current_code(secret)}, REMOTE_ADDR=ADDRESS)
    assert "fazhi_second_factor_enrol_secret" not in client.session
    for url in (ENROL, SECURITY):
        response = client.get(url, follow=True, REMOTE_ADDR=ADDRESS)
        page = response.content.decode()
        assert secret not in page
        assert totp.grouped_secret(secret) not in page


def test_with_an_authenticator_the_password_alone_reaches_nothing_and_a_wrong_code_is_refused(secadmin):
    enrolment = enrol(secadmin)
    client = Client()
    response = password_step(client, "secadmin")
    assert response["Location"] == CODE
    assert_nothing_reachable(client)
    right = enrolment.code(secadmin)
    refused = client.post(CODE, {"code": wrong_code(right)}, REMOTE_ADDR=ADDRESS)
    assert refused.status_code == 200
    assert "验证码不正确" in refused.content.decode()
    assert_nothing_reachable(client)
    failure = entries("accounts.login")[-1]
    assert failure.outcome == "failure"
    assert json.loads(failure.after) == {"username": "secadmin", "step": "second_factor"}

    accepted = client.post(CODE, {"code": right}, REMOTE_ADDR=ADDRESS)
    assert accepted.status_code == 302
    assert accepted["Location"] == "/staff/"
    assert signed_in(client)
    assert client.get("/staff/accounts/lockouts/", REMOTE_ADDR=ADDRESS).status_code == 200
    assert json.loads(entries("accounts.login")[-1].after) == {"username": "secadmin", "second_factor": "totp"}


def test_a_code_once_accepted_cannot_be_used_again_in_the_same_step(secadmin):
    enrolment = enrol(secadmin)
    code = enrolment.code(secadmin)
    first = Client()
    password_step(first, "secadmin")
    first.post(CODE, {"code": code}, REMOTE_ADDR=ADDRESS)
    assert signed_in(first)
    second = Client()
    password_step(second, "secadmin")
    replay = second.post(CODE, {"code": code}, REMOTE_ADDR=ADDRESS)
    assert replay.status_code == 200
    assert not signed_in(second)


def test_five_wrong_codes_in_a_row_end_the_pending_sign_in_and_each_is_journaled(secadmin, settings):
    settings.AXES_FAILURE_LIMIT = 10  # the pending sign-in's own limit, not axes', is under test here
    enrolment = enrol(secadmin)
    right = enrolment.code(secadmin)
    client = Client()
    password_step(client, "secadmin")
    for _ in range(4):
        assert client.post(CODE, {"code": wrong_code(right)}, REMOTE_ADDR=ADDRESS).status_code == 200
    ended = client.post(CODE, {"code": wrong_code(right)}, REMOTE_ADDR=ADDRESS)
    assert ended.status_code == 302
    assert ended["Location"] == LOGIN
    assert PENDING_KEY not in client.session
    # Even the right code now leads back to the password.
    after = client.post(CODE, {"code": right}, REMOTE_ADDR=ADDRESS)
    assert after["Location"] == LOGIN
    assert not signed_in(client)
    failures = [e for e in entries("accounts.login") if e.outcome == "failure"]
    assert len(failures) == 5
    assert all(json.loads(e.after)["step"] == "second_factor" for e in failures)


def test_wrong_codes_count_toward_the_sign_in_lockout_of_that_name_from_that_address(secadmin, settings):
    settings.AXES_FAILURE_LIMIT = 3
    enrolment = enrol(secadmin)
    right = enrolment.code(secadmin)
    client = Client()
    password_step(client, "secadmin")
    for _ in range(2):
        client.post(CODE, {"code": wrong_code(right)}, REMOTE_ADDR=ADDRESS)
    locked = client.post(CODE, {"code": wrong_code(right)}, REMOTE_ADDR=ADDRESS)
    assert locked.status_code == 429
    assert "暂时锁定" in locked.content.decode()
    # The password is refused from this address now, right or not.
    again = password_step(Client(), "secadmin")
    assert again.status_code == 429
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once_and_is_journaled(secadmin):
    enrolment = enrol(secadmin)
    recovery = enrolment.recovery_codes[3]
    client = Client()
    password_step(client, "secadmin")
    response = client.post(CODE, {"code": recovery.lower()}, REMOTE_ADDR=ADDRESS, follow=True)
    assert signed_in(client)
    assert "还剩 9 个未用" in response.content.decode()
    use = entries("accounts.recovery_code_use")
    assert [json.loads(e.after) for e in use] == [{"username": "secadmin", "recovery_codes_left": 9}]
    assert json.loads(entries("accounts.login")[-1].after)["second_factor"] == "recovery"

    again = Client()
    password_step(again, "secadmin")
    refused = again.post(CODE, {"code": recovery}, REMOTE_ADDR=ADDRESS)
    assert refused.status_code == 200
    assert not signed_in(again)
    assert RecoveryCode.objects.filter(user=secadmin, used_at__isnull=True).count() == 9


def test_regenerating_recovery_codes_needs_a_current_code_and_voids_the_old_ones(inspector):
    enrolment = enrol(inspector)
    client = Client()
    client.force_login(inspector)
    refused = client.post(SECURITY, {"code": wrong_code(enrolment.code(inspector))})
    assert "验证码不正确" in refused.content.decode()
    response = client.post(SECURITY, {"code": enrolment.code(inspector)})
    page = response.content.decode()
    assert page.count("<li><code>") == 10
    assert "此前的恢复码已全部作废" in page
    assert not any(code in page for code in enrolment.recovery_codes)
    assert len(entries("accounts.recovery_codes_regenerate")) == 1
    old = Client()
    password_step(old, "inspector")
    old.post(CODE, {"code": enrolment.recovery_codes[0]}, REMOTE_ADDR=ADDRESS)
    assert not signed_in(old)


def test_a_business_user_without_an_authenticator_signs_in_with_the_password_alone(inspector):
    client = Client()
    response = password_step(client, "inspector")
    assert response["Location"] == "/staff/"
    assert signed_in(client)
    assert json.loads(entries("accounts.login")[-1].after) == {"username": "inspector"}


def test_a_business_user_who_enrolled_of_their_own_accord_also_gets_the_code_step(inspector):
    client = Client()
    client.force_login(inspector)
    page = client.get(ENROL).content.decode()
    assert "<svg" in page
    secret = client.session["fazhi_second_factor_enrol_secret"]["secret"]
    assert client.post(ENROL, {"code": current_code(secret)}).status_code == 200
    assert SecondFactor.objects.filter(user=inspector).exists()
    fresh = Client()
    assert password_step(fresh, "inspector")["Location"] == CODE
    assert not signed_in(fresh)


def test_a_role_named_in_the_setting_must_enrol_too(inspector, settings):
    settings.FAZHI_TOTP_REQUIRED_ROLES = ["inspector"]
    client = Client()
    assert password_step(client, "inspector")["Location"] == ENROL
    assert_nothing_reachable(client)


def test_a_pending_sign_in_lapses_after_its_time(secadmin, settings):
    settings.FAZHI_TOTP_PENDING_SECONDS = 0
    enrolment = enrol(secadmin)
    client = Client()
    password_step(client, "secadmin")
    time.sleep(1.01)
    response = client.post(CODE, {"code": enrolment.code(secadmin)}, REMOTE_ADDR=ADDRESS)
    assert response["Location"] == LOGIN
    assert not signed_in(client)


def test_the_code_page_without_a_password_step_sends_to_the_login_page(db):
    response = Client().get(CODE)
    assert response["Location"] == LOGIN
    assert Client().get(ENROL)["Location"] == LOGIN


def test_the_sign_in_keeps_where_the_user_was_going(secadmin):
    enrolment = enrol(secadmin)
    client = Client()
    client.post(
        f"{LOGIN}?next=/staff/accounts/lockouts/",
        {"username": "secadmin", "password": PERSONA_PASSWORD, "next": "/staff/accounts/lockouts/"},
    )
    response = client.post(CODE, {"code": enrolment.code(secadmin)})
    assert response["Location"] == "/staff/accounts/lockouts/"


def test_the_secadmin_resets_a_business_users_authenticator_and_it_is_journaled(secadmin, inspector):
    enrol(inspector)
    client = Client()
    client.force_login(secadmin)
    page = client.get(FACTORS).content.decode()
    assert "inspector" in page
    assert "已启用" in page
    response = client.post(f"{FACTORS}{inspector.pk}/reset/", follow=True)
    assert "已重置" in response.content.decode()
    assert not SecondFactor.objects.filter(user=inspector).exists()
    assert not RecoveryCode.objects.filter(user=inspector).exists()
    (entry,) = entries("accounts.second_factor_reset")
    assert (entry.actor_username, entry.outcome, entry.actor_role) == ("secadmin", "success", "secadmin")
    assert json.loads(entry.after) == {"username": "inspector", "enrolled": False}
    assert json.loads(entry.before)["recovery_codes_left"] == 10
    # The inspector's role does not require it: the password alone signs in again.
    assert password_step(Client(), "inspector")["Location"] == "/staff/"


def test_the_reset_of_a_three_administrators_factor_by_one_person_is_refused(secadmin, sysadmin, auditadmin):
    enrol(sysadmin)
    with pytest.raises(ActionRefused) as refused:
        reset_second_factor(actor=secadmin, user=sysadmin)
    assert "三员账户变更" in refused.value.message
    assert SecondFactor.objects.filter(user=sysadmin).exists()
    (entry,) = entries("accounts.second_factor_reset")
    assert entry.outcome == "refused"
    enrol(secadmin)
    with pytest.raises(ActionRefused):
        reset_second_factor(actor=secadmin, user=secadmin)


def test_only_the_secadmin_resets_a_factor(sysadmin, inspector, lead):
    enrol(inspector)
    for actor in (sysadmin, lead):
        with pytest.raises(ActionRefused):
            reset_second_factor(actor=actor, user=inspector)
    assert SecondFactor.objects.filter(user=inspector).exists()
    response = Client()
    response.force_login(sysadmin)
    assert response.get(FACTORS).status_code == 403


def test_resetting_a_user_without_an_authenticator_says_so(secadmin, inspector):
    with pytest.raises(InvalidAccountInput) as error:
        reset_second_factor(actor=secadmin, user=inspector)
    assert "尚未启用" in error.value.message


def test_enrolling_twice_is_refused_and_a_wrong_first_code_enrols_nothing(inspector):
    secret = totp.new_secret()
    with pytest.raises(WrongCode):
        enrol_second_factor(actor=inspector, secret=secret, code="000000" if current_code(secret) != "000000" else "1")
    assert not SecondFactor.objects.filter(user=inspector).exists()
    enrol(inspector)
    with pytest.raises(InvalidAccountInput):
        enrol_second_factor(actor=inspector, secret=secret, code=current_code(secret))


def test_the_journal_never_holds_the_secret_or_a_code(secadmin, inspector):
    enrolment = enrol(inspector)
    used_code = enrolment.code(inspector)
    new_codes = regenerate_recovery_codes(actor=inspector, code=used_code)
    client = Client()
    password_step(client, "inspector")
    client.post(CODE, {"code": new_codes[0]}, REMOTE_ADDR=ADDRESS)
    assert signed_in(client)
    reset_second_factor(actor=secadmin, user=inspector)
    secrets_and_codes = [enrolment.secret, *enrolment.recovery_codes, *new_codes]
    for entry in Entry.objects.all():
        payload = f"{entry.before}{entry.after}"
        for value in secrets_and_codes:
            assert value not in payload
            assert value.replace("-", "") not in payload
        for part in (json.loads(entry.before) or {}, json.loads(entry.after) or {}):
            assert used_code not in {str(v) for v in part.values()}


def test_the_secadmin_navigation_links_the_second_factor_page(secadmin):
    client = Client()
    client.force_login(secadmin)
    page = client.get("/staff/").content.decode()
    assert f'href="{FACTORS}"' in page
    assert "动态验证码" in page


def test_a_user_who_must_enrol_sees_that_on_the_security_page(sysadmin):
    client = Client()
    client.force_login(sysadmin)
    page = client.get(SECURITY).content.decode()
    assert "未启用" in page
    assert "下次登录时将要求绑定" in page


def test_wrong_codes_count_toward_the_per_address_sign_in_limit(secadmin, settings):
    settings.FAZHI_LOGIN_RATE_LIMIT = 3
    enrolment = enrol(secadmin)
    right = enrolment.code(secadmin)
    client = Client()
    password_step(client, "secadmin")  # attempt 1
    client.post(CODE, {"code": wrong_code(right)}, REMOTE_ADDR=ADDRESS)  # 2
    client.post(CODE, {"code": wrong_code(right)}, REMOTE_ADDR=ADDRESS)  # 3
    client.post(CODE, {"code": wrong_code(right)}, REMOTE_ADDR=ADDRESS)  # 4: over the limit
    limited = client.post(CODE, {"code": right}, REMOTE_ADDR=ADDRESS)
    assert limited.status_code == 429
    assert not signed_in(client)
    assert PENDING_KEY not in client.session


def test_a_signed_in_session_cannot_guess_its_way_to_new_recovery_codes(inspector):
    enrolment = enrol(inspector)
    right = enrolment.code(inspector)
    client = Client()
    client.force_login(inspector)
    for _ in range(5):
        assert "验证码不正确" in client.post(SECURITY, {"code": wrong_code(right)}).content.decode()
    blocked = client.post(SECURITY, {"code": right}).content.decode()
    assert "错误次数过多" in blocked
    assert "<li><code>" not in blocked
    assert not entries("accounts.recovery_codes_regenerate")


def test_cancelling_at_the_code_page_forgets_the_pending_sign_in(secadmin):
    enrolment = enrol(secadmin)
    client = Client()
    password_step(client, "secadmin")
    assert "取消，返回登录页" in client.get(CODE).content.decode()
    assert client.post("/staff/logout/")["Location"] == LOGIN
    assert PENDING_KEY not in client.session
    assert client.post(CODE, {"code": enrolment.code(secadmin)})["Location"] == LOGIN
    assert not signed_in(client)


def test_a_three_administrators_factor_is_reset_when_one_asks_and_another_confirms(secadmin, sysadmin, auditadmin):
    # 三员分立 (ADR 0018): the security administrator asks, the audit administrator confirms; the holder takes no part.
    enrol(sysadmin)
    asked = request_account_change(actor=secadmin, target=sysadmin, kind="reset_second_factor", reason="手机遗失")
    assert SecondFactor.objects.filter(user=sysadmin).exists()
    confirm_account_change(actor=auditadmin, request=asked)
    assert not SecondFactor.objects.filter(user=sysadmin).exists()
    assert not RecoveryCode.objects.filter(user=sysadmin).exists()
    (entry,) = Entry.objects.filter(action="accounts.change_confirm")
    assert json.loads(entry.after)["enrolled"] is False
    assert "secret" not in entry.after


def test_the_security_page_tells_an_administrator_and_an_inspector_who_resets_a_lost_phone(sysadmin, inspector):
    enrol(sysadmin)
    enrol(inspector)
    cases = ((sysadmin, "三员账户变更", "请联系安全管理员"), (inspector, "请联系安全管理员", "三员账户变更"))
    for user, said, not_said in cases:
        client = Client()
        client.force_login(user)
        page = client.get("/staff/security/").content.decode()
        assert said in page
        assert not_said not in page
