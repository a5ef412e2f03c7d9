"""A new deployment builds its first units and its first system administrator from the command line."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from fazhi.accounts.models import Role, Unit, User
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db

STRONG = "Zhifa-2026-bureau!"


def make_root() -> Unit:
    call_command("create_unit", "GZ", "广州市人力资源和社会保障局", "--kind", "city_bureau")
    return Unit.objects.get(code="GZ")


def test_an_operator_builds_a_root_unit_and_a_child_and_each_is_journaled_as_the_system() -> None:
    root = make_root()
    call_command("create_unit", "GZ-XXZX", "信息中心", "--kind", "division", "--parent", "GZ")
    child = Unit.objects.get(code="GZ-XXZX")
    assert child.parent == root
    assert child.path == f"{root.path}{child.pk}/"
    entries = Entry.objects.filter(action="accounts.unit_create").order_by("seq")
    assert [(e.actor_username, e.object_id) for e in entries] == [("", str(root.pk)), ("", str(child.pk))]


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["X1", "某机构", "--kind", "castle"], "未知的机构类型"),
        (["X1", "某机构", "--kind", "squad", "--parent", "NOPE"], "上级机构 NOPE 不存在"),
        (["bad code!", "某机构", "--kind", "squad"], "机构代码须为"),
    ],
)
def test_a_bad_unit_is_refused_with_a_chinese_reason_and_nothing_is_created(
    arguments: list[str], complaint: str
) -> None:
    with pytest.raises(CommandError, match=complaint):
        call_command("create_unit", *arguments)
    assert not Unit.objects.exists()


def test_the_first_sysadmin_is_created_with_a_password_from_the_environment_and_can_use_the_admin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_root()
    monkeypatch.setenv("FAZHI_NEW_PASSWORD", STRONG)
    call_command("create_user", "admin.li", "--full-name", "李明", "--unit", "GZ", "--role", "sysadmin")
    admin = User.objects.get(username="admin.li")
    assert admin.check_password(STRONG)
    assert admin.role_names == {Role.SYSADMIN}
    assert admin.is_staff
    assert Entry.objects.filter(action="accounts.user_create", object_id=str(admin.pk)).count() == 1


def test_without_a_terminal_or_a_password_variable_the_command_says_how_to_give_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_root()
    monkeypatch.delenv("FAZHI_NEW_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="FAZHI_NEW_PASSWORD"):
        call_command("create_user", "admin.li", "--full-name", "李明", "--unit", "GZ", "--role", "sysadmin")
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["--unit", "NOPE", "--role", "sysadmin"], "机构 NOPE 不存在"),
        (["--unit", "GZ", "--role", "wizard"], "未知的角色"),
        (["--unit", "GZ", "--role", "inspector"], "执法证"),
        (["--unit", "GZ", "--role", "sysadmin", "--role", "auditadmin"], "三员分立"),
    ],
)
def test_a_bad_account_is_refused_with_a_chinese_reason_and_no_user_is_created(
    monkeypatch: pytest.MonkeyPatch, arguments: list[str], complaint: str
) -> None:
    make_root()
    monkeypatch.setenv("FAZHI_NEW_PASSWORD", STRONG)
    with pytest.raises(CommandError, match=complaint):
        call_command("create_user", "someone", "--full-name", "某人", *arguments)
    assert not User.objects.exists()


def test_a_weak_password_is_refused_with_the_reason_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    make_root()
    monkeypatch.setenv("FAZHI_NEW_PASSWORD", "12345678")
    with pytest.raises(CommandError, match="密码不符合要求"):
        call_command("create_user", "admin.li", "--full-name", "李明", "--unit", "GZ", "--role", "sysadmin")


def test_a_bureaus_principal_head_is_named_and_cleared_by_command_and_only_a_leader_of_that_bureau(
    org, leader, director
):
    """行政执法机关移送涉嫌犯罪案件的规定 第五条: the 正职负责人 (or the 负责人 presiding over the organ's work)."""
    from io import StringIO

    from fazhi.accounts.queries import is_principal_of

    call_command("set_unit_principal", "T-FT", "--clear", stdout=StringIO())
    assert not is_principal_of(leader, org.futian_squad1)
    with pytest.raises(CommandError, match="正职负责人须为本局在职的局领导"):
        call_command("set_unit_principal", "T-FT", "director")
    with pytest.raises(CommandError, match="只有区局或市局"):
        call_command("set_unit_principal", "T-FT-JC", "leader")
    with pytest.raises(CommandError, match="机构 T-XX 不存在"):
        call_command("set_unit_principal", "T-XX", "leader")
    out = StringIO()
    call_command("set_unit_principal", "T-FT", "leader", stdout=out)
    assert "福田区人力资源局的正职负责人：孙建国" in out.getvalue()
    assert is_principal_of(leader, org.futian_squad1)  # a squad's cases: the bureau above it
    assert not is_principal_of(leader, org.nanshan_squad1)
    entries = Entry.objects.filter(action="accounts.unit_principal").order_by("seq")
    assert [e.after_data["principal"] for e in entries] == ["leader", None, "leader"]
