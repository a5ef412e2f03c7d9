import json
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

from fazhi.accounts.actions import (
    ActionRefused,
    InvalidAccountInput,
    create_unit,
    create_user,
    deactivate_user,
    grant_role,
    revoke_role,
)
from fazhi.accounts.models import Role, RoleGrant, Unit, UnitKind, User
from fazhi.accounts.testing import PERSONA_PASSWORD, make_user
from fazhi.journal.models import Entry


def entries_since(seq: int) -> list[Entry]:
    return list(Entry.objects.filter(seq__gt=seq).order_by("seq"))


def head() -> int:
    last = Entry.objects.order_by("-seq").first()
    return last.seq if last else 0


def after_of(entry: Entry) -> dict[str, Any]:
    after: dict[str, Any] = json.loads(entry.after)
    return after


# --- units -------------------------------------------------------------------------------------------------------


def test_units_get_a_materialised_path_of_their_ancestors_ids(org):
    squad = org.futian_squad1
    assert squad.path == f"/{org.city.pk}/{org.futian.pk}/{org.futian_brigade.pk}/{squad.pk}/"
    assert org.city.path == f"/{org.city.pk}/"
    assert squad.depth == 4


def test_creating_a_unit_writes_exactly_one_journal_entry(sysadmin, org):
    start = head()
    unit = create_unit(
        actor=sysadmin, code="T-FT-JC-3", name="第三中队", kind=UnitKind.SQUAD, parent=org.futian_brigade
    )
    [entry] = entries_since(start)
    assert entry.action == "accounts.unit_create"
    assert entry.object_id == str(unit.pk)
    assert entry.actor_username == "sysadmin"
    assert entry.actor_role == "sysadmin"
    assert after_of(entry)["parent"] == "T-FT-JC"


def test_only_the_system_administrator_may_create_units_and_a_refusal_is_journaled(lead, org):
    start = head()
    with pytest.raises(ActionRefused, match="系统管理员"):
        create_unit(actor=lead, code="T-X", name="某中队", kind=UnitKind.SQUAD, parent=org.futian_brigade)
    assert not Unit.objects.filter(code="T-X").exists()
    [entry] = entries_since(start)
    assert (entry.action, entry.outcome, entry.actor_username) == ("accounts.unit_create", "refused", "lead")


@pytest.mark.parametrize(
    ("code", "name", "kind", "message"),
    [
        ("", "名称", UnitKind.SQUAD, "机构代码"),
        ("有中文", "名称", UnitKind.SQUAD, "机构代码"),
        ("T-SZ", "重复", UnitKind.SQUAD, "已存在"),
        ("t-sz", "大小写不同也算重复", UnitKind.SQUAD, "已存在"),
        ("T-OK", "", UnitKind.SQUAD, "名称"),
        ("T-OK", "名称", "planet", "机构类型"),
    ],
)
def test_bad_unit_input_is_refused_with_a_chinese_message_and_writes_nothing(org, code, name, kind, message):
    start = head()
    with pytest.raises(InvalidAccountInput, match=message):
        create_unit(actor=None, code=code, name=name, kind=kind, parent=org.city)
    assert entries_since(start) == []


# --- users -------------------------------------------------------------------------------------------------------


def test_creating_a_user_sets_the_password_roles_and_one_journal_entry(org):
    start = head()
    user = make_user("zhao", "赵六", org.futian_squad2, Role.INSPECTOR, certificate="C-1")
    assert user.check_password(PERSONA_PASSWORD)
    assert user.role_names == {"inspector"}
    assert not user.is_staff
    [entry] = entries_since(start)
    assert entry.action == "accounts.user_create"
    assert entry.actor_username == ""  # the system
    assert after_of(entry)["roles"] == ["inspector"]
    assert PERSONA_PASSWORD not in entry.after


def test_a_weak_password_is_refused(org):
    with pytest.raises(InvalidAccountInput, match="密码不符合要求：至少需要 10 个字符"):
        create_user(actor=None, username="weak", password="123", full_name="弱密码", unit=org.city, roles=[])
    assert not User.objects.filter(username="weak").exists()


def test_user_names_are_unique_regardless_of_case(inspector, org):
    with pytest.raises(InvalidAccountInput, match="已被使用"):
        make_user("INSPECTOR", "重名", org.city)


def test_an_unknown_role_is_invalid_input(org):
    with pytest.raises(InvalidAccountInput, match="未知的角色"):
        make_user("x1", "某人", org.city, "janitor")


def test_granting_the_inspector_role_requires_an_enforcement_certificate(org):
    start = head()
    with pytest.raises(ActionRefused, match="执法证号"):
        make_user("nocert", "无证", org.futian_squad1, Role.INSPECTOR)
    assert not User.objects.filter(username="nocert").exists()
    [entry] = entries_since(start)
    assert entry.outcome == "refused"

    lead_without_cert = make_user("lead2", "王五", org.futian_squad1, Role.LEAD)
    with pytest.raises(ActionRefused, match="执法证号"):
        grant_role(actor=None, user=lead_without_cert, role=Role.INSPECTOR)
    assert not lead_without_cert.has_role(Role.INSPECTOR)


def test_granting_the_legal_role_requires_a_legal_qualification(org):
    with pytest.raises(ActionRefused, match="法律职业资格"):
        make_user("legal2", "无资格", org.futian, Role.LEGAL)
    qualified = make_user("legal3", "有资格", org.futian, Role.LEGAL, legal_qualification=True)
    assert qualified.has_role(Role.LEGAL)


@pytest.mark.parametrize(
    ("held", "granted"),
    [
        (Role.SYSADMIN, Role.SECADMIN),
        (Role.SYSADMIN, Role.AUDITADMIN),
        (Role.SECADMIN, Role.AUDITADMIN),
        (Role.AUDITADMIN, Role.SYSADMIN),
        (Role.AUDITADMIN, Role.LEAD),
        (Role.SECADMIN, Role.SUPERVISOR),
        (Role.LEAD, Role.SYSADMIN),
        (Role.DIRECTOR, Role.AUDITADMIN),
        (Role.SUPERVISOR, Role.LEAD),
    ],
)
def test_the_three_administrators_are_kept_apart_from_each_other_and_from_casework(sysadmin, org, held, granted):
    # As the system (actor None): a 三员 account's roles are otherwise changed only by two 三员 (ADR 0018), whose
    # confirmation applies the same rule (test_change_requests).
    user = make_user("someone", "某人", org.info_centre, held, certificate="C-9", legal_qualification=True)
    start = head()
    with pytest.raises(ActionRefused) as refused:
        grant_role(actor=None, user=user, role=granted)
    assert "不得" in refused.value.message
    user.refresh_from_db()
    assert set(RoleGrant.objects.filter(user=user).values_list("role", flat=True)) == {held}
    [entry] = entries_since(start)
    assert (entry.action, entry.outcome) == ("accounts.role_grant", "refused")
    assert after_of(entry)["role"] == granted


def test_creating_a_user_with_two_administrator_roles_is_refused(org):
    with pytest.raises(ActionRefused, match="三员分立"):
        make_user("both", "兼任", org.info_centre, Role.SYSADMIN, Role.AUDITADMIN)
    assert not User.objects.filter(username="both").exists()


def test_business_roles_combine_freely(sysadmin, org):
    user = make_user("multi", "多角色", org.futian, Role.LEAD, certificate="C-2")
    grant_role(actor=sysadmin, user=user, role=Role.DIRECTOR)
    grant_role(actor=sysadmin, user=user, role=Role.INSPECTOR)
    assert user.role_names == {"lead", "director", "inspector"}


def test_granting_and_revoking_sysadmin_sets_and_clears_staff_status(sysadmin, org):
    user = make_user("admin2", "新管理员", org.info_centre)
    grant_role(actor=None, user=user, role=Role.SYSADMIN)
    user.refresh_from_db()
    assert user.is_staff
    assert user.has_role(Role.SYSADMIN)
    revoke_role(actor=None, user=user, role=Role.SYSADMIN)
    user.refresh_from_db()
    assert not user.is_staff
    assert not user.has_role(Role.SYSADMIN)


def test_revoking_writes_one_entry_with_the_roles_before_and_after(sysadmin, lead):
    start = head()
    revoke_role(actor=sysadmin, user=lead, role=Role.LEAD)
    [entry] = entries_since(start)
    assert entry.action == "accounts.role_revoke"
    assert json.loads(entry.before)["roles"] == ["lead"]
    assert after_of(entry)["roles"] == []


def test_granting_a_role_already_held_or_revoking_one_not_held_is_invalid(sysadmin, lead):
    with pytest.raises(InvalidAccountInput):
        grant_role(actor=sysadmin, user=lead, role=Role.LEAD)
    with pytest.raises(InvalidAccountInput):
        revoke_role(actor=sysadmin, user=lead, role=Role.DIRECTOR)


@pytest.mark.parametrize("persona", ["inspector", "lead", "director", "supervisor", "secadmin", "auditadmin"])
def test_only_the_system_administrator_may_grant_roles(request, persona, org):
    actor = request.getfixturevalue(persona)
    target = make_user("target", "对象", org.futian_squad1, Role.LEAD)
    with pytest.raises(ActionRefused, match="只有系统管理员"):
        grant_role(actor=actor, user=target, role=Role.DIRECTOR)
    assert target.role_names == {"lead"}


def test_an_administrator_cannot_change_their_own_roles_or_deactivate_themselves(sysadmin):
    with pytest.raises(ActionRefused, match="本人"):
        revoke_role(actor=sysadmin, user=sysadmin, role=Role.SYSADMIN)
    with pytest.raises(ActionRefused, match="本人"):
        deactivate_user(actor=sysadmin, user=sysadmin)
    sysadmin.refresh_from_db()
    assert sysadmin.is_active


def test_the_last_system_administrator_can_be_neither_deactivated_nor_demoted(sysadmin):
    with pytest.raises(ActionRefused, match="最后一名系统管理员"):
        deactivate_user(actor=None, user=sysadmin)
    with pytest.raises(ActionRefused, match="最后一名系统管理员"):
        revoke_role(actor=None, user=sysadmin, role=Role.SYSADMIN)
    sysadmin.refresh_from_db()
    assert sysadmin.is_active
    assert sysadmin.is_staff


# --- deactivation ---------------------------------------------------------------------------------------------------


def test_deactivating_a_user_ends_all_their_sessions_and_only_theirs(sysadmin, inspector, inspector2):
    browsers = [Client(), Client()]
    for browser in browsers:
        browser.force_login(inspector)
    colleague = Client()
    colleague.force_login(inspector2)
    assert browsers[0].get("/staff/").status_code == 200

    start = head()
    ended = deactivate_user(actor=sysadmin, user=inspector)

    assert ended == 2
    inspector.refresh_from_db()
    assert not inspector.is_active
    remaining = [s.get_decoded().get(SESSION_KEY) for s in Session.objects.all()]
    assert str(inspector.pk) not in remaining
    assert str(inspector2.pk) in remaining
    for browser in browsers:
        response = browser.get("/staff/")
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/login/")
    assert colleague.get("/staff/").status_code == 200
    [entry] = entries_since(start)
    assert entry.action == "accounts.user_deactivate"
    assert after_of(entry) == {"username": "inspector", "is_active": False, "sessions_ended": 2}


def test_a_deactivated_user_cannot_log_in(sysadmin, inspector):
    deactivate_user(actor=sysadmin, user=inspector)
    response = Client().post("/staff/login/", {"username": "inspector", "password": PERSONA_PASSWORD})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_deactivating_twice_is_invalid_input(sysadmin, inspector):
    deactivate_user(actor=sysadmin, user=inspector)
    with pytest.raises(InvalidAccountInput, match="已停用"):
        deactivate_user(actor=sysadmin, user=inspector)
