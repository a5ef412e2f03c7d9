"""seed_demo's cases: every state of the procedure in the three districts, reached through the actions, journaled,
deterministic and made only once."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from fazhi.cases.demo import DEMO_AS_OF, DEMO_SEED, MUST_HAVE, _plans, seed_demo_cases
from fazhi.cases.models import Case, Period, PeriodState, WorkerLine
from fazhi.cases.workflow import FINAL_STATES, State
from fazhi.journal.models import Entry
from fazhi.journal.verify import verify_journal
from fazhi.rules.identifiers import validate_credit_code, validate_id_number, validate_mobile

pytestmark = pytest.mark.django_db

# Large enough for the must-have list (every state, plus suspended, extended, revoked and overdue cases) and a few
# drawn at random; small enough to build in a few seconds.
SIZE = 30


@pytest.fixture
def demo() -> str:
    out = StringIO()
    call_command("seed_demo", "--cases", str(SIZE), stdout=out)
    return out.getvalue()


def test_the_demo_has_a_case_in_every_state_of_the_procedure(demo: str) -> None:
    assert len(MUST_HAVE) <= SIZE
    assert Case.objects.count() == SIZE
    assert set(Case.objects.values_list("state", flat=True)) == {state.value for state in State}
    assert f"已生成 {SIZE} 件演示案件" in demo


def test_each_case_ends_where_its_plan_said(demo: str) -> None:
    planned = Counter(plan.target.value for plan in _plans(SIZE, random.Random(DEMO_SEED)))
    assert Counter(Case.objects.values_list("state", flat=True)) == planned


def test_the_cases_are_spread_over_the_three_districts_and_received_within_the_demo_year(demo: str) -> None:
    districts = {code.split("-")[1] for code in Case.objects.values_list("unit__code", flat=True)}
    assert districts == {"FT", "NS", "BA"}
    first = Case.objects.order_by("received_on").values_list("received_on", flat=True).first()
    last = Case.objects.order_by("-received_on").values_list("received_on", flat=True).first()
    assert first is not None
    assert last is not None
    assert dt.date(2026, 1, 5) <= first < last <= dt.date(2026, 10, 30)


def test_some_cases_are_suspended_extended_refused_revoked_and_overdue(demo: str) -> None:
    assert Case.objects.filter(suspended=True).exists()
    assert Period.objects.filter(state=PeriodState.SUSPENDED, code="investigation").exists()
    assert Case.objects.filter(extended=True).exists()
    assert Period.objects.filter(code="investigation", extended=True).exists()
    assert Case.objects.filter(state=State.REFUSED).exists()
    assert Entry.objects.filter(action="cases.revoke_filing", outcome="success").exists()
    open_cases = Case.objects.exclude(state__in=[s.value for s in FINAL_STATES])
    overdue = Period.objects.filter(
        case__in=open_cases, state=PeriodState.RUNNING, due_on__lt=DEMO_AS_OF, code="investigation"
    )
    assert overdue.exists()


def test_every_change_of_every_case_went_through_an_action_and_the_journal_verifies(demo: str) -> None:
    # A case's version is bumped by each transition; its journal holds the registration and one entry per step.
    steps = dict(
        Entry.objects.filter(object_type="cases.case", outcome="success")
        .values_list("object_id")
        .annotate(n=Count("seq"))
        .values_list("object_id", "n")
    )
    for pk, version in Case.objects.values_list("pk", "version"):
        assert steps[str(pk)] == version, pk
    assert not Entry.objects.filter(object_type="cases.case").exclude(outcome="success").exists()
    report = verify_journal()
    assert report.ok
    assert report.count == Entry.objects.count()


def test_steps_are_dated_on_the_days_they_were_taken(demo: str) -> None:
    filed = Case.objects.exclude(filed_on=None)
    assert filed.exists()
    for case in filed:
        assert case.filed_on is not None
        assert case.received_on <= case.filed_on <= DEMO_AS_OF
        entry = Entry.objects.get(object_type="cases.case", object_id=str(case.pk), action="cases.approve_filing")
        assert entry.recorded_at.astimezone(dt.timezone(dt.timedelta(hours=8))).date() == case.filed_on


def test_parties_have_well_formed_credit_codes_id_numbers_and_mobiles(demo: str) -> None:
    today = dt.date(2026, 11, 26)
    for case in Case.objects.select_related("employer"):
        assert case.employer.credit_code
        assert not validate_credit_code(case.employer.credit_code)
        assert case.employer.name.startswith("深圳市")
        assert case.employer.name_bigrams
        if case.complainant_id_number:
            assert not validate_id_number(case.complainant_id_number, today=today)
        if case.complainant_phone:
            assert not validate_mobile(case.complainant_phone)
    numbers = WorkerLine.objects.values_list("id_number", flat=True)
    assert numbers
    assert all(not validate_id_number(number, today=today) for number in numbers)
    assert Case.objects.filter(anonymous=True).exists() or Case.objects.filter(complainant_name="").exists()


def test_running_it_again_does_nothing(demo: str) -> None:
    cases, entries = Case.objects.count(), Entry.objects.count()
    assert seed_demo_cases(count=SIZE) == 0
    out = StringIO()
    call_command("seed_demo", "--cases", "50", stdout=out)
    assert "演示案件已存在" in out.getvalue()
    assert (Case.objects.count(), Entry.objects.count()) == (cases, entries)


def test_the_same_seed_plans_the_same_cases() -> None:
    first = _plans(SIZE, random.Random(DEMO_SEED))
    again = _plans(SIZE, random.Random(DEMO_SEED))
    assert [(p.register["employer_name"], p.received_on, [s.action for s in p.steps]) for p in first] == [
        (p.register["employer_name"], p.received_on, [s.action for s in p.steps]) for p in again
    ]
    other = _plans(SIZE, random.Random(DEMO_SEED + 1))
    assert [p.register["employer_name"] for p in other] != [p.register["employer_name"] for p in first]


def test_without_the_demo_accounts_it_refuses_in_chinese() -> None:
    from fazhi.cases.demo import DemoDataError

    with pytest.raises(DemoDataError, match="缺少演示机构或账户"):
        seed_demo_cases(count=5)
    assert not Case.objects.exists()
