"""seed_demo's cases: every state of the procedure in the three districts, reached through the actions, journaled,
deterministic and made only once; and the less common steps (hearing, defence, collective discussion, preservation,
recusal, payments with surcharge or 加付赔偿金, …) each taken with the data the law asks for."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count, QuerySet
from django.test import Client

from fazhi.calendars.queries import working_calendar
from fazhi.cases.models import Case, CrimeTransfer, Period, PeriodState, TransferStatus, WorkerLine
from fazhi.cases.outcomes import ORDERS_WITH_DEADLINE
from fazhi.cases.procedure.proposal import FINDS_VIOLATION
from fazhi.cases.tests.conftest import TODAY
from fazhi.cases.workflow import FINAL_STATES, State
from fazhi.demo.cases import DEMO_AS_OF, DEMO_SEED, MUST_HAVE, _plans, seed_demo_cases
from fazhi.journal.models import Entry
from fazhi.journal.verify import verify_journal
from fazhi.rules import money
from fazhi.rules.identifiers import validate_credit_code, validate_id_number, validate_mobile
from fazhi.rules.violations import all_violations

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_a_known_day() -> Iterator[None]:
    # As in the case tests: a day inside the loaded holiday data.
    with time_machine.travel(TODAY, tick=False):
        yield


# Large enough for the must-have list (every state, and the cases that show the less common steps) and a few drawn
# at random; small enough to build in a few seconds.
SIZE = 32


def demo_cases() -> QuerySet[Case]:
    """The cases the demo generator built (seed_demo also files two complaints the way the public does, and builds one
    wage case it transfers to the police, fazhi.demo.transfer)."""
    return Case.objects.filter(portal_submission__isnull=True, crime_transfers__isnull=True)


@pytest.fixture
def demo() -> str:
    out = StringIO()
    call_command("seed_demo", "--cases", str(SIZE), "--documents", "0", stdout=out)  # documents: their own test
    return out.getvalue()


def test_the_demo_has_a_case_in_every_state_of_the_procedure(demo: str) -> None:
    assert len(MUST_HAVE) <= SIZE
    assert demo_cases().count() == SIZE
    assert set(demo_cases().values_list("state", flat=True)) == {state.value for state in State}
    assert f"已生成 {SIZE} 件演示案件" in demo


def test_two_complaints_are_filed_on_the_portal_one_routed_to_nanshan_one_left_at_the_city(demo: str) -> None:
    """A complaint waits for its acceptance (广东省劳动保障监察条例 第三十六条); an anonymous one is a report
    (第三十四条), which goes to the filing approval (第三十二条)."""
    from fazhi.complaints.queries import STAGES

    portal = Case.objects.filter(portal_submission__isnull=False).order_by("pk")
    # The Nanshan complaint lands where someone may accept it: the squad of its lead (ns_lead).
    assert [case.unit.code for case in portal] == ["SZ-NS-JC-1", "SZ"]
    assert [case.state for case in portal] == [State.RECEIVED, State.FILING_REVIEW]
    assert portal[1].anonymous
    assert portal[1].complainant_phone == ""  # an anonymous report keeps no phone; it only unlocks the lookup
    codes = re.findall(r"查询码 ([A-Z0-9]{16})，联系电话 (1\d{10})", demo)
    assert len(codes) == 2
    for (code, phone), case in zip(codes, portal, strict=True):  # the printed codes open the status lookup
        page = Client().post("/complaints/status/", {"code": code, "phone": phone}).content.decode()
        assert STAGES[State(case.state)] in page


def test_each_case_ends_where_its_plan_said(demo: str) -> None:
    planned = Counter(plan.target.value for plan in _plans(SIZE, random.Random(DEMO_SEED)))
    assert Counter(demo_cases().values_list("state", flat=True)) == planned


def test_the_cases_are_spread_over_the_three_districts_and_received_within_the_demo_year(demo: str) -> None:
    districts = {code.split("-")[1] for code in demo_cases().values_list("unit__code", flat=True)}
    assert districts == {"FT", "NS", "BA"}
    first = demo_cases().order_by("received_on").values_list("received_on", flat=True).first()
    last = demo_cases().order_by("-received_on").values_list("received_on", flat=True).first()
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
    # A suspension is told to the complainant within 3 working days (广东条例 第四十五条).
    notices = Period.objects.filter(code="suspension_notice_to_complainant")
    assert notices.filter(state=PeriodState.MET).exists()
    assert all(p.met_on is None or p.due_on is None or p.met_on <= p.due_on for p in notices)


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


FILING_STEPS = ("cases.accept", "cases.deem_accepted", "cases.approve_filing")


def test_steps_are_dated_on_the_days_they_were_taken(demo: str) -> None:
    """A complaint is filed on the day the lead accepts it, or, deemed accepted, on the day it was received
    (广东省劳动保障监察条例 第三十六条第一款、第三十九条第二款); a report or own discovery on the day its filing is
    approved (第三十二条)."""
    filed = Case.objects.exclude(filed_on=None)
    assert filed.exists()
    assert filed.filter(deemed_accepted=True).exists()
    for case in filed:
        assert case.filed_on is not None
        assert case.received_on <= case.filed_on <= DEMO_AS_OF
        entry = Entry.objects.get(object_type="cases.case", object_id=str(case.pk), action__in=FILING_STEPS)
        taken_on = entry.recorded_at.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
        if case.deemed_accepted:
            acceptance = Period.objects.filter(case=case, code="complaint_acceptance").order_by("-pk").first()
            assert acceptance is not None
            assert case.filed_on == acceptance.started_on < taken_on, case.pk
        else:
            assert taken_on == case.filed_on, case.pk


def test_parties_have_well_formed_credit_codes_id_numbers_and_mobiles(demo: str) -> None:
    today = dt.date(2026, 11, 26)
    for case in demo_cases().select_related("employer"):
        assert case.employer.credit_code
        assert not validate_credit_code(case.employer.credit_code)
        assert case.employer.name.startswith("深圳市")
        assert case.employer.name_bigrams
        if case.complainant_id_number:
            assert not validate_id_number(case.complainant_id_number, today=today)
        if case.complainant_phone:
            assert not validate_mobile(case.complainant_phone)
    numbers = WorkerLine.objects.filter(case__in=demo_cases()).values_list("id_number", flat=True)
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
    from fazhi.demo.cases import DemoDataError

    with pytest.raises(DemoDataError, match="缺少演示机构或账户"):
        seed_demo_cases(count=5)
    assert not Case.objects.exists()


def _after(entry: Entry) -> dict[str, object]:
    data = entry.after_data
    assert isinstance(data, dict)
    return data


def test_the_less_common_steps_are_each_taken_and_the_system_deems_a_silent_complaint_accepted(demo: str) -> None:
    taken = set(Entry.objects.filter(object_type="cases.case", outcome="success").values_list("action", flat=True))
    for action in (
        "deem_accepted",
        "request_preservation",
        "approve_preservation",
        "decide_preservation",
        "reassign",
        "decide_recusal",
        "suspend",
        "notify_suspension",
        "record_defence",
        "request_hearing",
        "schedule_hearing",
        "finish_hearing",
        "pass_legal_review_after_hearing",
        "record_collective_discussion",
        "record_fine_payment",
        "record_wage_payment",
        "propose_follow_up",
        "verify_correction",
        "apply_court_enforcement",
        "record_investigation",
    ):
        assert f"cases.{action}" in taken, action
    # A complaint nobody answered within 5 working days is accepted by the system (广东条例 第三十九条第二款).
    for entry in Entry.objects.filter(action="cases.deem_accepted"):
        assert entry.actor_id is None
        case = Case.objects.get(pk=entry.object_id)
        assert case.deemed_accepted
        period = Period.objects.get(case=case, code="complaint_acceptance")
        assert period.due_on is not None
        assert period.due_on < entry.recorded_at.astimezone(dt.timezone(dt.timedelta(hours=8))).date()


def test_proposals_and_decisions_carry_the_violation_fine_and_deadline_the_law_asks_for(demo: str) -> None:
    codes = {v.code for v in all_violations()}
    proposed = Case.objects.exclude(proposed_outcome="")
    assert proposed.exists()
    for case in proposed.filter(proposed_outcome__in=FINDS_VIOLATION):
        assert case.violation_code in codes, case.pk
    for case in Case.objects.exclude(decided_on=None):
        assert case.decided_on is not None
        if case.decision_outcome == "penalty":
            assert case.fine_amount is not None
            assert case.notified_fine is not None
            assert Decimal("0") < case.fine_amount <= case.notified_fine
        else:
            assert case.fine_amount is None
        if case.decision_outcome in ORDERS_WITH_DEADLINE:
            assert case.comply_by is not None
            assert case.comply_by > case.decided_on
    # Procedure v2 offers no decision "transfer_police": a transfer is its own track (test below).
    assert not Case.objects.filter(decision_outcome="transfer_police").exists()


def test_one_wage_case_whose_order_went_unpaid_is_transferred_to_the_police_in_time(demo: str) -> None:
    """行政执法机关移送涉嫌犯罪案件的规定 第五条、第六条、第十二条: the demo shows a transfer approved by the 正职负责人
    within 3 days of the report, sent within 24 hours with the 移送书, filed by the police and the items handed over."""
    assert "已将 1 件涉嫌拒不支付劳动报酬罪的案件移送公安机关" in demo
    transfer = CrimeTransfer.objects.select_related("case", "decided_by").get()
    case = transfer.case
    assert transfer.status == TransferStatus.HANDED_OVER
    assert transfer.decided_by is not None
    assert transfer.decided_by.username == "leader"
    assert transfer.dispatch_hours is not None
    assert transfer.dispatch_hours <= 24
    assert (case.state, case.decision_outcome) == (State.CLOSING_REVIEW, "handling_decision")
    assert case.documents.filter(doc_type="crime_transfer").count() == 1
    codes = ("transfer_approval", "transfer_dispatch", "transfer_police_review", "transfer_handover")
    periods = Period.objects.filter(case=case, code__in=codes)
    assert sorted(p.code for p in periods) == sorted(codes)
    assert all(p.state == PeriodState.MET and p.met_on is not None and p.due_on is not None for p in periods)
    assert all(p.met_on <= p.due_on for p in periods if p.met_on and p.due_on)


def test_fines_are_paid_with_the_surcharge_for_each_day_late_and_wages_worker_by_worker(demo: str) -> None:
    paid = Case.objects.exclude(fine_paid_on=None)
    assert paid.filter(surcharge_paid=0).exists()
    assert paid.filter(surcharge_paid__gt=0).exists()
    for case in paid:
        period = Period.objects.get(case=case, code="fine_payment")
        assert case.fine_amount is not None
        assert case.fine_paid_on is not None
        assert period.due_on is not None
        surcharge = money.late_payment_surcharge(case.fine_amount, period.due_on, case.fine_paid_on)
        assert case.surcharge_paid == surcharge
        assert case.fine_paid_amount == case.fine_amount + surcharge
    # Wages worker by worker, some in instalments, in one case with 加付赔偿金 ordered after the deadline.
    # (A case transferred to the police closes with the wages unpaid: 移送规定 第十二条.)
    done = Case.objects.filter(
        decision_outcome="handling_decision",
        state__in=["closing_review", "closed", "archived"],
        crime_transfers__isnull=True,
    )
    assert done.exists()
    for line in WorkerLine.objects.filter(case__in=done):
        assert line.amount_paid == line.amount_owed + line.additional_compensation, line.pk
    payments = Counter(
        (entry.object_id, _after(entry)["worker"]) for entry in Entry.objects.filter(action="cases.record_wage_payment")
    )
    assert any(count > 1 for count in payments.values())
    compensated = WorkerLine.objects.filter(additional_compensation__gt=0)
    assert compensated.exists()
    for line in compensated:
        assert line.additional_compensation <= line.amount_owed
        # 加付赔偿金 is a decision of its own, after the wage order's deadline passed (劳动合同法 第八十五条).
        order = line.case.decisions.get(outcome="handling_decision")
        compensation = line.case.decisions.get(outcome="additional_compensation")
        assert order.comply_by is not None
        assert compensation.sequence > order.sequence
        assert compensation.decided_on > order.comply_by


def test_hearings_major_cases_preservations_and_recusals_follow_the_procedure(demo: str) -> None:
    # A hearing is noticed 7 working days ahead, held on its day, presided by someone outside the case.
    held = Case.objects.exclude(hearing_held_on=None)
    assert held.exists()
    for case in held:
        assert case.hearing_on is not None
        assert case.hearing_notified_on is not None
        assert case.hearing_held_on == case.hearing_on
        assert working_calendar().working_days_between(case.hearing_notified_on, case.hearing_on) >= 7
        assert case.hearing_presider_id not in {case.handler_id, case.co_handler_id, case.proposed_by_id}
    # A major case is decided after legal review and the leaders' collective discussion (第五十七条、第五十八条).
    decided = Case.objects.filter(major_case=True).exclude(decided_on=None)
    assert decided.exists()
    for case in decided:
        assert case.legal_review_passed_on is not None
        assert case.collective_discussion_on is not None
        assert case.decided_on is not None
        assert case.legal_review_passed_on <= case.collective_discussion_on <= case.decided_on
    # Preserved evidence is decided within 7 working days; a recused officer is replaced from the squad.
    decisions = Period.objects.filter(code="evidence_preservation_decision", state=PeriodState.MET)
    assert decisions.exists()
    assert all(p.met_on is not None and p.due_on is not None and p.met_on <= p.due_on for p in decisions)
    recusal = Entry.objects.get(action="cases.decide_recusal")
    case = Case.objects.select_related("co_handler__unit").get(pk=recusal.object_id)
    assert case.co_handler is not None
    assert _after(recusal)["co_handler"] == case.co_handler.pk
    assert case.co_handler.unit_id == case.unit_id
    assert case.handler_id != case.co_handler_id


def test_a_per_worker_fine_is_proposed_with_the_count_it_was_computed_on_even_without_worker_lines() -> None:
    """A report may list no worker lines; the calculator then needs the count (as a handler would type it)."""
    from fazhi.demo.steps import Profile, _proposal

    profile = Profile(
        source="report",
        target=State.CLOSED,
        outcome="penalty",
        features=frozenset(),
        workers=0,
        complainant=False,
        employer="深圳市某公司",
        violation="lbjc23_1_female_prohibited_work",  # 1,000–5,000 yuan per worker affected
        fine=Decimal("1000.00"),
        decided_fine=Decimal("1000.00"),
        major=False,
        presider="legal",
    )
    data = _proposal(profile)
    assert data["workers"] == "1"
    assert data["proposed_fine"] == "1000.00"
