"""Sixteen deciders (the organ's 负责人, 行政处罚法 第五十七条) deciding one case at the same moment: exactly one
decision, a clear conflict for every other, and one journal entry.

On PostgreSQL the deciders are threads of this test (the row lock and the compare-and-swap serialise them; the
one-to-one Decision row is the backstop). SQLite's test database lives in shared memory, where concurrent writers fail
at once instead of waiting, so there the same race runs in a child process on a database file set up as in production
(WAL, IMMEDIATE transactions).
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from django.db import connection

from fazhi.testing import run_json_child_on_sqlite_file

DECIDERS = 16


def race(case_id: int, decider_id: int) -> dict[str, object]:
    """Release DECIDERS threads together, each trying to decide the case; count what happened."""
    from fazhi.accounts.models import User
    from fazhi.cases.actions import CaseActionError, TransitionConflict, transition
    from fazhi.cases.models import Case, Decision
    from fazhi.journal.models import Entry

    start = threading.Barrier(DECIDERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def decide() -> None:
        try:
            decider = User.objects.get(pk=decider_id)
            case = Case.objects.get(pk=case_id)
            start.wait()
            transition(actor=decider, case=case, action="decide", data={"comply_by": "2026-04-30"})
            result = "decided"
        except TransitionConflict:
            result = "conflict"
        except CaseActionError as error:
            result = f"other: {error.message}"
        except Exception as error:  # reported to the test
            result = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=decide) for _ in range(DECIDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return {
        "decided": outcomes.count("decided"),
        "conflicts": outcomes.count("conflict"),
        "others": sorted(o for o in outcomes if o not in {"decided", "conflict"}),
        "decisions": Decision.objects.filter(case_id=case_id).count(),
        "entries": Entry.objects.filter(action="cases.decide", object_id=str(case_id)).count(),
    }


def case_awaiting_decision() -> tuple[int, int]:
    """Build, through the actions, a case waiting for its decision; return (case id, the deciding leader's id)."""
    from decimal import Decimal

    from fazhi.accounts.models import Role, UnitKind
    from fazhi.accounts.testing import make_unit, make_user
    from fazhi.cases.actions import WorkerInput, register_case, transition
    from fazhi.cases.tests.conftest import WAGES, proposal, served_notice, waived

    city = make_unit("C-SZ", "深圳市人力资源和社会保障局", UnitKind.CITY_BUREAU, None)
    squad = make_unit("C-SZ-1", "第一中队", UnitKind.SQUAD, city)
    first = make_user("c.inspector", "张伟", squad, Role.INSPECTOR, certificate="C-1")
    second = make_user("c.inspector2", "李娜", squad, Role.INSPECTOR, certificate="C-2")
    lead = make_user("c.lead", "王强", squad, Role.LEAD)
    leader = make_user("c.leader", "孙建国", city, Role.LEADER)
    case = register_case(
        actor=first,
        source="complaint",
        unit=squad,
        employer_name="深圳市某科技有限公司",
        summary="拖欠工资",
        received_on=dt.date(2026, 3, 2),
        complainant_name="王小明",
        complainant_phone="13800138000",
        workers=[WorkerInput(name="王小明", amount_owed=Decimal("8000"))],
        handler=first,
        co_handler=second,
    )
    for actor, action, data in (
        (lead, "accept", {}),
        (first, "propose", proposal("rectification", WAGES, proposal="责令改正")),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(first),
        waived(first),
    ):
        case = transition(actor=actor, case=case, action=action, data=data)
    return case.pk, leader.pk


CHILD = """
import json, datetime as dt, django, time_machine
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from fazhi.cases.tests.test_concurrency import case_awaiting_decision, race
with time_machine.travel(dt.datetime(2026, 3, 9, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
    case_id, decider_id = case_awaiting_decision()
    print(json.dumps(race(case_id, decider_id)))
"""

EXPECTED = {"decided": 1, "conflicts": DECIDERS - 1, "others": [], "decisions": 1, "entries": 1}


@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_decisions_give_one_decision_and_fifteen_conflicts(tmp_path: Path) -> None:
    if connection.vendor == "sqlite":
        assert run_json_child_on_sqlite_file(CHILD, tmp_path) == EXPECTED
    else:
        import time_machine

        with time_machine.travel(dt.datetime(2026, 3, 9, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
            case_id, decider_id = case_awaiting_decision()
            assert race(case_id, decider_id) == EXPECTED
