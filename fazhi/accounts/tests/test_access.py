import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from fazhi.accounts.access import can_write, require_roles
from fazhi.accounts.actions import deactivate_user
from fazhi.accounts.models import Role, User
from fazhi.journal.models import Entry


@require_roles(Role.LEAD, Role.DIRECTOR)
def approve(request: HttpRequest) -> HttpResponse:
    return HttpResponse("approved")


def get(user: User | AnonymousUser, path: str = "/staff/approve/") -> HttpRequest:
    request = RequestFactory().get(path, REMOTE_ADDR="10.1.2.3")
    request.user = user
    return request


def test_a_holder_of_one_of_the_roles_gets_through(lead, director):
    assert approve(get(lead)).content == b"approved"
    assert approve(get(director)).content == b"approved"


def test_an_anonymous_visitor_is_sent_to_the_login_page(db):
    response = approve(get(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"] == "/staff/login/?next=/staff/approve/"


def test_a_wrong_role_gets_a_chinese_403_and_a_refused_journal_entry(inspector):
    response = approve(get(inspector))
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.outcome, entry.actor_username, entry.ip) == (
        "access.refused",
        "refused",
        "inspector",
        "10.1.2.3",
    )
    after = json.loads(entry.after)
    assert after["path"] == "/staff/approve/"
    assert after["required_roles"] == ["director", "lead"]


def test_a_deactivated_user_is_treated_as_signed_out(sysadmin, lead):
    deactivate_user(actor=sysadmin, user=lead)
    lead.refresh_from_db()
    assert approve(get(lead)).status_code == 302


def test_require_roles_needs_at_least_one_role():
    with pytest.raises(ValueError, match="at least one role"):
        require_roles()


@pytest.mark.parametrize(
    ("persona", "writes"),
    [
        ("inspector", True),
        ("lead", True),
        ("director", True),
        ("legal", True),
        ("outsider", True),
        ("supervisor", False),
        ("sysadmin", False),
        ("secadmin", False),
        ("auditadmin", False),
    ],
)
def test_only_casework_roles_may_change_business_data(request, persona, writes):
    assert can_write(request.getfixturevalue(persona)) is writes


def test_nobody_signed_out_or_without_a_role_may_write(org, sysadmin, inspector):
    from fazhi.accounts.testing import make_user

    assert can_write(AnonymousUser()) is False
    assert can_write(None) is False
    assert can_write(make_user("norole", "无角色", org.futian)) is False
    deactivate_user(actor=sysadmin, user=inspector)
    inspector.refresh_from_db()
    assert can_write(inspector) is False
