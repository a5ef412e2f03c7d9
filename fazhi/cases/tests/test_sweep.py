"""manage.py sweep_periods records running periods past their due date as breached, once, and journals it; a breached
period keeps running (and counting as overdue) until it is met, late."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.accounts.models import User
from fazhi.cases.models import Period, PeriodState, Source
from fazhi.cases.queries import overdue_counts_by_unit
from fazhi.cases.tests.conftest import RegisterCase, walk
from fazhi.cases.workflow import State
from fazhi.journal.models import Entry
from fazhi.journal.verify import verify_journal

pytestmark = pytest.mark.django_db


def sweep(*args: str) -> str:
    out = StringIO()
    call_command("sweep_periods", *args, stdout=out)
    return out.getvalue()


PATROL = {"source": Source.PATROL, "complainant_name": "", "complainant_phone": ""}


def test_a_running_period_is_breached_the_day_after_its_due_date_not_on_it(register: RegisterCase) -> None:
    case = register(received_on=dt.date(2026, 3, 2), **PATROL)
    acceptance = case.periods.get(code="filing_own_discovery")
    assert acceptance.due_on == dt.date(2026, 3, 9)
    assert "没有需要标记" in sweep("--today", "2026-03-09")
    assert Period.objects.get(pk=acceptance.pk).state == PeriodState.RUNNING
    output = sweep("--today", "2026-03-10")
    assert "已将 1 个法定期限标记为已超期" in output
    breached = Period.objects.get(pk=acceptance.pk)
    assert (breached.state, breached.breached_on) == (PeriodState.RUNNING, dt.date(2026, 3, 10))


def test_sweeping_twice_changes_nothing_the_second_time_and_journals_only_the_first(register: RegisterCase) -> None:
    register(received_on=dt.date(2026, 3, 2), **PATROL)
    register(received_on=dt.date(2026, 3, 3), **PATROL)
    assert "已将 1 个" in sweep("--today", "2026-03-10")
    assert "已将 1 个" in sweep("--today", "2026-03-11")
    assert "没有需要标记" in sweep("--today", "2026-03-11")
    entries = list(Entry.objects.filter(action="cases.sweep_periods").order_by("seq"))
    assert [(e.actor_id, e.object_type, e.outcome) for e in entries] == [(None, "cases.period", "success")] * 2
    assert entries[0].after == '{"breached":1,"today":"2026-03-10"}'
    assert verify_journal().ok


def test_met_suspended_and_undated_periods_are_left_alone(register: RegisterCase, lead: User, leader: User) -> None:
    # A refused complaint: its acceptance period met, nothing else opened (广东条例 第三十九条).
    met = walk(
        register(received_on=dt.date(2026, 3, 2)),
        (lead, "refuse", {"refusal_ground": "time_barred", "reason": "已逾两年"}),
    )
    suspended = walk(
        register(received_on=dt.date(2026, 3, 2)),
        (lead, "accept", {}),
        (leader, "suspend", {"reason": "等待司法鉴定结果。"}),
    )
    running = register(received_on=dt.date(2026, 3, 2))
    Period.objects.filter(pk=running.periods.get().pk).update(due_on=None, awaiting_year=2027)
    # Only the suspension's own running period (notify the complainant within 3 working days) is breached.
    assert "已将 1 个" in sweep("--today", "2027-06-30")
    assert list(Period.objects.filter(breached_on__isnull=False).values_list("code", flat=True)) == [
        "suspension_notice_to_complainant"
    ]
    assert met.periods.get(code="complaint_acceptance").state == PeriodState.MET
    assert suspended.periods.get(code="investigation").state == PeriodState.SUSPENDED
    assert running.periods.get().state == PeriodState.RUNNING


def test_without_today_it_sweeps_as_of_the_local_date(register: RegisterCase) -> None:
    register(received_on=dt.date(2026, 2, 24), **PATROL)  # filing due 2026-03-02 (2-28 a make-up working day)
    register(received_on=dt.date(2026, 3, 6), **PATROL)  # due 2026-03-13
    assert "已将 1 个" in sweep()
    assert list(Period.objects.filter(breached_on__isnull=False).values_list("code", flat=True)) == [
        "filing_own_discovery"
    ]


def test_a_complaint_left_unanswered_past_its_acceptance_period_is_deemed_accepted_by_the_sweep(
    register: RegisterCase,
) -> None:
    """广东省劳动保障监察条例 第三十九条第二款: deemed accepted, and so filed (第三十六条第一款), from receipt."""
    late = register(received_on=dt.date(2026, 2, 24))  # acceptance due 2026-03-02 (广东条例 第三十九条)
    on_time = register(received_on=dt.date(2026, 3, 6))
    output = sweep()
    assert "1 件投诉逾期未告知，已视为受理" in output
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert (late.state, late.deemed_accepted, late.filed_on) == (State.INVESTIGATING, True, dt.date(2026, 2, 24))
    assert on_time.state == State.RECEIVED
    entry = Entry.objects.get(action="cases.deem_accepted")
    assert (entry.actor_id, entry.object_id, entry.actor_role) == (None, str(late.pk), "system")
    assert "没有需要标记" in sweep()  # nothing left to accept or breach


@pytest.mark.parametrize("value", ["2026-13-01", "tomorrow", "2026/03/10", ""])
def test_a_malformed_date_is_refused_in_chinese_and_changes_nothing(register: RegisterCase, value: str) -> None:
    register(received_on=dt.date(2026, 3, 2))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        sweep("--today", value)
    assert not Period.objects.filter(breached_on__isnull=False).exists()


def test_the_help_explains_the_command() -> None:
    from fazhi.cases.management.commands.sweep_periods import Command

    text = Command().create_parser("manage.py", "sweep_periods").format_help()
    assert "已超期" in text
    assert "--today" in text


def test_a_breached_period_still_counts_as_overdue_and_is_met_late_when_the_step_is_taken(
    register: RegisterCase, lead: User, supervisor: User
) -> None:
    case = register(received_on=dt.date(2026, 3, 2), **PATROL)  # filing due 2026-03-09
    sweep("--today", "2026-03-10")
    assert overdue_counts_by_unit(supervisor, dt.date(2026, 3, 10)) == {case.unit_id: 1}
    with time_machine.travel(dt.datetime(2026, 3, 11, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        assert overdue_counts_by_unit(supervisor, dt.date(2026, 3, 11)) == {case.unit_id: 1}
        walk(case, (lead, "approve_filing", {}))
    filing = Period.objects.get(case=case, code="filing_own_discovery")
    assert (filing.state, filing.met_on, filing.breached_on) == (
        PeriodState.MET,
        dt.date(2026, 3, 11),
        dt.date(2026, 3, 10),
    )
    assert overdue_counts_by_unit(supervisor, dt.date(2026, 3, 11)) == {}


def test_periods_the_old_sweep_marked_breached_run_again_with_their_breach_dated(register: RegisterCase) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("fazhi.cases.migrations.0004_period_breach_is_a_date")
    case = register(received_on=dt.date(2026, 3, 2), **PATROL)
    old = case.periods.get()
    Period.objects.filter(pk=old.pk).update(state="breached")
    migration.breaches_to_dates(apps, None)
    old.refresh_from_db()
    assert (old.state, old.breached_on) == (PeriodState.RUNNING, dt.date(2026, 3, 10))
