"""The transfer of a suspected crime to the police (两法衔接, 行政执法机关移送涉嫌犯罪案件的规定; legal review A12).

The wage case: an order to pay (行政处理决定, 责令支付) decided and served on Monday 2026-03-09, due Friday 03-20; one
worker is still owed 25,000 yuan for four months of pay after it (法释〔2013〕3号 第三条第（一）项、第四条), so from
Saturday 03-21 the case must go to the police (第三条). The handlers report on Monday 03-23, the principal head
(`leader`, the 正职负责人 of 福田区人力资源局) approves within 3 days (第五条第二款) and the handlers transfer it within
24 hours with the 涉嫌犯罪案件移送书 (第五条第二款、第六条).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from fazhi.accounts.models import Role, User
from fazhi.accounts.testing import make_user
from fazhi.cases.actions import TransitionBlocked, TransitionRefused, WorkerInput, transition
from fazhi.cases.assessment import crime_transfer_flag
from fazhi.cases.models import Case, CrimeTransfer, Delegation, PeriodState, TransferStatus
from fazhi.cases.procedure.base import GUARDS, Context
from fazhi.cases.procedure.transfer import fine_offset
from fazhi.cases.tests.conftest import (
    CST,
    INQUIRY,
    LEDGER,
    WAGES,
    RegisterCase,
    latest,
    on,
    proposal,
    served_notice,
    walk,
)
from fazhi.cases.tests.conftest import waived as waived_step
from fazhi.documents.actions import issue_document
from fazhi.journal.models import Entry
from fazhi.supervision.rules import BY_CODE

pytestmark = pytest.mark.django_db

D = dt.date
POLICE = "深圳市公安局福田分局"
REPORT = {
    "transfer_report": (
        "经核实，该单位经责令支付后逾期仍拒不支付一名劳动者四个月工资二万五千元，涉嫌拒不支付劳动报酬罪。"
    ),
    "transfer_items": "工资发放表原件3册；考勤记录一套。",
}


def at(day: dt.date, hour: int) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour, 0), tzinfo=CST), tick=False)


def four_months(amount: str = "25000") -> WorkerInput:
    return WorkerInput(
        name="王小明", amount_owed=Decimal(amount), period_start=D(2025, 9, 1), period_end=D(2025, 12, 31)
    )


def wage_order_unpaid(register: RegisterCase, inspector: User, lead: User, leader: User) -> Case:
    """The order to pay decided and served on 03-09, due 03-20, unpaid (in PERFORMANCE)."""
    case = walk(
        register(workers=[four_months()]),
        (lead, "accept", {}),
        (inspector, "propose", proposal("handling_decision", WAGES)),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived_step(inspector),
        (leader, "decide", {"comply_by": "2026-03-20"}),
        (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}),
    )
    assert case.state == "performance"
    return case


def approved(case: Case, inspector: User, leader: User) -> Case:
    return walk(case, (inspector, "report_transfer", REPORT), (leader, "approve_transfer", {}))


def letter(case: Case, inspector: User) -> None:
    issue_document(actor=inspector, case=case, doc_type="crime_transfer", inputs={"police": POLICE})


def transfer_of(case: Case) -> CrimeTransfer:
    found = CrimeTransfer.objects.filter(case=case).order_by("-pk").first()
    assert found is not None
    return found


@pytest.fixture
def deputy(org: Any) -> User:
    """A deputy leader (副局长) of the same bureau: a 负责人, not its 正职负责人."""
    return make_user("deputy", "周副局长", org.futian, Role.LEADER)


def test_an_unpaid_wage_order_at_the_crime_amount_is_transferred_within_3_days_and_24_hours_under_article_5(
    register: RegisterCase, inspector: User, inspector2: User, lead: User, leader: User
) -> None:
    """移送规定 第五条: the 专案组 reports, the 正职负责人 approves within 3 days of the report, the case goes to the
    police within 24 hours with the 移送书 (第六条); the police sign (第七条), file (第八条), and the items are handed
    over within 3 days of the filing notice (第十二条); then the administrative case is closed."""
    case = wage_order_unpaid(register, inspector, lead, leader)
    with on(D(2026, 3, 23)):
        assert "拒不支付劳动报酬罪" in crime_transfer_flag(case, D(2026, 3, 23))
        case = walk(case, (inspector, "report_transfer", REPORT))
    approval = latest(case, "transfer_approval")
    assert (approval.started_on, approval.due_on) == (D(2026, 3, 23), D(2026, 3, 26))
    with at(D(2026, 3, 25), 10):
        case = walk(case, (leader, "approve_transfer", {}))
        letter(case, inspector2)
    assert latest(case, "transfer_approval").state == PeriodState.MET
    assert latest(case, "transfer_dispatch").due_on == D(2026, 3, 26)
    with at(D(2026, 3, 25), 16):
        case = walk(case, (inspector2, "send_transfer", {"police_organ": POLICE}))
    transfer = transfer_of(case)
    assert (transfer.status, transfer.police_organ, transfer.dispatch_hours) == (TransferStatus.SENT, POLICE, 6.0)
    assert latest(case, "transfer_dispatch").state == PeriodState.MET
    with on(D(2026, 3, 26)):
        case = walk(
            case,
            (inspector, "record_police_receipt", {"receipt_on": "2026-03-25"}),
            (inspector, "record_police_filing", {"police_decided_on": "2026-03-26"}),
        )
    assert latest(case, "transfer_police_review").state == PeriodState.MET
    handover = latest(case, "transfer_handover")
    assert (handover.started_on, handover.due_on, handover.state) == (D(2026, 3, 26), D(2026, 3, 30), "running")
    with on(D(2026, 3, 27)):
        case = walk(
            case,
            (inspector, "hand_over_items", {"handed_over_on": "2026-03-27"}),
            (inspector, "close_after_transfer", {}),
        )
    assert case.state == "closing_review"
    assert latest(case, "transfer_handover").state == PeriodState.MET
    assert transfer_of(case).status == TransferStatus.HANDED_OVER
    # 全过程记录: one journal entry per step of the transfer, in order; the transfer was on time.
    steps = (
        "report_transfer",
        "approve_transfer",
        "send_transfer",
        "record_police_receipt",
        "record_police_filing",
        "hand_over_items",
        "close_after_transfer",
    )
    entries = Entry.objects.filter(object_id=str(case.pk), action__in=[f"cases.{s}" for s in steps]).order_by("seq")
    assert [e.action for e in entries] == [f"cases.{s}" for s in steps]
    assert all(e.outcome == "success" for e in entries)
    sent = entries.get(action="cases.send_transfer").after_data
    assert (sent["dispatch_hours"], sent["dispatch_late"], sent["police_organ"]) == ("6.0", False, POLICE)


def test_a_transfer_sent_after_24_hours_is_made_and_recorded_as_late_under_article_5_paragraph_2(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """第五条第二款: within 24 hours of the approval; a late transfer is still owed (第十六条), and the journal
    says so."""
    case = wage_order_unpaid(register, inspector, lead, leader)
    with at(D(2026, 3, 23), 9):
        case = approved(case, inspector, leader)
        letter(case, inspector)
    with at(D(2026, 3, 24), 11):
        case = walk(case, (inspector, "send_transfer", {"police_organ": POLICE}))
    entry = Entry.objects.filter(object_id=str(case.pk), action="cases.send_transfer").get()
    assert (entry.after_data["dispatch_hours"], entry.after_data["dispatch_late"]) == ("26.0", True)


def test_only_the_principal_head_approves_not_a_deputy_a_director_or_a_delegate_under_article_5(
    register: RegisterCase, inspector: User, lead: User, leader: User, director: User, deputy: User
) -> None:
    """移送规定 第五条: "报经本机关正职负责人或者主持工作的负责人审批" — a deputy leader, a 处长 and a person holding a
    written delegation are all refused; the refusal of the role is journaled."""
    case = wage_order_unpaid(register, inspector, lead, leader)
    with on(D(2026, 3, 23)):
        case = walk(case, (inspector, "report_transfer", REPORT))
        with pytest.raises(TransitionBlocked, match="正职负责人或者主持工作的负责人"):
            transition(actor=deputy, case=case, action="approve_transfer")
        with pytest.raises(TransitionRefused):
            transition(actor=director, case=case, action="approve_transfer")
        # Even a written delegation naming the step does not stand for the principal head (the row is not delegable).
        Delegation.objects.create(
            grantor=leader,
            delegate=director,
            unit=case.unit,
            actions=["approve_transfer", "refuse_transfer"],
            document="深福人力授〔2026〕9号",
            starts_on=D(2026, 1, 1),
            ends_on=D(2026, 12, 31),
        )
        with pytest.raises(TransitionRefused):
            transition(actor=director, case=case, action="refuse_transfer", data={"transfer_refusal_reason": "x"})
        with pytest.raises(TransitionRefused):
            transition(actor=inspector, case=case, action="approve_transfer")
    assert Entry.objects.filter(object_id=str(case.pk), action="cases.approve_transfer", outcome="refused").count() == 2
    assert transfer_of(case).status == TransferStatus.REPORTED


def test_a_refusal_by_the_head_is_recorded_with_its_reason_and_ends_the_attempt_under_article_5(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """第五条第二款: "决定不批准的，应当将不予批准的理由记录在案"; a later attempt is a new transfer."""
    case = wage_order_unpaid(register, inspector, lead, leader)
    with on(D(2026, 3, 23)):
        case = walk(
            case,
            (inspector, "report_transfer", REPORT),
            (leader, "refuse_transfer", {"transfer_refusal_reason": "欠薪月数证据不足，补充调查后再报。"}),
        )
        first = transfer_of(case)
        assert (first.status, first.refusal_reason) == (TransferStatus.REFUSED, "欠薪月数证据不足，补充调查后再报。")
        assert first.decided_by == leader
        assert latest(case, "transfer_approval").state == PeriodState.MET
        case = walk(case, (inspector, "report_transfer", REPORT))
    assert CrimeTransfer.objects.filter(case=case).count() == 2


def test_a_transfer_from_the_investigation_waits_for_the_transfer_letter_under_article_6(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """移送规定 第三条: found in the investigation; 第六条第（一）项: the transfer goes with the 移送书, issued once the
    principal head approved it (not before), naming the police organ the step names."""
    case = walk(register(), (lead, "accept", {}), (inspector, "record_investigation", INQUIRY))
    case = walk(case, (inspector, "report_transfer", REPORT))
    with pytest.raises(Exception, match="正职负责人批准后"):
        letter(case, inspector)
    case = walk(case, (leader, "approve_transfer", {}))
    with pytest.raises(TransitionBlocked, match="请先制发《涉嫌犯罪案件移送书》"):
        transition(actor=inspector, case=case, action="send_transfer", data={"police_organ": POLICE})
    letter(case, inspector)
    with pytest.raises(TransitionBlocked, match="应与移送书所载一致"):
        transition(actor=inspector, case=case, action="send_transfer", data={"police_organ": "深圳市公安局"})
    case = walk(case, (inspector, "send_transfer", {"police_organ": POLICE}))
    assert (case.state, transfer_of(case).status) == ("investigating", TransferStatus.SENT)


def test_no_fine_is_proposed_while_a_transfer_stands_and_the_penalty_follows_the_police_refusal_under_articles_10_11(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """第十一条第一款: no administrative penalty in place of the transfer; 第十条: once the police decide not to file,
    the bureau imposes the penalty due."""
    case = walk(register(), (lead, "accept", {}), (inspector, "record_investigation", INQUIRY))
    case = approved(case, inspector, leader)
    with pytest.raises(TransitionBlocked, match="不得以罚款代替移送"):
        transition(actor=inspector, case=case, action="propose", data=proposal("penalty", LEDGER))
    letter(case, inspector)
    case = walk(
        case,
        (inspector, "send_transfer", {"police_organ": POLICE}),
        (inspector, "record_police_refusal", {"police_decided_on": "2026-03-09", "police_refusal_reason": "不够立案"}),
    )
    period = latest(case, "transfer_reconsideration_request")
    assert (period.started_on, period.due_on) == (D(2026, 3, 9), D(2026, 3, 12))
    case = walk(case, (inspector, "continue_after_police_refusal", {}))
    assert transfer_of(case).status == TransferStatus.ENDED
    assert latest(case, "transfer_reconsideration_request").state == PeriodState.MET
    case = walk(case, (inspector, "propose", proposal("penalty", LEDGER)))
    assert case.state == "proposal_review"


def test_an_order_to_pay_may_still_be_proposed_while_the_transfer_stands_under_article_11(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """第十一条 forbids a penalty instead of the transfer; 责令支付 is no penalty (行政处罚法 第二十八条;
    法释〔2013〕3号 第四条: the order is the crime's prerequisite)."""
    case = walk(register(), (lead, "accept", {}), (inspector, "report_transfer", REPORT))
    case = walk(case, (inspector, "propose", proposal("handling_decision", WAGES)))
    assert case.proposed_outcome == "handling_decision"


def test_the_police_reconsider_on_request_and_the_hand_over_runs_from_their_filing_under_articles_9_and_12(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """第九条: the bureau may ask the police to reconsider within 3 days of the refusal; they decide within 3 days;
    filed, the items go over within 3 days (第十二条)."""
    case = walk(register(), (lead, "accept", {}))
    case = approved(case, inspector, leader)
    letter(case, inspector)
    case = walk(
        case,
        (inspector, "send_transfer", {"police_organ": POLICE}),
        (inspector, "record_police_refusal", {"police_decided_on": "2026-03-09", "police_refusal_reason": "不够立案"}),
        (inspector, "request_police_reconsideration", {}),
    )
    assert latest(case, "transfer_police_reconsideration").due_on == D(2026, 3, 12)
    with on(D(2026, 3, 11)):
        case = walk(
            case,
            (
                inspector,
                "record_reconsideration_outcome",
                {"reconsideration_result": "filed", "police_decided_on": "2026-03-11"},
            ),
        )
    assert transfer_of(case).status == TransferStatus.FILED
    assert latest(case, "transfer_handover").due_on == D(2026, 3, 16)  # 3-14 is a Saturday → Monday


def test_a_request_to_reconsider_after_3_days_is_refused_under_article_9(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """第九条第一款: "可以自接到不予立案通知书之日起3日内，提请…复议"."""
    case = walk(register(), (lead, "accept", {}))
    case = approved(case, inspector, leader)
    letter(case, inspector)
    case = walk(
        case,
        (inspector, "send_transfer", {"police_organ": POLICE}),
        (inspector, "record_police_refusal", {"police_decided_on": "2026-03-09", "police_refusal_reason": "不够立案"}),
    )
    with on(D(2026, 3, 13)), pytest.raises(TransitionBlocked, match="提请复议的期限已于 2026-03-12 届满"):
        transition(actor=inspector, case=case, action="request_police_reconsideration")


def test_a_fine_paid_before_the_transfer_is_offset_against_the_courts_fine_under_article_11_paragraph_3(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """第十一条第三款; 行政处罚法 第三十五条第二款: a fine already paid is offset against the court's fine, up to it."""
    assert fine_offset(Decimal("20000.00"), Decimal("15000.00")) == Decimal("15000.00")
    assert fine_offset(Decimal("0.00"), Decimal("15000.00")) == Decimal("0.00")
    case = walk(
        register(),
        (lead, "accept", {}),
        (inspector, "record_investigation", INQUIRY),
        (inspector, "propose", proposal("penalty", LEDGER, "20000.00")),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        served_notice(inspector),
        waived_step(inspector),
        (leader, "decide", {}),
        (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}),
        (inspector, "record_fine_payment", {"paid_on": "2026-03-09", "amount": "20000.00"}),
    )
    case = approved(case, inspector, leader)
    letter(case, inspector)
    case = walk(
        case,
        (inspector, "send_transfer", {"police_organ": POLICE}),
        (inspector, "record_police_filing", {"police_decided_on": "2026-03-09"}),
        (inspector, "hand_over_items", {"handed_over_on": "2026-03-09"}),
        (inspector, "close_after_transfer", {}),
        (lead, "file_with_superior", {}),
        (lead, "approve_closing", {}),
    )
    assert case.state == "closed"
    case = walk(
        case,
        (inspector, "record_court_fine", {"court_fine": "15000", "court_judgment": "（2026）粤0304刑初123号"}),
    )
    transfer = transfer_of(case)
    assert (transfer.court_fine, transfer.fine_offset) == (Decimal("15000.00"), Decimal("15000.00"))


def test_a_late_approval_raises_the_period_alerts_under_article_5_paragraph_2(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """第五条第二款: 3 days from the report. Supervision's period rules read the case's periods: breached while it
    runs past its due date, met late once approved."""
    case = walk(register(), (lead, "accept", {}), (inspector, "report_transfer", REPORT))
    breached = BY_CODE["period_breached"].alerts(D(2026, 3, 13), case_id=case.pk)
    assert [a for a in breached if "移送审批期限" in a.detail]
    with on(D(2026, 3, 13)):
        case = walk(case, (leader, "approve_transfer", {}))
    met_late = BY_CODE["period_met_late"].alerts(D(2026, 3, 13), case_id=case.pk)
    assert [a for a in met_late if "移送审批期限" in a.detail]


def test_procedure_v2_no_longer_offers_the_outcome_transfer_police_under_finding_a12(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    """A12: a transfer is no decision after 告知 and service but its own track (移送规定 第五条)."""
    case = walk(register(), (lead, "accept", {}))
    with pytest.raises(TransitionBlocked, match="没有这个选项"):
        transition(actor=inspector, case=case, action="propose", data=proposal("transfer_police", WAGES))


def test_after_the_unpaid_order_compensation_may_follow_but_no_fine_while_the_transfer_stands_under_article_11(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """第十一条第一款: the follow-up of an unmet order (propose_follow_up) may order 加付赔偿金 (a 行政处理决定,
    劳动合同法 第八十五条) while the transfer stands, but not a fine."""
    case = wage_order_unpaid(register, inspector, lead, leader)
    with on(D(2026, 3, 23)):
        case = walk(case, (inspector, "report_transfer", REPORT))
        fine = {"proposed_outcome": "penalty", "proposed_fine": "5000.00"}
        assert (
            "不得以罚款代替移送"
            in GUARDS["no_fine_instead_of_transfer"](Context(case, inspector, fine, D(2026, 3, 23)))[0]
        )
        compensation = proposal("additional_compensation", WAGES, rate="0.50")
        case = walk(case, (inspector, "propose_follow_up", compensation))
    assert (case.state, case.proposed_outcome) == ("proposal_review", "additional_compensation")
