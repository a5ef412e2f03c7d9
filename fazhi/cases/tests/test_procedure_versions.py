"""The procedure tables hold together, and a case keeps the procedure version it was registered under: every name a
row uses exists (guards, fields, periods, roles), v1 stays readable in a case's history, and a v1 case is never moved
by a v2 step."""

from __future__ import annotations

import pytest

from fazhi.accounts.models import Role, User
from fazhi.cases import stepfields, workflow
from fazhi.cases.actions import InvalidCaseInput, transition
from fazhi.cases.models import Case
from fazhi.cases.procedure.base import GUARDS
from fazhi.cases.tests.conftest import RegisterCase
from fazhi.journal.labels import ACTION_LABELS
from fazhi.rules.periods import all_period_rules

ROLES = {role.value for role in Role} | {"system"}
PERIOD_CODES = {rule.code for rule in all_period_rules()}
EVERY_ROW = [(version, row) for version, table in workflow.TABLES.items() for row in table]


@pytest.mark.parametrize(("version", "row"), EVERY_ROW, ids=[f"v{v}-{r.action}" for v, r in EVERY_ROW])
def test_every_name_a_row_uses_exists(version: int, row: workflow.Transition) -> None:
    assert row.roles <= ROLES, f"v{version} {row.action}: unknown roles"
    assert set(row.meets) | set(row.opens) <= PERIOD_CODES, f"v{version} {row.action}: unknown periods"
    if version == workflow.CURRENT_VERSION:  # older tables are history: their steps no longer run
        assert set(row.guards) <= set(GUARDS), f"{row.action}: unknown guards"
        assert set(row.fields) <= set(stepfields.FIELDS), f"{row.action}: unknown fields"
        assert not row.delegable or row.roles == {"leader"}, f"{row.action}: only the 负责人's steps are delegable"


def test_every_step_of_every_version_has_its_chinese_name_in_the_journal() -> None:
    for _, row in EVERY_ROW:
        assert ACTION_LABELS[f"cases.{row.action}"] == workflow.label_of(row.action)


def test_the_organs_heads_steps_are_the_leaders_in_v2_and_were_the_directors_too_in_v1() -> None:
    """行政处罚法 第五十六条、第五十七条、第四十三条第三款; 广东省劳动保障监察条例 第四十四条第二款、
    第四十五条第二款."""
    for action in ("decide", "approve_preservation", "decide_recusal", "extend", "suspend", "resume"):
        assert workflow.by_action(2)[action].roles == {"leader"}
        assert "director" in workflow.by_action(1)[action].roles


@pytest.mark.django_db
def test_a_case_registered_under_v1_is_not_moved_by_any_step_until_migrated(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    case = register()
    Case.objects.filter(pk=case.pk).update(procedure_version=1)
    case.refresh_from_db()
    with pytest.raises(InvalidCaseInput, match="第1版办案程序登记，须先迁移"):
        transition(actor=inspector, case=case, action="serve_notice")
    with pytest.raises(InvalidCaseInput, match="第1版办案程序登记，须先迁移"):
        transition(actor=lead, case=case, action="accept")
    assert Case.objects.get(pk=case.pk).state == case.state
    assert workflow.label_of("order_additional_compensation") == "责令加付赔偿金"  # a v1-only step, still named


@pytest.mark.django_db
def test_a_new_case_follows_the_current_procedure(register: RegisterCase) -> None:
    assert register().procedure_version == workflow.CURRENT_VERSION == 2
