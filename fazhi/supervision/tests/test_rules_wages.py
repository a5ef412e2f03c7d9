"""Wages ordered paid and not paid by the deadline (B9): the crime threshold of 拒不支付劳动报酬罪 with its three
months (法释〔2013〕3号 第三条), the transfer that clears it, and the start of the dishonest list's procedure (暂行办法
第五条). The order is due Friday 2026-03-20 and served on Monday 03-09."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import Case, Decision
from fazhi.cases.tests.conftest import WAGES, RegisterCase, on, walk
from fazhi.documents.models import Document
from fazhi.supervision.tests.conftest import alerts_of, decided, investigating, proposal

pytestmark = pytest.mark.django_db

D = dt.date
AFTER = D(2026, 3, 21)
CRIME = "crime_threshold_not_transferred"
LISTING = "dishonest_listing_not_started"


def owed(amount: str, months: int | None = None) -> WorkerInput:
    """One worker owed `amount` for `months` months from 2025-09-01 (None: the period not recorded)."""
    if months is None:
        return WorkerInput(name="王小明", amount_owed=Decimal(amount))
    ends = {2: D(2025, 10, 31), 3: D(2025, 11, 30), 4: D(2025, 12, 31)}[months]
    return WorkerInput(name="王小明", amount_owed=Decimal(amount), period_start=D(2025, 9, 1), period_end=ends)


def ordered(
    register: RegisterCase, inspector: User, lead: User, leader: User, workers: list[WorkerInput], *, serve: bool = True
) -> Case:
    """A 行政处理决定 ordering the wages paid by Friday 03-20, decided by the leader and (by default) served."""
    case = walk(
        investigating(register, lead, workers=workers),
        (inspector, "propose", proposal("handling_decision", WAGES)),
        (lead, "approve_proposal_to_notice", {}),
    )
    case = decided(case, inspector, leader, comply_by="2026-03-20")
    if serve:
        case = walk(case, (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}))
    return case


def test_one_worker_owed_four_months_above_the_amount_is_red_after_the_deadline_under_article_3_item_1(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """法释〔2013〕3号 第三条第（一）项 and 第四条: one worker's pay of three months or more at 20,000 yuan, unpaid
    after the deadline of a served order."""
    case = ordered(register, inspector, lead, leader, [owed("25000", months=4)])
    assert alerts_of(CRIME, D(2026, 3, 20), case=case) == []  # still in time
    [alert] = alerts_of(CRIME, AFTER, case=case)
    assert (alert.severity, alert.since) == ("red", AFTER)
    assert "2026-03-20" in alert.detail


def test_two_months_of_pay_or_months_not_recorded_are_quiet_under_article_3_item_1(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """法释〔2013〕3号 第三条第（一）项 needs 三个月以上的劳动报酬: 25,000 yuan for two months is not 数额较大."""
    short = ordered(register, inspector, lead, leader, [owed("25000", months=2)])
    unknown = ordered(register, inspector, lead, leader, [owed("25000")])
    assert alerts_of(CRIME, AFTER, case=short) == []
    assert alerts_of(CRIME, AFTER, case=unknown) == []
    assert alerts_of(LISTING, AFTER, case=short) == []


def test_ten_workers_owed_in_total_above_the_amount_are_red_without_months_under_article_3_item_2(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """法释〔2013〕3号 第三条第（二）项: ten or more workers, 100,000 yuan in total; no months element."""
    workers = [WorkerInput(name=f"工人{n}", amount_owed=Decimal("10500")) for n in range(10)]
    case = ordered(register, inspector, lead, leader, workers)
    assert len(alerts_of(CRIME, AFTER, case=case)) == 1


def test_an_order_not_yet_served_is_quiet_under_article_4(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """法释〔2013〕3号 第四条: 责令支付 reaches the employer before its refusal to pay counts."""
    case = ordered(register, inspector, lead, leader, [owed("25000", months=4)], serve=False)
    assert alerts_of(CRIME, AFTER, case=case) == []


def test_the_amount_is_a_setting(
    register: RegisterCase, inspector: User, lead: User, leader: User, settings: object
) -> None:
    """法释〔2013〕3号 第三条第二款: the province fixes the figure within 5,000–20,000 yuan."""
    case = ordered(register, inspector, lead, leader, [owed("15000", months=3)])
    assert alerts_of(CRIME, AFTER, case=case) == []
    settings.FAZHI_CRIME_THRESHOLD_ONE_WORKER = "10000"  # type: ignore[attr-defined]
    assert len(alerts_of(CRIME, AFTER, case=case)) == 1


def test_in_a_version_1_case_the_transfer_document_clears_the_alert_from_the_day_it_was_issued_under_article_3(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """行政执法机关移送涉嫌犯罪案件的规定 第三条、第六条: in procedure version 1 the 涉嫌犯罪案件移送书 transferred the
    case; the dishonest list's procedure is owed all the same (暂行办法 第五条)."""
    case = ordered(register, inspector, lead, leader, [owed("25000", months=4)])
    Case.objects.filter(pk=case.pk).update(procedure_version=1)
    issued = dt.datetime.combine(D(2026, 3, 24), dt.time(15, 0), tzinfo=timezone.get_current_timezone())
    Document(
        case=case,
        doc_type="crime_transfer",
        number="深人社监移〔2026〕1号",
        issued_by=leader,
        issued_at=issued,
        pdf=b"%PDF",
        sha256="0" * 64,
    ).save()
    with on(D(2026, 3, 25)):
        assert len(alerts_of(CRIME, D(2026, 3, 23), case=case)) == 1  # replayed: not yet transferred
        assert alerts_of(CRIME, D(2026, 3, 24), case=case) == []
        assert len(alerts_of(LISTING, D(2026, 3, 24), case=case)) == 1


def test_in_a_version_1_case_a_decision_to_transfer_clears_the_alert_under_article_44_of_the_guangdong_regulation(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第四十四条第五款: 拒不支付劳动报酬 suspected of a crime is transferred to the judicial
    organs; in procedure version 1 a later decision of the case (sequence 2) to transfer it clears the alert."""
    case = ordered(register, inspector, lead, leader, [owed("25000", months=4)])
    Case.objects.filter(pk=case.pk).update(procedure_version=1)
    Decision.objects.create(
        case=case, sequence=2, outcome="transfer_police", decided_by=leader, decided_on=D(2026, 3, 23)
    )
    assert len(alerts_of(CRIME, D(2026, 3, 21), case=case)) == 1
    assert alerts_of(CRIME, D(2026, 3, 23), case=case) == []


def test_the_alert_page_gives_each_worker_with_months_and_the_test_of_article_3(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """法释〔2013〕3号 第三条: the evidence names the months and why the amount is reached."""
    from fazhi.supervision.rules import BY_CODE

    case = ordered(register, inspector, lead, leader, [owed("25000", months=4)])
    facts = dict(BY_CODE[CRIME].evidence(case.pk, AFTER).facts)
    assert facts["劳动者 王小明"] == "拖欠 25000.00 元（4 个月）"
    assert "第三条第一款第（一）项" in facts["判断"]


def test_a_later_decision_to_pay_compensation_does_not_hide_the_order_under_article_4(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """法释〔2013〕3号 第四条: the order to pay and its deadline are the 行政处理决定's; a later 责令加付赔偿金
    (劳动合同法 第八十五条), a decision of its own, leaves the wages ordered unpaid."""
    case = ordered(register, inspector, lead, leader, [owed("25000", months=4)])
    Decision.objects.create(
        case=case,
        sequence=2,
        outcome="additional_compensation",
        decided_by=leader,
        decided_on=D(2026, 3, 23),
        comply_by=D(2026, 4, 10),
    )
    Case.objects.filter(pk=case.pk).update(decision_outcome="additional_compensation", comply_by=D(2026, 4, 10))
    [alert] = alerts_of(CRIME, D(2026, 3, 24), case=case)
    assert "责令支付期限 2026-03-20 已过" in alert.detail
    assert len(alerts_of(LISTING, D(2026, 3, 24), case=case)) == 1


def test_wages_paid_on_a_later_day_are_replayed_as_unpaid_before_it_under_article_3(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """法释〔2013〕3号 第三条: what was unpaid on the day replayed counts; the payment of 03-25 clears the alert from
    that day."""
    case = ordered(register, inspector, lead, leader, [owed("25000", months=4)])
    line = case.worker_lines.get()
    with on(D(2026, 3, 26)):
        walk(
            case,
            (inspector, "record_wage_payment", {"worker": str(line.pk), "amount": "25000", "paid_on": "2026-03-25"}),
        )
        assert len(alerts_of(CRIME, D(2026, 3, 24), case=case)) == 1
        assert alerts_of(CRIME, D(2026, 3, 25), case=case) == []
        assert alerts_of(CRIME, D(2026, 3, 26), case=case) == []


def test_the_alert_stands_until_the_case_is_sent_to_the_police_under_article_5_of_the_transfer_rules(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """行政执法机关移送涉嫌犯罪案件的规定 第五条: reported, approved and the 移送书 issued, the case is not yet
    transferred; the alert clears from the day `send_transfer` is recorded."""
    from fazhi.documents.actions import issue_document

    case = ordered(register, inspector, lead, leader, [owed("25000", months=4)])
    report = {"transfer_report": "经责令支付逾期仍不支付，涉嫌拒不支付劳动报酬罪。"}
    with on(D(2026, 3, 23)):
        case = walk(case, (inspector, "report_transfer", report), (leader, "approve_transfer", {}))
        issue_document(actor=inspector, case=case, doc_type="crime_transfer", inputs={"police": "深圳市公安局福田分局"})
        assert len(alerts_of(CRIME, D(2026, 3, 23), case=case)) == 1
    with on(D(2026, 3, 24)):
        walk(case, (inspector, "send_transfer", {"police_organ": "深圳市公安局福田分局"}))
        assert len(alerts_of(CRIME, D(2026, 3, 23), case=case)) == 1  # replayed: not yet sent
        assert alerts_of(CRIME, D(2026, 3, 24), case=case) == []
