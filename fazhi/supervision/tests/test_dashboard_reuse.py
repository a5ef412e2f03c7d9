"""The dashboard is made once per journal head: the polls between two recorded actions get the same board, and the
next recorded action (a case moved, a complaint registered) makes it afresh."""

from __future__ import annotations

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Period
from fazhi.cases.tests.conftest import RegisterCase
from fazhi.supervision.queries import dashboard
from fazhi.supervision.tests.conftest import MONDAY

pytestmark = pytest.mark.django_db


def due_soon(supervisor: User) -> int:
    board = dashboard(MONDAY, supervisor)
    return next(count.count for count in board.by_rule if count.rule.code == "period_due_soon")


def test_a_registered_complaint_shows_at_the_next_poll(register: RegisterCase, supervisor: User) -> None:
    register()
    assert due_soon(supervisor) == 1
    register()  # recorded in the journal: the board is made afresh
    assert due_soon(supervisor) == 2


def test_a_change_written_past_the_journal_waits_for_the_board_to_age(
    register: RegisterCase, supervisor: User, settings: object
) -> None:
    register()
    assert due_soon(supervisor) == 1
    Period.objects.update(state="met")  # not an action: no journal entry
    assert due_soon(supervisor) == 1  # the same board, until it ages
    settings.FAZHI_SUPERVISION_BOARD_SECONDS = 0  # type: ignore[attr-defined]
    assert due_soon(supervisor) == 0
