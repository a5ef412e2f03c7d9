"""Acceptance and investigation, walked by the personas: a complaint deemed accepted by the daily sweep, evidence
preservation, recusal and reassignment, suspension, and the form checks of a step's fields.

Every statutory date below was counted by hand on the 2026 calendar (春节 make-up day Saturday 02-28; 清明 04-04…06)
and checked with `manage.py due_date`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fazhi.accounts.models import Role, User
from fazhi.accounts.testing import make_user
from fazhi.cases.actions import TransitionBlocked, TransitionRefused, transition
from fazhi.cases.management.commands.sweep_periods import deem_accepted
from fazhi.cases.models import Case, PeriodState, Source
from fazhi.cases.tests.conftest import LEDGER, RegisterCase, latest, on, proposal, served_notice, waived, walk
from fazhi.cases.workflow import State
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db

# 广东省劳动保障监察条例 第四十九条 (未建立、保存台账): 2,000–20,000 yuan.


def investigating(register: RegisterCase, inspector: User, lead: User, **overrides: Any) -> Case:
    """A complaint the lead accepted, and so filed (广东省劳动保障监察条例 第三十六条第一款)."""
    return walk(register(**overrides), (lead, "accept", {}))


@pytest.fixture
def inspector3(inspector: User) -> User:
    """A third certified inspector of the same squad, free to take over a case."""
    assert inspector.unit is not None
    return make_user("inspector3", "周杰", inspector.unit, Role.INSPECTOR, certificate="T-0003")


# --- Acceptance (广东省劳动保障监察条例 第三十九条) -------------------------------------------------------------------


def test_a_complaint_nobody_answered_in_five_working_days_is_deemed_accepted_by_the_sweep(
    register: RegisterCase,
) -> None:
    """广东省劳动保障监察条例 第三十九条第二款: unanswered for 5 working days, the complaint is accepted from the day it
    was received, and so filed that day; the investigation runs from it (第三十六条第一款、第四十四条第一款)."""
    case = register(received_on=dt.date(2026, 2, 24))
    acceptance = latest(case, "complaint_acceptance")
    # Received Tuesday 02-24; Saturday 02-28 is a make-up working day (春节): 25, 26, 27, 28, 03-02.
    assert acceptance.due_on == dt.date(2026, 3, 2)
    entries_before = Entry.objects.count()

    assert deem_accepted(today=dt.date(2026, 3, 9)) == 1

    case.refresh_from_db()
    assert (case.state, case.deemed_accepted, case.filed_on) == (State.INVESTIGATING, True, dt.date(2026, 2, 24))
    assert case.case_number
    assert latest(case, "investigation").state == PeriodState.RUNNING
    acceptance.refresh_from_db()
    assert (acceptance.state, acceptance.met_on) == (PeriodState.MET, dt.date(2026, 3, 9))
    entries = list(Entry.objects.filter(action="cases.deem_accepted"))
    assert [(e.actor_id, e.actor_username, e.actor_role, e.outcome, e.object_id) for e in entries] == [
        (None, "", "system", "success", str(case.pk))
    ]
    assert Entry.objects.count() == entries_before + 1
    assert deem_accepted(today=dt.date(2026, 3, 9)) == 0  # a second sweep finds nothing left to accept


def test_a_complaint_is_not_deemed_accepted_on_the_last_day_of_its_acceptance_period(register: RegisterCase) -> None:
    case = register(received_on=dt.date(2026, 3, 2))
    assert latest(case, "complaint_acceptance").due_on == dt.date(2026, 3, 9)  # today, the fifth working day

    assert deem_accepted(today=dt.date(2026, 3, 9)) == 0
    with pytest.raises(TransitionBlocked, match="受理期限尚未届满"):
        transition(actor=None, case=case, action="deem_accepted")
    case.refresh_from_db()
    assert (case.state, case.deemed_accepted) == (State.RECEIVED, False)

    with on(dt.date(2026, 3, 10)):
        assert deem_accepted(today=dt.date(2026, 3, 10)) == 1
    case.refresh_from_db()
    # Filed from the day of receipt (广东省劳动保障监察条例 第三十九条第二款).
    assert (case.state, case.deemed_accepted, case.filed_on) == (State.INVESTIGATING, True, dt.date(2026, 3, 2))


def test_the_investigation_of_a_complaint_deemed_accepted_runs_from_the_day_of_receipt(
    register: RegisterCase,
) -> None:
    """广东省劳动保障监察条例 第三十九条第二款、第四十四条第一款: deemed accepted, and filed, from the day of receipt
    (Tuesday 02-24); the handling period runs from that filing: 45 working days (清明 04-04…06 off), Tuesday 04-28."""
    case = register(received_on=dt.date(2026, 2, 24))
    assert deem_accepted(today=dt.date(2026, 3, 9)) == 1
    case.refresh_from_db()
    investigation = latest(case, "investigation")
    assert (case.filed_on, investigation.started_on, investigation.due_on) == (
        dt.date(2026, 2, 24),
        dt.date(2026, 2, 24),
        dt.date(2026, 4, 28),
    )


def test_the_investigation_of_a_complaint_the_lead_accepts_late_runs_from_the_day_of_receipt(
    register: RegisterCase, lead: User
) -> None:
    """广东省劳动保障监察条例 第三十九条第二款: accepted after its 5 working days (received Monday 03-02, due 03-09,
    accepted 03-10), the complaint counts as accepted, and filed, on 03-02; 45 working days from then: Friday
    05-08 (第四十四条第一款)."""
    case = register(received_on=dt.date(2026, 3, 2))
    with on(dt.date(2026, 3, 10)):
        case = walk(case, (lead, "accept", {}))
    investigation = latest(case, "investigation")
    assert (case.filed_on, case.deemed_accepted, investigation.started_on, investigation.due_on) == (
        dt.date(2026, 3, 2),
        True,
        dt.date(2026, 3, 2),
        dt.date(2026, 5, 8),
    )


@pytest.mark.parametrize("persona", ["inspector", "lead"])
def test_no_person_may_take_the_systems_deem_accepted_step(
    register: RegisterCase, request: pytest.FixtureRequest, persona: str
) -> None:
    actor: User = request.getfixturevalue(persona)
    case = register(received_on=dt.date(2026, 2, 24))  # overdue: only the actor is wrong
    with pytest.raises(TransitionRefused):
        transition(actor=actor, case=case, action="deem_accepted")
    refused = Entry.objects.get(action="cases.deem_accepted")
    assert (refused.actor_username, refused.outcome) == (persona, "refused")
    case.refresh_from_db()
    assert (case.state, case.deemed_accepted) == (State.RECEIVED, False)


def test_the_sweep_leaves_alone_a_complaint_awaiting_completion(register: RegisterCase, inspector: User) -> None:
    case = walk(register(received_on=dt.date(2026, 3, 2)), (inspector, "request_completion", {"reason": "缺劳动合同"}))
    with on(dt.date(2026, 3, 20)):
        assert deem_accepted(today=dt.date(2026, 3, 20)) == 0
    case.refresh_from_db()
    assert (case.state, case.deemed_accepted) == (State.AWAITING_COMPLETION, False)
    assert not Entry.objects.filter(action="cases.deem_accepted").exists()


def test_completing_a_complaint_opens_a_fresh_five_working_day_acceptance_period(
    register: RegisterCase, inspector: User
) -> None:
    case = walk(register(received_on=dt.date(2026, 3, 2)), (inspector, "request_completion", {"reason": "缺劳动合同"}))
    first = latest(case, "complaint_acceptance")
    assert first.state == PeriodState.MET
    with on(dt.date(2026, 3, 11)):
        case = walk(case, (inspector, "complete", {}))
    assert case.state == State.RECEIVED
    reopened = latest(case, "complaint_acceptance")
    # Completed Wednesday 03-11: 12, 13, 16, 17, 18.
    assert reopened.pk != first.pk
    assert (reopened.started_on, reopened.due_on, reopened.state) == (
        dt.date(2026, 3, 11),
        dt.date(2026, 3, 18),
        PeriodState.RUNNING,
    )
    with on(dt.date(2026, 3, 18)):
        assert deem_accepted(today=dt.date(2026, 3, 18)) == 0
    with on(dt.date(2026, 3, 19)):
        assert deem_accepted(today=dt.date(2026, 3, 19)) == 1
    case.refresh_from_db()
    # Accepted, and filed, from the day the completed materials were received (广东条例 第三十九条第二款).
    assert (case.state, case.deemed_accepted, case.filed_on) == (State.INVESTIGATING, True, dt.date(2026, 3, 11))


# --- Evidence preservation (行政处罚法 第五十六条) --------------------------------------------------------------------

ITEMS = {"preservation_items": "2025 年工资台账 2 册，存放于单位财务室"}


def test_an_inspector_asks_to_preserve_evidence_the_leader_approves_and_the_decision_is_due_in_seven_working_days(
    register: RegisterCase, inspector: User, inspector2: User, lead: User, director: User, leader: User
) -> None:
    """行政处罚法 第五十六条: preservation with the approval of the organ's 负责人 (the leader; a 处长 only under a
    written delegation)."""
    case = walk(investigating(register, inspector, lead), (inspector, "request_preservation", ITEMS))
    assert case.preservation == "requested"
    for not_a_leader in (inspector, lead, director):
        with pytest.raises(TransitionRefused):
            transition(actor=not_a_leader, case=case, action="approve_preservation")
    assert Case.objects.get(pk=case.pk).preservation == "requested"

    case = walk(case, (leader, "approve_preservation", {}))
    assert case.preservation == "preserved"
    decision = latest(case, "evidence_preservation_decision")
    # Approved Monday 03-09; 七日 are working days (第八十五条): 10, 11, 12, 13, 16, 17, 18.
    assert (decision.started_on, decision.due_on, decision.state) == (
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 18),
        PeriodState.RUNNING,
    )
    with on(dt.date(2026, 3, 18)):
        case = walk(case, (inspector2, "decide_preservation", {"preservation_decision": "record_and_return"}))
    decision.refresh_from_db()
    assert (decision.state, decision.met_on) == (PeriodState.MET, dt.date(2026, 3, 18))
    assert case.preservation == ""


def test_only_the_cases_own_inspectors_may_ask_for_preservation(
    register: RegisterCase, inspector: User, lead: User, inspector3: User
) -> None:
    case = investigating(register, inspector, lead)
    with pytest.raises(TransitionBlocked, match="主办人或协办人"):
        transition(actor=inspector3, case=case, action="request_preservation", data=ITEMS)
    assert Case.objects.get(pk=case.pk).preservation == ""


def test_a_second_preservation_request_waits_until_the_first_is_decided(
    register: RegisterCase, inspector: User, inspector2: User, lead: User, leader: User
) -> None:
    case = walk(investigating(register, inspector, lead), (inspector, "request_preservation", ITEMS))
    with pytest.raises(TransitionBlocked, match="已有先行登记保存尚未处理完毕"):
        transition(actor=inspector2, case=case, action="request_preservation", data=ITEMS)
    case = walk(case, (leader, "approve_preservation", {}))
    with pytest.raises(TransitionBlocked, match="已有先行登记保存尚未处理完毕"):
        transition(actor=inspector2, case=case, action="request_preservation", data=ITEMS)
    case = walk(
        case,
        (inspector, "decide_preservation", {"preservation_decision": "release"}),
        (inspector2, "request_preservation", ITEMS),
    )
    assert case.preservation == "requested"


def test_a_leader_who_rejects_a_preservation_request_must_say_why(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    case = walk(investigating(register, inspector, lead), (inspector, "request_preservation", ITEMS))
    with pytest.raises(TransitionBlocked, match="须填写理由"):
        transition(actor=leader, case=case, action="reject_preservation")
    assert Case.objects.get(pk=case.pk).preservation == "requested"
    case = walk(case, (leader, "reject_preservation", {"reason": "证据不存在灭失风险"}))
    assert case.preservation == ""
    assert not case.periods.filter(code="evidence_preservation_decision").exists()


# --- Recusal and reassignment (行政处罚法 第四十二条、第四十三条) -----------------------------------------------------


def test_the_leader_replaces_a_recused_handler_with_another_certified_inspector_of_the_squad(
    register: RegisterCase, inspector: User, inspector2: User, lead: User, leader: User, inspector3: User
) -> None:
    """行政处罚法 第四十三条第三款: the organ's 负责人 decides the recusal."""
    case = investigating(register, inspector, lead)
    case = walk(
        case,
        (
            leader,
            "decide_recusal",
            {"recused": "handler", "replacement": "inspector3", "reason": "与用人单位有亲属关系"},
        ),
    )
    assert (case.handler_id, case.co_handler_id) == (inspector3.pk, inspector2.pk)
    assert Case.objects.get(pk=case.pk).handler == inspector3
    assert case.state == State.INVESTIGATING


@pytest.mark.parametrize(
    ("slot", "replacement", "message"),
    [
        ("handler", "outsider", "本案承办机构中没有这个在职的执法人员。"),
        ("handler", "inspector2", "接替人员不能是本案现有的办案人员。"),
        ("co_handler", "inspector", "接替人员不能是本案现有的办案人员。"),
        ("handler", "lead", "办案人员须为持有行政执法证的监察员"),
    ],
)
def test_a_recused_officer_is_replaced_only_by_a_certified_inspector_of_the_unit_not_yet_on_the_case(
    register: RegisterCase,
    inspector: User,
    inspector2: User,
    lead: User,
    leader: User,
    request: pytest.FixtureRequest,
    slot: str,
    replacement: str,
    message: str,
) -> None:
    request.getfixturevalue(replacement)
    case = investigating(register, inspector, lead)
    before = Entry.objects.count()
    with pytest.raises(TransitionBlocked) as blocked:
        transition(
            actor=leader,
            case=case,
            action="decide_recusal",
            data={"recused": slot, "replacement": replacement},
            reason="当事人申请回避",
        )
    assert message in blocked.value.reasons[0]
    assert Entry.objects.count() == before
    case.refresh_from_db()
    assert (case.handler_id, case.co_handler_id) == (inspector.pk, inspector2.pk)


def test_neither_an_inspector_nor_a_director_without_delegation_decides_a_recusal(
    register: RegisterCase, inspector: User, inspector2: User, lead: User, director: User, inspector3: User
) -> None:
    """行政处罚法 第四十三条第三款: the organ's 负责人 decides."""
    case = investigating(register, inspector, lead)
    for actor in (inspector2, director):
        with pytest.raises(TransitionRefused):
            transition(
                actor=actor,
                case=case,
                action="decide_recusal",
                data={"recused": "handler", "replacement": "inspector3"},
                reason="回避",
            )
    assert Case.objects.get(pk=case.pk).handler_id == inspector.pk


def test_a_lead_reassigns_a_case_only_to_two_different_certified_inspectors(
    register: RegisterCase, inspector: User, inspector2: User, lead: User, inspector3: User
) -> None:
    case = investigating(register, inspector, lead)
    with pytest.raises(TransitionBlocked, match="两名不同的执法人员"):
        transition(
            actor=lead,
            case=case,
            action="reassign",
            data={"handler": "inspector3", "co_handler": "inspector3"},
            reason="工作调整",
        )
    with pytest.raises(TransitionBlocked, match="持有行政执法证的监察员"):
        transition(
            actor=lead,
            case=case,
            action="reassign",
            data={"handler": "inspector3", "co_handler": "lead"},
            reason="调整",
        )
    with pytest.raises(TransitionBlocked, match="须填写理由"):
        transition(actor=lead, case=case, action="reassign", data={"handler": "inspector3", "co_handler": "inspector"})
    case.refresh_from_db()
    assert (case.handler_id, case.co_handler_id) == (inspector.pk, inspector2.pk)

    case = walk(case, (lead, "reassign", {"handler": "inspector3", "co_handler": "inspector", "reason": "工作调整"}))
    assert (case.handler_id, case.co_handler_id) == (inspector3.pk, inspector.pk)


# --- Suspension (广东省劳动保障监察条例 第四十五条) -------------------------------------------------------------------


def test_suspending_a_complaint_case_gives_three_working_days_to_notify_the_complainant(
    register: RegisterCase, inspector: User, inspector2: User, lead: User, leader: User
) -> None:
    case = walk(investigating(register, inspector, lead), (leader, "suspend", {"reason": "等待仲裁结果"}))
    notice = latest(case, "suspension_notice_to_complainant")
    # Approved Monday 03-09: 10, 11, 12.
    assert (notice.started_on, notice.due_on, notice.state) == (
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 12),
        PeriodState.RUNNING,
    )
    with on(dt.date(2026, 3, 12)):
        case = walk(case, (inspector2, "notify_suspension", {}))
    notice.refresh_from_db()
    assert (notice.state, notice.met_on) == (PeriodState.MET, dt.date(2026, 3, 12))
    with pytest.raises(TransitionBlocked, match="没有待书面告知投诉人的中止决定"):
        transition(actor=inspector, case=case, action="notify_suspension")


def test_an_own_discovery_case_has_no_complainant_to_notify_of_a_suspension(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    case = register(source=Source.PATROL, complainant_name="", complainant_phone="")
    assert case.state == State.FILING_REVIEW
    case = walk(case, (lead, "approve_filing", {}), (leader, "suspend", {"reason": "等待司法鉴定结果"}))
    assert case.suspended
    assert latest(case, "investigation").state == PeriodState.SUSPENDED
    assert not case.periods.filter(code="suspension_notice_to_complainant").exists()
    with pytest.raises(TransitionBlocked, match="没有待书面告知投诉人的中止决定"):
        transition(actor=inspector, case=case, action="notify_suspension")


# --- Field validation: a wrong value names its field and writes nothing -----------------------------------------------


def _propose(fine: str, **overrides: str) -> dict[str, str]:
    return proposal("penalty", LEDGER, fine, proposal="未建立职工名册和工资台账。", **overrides)


@pytest.mark.parametrize(
    ("data", "field", "label"),
    [
        pytest.param(_propose("12.345"), "proposed_fine", "拟罚款金额（元）", id="fine-with-three-decimals"),
        pytest.param(_propose("-1"), "proposed_fine", "拟罚款金额（元）", id="negative-fine"),
        pytest.param(_propose("abc"), "proposed_fine", "拟罚款金额（元）", id="fine-not-a-number"),
        pytest.param(_propose("5000", proposed_outcome="fine"), "proposed_outcome", "拟处理意见", id="unknown-outcome"),
        pytest.param(
            _propose("5000", violation_code="no_such_violation"), "violation_code", "违法行为", id="unknown-violation"
        ),
    ],
)
def test_a_proposal_with_a_malformed_value_is_blocked_naming_the_field_and_writes_nothing(
    register: RegisterCase, inspector: User, lead: User, data: dict[str, str], field: str, label: str
) -> None:
    case = investigating(register, inspector, lead)
    entries, version = Entry.objects.count(), case.version
    with pytest.raises(TransitionBlocked) as blocked:
        transition(actor=inspector, case=case, action="propose", data=data)
    assert list(blocked.value.fields) == [field]
    assert Entry.objects.count() == entries
    case.refresh_from_db()
    assert (case.state, case.version, case.proposed_outcome, case.proposed_fine) == (
        State.INVESTIGATING,
        version,
        "",
        None,
    )
    # What the case page and the API show as the refusal says which field is wrong.
    assert label in blocked.value.message


@pytest.mark.parametrize(
    ("comply_by", "problem"),
    [
        ("2026-02-30", "没有这一天"),
        ("2026/03/31", "年-月-日"),
        ("31-03-2026", "年-月-日"),
        ("2026-03-09", "应晚于今天"),
    ],
)
def test_a_decision_with_a_bad_deadline_date_is_blocked_naming_the_field_and_writes_nothing(
    register: RegisterCase, inspector: User, lead: User, leader: User, comply_by: str, problem: str
) -> None:
    case = walk(
        investigating(register, inspector, lead),
        (inspector, "propose", proposal("rectification", LEDGER, proposal="责令改正")),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
    )
    entries = Entry.objects.count()
    with pytest.raises(TransitionBlocked) as blocked:
        transition(actor=leader, case=case, action="decide", data={"comply_by": comply_by})
    assert set(blocked.value.fields) == {"comply_by"}
    assert problem in blocked.value.fields["comply_by"]
    assert "履行（改正）期限" in blocked.value.message
    assert Entry.objects.count() == entries
    case.refresh_from_db()
    assert (case.state, case.decided_on, case.comply_by) == (State.DECISION, None, None)
