"""From the proposal to the decision, walked by the personas: the hearing (行政处罚法 第六十三条至第六十五条), the
defence (第四十五条), collective discussion (第五十七条), legal review and its configured thresholds (第五十八条), the
decision itself and the repeat-offender flag (广东省劳动保障监察条例 第五十三条).

Statutory dates were counted by hand on the 2026 calendar and checked with `manage.py due_date`."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal
from typing import Any

import pytest

from fazhi.accounts.models import Role, User
from fazhi.accounts.testing import make_user
from fazhi.cases.actions import TransitionBlocked, TransitionRefused, transition
from fazhi.cases.models import Case, Decision, PeriodState
from fazhi.cases.queries import step_options
from fazhi.cases.tests.conftest import LEDGER, WAGES, RegisterCase, latest, on, served_notice, waived, walk
from fazhi.cases.tests.conftest import proposal as complete_proposal
from fazhi.cases.workflow import State
from fazhi.journal.models import Entry
from fazhi.rules.identifiers import make_credit_code

pytestmark = pytest.mark.django_db

# Violations with a fine (fazhi/rules/data/penalty_items.csv):
NO_PAYSLIP = "gdgz54_5_no_payslip"  # 广东省工资支付条例 第五十四条: 5,000–10,000 yuan
NO_WAGE_ACCOUNT = "nmg55_1_no_wage_account"  # 保障农民工工资支付条例 第五十五条: 50,000–100,000 yuan
# Fined without an order first: 广东省劳动保障监察条例 第五十一条第二款 (10,000–50,000), 禁止使用童工规定 第八条
# (10,000).
SUMMONS_IGNORED = "gdjc51_2_rep_ignores_summons"
HIRING_RECORDS = "tg8_hiring_records"


def investigating(register: RegisterCase, inspector: User, lead: User, **overrides: Any) -> Case:
    """A complaint the lead accepted, and so filed (广东省劳动保障监察条例 第三十六条第一款)."""
    return walk(register(**overrides), (lead, "accept", {}))


def proposal(
    outcome: str, violation: str = "", fine: str = "", *, major: bool = False, occurred_on: str = ""
) -> dict[str, Any]:
    """A proposal with the facts found and the day the violation occurred (行政处罚法 第三十六条、第四十四条)."""
    data = complete_proposal(outcome, violation, fine or None, proposal="经调查，违法事实清楚。")
    if major:
        data["major_case"] = True
    if occurred_on:
        data["occurred_on"] = occurred_on
    return data


def noticed_penalty(
    register: RegisterCase, inspector: User, lead: User, legal: User, fine: str = "20000.00", **overrides: Any
) -> Case:
    """A penalty proposal that passed legal review on Monday 03-09, its notice received by the party the same day:
    the party has been notified of `fine`."""
    return walk(
        investigating(register, inspector, lead, **overrides),
        (inspector, "propose", proposal("penalty", LEDGER, fine)),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        served_notice(inspector, "2026-03-09"),
    )


# The party's request for a hearing, received on the known day (行政处罚法 第六十四条第一款第（一）项).
REQUESTED = {"received_on": "2026-03-09"}


def actions_offered(user: User, case: Case) -> set[str]:
    return {option.step.action for option in step_options(user, case, dt.date.today())}


# --- Hearing (行政处罚法 第六十三条、第六十四条) ----------------------------------------------------------------------


def test_the_employer_may_ask_for_a_hearing_on_the_fifth_working_day_after_the_notice(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    """行政处罚法 第六十四条第一款第（一）项: 5 working days from the day the party received the notice."""
    case = noticed_penalty(register, inspector, lead, legal)
    request = latest(case, "hearing_request")
    # Received Monday 03-09: 10, 11, 12, 13, 16.
    assert (request.started_on, request.due_on) == (dt.date(2026, 3, 9), dt.date(2026, 3, 16))
    with on(dt.date(2026, 3, 16)):
        case = walk(case, (inspector, "request_hearing", {"received_on": "2026-03-16"}))
    assert case.state == State.HEARING
    request.refresh_from_db()
    assert (request.state, request.met_on) == (PeriodState.MET, dt.date(2026, 3, 16))


def test_a_hearing_request_received_in_time_and_entered_later_is_in_time(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    """行政处罚法 第六十四条第一款第（一）项: the day the request reached the bureau counts, not the day it is entered;
    the period is met on that day."""
    case = noticed_penalty(register, inspector, lead, legal)
    with on(dt.date(2026, 3, 18)):
        case = walk(case, (inspector, "request_hearing", {"received_on": "2026-03-16"}))
    assert case.state == State.HEARING
    assert latest(case, "hearing_request").met_on == dt.date(2026, 3, 16)


def test_a_hearing_asked_for_on_the_sixth_working_day_is_too_late(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    case = noticed_penalty(register, inspector, lead, legal)
    with (
        on(dt.date(2026, 3, 17)),
        pytest.raises(TransitionBlocked, match="听证申请于 2026-03-17 收到，申请期限已于 2026-03-16 届满"),
    ):
        transition(actor=inspector, case=case, action="request_hearing", data={"received_on": "2026-03-17"})
    assert Case.objects.get(pk=case.pk).state == State.NOTICE


def test_a_hearing_period_runs_from_the_day_the_notice_was_received_not_approved(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    """行政处罚法 第六十四条第一款第（一）项 (“告知后五日内”): approved on Monday 03-09 and received on Wednesday
    03-11, the notice leaves the party until Wednesday 03-18 (12, 13, 16, 17, 18)."""
    case = walk(
        investigating(register, inspector, lead),
        (inspector, "propose", proposal("penalty", LEDGER, "20000.00")),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
    )
    with on(dt.date(2026, 3, 11)):
        case = walk(case, served_notice(inspector, "2026-03-11"))
    request = latest(case, "hearing_request")
    assert (request.started_on, request.due_on) == (dt.date(2026, 3, 11), dt.date(2026, 3, 18))


def test_no_hearing_is_offered_when_the_proposal_is_not_a_penalty(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    """行政处罚法 第六十三条: the hearing is for penalties; for a 行政处理 the party states its defence within 5
    working days of receiving the notice (劳动保障监察条例 第十九条)."""
    case = walk(
        investigating(register, inspector, lead),
        (inspector, "propose", proposal("rectification", WAGES)),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector, "2026-03-09"),
    )
    assert latest(case, "defence_statement").state == PeriodState.RUNNING
    assert not case.periods.filter(code="hearing_request").exists()
    with pytest.raises(TransitionBlocked, match="不适用听证程序"):
        transition(actor=inspector, case=case, action="request_hearing", data={"received_on": "2026-03-09"})
    assert Case.objects.get(pk=case.pk).state == State.NOTICE


def test_the_hearing_notice_must_reach_the_employer_seven_working_days_before_the_hearing(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    case = walk(noticed_penalty(register, inspector, lead, legal), (inspector, "request_hearing", REQUESTED))
    # Notice given Monday 03-09. A hearing on Tuesday 03-17 needed notice by Friday 03-06 (16, 13, 12, 11, 10, 09, 06).
    with pytest.raises(TransitionBlocked, match="2026-03-17 举行的听证，通知最迟应于 2026-03-06 送达"):
        transition(
            actor=inspector,
            case=case,
            action="schedule_hearing",
            data={"hearing_on": "2026-03-17", "hearing_presider": "lead"},
        )
    assert Case.objects.get(pk=case.pk).hearing_on is None
    # Wednesday 03-18 is the first day far enough ahead: 17, 16, 13, 12, 11, 10, 09.
    case = walk(case, (inspector, "schedule_hearing", {"hearing_on": "2026-03-18", "hearing_presider": "lead"}))
    assert (case.hearing_on, case.hearing_presider, case.hearing_notified_on) == (
        dt.date(2026, 3, 18),
        lead,
        dt.date(2026, 3, 9),
    )


@pytest.mark.parametrize(
    ("presider", "message"),
    [
        ("inspector2", "听证由非本案调查人员主持"),
        ("inspector", "听证由非本案调查人员主持"),
        ("outsider", "本机关中没有这个在职的工作人员"),
    ],
)
def test_the_hearing_is_not_presided_by_an_investigator_of_the_case_nor_by_another_district(
    register: RegisterCase,
    inspector: User,
    lead: User,
    legal: User,
    request: pytest.FixtureRequest,
    presider: str,
    message: str,
) -> None:
    request.getfixturevalue(presider)
    case = walk(noticed_penalty(register, inspector, lead, legal), (inspector, "request_hearing", REQUESTED))
    with pytest.raises(TransitionBlocked, match=message):
        transition(
            actor=inspector,
            case=case,
            action="schedule_hearing",
            data={"hearing_on": "2026-03-20", "hearing_presider": presider},
        )
    assert Case.objects.get(pk=case.pk).hearing_presider is None


def test_after_the_hearing_the_case_goes_back_to_legal_review_and_from_there_to_the_decision(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    case = walk(
        noticed_penalty(register, inspector, lead, legal),
        (inspector, "request_hearing", REQUESTED),
        (inspector, "schedule_hearing", {"hearing_on": "2026-03-18", "hearing_presider": "lead"}),
    )
    with on(dt.date(2026, 3, 17)), pytest.raises(TransitionBlocked, match="听证定于 2026-03-18 举行，尚未举行"):
        transition(actor=inspector, case=case, action="finish_hearing", data={"hearing_record": "当事人到场申辩"})
    with on(dt.date(2026, 3, 18)):
        case = walk(case, (inspector, "finish_hearing", {"hearing_record": "当事人到场申辩，质证完毕"}))
        assert (case.state, case.hearing_held_on) == (State.LEGAL_REVIEW, dt.date(2026, 3, 18))
        offered = actions_offered(legal, case)
        assert "pass_legal_review_after_hearing" in offered
        assert "pass_legal_review" not in offered
        with pytest.raises(TransitionBlocked, match="已举行听证"):
            transition(actor=legal, case=case, action="pass_legal_review")
        case = walk(case, (legal, "pass_legal_review_after_hearing", {}))
        assert (case.state, case.legal_review_passed_on) == (State.DECISION, dt.date(2026, 3, 18))
        case = walk(case, (leader, "decide", {"fine_amount": "20000.00"}))
    assert case.state == State.SERVICE


def test_without_a_hearing_legal_review_is_not_the_after_hearing_kind(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    case = walk(
        investigating(register, inspector, lead),
        (inspector, "propose", proposal("penalty", LEDGER, "20000.00")),
        (lead, "approve_proposal", {}),
    )
    offered = actions_offered(legal, case)
    assert "pass_legal_review" in offered
    assert "pass_legal_review_after_hearing" not in offered
    with pytest.raises(TransitionBlocked, match="本案未举行听证"):
        transition(actor=legal, case=case, action="pass_legal_review_after_hearing")


# --- Defence (行政处罚法 第四十五条) ----------------------------------------------------------------------------------

DEFENCE_RECEIVED = "2026-03-09"


def test_after_the_employers_defence_the_leader_cannot_raise_the_fine_above_the_notified_one(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    case = walk(
        noticed_penalty(register, inspector, lead, legal, fine="20000.00"),
        (
            inspector,
            "record_defence",
            {"received_on": DEFENCE_RECEIVED, "defence": "单位称台账已补建，请求从轻。复核：理由不成立。"},
        ),
        waived(inspector),
    )
    assert (case.defence_stated, case.notified_fine) == (True, Decimal("20000.00"))
    with pytest.raises(TransitionBlocked, match=re.escape("罚款不得高于告知的 20000.00 元")):
        transition(actor=leader, case=case, action="decide", data={"fine_amount": "20000.01"})
    assert not Decision.objects.filter(case=case).exists()
    case = walk(case, (leader, "decide", {"fine_amount": "20000.00"}))
    assert case.fine_amount == Decimal("20000.00")


def test_after_the_employers_defence_a_lower_fine_may_be_decided(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    case = walk(
        noticed_penalty(register, inspector, lead, legal, fine="20000.00"),
        (inspector, "record_defence", {"received_on": DEFENCE_RECEIVED, "defence": "单位已补建台账。复核：部分采纳。"}),
        waived(inspector),
        (leader, "decide", {"fine_amount": "8000.00"}),
    )
    assert Decision.objects.get(case=case).fine_amount == Decimal("8000.00")


def test_a_defence_is_recorded_only_once_the_notice_was_served(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    """行政处罚法 第四十四条: the party defends against a notice it received; the day the defence arrived is on file,
    never before the notice's service."""
    case = walk(
        investigating(register, inspector, lead),
        (inspector, "propose", proposal("penalty", LEDGER, "20000.00")),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
    )
    data = {"received_on": "2026-03-09", "defence": "单位称台账已补建。"}
    with pytest.raises(TransitionBlocked, match="告知书尚未送达"):
        transition(actor=inspector, case=case, action="record_defence", data=data)
    with on(dt.date(2026, 3, 11)):
        case = walk(case, served_notice(inspector, "2026-03-10"))
        with pytest.raises(TransitionBlocked, match="收到日期不能早于告知书送达日期 2026-03-10"):
            transition(actor=inspector, case=case, action="record_defence", data=data)
        case = walk(case, (inspector, "record_defence", {**data, "received_on": "2026-03-11"}))
    assert case.defence_stated


def test_after_a_hearing_the_leader_cannot_raise_the_fine_above_the_notified_one(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    # At the hearing the party states its defence (第六十四条第一款第（七）项 申辩和质证), so 第四十五条第二款 holds:
    # no heavier penalty because of it; and a fine never notified was never open to defence (第四十四条、第六十二条).
    case = walk(
        noticed_penalty(register, inspector, lead, legal, fine="20000.00"),
        (inspector, "request_hearing", REQUESTED),
        (inspector, "schedule_hearing", {"hearing_on": "2026-03-18", "hearing_presider": "lead"}),
    )
    with on(dt.date(2026, 3, 18)):
        case = walk(
            case,
            (inspector, "finish_hearing", {"hearing_record": "当事人申辩：已补建台账"}),
            (legal, "pass_legal_review_after_hearing", {}),
        )
        with pytest.raises(TransitionBlocked, match=re.escape("20000.00")):
            transition(actor=leader, case=case, action="decide", data={"fine_amount": "30000.00"})
    assert not Decision.objects.filter(case=case).exists()


def test_the_leader_cannot_decide_a_penalty_on_a_case_whose_employer_was_notified_of_a_rectification(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    # 行政处罚法 第四十四条、第六十二条: no penalty decision without notifying the penalty proposed (and the hearing
    # right, 第六十三条); 第五十八条 with the default FAZHI_LEGAL_REVIEW_OUTCOMES=["penalty"]: no penalty unreviewed.
    case = walk(
        investigating(register, inspector, lead),
        (inspector, "propose", proposal("rectification", LEDGER)),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
    )
    assert (case.legal_review_passed_on, case.notified_fine) == (None, None)
    with pytest.raises(TransitionBlocked, match="当事人未被告知拟作出的行政处罚"):
        transition(
            actor=leader, case=case, action="decide", data={"decision_outcome": "penalty", "fine_amount": "20000.00"}
        )
    assert not Decision.objects.filter(case=case).exists()


# --- Collective discussion (行政处罚法 第五十七条第二款) and legal review (第五十八条) --------------------------------


def test_a_major_case_needs_legal_review_and_the_leaders_collective_discussion_even_for_a_rectification(
    register: RegisterCase, inspector: User, lead: User, legal: User, director: User, leader: User
) -> None:
    """行政处罚法 第五十七条第二款: the organ's 负责人 (the leader, not a 处长) discuss a major case collectively."""
    case = walk(
        investigating(register, inspector, lead), (inspector, "propose", proposal("rectification", WAGES, major=True))
    )
    with pytest.raises(TransitionBlocked, match="须先经法制审核"):
        transition(actor=lead, case=case, action="approve_proposal_to_notice")
    case = walk(
        case,
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        served_notice(inspector),
        waived(inspector),
    )
    with pytest.raises(TransitionBlocked, match="须经负责人集体讨论决定"):
        transition(actor=leader, case=case, action="decide", data={"comply_by": "2026-03-31"})
    for not_a_leader in (inspector, director):
        with pytest.raises(TransitionRefused):
            transition(
                actor=not_a_leader, case=case, action="record_collective_discussion", data={"discussion": "讨论"}
            )
    case = walk(
        case,
        (leader, "record_collective_discussion", {"discussion": "局长、副局长三人参加，一致同意责令限期改正"}),
        (leader, "decide", {"comply_by": "2026-03-31"}),
    )
    assert (case.state, case.collective_discussion_on, case.comply_by) == (
        State.SERVICE,
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 31),
    )


def test_an_ordinary_rectification_needs_neither_legal_review_nor_collective_discussion(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    case = walk(investigating(register, inspector, lead), (inspector, "propose", proposal("rectification", WAGES)))
    with pytest.raises(TransitionBlocked, match="无需法制审核"):
        transition(actor=lead, case=case, action="approve_proposal")
    case = walk(
        case,
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", {"comply_by": "2026-03-31"}),
    )
    assert (case.state, case.collective_discussion_on, case.legal_review_passed_on) == (State.SERVICE, None, None)


def test_when_the_bureau_lists_no_outcome_for_review_a_penalty_goes_straight_to_notice(
    settings: Any, register: RegisterCase, inspector: User, lead: User
) -> None:
    settings.FAZHI_LEGAL_REVIEW_OUTCOMES = []
    case = walk(investigating(register, inspector, lead), (inspector, "propose", proposal("penalty", LEDGER, "10000")))
    with pytest.raises(TransitionBlocked, match="无需法制审核"):
        transition(actor=lead, case=case, action="approve_proposal")
    case = walk(case, (lead, "approve_proposal_to_notice", {}), served_notice(inspector, "2026-03-09"))
    assert (case.state, case.notified_fine) == (State.NOTICE, Decimal("10000.00"))
    assert latest(case, "hearing_request").due_on == dt.date(2026, 3, 16)


@pytest.mark.parametrize(
    ("violation", "fine", "needs_review"),
    [(SUMMONS_IGNORED, "50000", True), (LEDGER, "10000", False)],
)
def test_above_a_fifty_thousand_yuan_threshold_a_proposed_fine_needs_legal_review(
    settings: Any, register: RegisterCase, inspector: User, lead: User, violation: str, fine: str, needs_review: bool
) -> None:
    settings.FAZHI_LEGAL_REVIEW_OUTCOMES = []
    settings.FAZHI_LEGAL_REVIEW_FINE_THRESHOLD = "50000"
    case = walk(investigating(register, inspector, lead), (inspector, "propose", proposal("penalty", violation, fine)))
    routes = {True: ("approve_proposal", State.LEGAL_REVIEW), False: ("approve_proposal_to_notice", State.NOTICE)}
    right, target = routes[needs_review]
    wrong, _ = routes[not needs_review]
    with pytest.raises(TransitionBlocked, match="法制审核"):
        transition(actor=lead, case=case, action=wrong)
    assert walk(case, (lead, right, {})).state == target


@pytest.mark.parametrize(("threshold", "needs_review"), [("20000", True), ("30000", False)])
def test_a_handling_decision_ordering_more_wages_than_the_threshold_needs_legal_review(
    settings: Any, register: RegisterCase, inspector: User, lead: User, threshold: str, needs_review: bool
) -> None:
    settings.FAZHI_LEGAL_REVIEW_WAGE_THRESHOLD = threshold
    case = walk(investigating(register, inspector, lead), (inspector, "propose", proposal("handling_decision", WAGES)))
    assert case.total_owed == Decimal("21500.50")
    routes = {True: ("approve_proposal", State.LEGAL_REVIEW), False: ("approve_proposal_to_notice", State.NOTICE)}
    right, target = routes[needs_review]
    wrong, _ = routes[not needs_review]
    with pytest.raises(TransitionBlocked, match="法制审核"):
        transition(actor=lead, case=case, action=wrong)
    assert walk(case, (lead, right, {})).state == target


# --- The decision -----------------------------------------------------------------------------------------------------


# --- The decision -----------------------------------------------------------------------------------------------------


def test_an_inspector_who_also_holds_the_leaders_role_cannot_decide_what_they_proposed(
    register: RegisterCase, inspector2: User, lead: User, leader: User
) -> None:
    """Separation of duties: whoever proposed the outcome does not decide it, even as the organ's 负责人."""
    assert inspector2.unit is not None
    chief = make_user("deputy.chen", "陈刚", inspector2.unit, Role.INSPECTOR, Role.LEADER, certificate="T-0100")
    case = walk(
        register(actor=chief, handler=chief, co_handler=inspector2),
        (lead, "accept", {}),
        (chief, "propose", proposal("rectification", WAGES)),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(chief),
        waived(chief),
    )
    with pytest.raises(TransitionBlocked, match="提出人不能审批或决定本案"):
        transition(actor=chief, case=case, action="decide", data={"comply_by": "2026-03-31"})
    case = walk(case, (leader, "decide", {"comply_by": "2026-03-31"}))
    assert Decision.objects.get(case=case).decided_by == leader


def test_a_director_decides_only_under_the_leaders_written_delegation(
    register: RegisterCase, inspector: User, lead: User, director: User, leader: User
) -> None:
    """行政处罚法 第五十七条: the organ's 负责人 decides; a 处长 may only under a written delegation in force."""
    from fazhi.cases.delegations import grant_delegation

    case = walk(
        investigating(register, inspector, lead),
        (inspector, "propose", proposal("rectification", WAGES)),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
    )
    with pytest.raises(TransitionRefused, match="没有办理此步骤的权限"):
        transition(actor=director, case=case, action="decide", data={"comply_by": "2026-03-31"})
    assert not Decision.objects.filter(case=case).exists()
    assert director.unit is not None
    grant_delegation(
        actor=leader,
        delegate=director,
        unit=director.unit,
        actions=["decide"],
        document="福人社授〔2026〕2号",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 3, 31),
    )
    case = walk(case, (director, "decide", {"comply_by": "2026-03-31"}))
    assert Decision.objects.get(case=case).decided_by == director


@pytest.mark.parametrize(
    ("outcome", "violation", "data", "message"),
    [
        # 行政处罚法 第九条: only the kinds of penalty the article provides (第四十九条: 罚款, no 警告).
        ("penalty", LEDGER, {"warning": True}, "广东省劳动保障监察条例 第四十九条未规定警告"),
        ("rectification", WAGES, {}, "请填写履行期限"),
        ("handling_decision", WAGES, {}, "请填写履行期限"),
        ("rectification", WAGES, {"comply_by": "2026-03-31", "fine_amount": "5000"}, "只有行政处罚才填写"),
    ],
)
def test_a_penalty_is_decided_with_lawful_measures_and_an_order_with_its_deadline(
    register: RegisterCase,
    inspector: User,
    lead: User,
    legal: User,
    leader: User,
    outcome: str,
    violation: str,
    data: dict[str, str],
    message: str,
) -> None:
    fine = "20000" if outcome == "penalty" else ""
    case = walk(investigating(register, inspector, lead), (inspector, "propose", proposal(outcome, violation, fine)))
    if outcome == "penalty":
        case = walk(case, (lead, "approve_proposal", {}), (legal, "pass_legal_review", {}))
    else:
        case = walk(case, (lead, "approve_proposal_to_notice", {}))
    case = walk(case, served_notice(inspector), waived(inspector))
    entries = Entry.objects.count()
    with pytest.raises(TransitionBlocked, match=message):
        transition(actor=leader, case=case, action="decide", data=data)
    assert Entry.objects.count() == entries
    assert not Decision.objects.filter(case=case).exists()
    assert Case.objects.get(pk=case.pk).state == State.DECISION


def test_the_leaders_penalty_decision_carries_the_fine_and_opens_service_and_filing(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """The decision records the facts found and its measures (行政处罚法 第五十九条第一款), the order to correct
    first (第二十八条第一款)."""
    case = walk(
        noticed_penalty(register, inspector, lead, legal, fine="20000.00"),
        waived(inspector),
        (leader, "decide", {"fine_amount": "18000.00"}),
    )
    decision = Decision.objects.get(case=case)
    assert (decision.outcome, decision.fine_amount, decision.decided_by, decision.decided_on) == (
        "penalty",
        Decimal("18000.00"),
        leader,
        dt.date(2026, 3, 9),
    )
    assert decision.facts_found == case.findings != ""
    assert [(m["kind"], m["amount"]) for m in decision.measures] == [
        ("order_correction", None),
        ("fine", "18000.00"),
    ]
    assert (case.state, case.decision_outcome, case.fine_amount) == (State.SERVICE, "penalty", Decimal("18000.00"))
    assert latest(case, "investigation").state == PeriodState.MET
    # Service within 7 working days (广东条例 第四十七条): 10, 11, 12, 13, 16, 17, 18.
    assert latest(case, "service").due_on == dt.date(2026, 3, 18)
    # Filing with the superior within 10 days (广东条例 第四十八条, calendar days): Thursday 03-19.
    assert latest(case, "filing_with_superior").due_on == dt.date(2026, 3, 19)


def test_a_case_transferred_to_another_organ_is_decided_and_leaves_nothing_to_perform(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    case = walk(
        investigating(register, inspector, lead),
        # (A transfer to the police is its own track since procedure v2: test_crime_transfer.py.)
        (inspector, "propose", proposal("transfer")),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", {}),
        (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}),
    )
    assert (case.state, case.decision_outcome) == (State.PERFORMANCE, "transfer")
    assert Decision.objects.get(case=case).outcome == "transfer"
    assert not case.periods.filter(code__in=["filing_with_superior", "fine_payment", "litigation_period"]).exists()
    case = walk(case, (inspector, "record_performance", {}), (lead, "approve_closing", {}))
    assert case.state == State.CLOSED


# --- Repeat offender (广东省劳动保障监察条例 第五十三条) --------------------------------------------------------------


def _penalised(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User, credit_code: str
) -> Case:
    """A first case against the employer: a penalty for `LEDGER`, decided Monday 2026-03-09."""
    return walk(
        noticed_penalty(register, inspector, lead, legal, fine="10000", employer_credit_code=credit_code),
        waived(inspector),
        (leader, "decide", {"fine_amount": "10000"}),
    )


def _second_case(
    register: RegisterCase,
    inspector: User,
    lead: User,
    legal: User,
    leader: User,
    credit_code: str,
    violation: str,
    occurred_on: str = "2026-05-20",
) -> Case:
    """On Monday 2026-06-01, within the year: a new complaint about the employer, whose violation occurred on
    `occurred_on`, proposed and decided as a penalty."""
    fine = "12000" if violation == LEDGER else "10000"
    with on(dt.date(2026, 6, 1)):
        case = walk(
            investigating(
                register, inspector, lead, received_on=dt.date(2026, 5, 28), employer_credit_code=credit_code
            ),
            # 12,000 for the ledger: above the middle of its range, as a repeat offence requires (广东条例 第五十三条).
            (inspector, "propose", proposal("penalty", violation, fine, occurred_on=occurred_on)),
        )
        flagged_at_proposal = case.repeat_offender
        case = walk(
            case,
            (lead, "approve_proposal", {}),
            (legal, "pass_legal_review", {}),
            served_notice(inspector, "2026-06-01"),
            waived(inspector),
            (leader, "decide", {"fine_amount": fine}),
        )
    assert case.repeat_offender == flagged_at_proposal
    return case


def test_the_same_employer_penalised_for_the_same_violation_within_a_year_is_flagged_a_repeat_offender(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第五十三条: the new violation occurred (05-20) within a year after the penalty decision
    (03-09)."""
    code = make_credit_code(random.Random(2026))
    first = _penalised(register, inspector, lead, legal, leader, code)
    assert (first.repeat_offender, Decision.objects.get(case=first).repeat_offender) == (False, False)
    second = _second_case(register, inspector, lead, legal, leader, code, LEDGER)
    assert second.employer_id == first.employer_id
    assert second.repeat_offender
    assert Decision.objects.get(case=second).repeat_offender


def test_a_different_violation_or_a_different_employer_is_not_a_repeat_offence(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    code = make_credit_code(random.Random(2026))
    _penalised(register, inspector, lead, legal, leader, code)
    other_violation = _second_case(register, inspector, lead, legal, leader, code, HIRING_RECORDS)
    assert not other_violation.repeat_offender
    assert not Decision.objects.get(case=other_violation).repeat_offender
    other_employer = _second_case(
        register, inspector, lead, legal, leader, make_credit_code(random.Random(2027)), LEDGER
    )
    assert not other_employer.repeat_offender


def test_a_violation_that_occurred_before_the_earlier_penalty_is_not_a_repeat_offence(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第五十三条 (“作出行政处罚决定后，在一年内又发生”): a violation that occurred (02-02)
    before the penalty decision (03-09) was not committed again after it, even when it is decided later."""
    code = make_credit_code(random.Random(2026))
    _penalised(register, inspector, lead, legal, leader, code)
    earlier = _second_case(register, inspector, lead, legal, leader, code, LEDGER, occurred_on="2026-02-02")
    assert not earlier.repeat_offender
