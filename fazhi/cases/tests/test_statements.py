"""The statements a step runs without the ORM (`fazhi.cases.statements`, `fazhi.sql`): they must leave the database,
and the case a step returns, exactly as the ORM calls they replace did."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext

from fazhi import sql
from fazhi.accounts.models import User
from fazhi.cases import statements
from fazhi.cases.actions import TransitionRefused, transition
from fazhi.cases.models import Case, Period, PeriodState
from fazhi.cases.tests.conftest import RegisterCase, proposal, served_notice

pytestmark = pytest.mark.django_db


def as_stored(case: Case) -> dict[str, Any]:
    return {f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields}


def test_every_step_returns_the_case_exactly_as_the_database_now_holds_it_with_its_unit_and_handlers(
    register: RegisterCase, inspector: User, inspector2: User, lead: User, legal: User, leader: User
) -> None:
    from django.db import connection

    case = register()

    def take(actor: User, action: str, data: dict[str, Any] | None = None) -> Case:
        data = dict(data or {})
        moved = transition(actor=actor, case=case, action=action, data=data, reason=str(data.pop("reason", "")))
        assert as_stored(moved) == as_stored(Case.objects.get(pk=case.pk)), action
        with CaptureQueriesContext(connection) as reads:
            assert (moved.unit.pk, moved.handler, moved.co_handler) == (inspector.unit_id, inspector, inspector2)
        assert len(reads) == 0
        return moved

    for actor, action, data in (
        (lead, "accept", {}),
        (leader, "suspend", {"reason": "等待仲裁结果"}),
        (leader, "resume", {}),
        (leader, "extend", {"reason": "案情复杂"}),
        (inspector, "propose", proposal(fine="20000", proposal="拟罚款。")),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        served_notice(inspector),
    ):
        case = take(actor, action, data)
    assert (case.proposed_by, case.proposed_fine, str(case.notified_fine)) == (inspector, Decimal("20000"), "20000.00")
    with time_machine.travel(dt.datetime(2026, 3, 17, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        for actor, action, data in (
            (inspector, "close_notice", {}),
            (leader, "decide", {"fine_amount": "20000"}),
            (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-17"}),
            (inspector, "record_fine_payment", {"paid_on": "2026-03-17", "amount": "20000"}),
        ):
            case = take(actor, action, data)
    assert (str(case.fine_amount), str(case.surcharge_paid), case.decided_on) == (
        "20000.00",
        "0.00",
        dt.date(2026, 3, 17),
    )


def test_references_and_case_numbers_count_from_one_per_unit_and_year(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    first, second = register(), register()
    assert [first.reference[-6:], second.reference[-6:]] == ["000001", "000002"]
    # The case number is given at filing, which for a complaint is its acceptance (广东条例 第三十六条第一款).
    numbers = [transition(actor=lead, case=case, action="accept").case_number for case in (second, first)]
    code = inspector.unit.code  # type: ignore[union-attr]
    assert numbers == [f"{code}〔2026〕1号", f"{code}〔2026〕2号"]


def test_a_case_outside_the_actors_units_is_refused_from_its_unit_path_and_the_supervisor_may_read_but_not_act(
    register: RegisterCase, outsider: User, supervisor: User
) -> None:
    case = register()
    with pytest.raises(TransitionRefused, match="无权办理本案"):
        transition(actor=outsider, case=case, action="accept")
    with pytest.raises(TransitionRefused, match="没有办理此步骤的权限"):
        transition(actor=supervisor, case=case, action="accept")


def test_a_missing_case_is_reported_as_the_orm_would() -> None:
    with pytest.raises(Case.DoesNotExist), transaction.atomic():
        statements.locked_case(987654)


def test_a_period_still_live_is_not_opened_twice_but_a_row_breaking_another_constraint_is_still_refused(
    register: RegisterCase,
) -> None:
    case = register()
    live = Period.objects.get(case=case, code="complaint_acceptance")
    copy = Period(
        case=case,
        unit_id=case.unit_id,
        code=live.code,
        name=live.name,
        citation=live.citation,
        days=live.days,
        day_unit=live.day_unit,
        started_on=live.started_on,
        due_on=live.due_on,
    )
    assert sql.insert(copy, ignore_conflicts=True) is False
    assert copy.pk is None
    copy.state = PeriodState.MET  # not live: the one-live-row constraint does not apply
    assert sql.insert(copy, ignore_conflicts=True) is True
    assert Period.objects.get(pk=copy.pk).state == PeriodState.MET
    broken = Period(case=case, unit_id=case.unit_id, code="service", name=None, citation="", days=7, day_unit="working")
    broken.started_on = dt.date(2026, 3, 9)
    with pytest.raises(IntegrityError), transaction.atomic():  # NOT NULL: not ignored as SQLite's OR IGNORE would
        sql.insert(broken, ignore_conflicts=True)


def test_overdue_counts_keep_to_each_readers_units(
    register: RegisterCase,
    inspector: User,
    outsider: User,
    director: User,
    supervisor: User,
    sysadmin: User,
) -> None:
    from fazhi.cases.queries import overdue_counts_by_unit

    register()  # Futian squad 1: acceptance due 2026-03-09
    register(actor=outsider, unit=outsider.unit, handler=outsider, co_handler=None)  # Nanshan squad 1
    after = dt.date(2026, 3, 10)
    everywhere = {inspector.unit_id: 1, outsider.unit_id: 1}
    assert overdue_counts_by_unit(supervisor, after) == everywhere
    assert overdue_counts_by_unit(director, after) == {inspector.unit_id: 1}
    assert overdue_counts_by_unit(outsider, after) == {outsider.unit_id: 1}
    assert overdue_counts_by_unit(sysadmin, after) == {}
    assert overdue_counts_by_unit(director, dt.date(2026, 3, 9)) == {}
