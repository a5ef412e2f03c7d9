import json

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client

from fazhi.accounts.testing import PERSONA_PASSWORD
from fazhi.journal.models import Entry

LOGIN = "/staff/login/"
LOGOUT = "/staff/logout/"


def last_entry() -> Entry:
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    return entry


def log_in(client: Client, username: str, password: str = PERSONA_PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_the_login_page_is_in_chinese_even_for_an_english_browser(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(LOGIN)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in page
    assert "工作人员登录" in page
    assert "用户名" in page
    assert "密码" in page


def test_a_successful_login_goes_to_the_staff_home_and_is_journaled_with_the_ip(inspector):
    client = Client()
    response = log_in(client, "inspector", REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert client.session[SESSION_KEY] == str(inspector.pk)
    entry = last_entry()
    assert (entry.action, entry.outcome, entry.actor_username, entry.ip) == (
        "accounts.login",
        "success",
        "inspector",
        "192.0.2.7",
    )


def test_a_failed_login_is_journaled_with_the_attempted_name_and_no_actor(inspector):
    response = log_in(Client(), "inspector", "wrong-password", REMOTE_ADDR="192.0.2.8")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    entry = last_entry()
    assert (entry.action, entry.outcome, entry.actor_id, entry.ip) == ("accounts.login", "failure", None, "192.0.2.8")
    assert json.loads(entry.after) == {"username": "inspector"}
    assert "wrong-password" not in entry.after


def test_a_failed_login_for_a_name_that_does_not_exist_looks_the_same(inspector):
    wrong_name = log_in(Client(), "nobody-here").content.decode()
    wrong_password = log_in(Client(), "inspector", "wrong-password").content.decode()
    assert "用户名或密码不正确" in wrong_name
    assert "用户名或密码不正确" in wrong_password
    assert json.loads(last_entry().after) == {"username": "inspector"}


def test_the_session_id_changes_at_login(inspector):
    client = Client()
    session = client.session
    session["before-login"] = True
    session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    log_in(client, "inspector")
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert before != after
    assert client.session[SESSION_KEY] == str(inspector.pk)


def test_five_failures_lock_the_name_out_from_that_address_even_with_the_right_password(inspector):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "inspector", "wrong-password").status_code == 200
    locked = log_in(client, "inspector", "wrong-password")
    assert locked.status_code == 429
    assert "账户已暂时锁定" in locked.content.decode()
    assert "15 分钟" in locked.content.decode()

    right_password = log_in(client, "inspector")
    assert right_password.status_code == 429
    assert SESSION_KEY not in client.session
    failures = Entry.objects.filter(action="accounts.login", outcome="failure")
    assert failures.count() == settings.AXES_FAILURE_LIMIT + 1
    assert json.loads(last_entry().after) == {"username": "inspector", "locked_out": True}


def test_the_lockout_is_per_name_and_address(inspector, inspector2):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), "inspector", "wrong-password", REMOTE_ADDR="192.0.2.1")
    assert log_in(Client(), "inspector2", REMOTE_ADDR="192.0.2.1").status_code == 302
    assert log_in(Client(), "inspector", REMOTE_ADDR="192.0.2.99").status_code == 302


def test_logout_needs_a_post_and_is_journaled(inspector):
    client = Client()
    client.force_login(inspector)
    confirm = client.get(LOGOUT)
    assert confirm.status_code == 200
    assert "确定要退出登录吗" in confirm.content.decode()
    assert SESSION_KEY in client.session

    response = client.post(LOGOUT, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert SESSION_KEY not in client.session
    entry = last_entry()
    assert (entry.action, entry.actor_username, entry.ip) == ("accounts.logout", "inspector", "192.0.2.9")
    assert "您已安全退出" in client.get(LOGIN).content.decode()


def test_logging_out_without_a_session_writes_nothing(db):
    response = Client().post(LOGOUT)
    assert response.status_code == 302
    assert not Entry.objects.filter(action="accounts.logout").exists()


def test_a_signed_in_user_visiting_the_login_page_goes_to_the_staff_home(inspector):
    client = Client()
    client.force_login(inspector)
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/"])
def test_login_never_redirects_off_site(inspector, target):
    response = Client().post(LOGIN, {"username": "inspector", "password": PERSONA_PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_login_follows_a_local_next(inspector):
    response = Client().post(f"{LOGIN}?next=/staff/calendar/", {"username": "inspector", "password": PERSONA_PASSWORD})
    assert response["Location"] == "/staff/calendar/"


def test_an_empty_form_gets_chinese_field_errors(db):
    page = Client().post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert "请输入用户名。" in page
    assert "请输入密码。" in page
