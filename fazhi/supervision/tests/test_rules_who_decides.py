"""Who approves a suspension or an extension (A13): the organ's 负责人 — the leader, or a person holding the leader's
written delegation for that step on the day of it — never a division director (处长) as such."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.accounts.models import User
from fazhi.cases.delegations import grant_delegation, revoke_delegation
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import RegisterCase, on, walk
from fazhi.journal.actions import record_entry
from fazhi.supervision.tests.conftest import MONDAY, alerts_of, investigating

pytestmark = pytest.mark.django_db


def test_a_suspension_approved_by_the_leader_is_quiet_under_article_45_of_the_guangdong_regulation(
    register: RegisterCase, lead: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第四十五条第二款: 办案中止由人力资源社会保障行政部门负责人批准."""
    case = walk(investigating(register, lead), (leader, "suspend", {"reason": "等待仲裁结果"}))
    assert case.suspended
    assert alerts_of("unapproved_suspension", case=case) == []


def test_a_suspension_a_director_took_in_his_own_role_is_red_under_article_45(
    register: RegisterCase, lead: User, director: User
) -> None:
    """广东省劳动保障监察条例 第四十五条第二款: a 处长 is not the department's 负责人 (an older system let him
    suspend)."""
    case = investigating(register, lead)
    Case.objects.filter(pk=case.pk).update(suspended=True)
    record_entry(actor=director, action="cases.suspend", object_type="cases.case", object_id=case.pk, role="director")
    [alert] = alerts_of("unapproved_suspension", case=case)
    assert alert.severity == "red"
    assert "中止" in alert.detail
    assert "负责人" in alert.detail


def test_an_extension_by_the_holder_of_a_written_delegation_is_quiet_under_article_17(
    register: RegisterCase, lead: User, leader: User, director: User, org: object
) -> None:
    """劳动保障监察条例 第十七条: the extension is approved by the 负责人, here through a written delegation to a named
    director; revoking it later does not undo the approval given while it was in force."""
    case = investigating(register, lead)
    delegation = grant_delegation(
        actor=leader,
        delegate=director,
        unit=case.unit,
        actions=["extend"],
        document="福人社授〔2026〕1号",
        starts_on=MONDAY,
        ends_on=dt.date(2026, 12, 31),
    )
    walk(case, (director, "extend", {"reason": "涉及多家分包单位，情况复杂"}))
    assert alerts_of("unapproved_suspension", case=case) == []
    with on(dt.date(2026, 3, 16)):
        revoke_delegation(actor=leader, delegation=delegation, on=dt.date(2026, 3, 16))
        assert alerts_of("unapproved_suspension", dt.date(2026, 3, 16), case=case) == []


def test_an_extension_by_a_director_whose_delegation_names_another_step_is_red_under_article_17(
    register: RegisterCase, lead: User, leader: User, director: User
) -> None:
    """劳动保障监察条例 第十七条: a delegation to suspend is not one to extend."""
    case = investigating(register, lead)
    grant_delegation(
        actor=leader,
        delegate=director,
        unit=case.unit,
        actions=["suspend"],
        document="福人社授〔2026〕2号",
        starts_on=MONDAY,
        ends_on=dt.date(2026, 12, 31),
    )
    Case.objects.filter(pk=case.pk).update(extended=True)
    record_entry(actor=director, action="cases.extend", object_type="cases.case", object_id=case.pk, role="delegate")
    [alert] = alerts_of("unapproved_suspension", case=case)
    assert "延期" in alert.detail


def test_a_flag_set_with_no_step_at_all_is_red(register: RegisterCase, lead: User) -> None:
    """广东省劳动保障监察条例 第四十四条第二款: an extension with no approval in the journal."""
    flagged = investigating(register, lead)
    Case.objects.filter(pk=flagged.pk).update(extended=True)
    [alert] = alerts_of("unapproved_suspension", case=flagged)
    assert "延期" in alert.detail
