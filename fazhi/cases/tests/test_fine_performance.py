"""The fine's performance when the party seeks remedies or asks for time, walked by the personas: the surcharge
imposed or not (行政处罚法 第七十二条第一款 "可以"), without the days of reconsideration or litigation
(第七十三条第三款), deferral and instalments (第六十六条第二款), and the court-enforcement window as the remedies and a
deferral move it (行政诉讼法 第四十五条、第九十五条、第九十七条; 行政诉讼法解释 第一百五十三条、第一百五十六条;
行政处罚法 第七十二条第二款).

The remedies are recorded by a later app that the cases app does not import; here a fake provider stands in for it
(`remedies` fixture), and reports its facts through `remedy_facts.facts_changed` as that app does. Dates were
counted by hand on the 2026 calendar (劳动节 05-01…05-05, 国庆 10-01…10-07)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction

from fazhi.accounts.models import User
from fazhi.cases import queries, remedy_facts
from fazhi.cases.actions import TransitionBlocked, transition
from fazhi.cases.case_page import case_facts
from fazhi.cases.models import Case, Decision, FinePayment, PeriodState
from fazhi.cases.procedure.performance import surcharge_due
from fazhi.cases.remedy_facts import NO_REMEDY, RemedyFacts
from fazhi.cases.tests.conftest import RegisterCase, latest, on, proposal, served_notice, waived, walk
from fazhi.cases.workflow import State

pytestmark = pytest.mark.django_db

D = dt.date
SERVED = {"service_method": "in_person", "served_on": "2026-03-09"}  # the fine falls due on Tuesday 03-24


class FakeRemedies:
    """A provider of remedy facts by decision, as the remedies app registers one."""

    def __init__(self) -> None:
        self.facts: dict[int, RemedyFacts] = {}

    def __call__(self, decision: Decision) -> RemedyFacts:
        return self.facts.get(decision.pk, NO_REMEDY)

    def record(self, case: Case, **facts: Any) -> Case:
        """The remedies app records something and tells the case, in its own transaction."""
        decision = case.decision
        assert decision is not None
        with transaction.atomic():
            self.facts[decision.pk] = RemedyFacts(**facts)
            remedy_facts.facts_changed(decision)
        return Case.objects.get(pk=case.pk)


@pytest.fixture
def remedies(monkeypatch: pytest.MonkeyPatch) -> FakeRemedies:
    fake = FakeRemedies()
    monkeypatch.setattr(remedy_facts, "_providers", [])  # restored after the test: no provider leaks out
    remedy_facts.register_provider(fake)
    return fake


Fined = Callable[..., Case]


@pytest.fixture
def fined(register: RegisterCase, inspector: User, lead: User, legal: User, leader: User) -> Fined:
    """fined(**decision): a 20,000-yuan penalty decided by the leader on Monday 2026-03-09 and served the same day."""

    def make(**decision: str) -> Case:
        return walk(
            register(),
            (lead, "accept", {}),
            (inspector, "propose", proposal("penalty", fine="20000", proposal="未建立工资台账，拟罚款。")),
            (lead, "approve_proposal", {}),
            (legal, "pass_legal_review", {}),
            served_notice(inspector),
            waived(inspector),
            (leader, "decide", {"fine_amount": "20000", **decision}),
            (inspector, "serve", SERVED),
        )

    return make


def pay(inspector: User, case: Case, paid_on: str, amount: str) -> Case:
    with on(D.fromisoformat(paid_on)):
        return walk(case, (inspector, "record_fine_payment", {"paid_on": paid_on, "amount": amount}))


def refused_payment(inspector: User, case: Case, paid_on: str, amount: str) -> list[str]:
    with on(D.fromisoformat(paid_on)), pytest.raises(TransitionBlocked) as blocked:
        transition(
            actor=inspector, case=case, action="record_fine_payment", data={"paid_on": paid_on, "amount": amount}
        )
    return list(blocked.value.reasons)


def facts_of(case: Case, today: dt.date) -> dict[str, str]:
    return {fact.label: fact.value for fact in case_facts(case, today)}


# --- The surcharge (行政处罚法 第七十二条、第七十三条第三款) --------------------------------------------------


def test_the_surcharge_leaves_out_the_month_of_reconsideration_行政处罚法第七十三条第三款(
    fined: Fined, remedies: FakeRemedies, inspector: User
) -> None:
    """Due 03-24, paid 05-10: 47 days late, of which the reconsideration 04-01…04-30 (30 days) is not counted:
    17 × 3 % × 20,000 = 10,200 — not the 20,000 the cap would give."""
    case = remedies.record(fined(), pauses=((D(2026, 4, 1), D(2026, 4, 30)),), suit_deadline=D(2026, 5, 15))
    assert surcharge_due(case, D(2026, 5, 10)) == Decimal("10200.00")
    assert refused_payment(inspector, case, "2026-05-10", "40000") == [
        "应缴罚款 20000.00 元及加处罚款 10200.00 元（行政处罚法第七十二条；复议、诉讼期间 30 日不计，"
        "第七十三条第三款），合计 30200.00 元；登记金额 40000.00 元不符（分期缴纳须另行批准）。"
    ]
    assert "复议、诉讼期间 30 日不计" in facts_of(case, D(2026, 5, 10))["罚款缴纳"]
    case = pay(inspector, case, "2026-05-10", "30200")
    assert (case.fine_paid_on, case.fine_paid_amount, case.surcharge_paid) == (
        D(2026, 5, 10),
        Decimal("30200.00"),
        Decimal("10200.00"),
    )
    assert latest(case, "fine_payment").state == PeriodState.MET


def test_while_the_reconsideration_is_pending_no_surcharge_accrues_行政处罚法第七十三条第三款(
    fined: Fined, remedies: FakeRemedies
) -> None:
    case = remedies.record(fined(), pauses=((D(2026, 3, 20), None),), pending=True)
    assert surcharge_due(case, D(2026, 4, 30)) == Decimal("0.00")


def test_a_decision_without_surcharge_takes_the_fine_alone_however_late_行政处罚法第七十二条(
    fined: Fined, inspector: User
) -> None:
    """第七十二条第一款 "可以": the leader chose no surcharge; 34 days late the fine alone is what is owed."""
    case = fined(surcharge_imposed="no")
    assert Decision.objects.get(case=case).surcharge_imposed is False
    assert surcharge_due(case, D(2026, 4, 27)) == Decimal("0.00")
    assert facts_of(case, D(2026, 4, 27))["加处罚款"] == "决定不加处罚款（行政处罚法第七十二条第一款“可以”）"
    assert refused_payment(inspector, case, "2026-04-27", "40000") == [
        "应缴罚款 20000.00 元；登记金额 40000.00 元不符（分期缴纳须另行批准）。"
    ]
    case = pay(inspector, case, "2026-04-27", "20000")
    assert (case.fine_paid_on, case.surcharge_paid) == (D(2026, 4, 27), Decimal("0.00"))


def test_a_decision_imposes_the_surcharge_unless_the_decider_says_not(fined: Fined) -> None:
    case = fined()
    assert Decision.objects.get(case=case).surcharge_imposed is True
    assert surcharge_due(case, D(2026, 4, 3)) == Decimal("6000.00")


# --- Deferral and instalments (行政处罚法 第六十六条第二款) -----------------------------------------------------------

INSTALMENTS = "2026-03-24 5000\n2026-04-24 5000\n2026-05-25 10000"


def apply_for(inspector: User, case: Case, **data: str) -> Case:
    application = {"received_on": "2026-03-09", "plan_reasons": "受订单下滑影响，资金周转困难，申请分期缴纳。", **data}
    return walk(case, (inspector, "record_payment_application", application))


def test_instalments_approved_are_paid_one_by_one_with_the_surcharge_only_on_the_late_one_第六十六条第二款(
    fined: Fined, inspector: User, leader: User
) -> None:
    case = fined()
    with pytest.raises(TransitionBlocked, match=re.escape("各期金额合计 15000 元，应等于尚未缴纳的罚款 20000.00 元")):
        apply_for(inspector, case, plan_kind="instalments", instalments="2026-03-24 5000\n2026-04-24 10000")
    case = apply_for(inspector, case, plan_kind="instalments", instalments=INSTALMENTS)
    # Not yet approved: the whole fine is still due on 03-24.
    assert refused_payment(inspector, case, "2026-03-24", "5000")[0].startswith("应缴罚款 20000.00 元")
    case = walk(case, (leader, "approve_payment_plan", {}))
    plan = Decision.objects.get(case=case).payment_plan
    assert (plan["status"], plan["decided_by"], len(plan["schedule"])) == ("approved", leader.username, 3)
    # The payment period now runs to the last instalment.
    assert latest(case, "fine_payment").due_on == D(2026, 5, 25)

    case = pay(inspector, case, "2026-03-24", "5000")
    assert case.fine_paid_on is None
    assert latest(case, "fine_payment").state == PeriodState.RUNNING
    # The second instalment paid on Monday 04-27, three days late: 3 × 3 % × 5,000 = 450 on it alone.
    assert refused_payment(inspector, case, "2026-04-27", "5000") == [
        "本期应缴罚款 5000.00 元（2026-04-24 到期）及加处罚款 450.00 元（行政处罚法第七十二条），合计 5450.00 元；"
        "一并缴纳尚欠各期的，合计 15450.00 元；登记金额 5000.00 元不符。"
    ]
    case = pay(inspector, case, "2026-04-27", "5450")
    with pytest.raises(TransitionBlocked, match=re.escape("罚款尚未缴纳完毕：尚欠罚款 10000.00 元。")):
        transition(actor=inspector, case=case, action="record_performance")
    case = pay(inspector, case, "2026-05-25", "10000")
    assert (case.fine_paid_on, case.fine_paid_amount, case.surcharge_paid) == (
        D(2026, 5, 25),
        Decimal("20450.00"),
        Decimal("450.00"),
    )
    assert [(p.paid_on, p.fine_part, p.surcharge) for p in FinePayment.objects.order_by("paid_on")] == [
        (D(2026, 3, 24), Decimal("5000.00"), Decimal("0.00")),
        (D(2026, 4, 27), Decimal("5000.00"), Decimal("450.00")),
        (D(2026, 5, 25), Decimal("10000.00"), Decimal("0.00")),
    ]
    assert latest(case, "fine_payment").state == PeriodState.MET


def test_a_refused_application_leaves_the_fine_due_as_decided_and_needs_reasons(
    fined: Fined, inspector: User, leader: User, director: User
) -> None:
    case = apply_for(inspector, fined(), plan_kind="deferral", defer_to="2026-06-30")
    from fazhi.cases.actions import TransitionRefused

    with pytest.raises(TransitionRefused):  # the organ's 负责人 decides, not a division director
        transition(actor=director, case=case, action="approve_payment_plan")
    with pytest.raises(TransitionBlocked, match="须填写理由"):
        transition(actor=leader, case=case, action="refuse_payment_plan")
    case = walk(case, (leader, "refuse_payment_plan", {"reason": "未提供经济困难的证明材料。"}))
    assert Decision.objects.get(case=case).payment_plan["status"] == "refused"
    assert latest(case, "fine_payment").due_on == D(2026, 3, 24)
    assert surcharge_due(case, D(2026, 4, 3)) == Decimal("6000.00")


def test_after_an_approved_deferral_the_enforcement_window_runs_from_its_end_第七十二条第二款(
    fined: Fined, inspector: User, leader: User
) -> None:
    """Deferred to Wednesday 09-30, after the party's time to sue (09-09): the bureau applies from 10-01 to 12-30."""
    case = apply_for(inspector, fined(), plan_kind="deferral", defer_to="2026-09-30")
    case = walk(case, (leader, "approve_payment_plan", {}))
    window = latest(case, "court_enforcement_application")
    assert (queries.period_starts(window), window.due_on) == (D(2026, 9, 30), D(2026, 12, 30))
    assert latest(case, "fine_payment").due_on == D(2026, 9, 30)
    with (
        on(D(2026, 9, 10)),
        pytest.raises(TransitionBlocked, match=r"批准的暂缓或者分期缴纳罚款期限.*至 2026-09-30 届满"),
    ):
        transition(actor=leader, case=case, action="apply_court_enforcement", reason="逾期未缴纳罚款")
    assert "2026-10-01 至 2026-12-30" in facts_of(case, D(2026, 9, 10))["申请强制执行期间"]
    with on(D(2026, 12, 30)):
        case = walk(case, (leader, "apply_court_enforcement", {"reason": "逾期未缴纳罚款"}))
    assert case.state == State.CLOSING_REVIEW


# --- Court enforcement and the remedies (行政诉讼法解释 第一百五十六条) ----------------------------------------------


def test_after_reconsideration_upheld_the_window_is_fifteen_days_and_three_months_行政诉讼法第四十五条(
    fined: Fined, remedies: FakeRemedies, leader: User
) -> None:
    """Reconsideration 03-20…04-13, upheld; the decision received 04-13: the party may sue until 04-28
    (行政诉讼法 第四十五条), the bureau applies until 07-28 (解释 第一百五十六条) — long before the six months of a
    direct suit (09-09) would even open the window."""
    case = fined()
    assert latest(case, "court_enforcement_application").due_on == D(2026, 12, 9)
    case = remedies.record(case, pauses=((D(2026, 3, 20), D(2026, 4, 13)),), suit_deadline=D(2026, 4, 28))
    window = latest(case, "court_enforcement_application")
    assert (window.state, queries.period_starts(window), window.due_on) == (
        PeriodState.RUNNING,
        D(2026, 4, 28),
        D(2026, 7, 28),
    )
    with on(D(2026, 4, 28)), pytest.raises(TransitionBlocked, match="当事人的起诉期限至 2026-04-28 届满"):
        transition(actor=leader, case=case, action="apply_court_enforcement", reason="逾期未缴纳罚款")
    with on(D(2026, 7, 29)), pytest.raises(TransitionBlocked, match="申请强制执行的期限已于 2026-07-28 届满"):
        transition(actor=leader, case=case, action="apply_court_enforcement", reason="逾期未缴纳罚款")
    with on(D(2026, 4, 29)):
        case = walk(case, (leader, "apply_court_enforcement", {"reason": "复议维持，逾期未缴纳罚款"}))
    assert (case.court_enforcement_applied_on, latest(case, "court_enforcement_application").state) == (
        D(2026, 4, 29),
        PeriodState.MET,
    )


def test_no_court_enforcement_while_a_remedy_is_pending_or_the_execution_suspended_行政诉讼法第九十七条(
    fined: Fined, remedies: FakeRemedies, leader: User
) -> None:
    case = remedies.record(fined(), pauses=((D(2026, 3, 20), None),), pending=True)
    window = latest(case, "court_enforcement_application")
    assert window.state == PeriodState.SUSPENDED
    with on(D(2026, 9, 10)), pytest.raises(TransitionBlocked) as blocked:
        transition(actor=leader, case=case, action="apply_court_enforcement", reason="逾期未缴纳罚款")
    assert blocked.value.reasons == [
        "当事人已申请行政复议或者提起行政诉讼，案件审理期间不申请人民法院强制执行（行政诉讼法第九十七条）。"
    ]
    case = remedies.record(case, pauses=((D(2026, 3, 20), None),), pending=True, enforcement_suspended=True)
    with on(D(2026, 9, 10)), pytest.raises(TransitionBlocked, match="已决定停止执行"):
        transition(actor=leader, case=case, action="apply_court_enforcement", reason="逾期未缴纳罚款")
    # The remedy ends without changing the time to sue: the window is the direct suit's again, running.
    case = remedies.record(case, pauses=((D(2026, 3, 20), D(2026, 5, 6)),))
    window = latest(case, "court_enforcement_application")
    assert (window.state, window.due_on) == (PeriodState.RUNNING, D(2026, 12, 9))


def test_after_a_final_judgment_the_bureau_applies_to_enforce_the_judgment_within_two_years_行政诉讼法第九十五条(
    fined: Fined, remedies: FakeRemedies, leader: User
) -> None:
    """解释 第一百五十三条: two years from the judgment's service, 2028-06-01 — a year whose holidays are not loaded,
    so the end waits; the application may be made from the judgment on, not only after the direct suit's 6 months."""
    case = remedies.record(fined(), pauses=((D(2026, 3, 20), D(2026, 6, 1)),), final_judgment_on=D(2026, 6, 1))
    window = latest(case, "court_enforcement_application")
    assert (window.name, window.state, window.due_on, window.awaiting_year) == (
        "申请人民法院强制执行判决期限",
        PeriodState.RUNNING,
        None,
        2027,
    )
    assert "第一百五十三条" in window.citation
    with on(D(2026, 6, 2)):
        case = walk(case, (leader, "apply_court_enforcement", {"reason": "判决驳回诉讼请求，仍未缴纳罚款"}))
    assert case.court_enforcement_applied_on == D(2026, 6, 2)


def test_a_decision_set_aside_is_not_enforced(fined: Fined, remedies: FakeRemedies, leader: User) -> None:
    case = remedies.record(fined(), pauses=((D(2026, 3, 20), D(2026, 5, 6)),), set_aside="revoked")
    window = latest(case, "court_enforcement_application")
    assert window.state == PeriodState.MET
    with on(D(2026, 9, 10)), pytest.raises(TransitionBlocked, match="本案没有进行中的申请强制执行期限"):
        transition(actor=leader, case=case, action="apply_court_enforcement", reason="逾期未缴纳罚款")
    assert surcharge_due(case, D(2026, 9, 10)) == Decimal("0.00")
    assert facts_of(case, D(2026, 9, 10))["申请强制执行期间"] == "处理决定已被撤销，不再按原决定申请强制执行。"


def test_a_revoked_decision_is_no_longer_paid_and_the_case_goes_to_closing_行政复议法第六十四条(
    fined: Fined, remedies: FakeRemedies, inspector: User
) -> None:
    """行政复议法 第六十四条 (撤销): nothing is owed as decided; the payment period ends, so no breach is reported, and
    the handlers send the case to closing instead of recording a performance that never happened."""
    case = fined()
    with on(D(2026, 5, 6)):
        case = remedies.record(case, pauses=((D(2026, 3, 20), D(2026, 5, 6)),), set_aside="revoked")
    payment = latest(case, "fine_payment")
    assert (payment.state, payment.met_on) == (PeriodState.MET, D(2026, 5, 6))
    assert facts_of(case, D(2026, 5, 7))["罚款缴纳"] == "处理决定已被撤销，不再按原决定缴纳罚款"
    with on(D(2026, 5, 7)), pytest.raises(TransitionBlocked, match="处理决定已被撤销，不再按原决定履行"):
        transition(actor=inspector, case=case, action="record_performance")
    with on(D(2026, 5, 7)):
        case = walk(case, (inspector, "close_after_set_aside", {}))
    assert case.state == State.CLOSING_REVIEW


def test_a_decision_confirmed_unlawful_but_not_revoked_stands_and_is_still_owed_行政复议法第六十五条(
    fined: Fined, remedies: FakeRemedies, inspector: User
) -> None:
    """行政复议法 第六十五条: confirmed unlawful, not revoked — the decision stands, its publication is withdrawn (that
    is the disclosure's), but the fine is still owed and may be enforced; the case does not close as set aside."""
    case = fined()
    with on(D(2026, 5, 6)):
        case = remedies.record(case, pauses=((D(2026, 3, 20), D(2026, 5, 6)),), set_aside="confirmed_unlawful")
    assert latest(case, "fine_payment").state == PeriodState.RUNNING
    assert latest(case, "court_enforcement_application").state == PeriodState.RUNNING
    with on(D(2026, 5, 7)), pytest.raises(TransitionBlocked, match="确认违法但未撤销的决定仍应履行"):
        transition(actor=inspector, case=case, action="close_after_set_aside")
    assert "罚款 20000.00 元，加处罚款 600.00 元" in facts_of(case, D(2026, 5, 7))["罚款缴纳"]  # one day late


def test_without_a_remedies_provider_the_direct_suit_period_stands(
    fined: Fined, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remedy_facts, "_providers", [])
    window = latest(fined(), "court_enforcement_application")
    assert (queries.period_starts(window), window.due_on) == (D(2026, 9, 9), D(2026, 12, 9))
