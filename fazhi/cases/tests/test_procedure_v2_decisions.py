"""Procedure v2, the decisions: a penalty is a list of measures with the order to correct, a fine that the article
allows only after an unmet order, 责令加付赔偿金 as a decision of its own, who decides (the organ's 负责人, or a named
person under a written delegation), and no heavier penalty because the party defended itself."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from fazhi.accounts.models import Unit, User
from fazhi.cases.actions import TransitionBlocked, TransitionRefused, transition
from fazhi.cases.delegations import DelegationError, grant_delegation
from fazhi.cases.models import Case, Decision
from fazhi.cases.states import State
from fazhi.cases.tests.conftest import WAGES, RegisterCase, on, proposal, served_notice, waived, walk
from fazhi.journal.models import Entry
from fazhi.rules.measures import MeasureKind

pytestmark = pytest.mark.django_db

# 劳动保障监察条例 第二十五条: 警告; 责令限期改正; 可以罚款 (100–500 yuan per worker).
OVERTIME = "lbjc25_overtime_excess"
# 劳动合同法 第八十条: 责令改正; 警告 — a warning is the only penalty.
RULES = "ldht80_illegal_rules"
# 保障农民工工资支付条例 第五十四条第（二）项: 责令限期改正; 逾期不改正的 … 罚款 (20,000–50,000).
NO_LEDGER_SITE = "nmg54_2_no_ledger_payslip"


def decided(case: Case, inspector: User, lead: User, leader: User, data: dict[str, Any], **decide: Any) -> Case:
    """Propose `data`, approve it to the notice (no legal review for a warning or a small fine), serve the notice,
    take the written waiver and decide."""
    steps: list[tuple[User, str, dict[str, Any]]] = [
        (inspector, "propose", data),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", decide),
    ]
    return walk(case, *steps)


@pytest.fixture
def no_legal_review(settings: Any) -> None:
    settings.FAZHI_LEGAL_REVIEW_OUTCOMES = []


def unit_of(user: User) -> Unit:
    assert user.unit is not None
    return user.unit


def kinds(decision: Decision) -> list[str]:
    return [m["kind"] for m in decision.measures]


def test_the_leader_decides_a_warning_and_a_fine_with_the_order_to_correct(
    register: RegisterCase, inspector: User, lead: User, leader: User, no_legal_review: None
) -> None:
    """劳动保障监察条例 第二十五条 (警告 and a fine); 行政处罚法 第二十八条第一款 (the order to correct goes with
    it)."""
    data = proposal("penalty", OVERTIME, "1000.00", warning=True, workers=3)
    case = decided(walk(register(), (lead, "accept", {})), inspector, lead, leader, data, comply_by="2026-03-31")
    decision = case.decision
    assert decision is not None
    assert kinds(decision) == [MeasureKind.ORDER_CORRECTION, MeasureKind.WARNING, MeasureKind.FINE]
    assert (decision.measures[0]["detail"], decision.comply_by) == ("", dt.date(2026, 3, 31))
    assert (decision.fine_amount, case.fine_amount, decision.sequence) == (Decimal("1000.00"), Decimal("1000.00"), 1)
    assert decision.facts_found == data["findings"]


def test_a_warning_alone_can_be_decided_where_the_article_gives_only_a_warning(
    register: RegisterCase, inspector: User, lead: User, leader: User, no_legal_review: None
) -> None:
    """劳动合同法 第八十条 "由劳动行政部门责令改正，给予警告": a penalty with no fine (行政处罚法 第九条第（一）项)."""
    data = proposal("penalty", RULES, None, warning=True)
    case = decided(walk(register(), (lead, "accept", {})), inspector, lead, leader, data)
    assert case.decision is not None
    assert kinds(case.decision) == [MeasureKind.ORDER_CORRECTION, MeasureKind.WARNING]
    assert case.fine_amount is None
    assert case.state == State.SERVICE


def test_a_penalty_the_article_does_not_provide_is_refused(register: RegisterCase, inspector: User, lead: User) -> None:
    """行政处罚法 第四条: a penalty only as the law provides; 劳动合同法 第八十条 gives no fine and no licence to
    revoke."""
    case = walk(register(), (lead, "accept", {}))
    with pytest.raises(TransitionBlocked, match="劳动合同法 第八十条未规定罚款"):
        transition(actor=inspector, case=case, action="propose", data=proposal("penalty", RULES, "2000.00"))
    with pytest.raises(TransitionBlocked, match="请至少选择一种处罚"):
        transition(actor=inspector, case=case, action="propose", data=proposal("penalty", RULES, None))


def test_the_decision_cannot_add_a_penalty_the_party_was_not_told_of(
    register: RegisterCase, inspector: User, lead: User, leader: User, no_legal_review: None
) -> None:
    """行政处罚法 第四十四条、第六十二条: the party is told of the penalty before it is decided (here a warning alone,
    劳动保障监察条例 第二十五条 "可以并处" a fine)."""
    data = proposal("penalty", OVERTIME, None, warning=True)
    case = walk(
        register(),
        (lead, "accept", {}),
        (inspector, "propose", data),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
    )
    with pytest.raises(TransitionBlocked, match="决定的罚款未告知当事人"):
        transition(actor=leader, case=case, action="decide", data={"warning": True, "fine_amount": "1000.00"})


def test_a_director_without_a_written_delegation_cannot_decide_and_a_delegated_one_can(
    register: RegisterCase, inspector: User, lead: User, leader: User, director: User, no_legal_review: None
) -> None:
    """行政处罚法 第五十七条: the organ's 负责人 decides; a 处长 only under a written, dated delegation to that
    person."""
    data = proposal("penalty", OVERTIME, "1000.00", warning=True, workers=3)
    case = walk(
        register(),
        (lead, "accept", {}),
        (inspector, "propose", data),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
    )
    with pytest.raises(TransitionRefused):
        transition(actor=director, case=case, action="decide")
    grant_delegation(
        actor=leader,
        delegate=director,
        unit=unit_of(leader),
        actions=["decide"],
        document="福人社授〔2026〕1号",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    case = walk(case, (director, "decide", {}))
    assert case.decision is not None
    assert case.decision.decided_by == director
    entry = Entry.objects.filter(action="cases.decide").exclude(outcome="refused").get()
    assert entry.actor_role == "delegate"


def test_a_delegation_is_given_by_a_leader_in_writing_and_never_to_the_leaders_own_steps_wholesale(
    leader: User, director: User, lead: User
) -> None:
    """A written delegation names the person, the steps, the document and its dates (行政处罚法 第五十七条 gives the
    decision to the 负责人)."""
    with pytest.raises(DelegationError):
        grant_delegation(
            actor=lead,
            delegate=director,
            unit=unit_of(leader),
            actions=["decide"],
            document="福人社授〔2026〕1号",
            starts_on=dt.date(2026, 3, 1),
            ends_on=dt.date(2026, 12, 31),
        )
    with pytest.raises(DelegationError, match="授权书"):
        grant_delegation(
            actor=leader,
            delegate=director,
            unit=unit_of(leader),
            actions=["decide"],
            document=" ",
            starts_on=dt.date(2026, 3, 1),
            ends_on=dt.date(2026, 12, 31),
        )


def test_a_fine_for_an_article_that_fines_only_after_an_unmet_order_needs_that_order_first(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    """保障农民工工资支付条例 第五十四条: "责令限期改正；逾期不改正的…处2万元以上5万元以下的罚款"."""
    case = walk(register(), (lead, "accept", {}))
    data = proposal("penalty", NO_LEDGER_SITE, "20000.00")
    with pytest.raises(TransitionBlocked, match="逾期不改正的才处以罚款"):
        transition(actor=inspector, case=case, action="propose", data=data)
    late = {**data, "prior_order": "福人社监责改〔2026〕3号", "prior_order_due_on": "2026-03-20"}
    with pytest.raises(TransitionBlocked, match="尚未届满"):
        transition(actor=inspector, case=case, action="propose", data=late)
    case = walk(case, (inspector, "propose", {**late, "prior_order_due_on": "2026-03-06"}))
    assert (case.state, case.prior_order) == (State.PROPOSAL_REVIEW, "福人社监责改〔2026〕3号")


def test_an_order_to_correct_not_met_is_followed_by_a_penalty_in_the_same_case(
    register: RegisterCase, inspector: User, lead: User, leader: User, legal: User, no_legal_review: None
) -> None:
    """保障农民工工资支付条例 第五十四条 (逾期不改正的 fine); 劳动保障监察条例 第十八条第一款第（二）项 (the order
    and its
    verification); the penalty is the case's second decision."""
    case = decided(
        walk(register(), (lead, "accept", {})),
        inspector,
        lead,
        leader,
        proposal("rectification", NO_LEDGER_SITE),
        comply_by="2026-03-20",
    )
    case = walk(case, (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}))
    assert case.state == State.PERFORMANCE
    follow_up = proposal("penalty", NO_LEDGER_SITE, "20000.00", findings="经复查，该单位逾期仍未建立工资台账。")
    with pytest.raises(TransitionBlocked, match="届满后仍未改正"):
        transition(actor=inspector, case=case, action="propose_follow_up", data=follow_up)
    with on(dt.date(2026, 3, 23)):
        case = walk(case, (inspector, "verify_correction", {"corrected": False, "reason": "现场复查仍无台账"}))
        assert case.corrected is False
        case = walk(
            case,
            (inspector, "propose_follow_up", follow_up),
            (lead, "approve_proposal_to_notice", {}),
            served_notice(inspector, served_on="2026-03-23"),
            waived(inspector),
            (leader, "decide", {}),
        )
    decisions = list(case.decisions.order_by("sequence").values_list("sequence", "outcome"))
    assert decisions == [(1, "rectification"), (2, "penalty")]
    assert case.decision is not None
    assert case.decision.fine_amount == Decimal("20000.00")


def test_additional_compensation_is_a_decision_of_its_own_on_what_was_unpaid_at_the_deadline(
    register: RegisterCase, inspector: User, lead: User, leader: User, no_legal_review: None
) -> None:
    """劳动保障监察条例 第二十六条, 劳动合同法 第八十五条 ("按应付金额百分之五十以上百分之一百以下的标准"): heard first
    (第十九条), decided, served; a payment after the deadline does not shrink the base."""
    case = decided(
        walk(register(), (lead, "accept", {})),
        inspector,
        lead,
        leader,
        proposal("handling_decision", WAGES),
        comply_by="2026-03-16",
    )
    case = walk(case, (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}))
    wang = case.worker_lines.get(name="王小明")
    compensation = proposal("additional_compensation", WAGES, rate="0.5", findings="逾期未支付工资。")
    with pytest.raises(TransitionBlocked, match="届满后"):
        transition(actor=inspector, case=case, action="propose_follow_up", data=compensation)
    with on(dt.date(2026, 3, 18)):
        # 2,000 of 王小明's 12,000 paid two days late: the base stays 12,000 (what was unpaid at the deadline).
        case = walk(
            case,
            (inspector, "record_wage_payment", {"worker": str(wang.pk), "amount": "2000", "paid_on": "2026-03-17"}),
        )
        with pytest.raises(TransitionBlocked, match="50% 至 100%"):
            transition(actor=inspector, case=case, action="propose_follow_up", data={**compensation, "rate": "1.5"})
        case = walk(
            case,
            (inspector, "propose_follow_up", compensation),
            (lead, "approve_proposal_to_notice", {}),
            served_notice(inspector, served_on="2026-03-18"),
        )
        assert case.periods.filter(code="defence_statement").exists()  # heard before the decision (第十九条)
        case = walk(case, waived(inspector), (leader, "decide", {"comply_by": "2026-03-31"}))
    assert case.decision is not None
    assert (case.decision.sequence, case.decision.outcome) == (2, "additional_compensation")
    wang.refresh_from_db()
    assert wang.additional_compensation == Decimal("6000.00")
    assert case.state == State.SERVICE


def test_a_heavier_proposal_after_the_employers_defence_needs_new_facts(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """行政处罚法 第四十五条第二款 "行政机关不得因当事人陈述、申辩而给予更重的处罚"."""
    case = walk(
        register(),
        (lead, "accept", {}),
        (inspector, "propose", proposal(fine="10000.00")),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        served_notice(inspector),
        (inspector, "record_defence", {"received_on": "2026-03-09", "defence": "单位称已补建台账。"}),
        waived(inspector),
        (leader, "send_back_decision", {"reason": "补充调查"}),
    )
    heavier = proposal(fine="15000.00")
    with pytest.raises(TransitionBlocked, match="新的事实和证据"):
        transition(actor=inspector, case=case, action="propose", data=heavier)
    case = walk(case, (inspector, "propose", {**heavier, "new_facts": "补充调查发现另有两处工地未建台账。"}))
    assert case.proposed_fine == Decimal("15000.00")
