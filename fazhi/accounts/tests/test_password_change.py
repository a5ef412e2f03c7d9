import json

import pytest
from django.test import Client

from fazhi.accounts.actions import ActionRefused, InvalidAccountInput, change_password
from fazhi.accounts.testing import PERSONA_PASSWORD
from fazhi.journal.models import Entry

NEW_PASSWORD = "Lao-dong-2026!"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_change_their_own_password_keep_this_session_and_end_the_others(inspector):
    here, elsewhere = signed_in(inspector), signed_in(inspector)
    response = here.post(
        "/staff/password/",
        {"old_password": PERSONA_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    inspector.refresh_from_db()
    assert inspector.check_password(NEW_PASSWORD)
    assert here.get("/staff/").status_code == 200
    assert elsewhere.get("/staff/").status_code == 302
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.actor_username) == ("accounts.password_change", "inspector")
    assert json.loads(entry.after) == {"username": "inspector", "by": "self"}
    assert NEW_PASSWORD not in entry.after


@pytest.mark.parametrize(
    ("old", "new1", "new2", "message"),
    [
        ("wrong-password", NEW_PASSWORD, NEW_PASSWORD, "原密码不正确"),
        (PERSONA_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "两次输入的新密码不一致"),
        (PERSONA_PASSWORD, "12345", "12345", "密码不符合要求：至少需要 10 个字符；过于常见；不能全为数字。"),
        ("", "", "", "请输入原密码"),
    ],
)
def test_a_bad_password_change_says_why_in_chinese_and_changes_nothing(inspector, old, new1, new2, message):
    response = signed_in(inspector).post(
        "/staff/password/", {"old_password": old, "new_password1": new1, "new_password2": new2}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    inspector.refresh_from_db()
    assert inspector.check_password(PERSONA_PASSWORD)


def test_the_system_administrator_may_reset_a_password_and_nobody_else_may(sysadmin, lead, inspector):
    with pytest.raises(ActionRefused):
        change_password(actor=lead, user=inspector, new_password=NEW_PASSWORD)
    change_password(actor=sysadmin, user=inspector, new_password=NEW_PASSWORD)
    inspector.refresh_from_db()
    assert inspector.check_password(NEW_PASSWORD)
    with pytest.raises(InvalidAccountInput, match="密码不符合要求"):
        change_password(actor=sysadmin, user=inspector, new_password="short")


def test_the_admins_own_password_page_hands_over_to_the_staff_page(sysadmin):
    response = signed_in(sysadmin).get("/admin/password_change/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/password/"
