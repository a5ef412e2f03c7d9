"""The journal's screens name actions and objects in Chinese, and keep the code beside the name."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.journal import labels
from fazhi.journal.actions import record_entry

pytestmark = pytest.mark.django_db


def test_the_audit_administrator_sees_a_login_named_in_chinese_beside_its_code(auditor: User) -> None:
    client = Client()
    client.force_login(auditor)  # journaled as accounts.login
    body = client.get(reverse("journal:entries")).content.decode()
    assert "登录" in body
    assert "accounts.login" in body


def test_a_system_entry_names_its_object_in_chinese_and_its_actor_as_the_system(auditor: User) -> None:
    entry = record_entry(actor=None, action="accounts.unit_create", object_type="accounts.unit", object_id=7)
    client = Client()
    client.force_login(auditor)
    body = client.get(reverse("journal:entry", args=[entry.seq])).content.decode()
    assert "新建机构" in body
    assert '机构 <code class="muted">accounts.unit</code> #7' in body


def test_an_unknown_code_is_shown_as_it_is() -> None:
    assert labels.action_label("cases.something_new") == "cases.something_new"
    assert labels.object_label("documents.something_new") == "documents.something_new"


def test_every_action_the_accounts_and_calendars_write_has_a_chinese_name() -> None:
    from fazhi.calendars import actions as calendar_actions

    written = {
        "accounts.login",
        "accounts.logout",
        "accounts.password_change",
        "accounts.role_grant",
        "accounts.role_revoke",
        "accounts.unit_create",
        "accounts.user_create",
        "accounts.user_deactivate",
        "accounts.user_reactivate",
        "accounts.sessions_end",
        "accounts.change_request",
        "accounts.change_confirm",
        "accounts.change_refuse",
        "accounts.change_withdraw",
        "accounts.change_expire",
        "access.refused",
        "calendars.year_load",
    }
    assert written <= labels.ACTION_LABELS.keys()
    assert calendar_actions.OBJECT_TYPE in labels.OBJECT_LABELS
    assert "accounts.change_request" in labels.OBJECT_LABELS


def test_every_step_of_the_case_procedure_has_a_chinese_name() -> None:
    from fazhi.cases.workflow import TRANSITIONS

    written = {f"cases.{step.action}" for step in TRANSITIONS} | {"cases.register", "cases.sweep_periods"}
    assert written <= labels.ACTION_LABELS.keys()
    assert labels.action_label("cases.register") == "登记案件"
    assert labels.action_label("cases.sweep_periods") == "期限巡检"
    assert labels.object_label("cases.case") == "案件"
