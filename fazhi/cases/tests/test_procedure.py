"""A complaint walks the whole procedure through the actions, as the personas; each step is guarded, timed and
journaled."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from fazhi.accounts.models import User
from fazhi.cases.actions import TransitionBlocked, TransitionConflict, TransitionRefused, transition
from fazhi.cases.models import Case, Decision, Period, PeriodState
from fazhi.cases.tests.conftest import FINDINGS, WAGES, RegisterCase, proposal, served_notice, walk
from fazhi.cases.workflow import State
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


def period(case: Case, code: str) -> Period:
    return case.periods.get(code=code)


def test_a_registered_complaint_waits_for_acceptance_within_five_working_days(register: RegisterCase) -> None:
    case = register()
    assert case.state == State.RECEIVED
    assert case.reference.endswith("-2026-000001")
    acceptance = period(case, "complaint_acceptance")
    # Received Monday 2026-03-02: five working days later is Monday 2026-03-09 (广东条例 第三十九条).
    assert (acceptance.started_on, acceptance.due_on, acceptance.state) == (
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 9),
        PeriodState.RUNNING,
    )
    assert case.total_owed == Decimal("21500.50")
    entry = Entry.objects.get(action="cases.register")
    assert entry.actor_username == "inspector"


def test_the_whole_procedure_from_complaint_to_archive(
    register: RegisterCase, inspector: User, inspector2: User, lead: User, legal: User, leader: User
) -> None:
    """The lead's acceptance of a complaint is its filing (立案), the investigation running from that day
    (广东省劳动保障监察条例 第三十六条第一款、第四十四条第一款); the party's hearing period runs from the day it
    received the notice (行政处罚法 第六十四条第一款第（一）项); the organ's 负责人 decides (第五十七条)."""
    case = register()
    case = walk(case, (lead, "accept", {}))
    assert case.state == State.INVESTIGATING
    assert case.case_number
    assert case.filed_on == dt.date(2026, 3, 9)
    assert period(case, "complaint_acceptance").state == PeriodState.MET
    investigation = period(case, "investigation")
    # Guangdong: a decision within 45 working days of filing (广东条例 第四十四条): 2026-03-09 → 2026-05-14
    # (清明 4-4…4-6 and 劳动节 5-1…5-5 off, 5-9 a make-up working day).
    assert investigation.due_on == dt.date(2026, 5, 14)
    case = walk(
        case,
        (inspector, "propose", proposal(proposal="拟罚款。")),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
    )
    assert case.state == State.NOTICE
    # The notice is approved, not yet served: the party's period has not started.
    assert not case.periods.filter(code="hearing_request").exists()
    with pytest.raises(TransitionBlocked, match="告知书尚未送达"):
        transition(actor=inspector, case=case, action="close_notice")
    case = walk(case, served_notice(inspector, "2026-03-09"))
    hearing_request = period(case, "hearing_request")
    assert hearing_request.due_on == dt.date(2026, 3, 16)  # 5 working days (行政处罚法 第六十四条)
    with pytest.raises(TransitionBlocked, match="要求听证期限至 2026-03-16 届满"):
        transition(actor=inspector, case=case, action="close_notice")
    with time_machine.travel(dt.datetime(2026, 3, 17, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        case = walk(
            case,
            (inspector, "close_notice", {}),
            (leader, "decide", {}),
            (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-17"}),
        )
        decision = Decision.objects.get(case=case)
        # No amount typed: the decision takes the measures the party was notified of (行政处罚法 第四十四条).
        assert (decision.outcome, decision.fine_amount, decision.sequence) == ("penalty", Decimal("20000.00"), 1)
        assert decision.facts_found == FINDINGS
        assert [m["kind"] for m in decision.measures] == ["order_correction", "fine"]
        assert period(case, "service").state == PeriodState.MET
        fine = period(case, "fine_payment")
        assert (fine.started_on, fine.due_on) == (dt.date(2026, 3, 17), dt.date(2026, 4, 1))  # 15 days (第六十七条)
        with pytest.raises(TransitionBlocked, match="罚款尚未缴纳"):
            transition(actor=inspector, case=case, action="record_performance")
        case = walk(
            case,
            (inspector, "record_fine_payment", {"paid_on": "2026-03-17", "amount": "20000.00"}),
            (inspector, "record_performance", {}),
        )
        with pytest.raises(TransitionBlocked, match="备案"):
            transition(actor=lead, case=case, action="approve_closing")
        case = walk(
            case,
            (inspector, "file_with_superior", {}),
            (lead, "approve_closing", {}),
            (inspector, "archive", {}),
        )
        assert period(case, "filing_with_superior").state == PeriodState.MET
    assert case.state == State.ARCHIVED
    actions = list(Entry.objects.filter(object_type="cases.case").order_by("seq").values_list("action", flat=True))
    assert actions == [
        "cases.register",
        "cases.accept",
        "cases.propose",
        "cases.approve_proposal",
        "cases.pass_legal_review",
        "cases.serve_notice",
        "cases.close_notice",
        "cases.decide",
        "cases.serve",
        "cases.record_fine_payment",
        "cases.record_performance",
        "cases.file_with_superior",
        "cases.approve_closing",
        "cases.archive",
    ]


def test_filing_needs_two_certified_handlers(register: RegisterCase, inspector2: User, lead: User) -> None:
    """Accepting a complaint files it, so it names two certified officers (行政处罚法 第四十二条); the lead may assign
    the missing one in the same step."""
    case = register(co_handler=None)
    with pytest.raises(TransitionBlocked, match="两名执法人员"):
        transition(actor=lead, case=case, action="accept")
    assert Case.objects.get(pk=case.pk).state == State.RECEIVED
    case = transition(actor=lead, case=case, action="accept", data={"assign_co_handler": inspector2.username})
    assert (case.state, case.co_handler) == (State.INVESTIGATING, inspector2)


def test_an_inspector_cannot_accept_a_complaint_and_the_refusal_is_journaled(
    register: RegisterCase, inspector: User
) -> None:
    """The acceptance is the filing (广东省劳动保障监察条例 第三十六条第一款), the lead's step, not the handler's."""
    case = register()
    with pytest.raises(TransitionRefused):
        transition(actor=inspector, case=case, action="accept")
    refused = Entry.objects.get(action="cases.accept")
    assert refused.outcome == "refused"
    assert Case.objects.get(pk=case.pk).state == State.RECEIVED


def test_a_complaint_has_no_separate_filing_approval(register: RegisterCase, lead: User) -> None:
    """广东省劳动保障监察条例 第三十六条第一款: an accepted complaint is filed; approve_filing is for reports and own
    discoveries only (第三十二条)."""
    case = walk(register(), (lead, "accept", {}))
    with pytest.raises(TransitionConflict, match="调查取证"):
        transition(actor=lead, case=case, action="approve_filing")


def test_an_inspector_of_another_district_cannot_touch_the_case(register: RegisterCase, outsider: User) -> None:
    case = register()
    with pytest.raises(TransitionRefused, match="无权办理本案"):
        transition(actor=outsider, case=case, action="accept")


def test_a_refusal_needs_a_statutory_ground_and_a_reason(register: RegisterCase, lead: User) -> None:
    """广东省劳动保障监察条例 第三十九条: a refusal names its ground, within the acceptance period."""
    case = register()
    with pytest.raises(TransitionBlocked) as blocked:
        transition(actor=lead, case=case, action="refuse", data={"refusal_ground": "dislike"})
    assert len(blocked.value.reasons) == 2
    case = transition(actor=lead, case=case, action="refuse", data={"refusal_ground": "time_barred"}, reason="已逾两年")
    assert case.state == State.REFUSED
    assert period(case, "complaint_acceptance").state == PeriodState.MET


def test_completion_is_requested_only_once(register: RegisterCase, inspector: User) -> None:
    case = walk(
        register(),
        (inspector, "request_completion", {"reason": "请补充劳动关系证明"}),
        (inspector, "complete", {}),
    )
    with pytest.raises(TransitionBlocked, match="已经告知过补正"):
        transition(actor=inspector, case=case, action="request_completion", reason="再补")


def test_a_squad_lead_who_is_also_an_inspector_cannot_approve_their_own_proposal(
    register: RegisterCase, inspector2: User, lead: User
) -> None:
    from fazhi.accounts.models import Role
    from fazhi.accounts.testing import make_user

    assert lead.unit is not None
    acting_lead = make_user("lead.zhao", "赵军", lead.unit, Role.LEAD, Role.INSPECTOR, certificate="T-0100")
    case = walk(
        register(actor=acting_lead, handler=acting_lead, co_handler=inspector2),
        (lead, "accept", {}),
        (acting_lead, "propose", proposal("rectification", WAGES, proposal="责令限期改正")),
    )
    with pytest.raises(TransitionBlocked, match="提出人不能审批"):
        transition(actor=acting_lead, case=case, action="approve_proposal_to_notice")
    case = transition(actor=lead, case=case, action="approve_proposal_to_notice")
    assert case.state == State.NOTICE


def test_a_penalty_goes_to_legal_review_and_a_rectification_does_not(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    case = walk(register(), (lead, "accept", {}))
    case = walk(case, (inspector, "propose", proposal(proposal="罚款")))
    with pytest.raises(TransitionBlocked, match="法制审核"):
        transition(actor=lead, case=case, action="approve_proposal_to_notice")
    case = walk(case, (lead, "send_back_proposal", {"reason": "补充证据"}))
    case = walk(
        case,
        (inspector, "propose", proposal("rectification", WAGES, proposal="责令改正")),
    )
    case = walk(case, (lead, "approve_proposal_to_notice", {}))
    assert case.state == State.NOTICE


def test_legal_review_needs_the_legal_qualification(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    case = walk(
        register(),
        (lead, "accept", {}),
        (inspector, "propose", proposal(proposal="罚款")),
        (lead, "approve_proposal", {}),
    )
    User.objects.filter(pk=legal.pk).update(has_legal_qualification=False)
    legal.refresh_from_db()
    with pytest.raises(TransitionBlocked, match="法律职业资格"):
        transition(actor=legal, case=case, action="pass_legal_review")


def test_suspension_stops_the_clock_and_resumption_keeps_the_working_days_left(
    register: RegisterCase, lead: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第四十五条: the organ's 负责人 suspends; the handling period stops and the working days
    left run on from resumption."""
    case = walk(register(), (lead, "accept", {}))
    due = period(case, "investigation").due_on
    case = walk(case, (leader, "suspend", {"reason": "等待仲裁结果"}))
    assert period(case, "investigation").state == PeriodState.SUSPENDED
    notice = period(case, "suspension_notice_to_complainant")
    assert (notice.state, notice.due_on) == (PeriodState.RUNNING, dt.date(2026, 3, 12))  # 3 working days
    with time_machine.travel(dt.datetime(2026, 3, 23, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        case = walk(case, (leader, "resume", {}))
    resumed = period(case, "investigation")
    # Suspended on 03-09, resumed on 03-23 (two weeks, ten working days): the due date moves ten working days on.
    assert resumed.state == PeriodState.RUNNING
    assert resumed.due_on == dt.date(2026, 5, 28)
    assert due == dt.date(2026, 5, 14)


def test_a_director_without_a_written_delegation_may_not_suspend_or_extend(
    register: RegisterCase, lead: User, director: User, leader: User
) -> None:
    """Suspension and extension are the organ's 负责人's (广东省劳动保障监察条例 第四十四条第二款、第四十五条); a 处长
    takes them only under the leader's written delegation."""
    from fazhi.cases.delegations import grant_delegation

    case = walk(register(), (lead, "accept", {}))
    for action in ("suspend", "extend"):
        with pytest.raises(TransitionRefused, match="没有办理此步骤的权限"):
            transition(actor=director, case=case, action=action, reason="案情复杂")
    assert director.unit is not None
    grant_delegation(
        actor=leader,
        delegate=director,
        unit=director.unit,
        actions=["extend"],
        document="福人社授〔2026〕1号",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    case = transition(actor=director, case=case, action="extend", reason="案情复杂")
    assert case.extended
    assert Entry.objects.filter(action="cases.extend").exclude(outcome="refused").get().actor_role == "delegate"


def test_the_investigation_is_extended_once_by_thirty_working_days(
    register: RegisterCase, lead: User, leader: User
) -> None:
    case = walk(register(), (lead, "accept", {}))
    case = walk(case, (leader, "extend", {"reason": "案情复杂"}))
    extended = period(case, "investigation")
    assert (extended.days, extended.due_on) == (75, dt.date(2026, 6, 26))
    with pytest.raises(TransitionBlocked, match="延长过一次"):
        transition(actor=leader, case=case, action="extend", reason="再延")


def test_a_step_from_the_wrong_state_is_a_conflict_and_writes_nothing(register: RegisterCase, leader: User) -> None:
    case = register()
    before = Entry.objects.count()
    with pytest.raises(TransitionConflict, match="待受理"):
        transition(actor=leader, case=case, action="decide")
    assert Entry.objects.count() == before


def test_a_stale_version_is_a_conflict(register: RegisterCase, lead: User) -> None:
    case = register()
    with pytest.raises(TransitionConflict):
        transition(actor=lead, case=case, action="accept", expected_version=case.version + 1)


def test_the_worklist_shows_each_persona_what_waits_for_them(
    register: RegisterCase,
    inspector: User,
    inspector2: User,
    lead: User,
    outsider: User,
    director: User,
    leader: User,
) -> None:
    """A complaint waits for the lead's acceptance (its filing) and for its handlers (a request to complete); a
    report waits for the lead's filing approval (广东省劳动保障监察条例 第三十二条、第三十六条)."""
    from fazhi.cases.models import Source
    from fazhi.cases.queries import worklist

    received = register()
    filing = register(source=Source.REPORT, complainant_name="", complainant_phone="", anonymous=True)
    assert filing.state == State.FILING_REVIEW
    assert list(worklist(inspector)) == [received]
    assert list(worklist(inspector2)) == [received]
    # Accepting or refusing a complaint is the lead's call, as is the filing of a report (soonest due first).
    assert list(worklist(lead)) == [received, filing]
    assert list(worklist(outsider)) == []
    assert list(worklist(director)) == []
    assert list(worklist(leader)) == []
    decided = walk(register(), (lead, "accept", {}))
    decided.state = State.DECISION
    decided.save(update_fields=["state"])
    assert list(worklist(leader)) == [decided]
    assert list(worklist(director)) == []


def test_overdue_periods_are_counted_per_unit(register: RegisterCase, inspector: User, supervisor: User) -> None:
    from fazhi.cases.queries import overdue_counts_by_unit

    register()  # acceptance due 2026-03-09
    assert overdue_counts_by_unit(supervisor, dt.date(2026, 3, 9)) == {}
    assert overdue_counts_by_unit(supervisor, dt.date(2026, 3, 10)) == {inspector.unit_id: 1}


def test_a_case_can_be_suspended_a_second_time_after_resuming(register: RegisterCase, lead: User, leader: User) -> None:
    case = walk(
        register(),
        (lead, "accept", {}),
        (leader, "suspend", {"reason": "等待仲裁结果"}),
        (leader, "resume", {}),
        (leader, "suspend", {"reason": "联系不上投诉人"}),
    )
    assert case.suspended
    assert case.periods.filter(code="suspension_notice_to_complainant").count() == 1
