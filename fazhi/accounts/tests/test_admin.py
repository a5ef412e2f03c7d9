"""/admin/ is for the system administrator only, and read-only except for deactivation through the action."""

import pytest
from django.test import Client

from fazhi.journal.models import Entry


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_system_administrator_gets_the_admin_and_sees_units_and_users(sysadmin):
    client = client_for(sysadmin)
    index = client.get("/admin/")
    assert index.status_code == 200
    assert "系统管理" in index.content.decode()
    users = client.get("/admin/accounts/user/")
    assert users.status_code == 200
    assert "sysadmin" in users.content.decode()
    assert client.get("/admin/accounts/unit/").status_code == 200


@pytest.mark.parametrize(
    "persona", ["inspector", "lead", "director", "legal", "supervisor", "secadmin", "auditadmin", "outsider"]
)
def test_nobody_else_gets_any_admin_page_and_the_refusal_is_journaled(request, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    for path in ("/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{user.pk}/change/"):
        response = client.get(path, follow=True)
        assert response.status_code == 403, path
        assert "无权访问" in response.content.decode()
    refused = Entry.objects.filter(action="access.refused", actor_username=persona)
    assert refused.count() == 3


def test_staff_status_alone_does_not_open_the_admin(inspector):
    inspector.is_staff = True
    inspector.save(update_fields=["is_staff"])
    assert client_for(inspector).get("/admin/", follow=True).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_staff_login(db):
    response = Client().get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/staff/login/?next=/admin/"
    assert "工作人员登录" in response.content.decode()


def test_the_admin_cannot_add_change_or_delete_users_or_units(sysadmin, inspector, org):
    client = client_for(sysadmin)
    assert client.get("/admin/accounts/user/add/").status_code == 403
    assert client.get("/admin/accounts/unit/add/").status_code == 403
    assert client.get(f"/admin/accounts/user/{inspector.pk}/delete/").status_code == 403
    response = client.post(
        f"/admin/accounts/user/{inspector.pk}/change/", {"full_name": "改名", "is_active": "on", "username": "x"}
    )
    assert response.status_code == 403
    inspector.refresh_from_db()
    assert inspector.full_name == "张伟"


def test_deactivating_from_the_admin_goes_through_the_action(sysadmin, inspector):
    response = client_for(sysadmin).post(
        "/admin/accounts/user/",
        {"action": "deactivate_selected", "_selected_action": [str(inspector.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    assert "已停用 1 个账户" in response.content.decode()
    inspector.refresh_from_db()
    assert not inspector.is_active
    assert Entry.objects.filter(action="accounts.user_deactivate", actor_username="sysadmin").count() == 1
