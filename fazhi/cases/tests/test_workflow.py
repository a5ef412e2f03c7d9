"""Only declared transitions happen: every (state, action) pair of the table is tried."""

from __future__ import annotations

from typing import Any

import pytest

from fazhi.accounts.models import Role, User
from fazhi.accounts.testing import make_user
from fazhi.cases.actions import TransitionBlocked, TransitionConflict, transition
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import RegisterCase
from fazhi.cases.workflow import BY_ACTION, STATE_LABELS, TRANSITIONS, State, transition_table_markdown

pytestmark = pytest.mark.django_db


@pytest.fixture
def everyone(inspector: User) -> User:
    """One officer holding every casework role, so that only the state and the guards can stop a step."""
    assert inspector.unit is not None
    return make_user(
        "all.roles",
        "全能",
        inspector.unit,
        Role.INSPECTOR,
        Role.LEAD,
        Role.DIRECTOR,
        Role.LEADER,
        Role.LEGAL,
        certificate="T-0777",
        legal_qualification=True,
    )


def test_every_state_has_a_chinese_label_and_every_action_is_unique() -> None:
    assert set(STATE_LABELS) == set(State)
    assert len(BY_ACTION) == len(TRANSITIONS)


def test_the_table_prints_for_the_architecture_document() -> None:
    table = transition_table_markdown()
    assert table.count("\n") == len(TRANSITIONS) + 1
    assert "| `decide` | 作出决定 | decision | service |" in table


@pytest.mark.parametrize("state", list(State))
def test_from_each_state_only_the_declared_steps_can_happen(
    state: State, register: RegisterCase, everyone: User, inspector2: User
) -> None:
    for action, step in BY_ACTION.items():
        case = register(actor=everyone, handler=everyone, co_handler=inspector2)
        Case.objects.filter(pk=case.pk).update(state=state)
        case.refresh_from_db()
        try:
            actor = None if "system" in step.roles else everyone  # the sweep takes the system's steps
            transition(actor=actor, case=case, action=action, data={"waived": True}, reason="测试")
        except TransitionConflict:
            assert state not in step.sources, f"{action} from {state} was declared but refused as a conflict"
        except TransitionBlocked:
            assert state in step.sources, f"{action} from {state} reached the guards without being declared"
        else:
            assert state in step.sources, f"{action} happened from {state}, which the table does not allow"
            case.refresh_from_db()
            assert case.state == (step.target or state)


def test_every_step_has_a_chinese_name_in_the_journal_screens() -> None:
    from fazhi.journal.labels import ACTION_LABELS

    missing = [t.action for t in TRANSITIONS if f"cases.{t.action}" not in ACTION_LABELS]
    assert missing == []


def test_a_misspelt_outcome_in_the_legal_review_setting_is_a_system_check_error(settings: Any) -> None:
    from fazhi.cases.apps import check_legal_review_outcomes

    settings.FAZHI_LEGAL_REVIEW_OUTCOMES = ["penalty", "penalti"]
    errors = check_legal_review_outcomes()
    assert [error.id for error in errors] == ["cases.E001"]
    assert "penalti" in errors[0].msg
    settings.FAZHI_LEGAL_REVIEW_OUTCOMES = ["penalty", "handling_decision"]
    assert check_legal_review_outcomes() == []
