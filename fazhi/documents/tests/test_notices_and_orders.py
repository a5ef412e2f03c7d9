"""The documents procedure version 2 adds: the notice before a 行政处理决定 and the party's written waiver (B7), the
notice and the decision of 责令加付赔偿金 (A14), the written notices to the complainant and the referral of a report
(B3), and one proof of service per document served."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Source, WorkerLine
from fazhi.cases.tests.conftest import WAGES, RegisterCase, on
from fazhi.documents.actions import DocumentError, DocumentNotIssuable, issue_document
from fazhi.documents.models import Document
from fazhi.documents.tests.conftest import FINDINGS, SERVED, decided, filed, flat, proposed, walk

pytestmark = pytest.mark.django_db


def text_of(document: Document, tmp_path: Path) -> str:
    return flat(bytes(document.pdf), tmp_path)


@pytest.fixture
def wages_in_notice(register: RegisterCase, inspector: User, lead: User, legal: User) -> Case:
    """An order to pay the wages owed proposed and reviewed: the case waits in NOTICE for the employer's defence."""
    return proposed(filed(register, lead), inspector, lead, legal, outcome="handling_decision")


def test_a_handling_decision_is_preceded_by_its_own_notice_of_the_right_to_a_defence_监察条例第十九条(
    wages_in_notice: Case, inspector: User, tmp_path: Path
) -> None:
    with pytest.raises(DocumentError, match="本案的处理意见不需要制发行政处罚告知书"):
        issue_document(actor=inspector, case=wages_in_notice, doc_type="penalty_notice")
    document = issue_document(actor=inspector, case=wages_in_notice, doc_type="handling_notice")
    text = text_of(document, tmp_path)
    assert document.number == "深福人力监处告〔2026〕1号"
    for expected in (
        "行政处理事先告知书",
        f"经调查查明：{FINDINGS}",
        "本机关拟责令你单位限期向下列劳动者支付拖欠的工资",
        "王小明",
        "21,500.50",
        # 劳动保障监察条例 第十九条; 广东省劳动保障监察条例 第二十四条第一款.
        "根据《劳动保障监察条例》第十九条和《广东省劳动保障监察条例》第二十四条第一款的规定",
        "自收到本告知书之日起五个工作日内向本机关提出陈述、申辩",
    ):
        assert expected in text, expected
    assert "听证" not in text  # a 行政处理决定 has no hearing (行政处罚法 第六十三条 is about penalties)


def test_the_party_signs_an_express_written_waiver_not_numbered_and_not_sealed_处罚法第六十二条(
    wages_in_notice: Case, register: RegisterCase, inspector: User, lead: User, legal: User, tmp_path: Path
) -> None:
    notice = issue_document(actor=inspector, case=wages_in_notice, doc_type="handling_notice")
    waiver = issue_document(actor=inspector, case=wages_in_notice, doc_type="waiver")
    text = text_of(waiver, tmp_path)
    assert waiver.number == f"{wages_in_notice.reference}·放弃陈述申辩（听证）权利声明书"
    for expected in (
        "福田区人力资源局：",
        f"《行政处理事先告知书》（{notice.number}）",
        "现明确表示放弃陈述、申辩的权利",
        "当事人（盖章）：深圳市福田区某电子有限公司",
        "法定代表人或者委托代理人（签名）：",
    ):
        assert expected in text, expected
    assert "听证的权利" not in text
    assert "（印章）" not in text
    penalty = proposed(filed(register, lead), inspector, lead, legal)
    text = text_of(issue_document(actor=inspector, case=penalty, doc_type="waiver"), tmp_path)
    assert "现明确表示放弃陈述、申辩和要求听证的权利" in text


@pytest.fixture
def wages_overdue(wages_in_notice: Case, inspector: User, leader: User) -> Case:
    """The order to pay by 2026-03-20, served; its document issued."""
    case = decided(wages_in_notice, inspector, leader, comply_by="2026-03-20")
    case = walk(case, (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}))
    issue_document(actor=inspector, case=case, doc_type="handling_decision")
    return case


OVERDUE = "你单位未在2026年3月20日前支付王小明、李四的工资，合计21,500.50元。"


def compensation_proposed(case: Case, inspector: User, lead: User) -> Case:
    """On 2026-03-23, the wages still unpaid: 责令加付赔偿金 proposed at 60 % and reviewed (in NOTICE)."""
    proposal = {
        "proposed_outcome": "additional_compensation",
        "violation_code": WAGES,
        "findings": OVERDUE,
        "occurred_on": "2026-03-21",
        "proposal": "逾期未支付，拟责令加付赔偿金。",
        "rate": "0.6",
    }
    return walk(case, (inspector, "propose_follow_up", proposal), (lead, "approve_proposal_to_notice", {}))


def test_the_employer_is_heard_before_additional_compensation_is_ordered_监察条例第十九条第二十六条(
    wages_overdue: Case, inspector: User, lead: User, tmp_path: Path
) -> None:
    with pytest.raises(DocumentError, match="当前阶段不能制发加付赔偿金事先告知书"):
        issue_document(actor=inspector, case=wages_overdue, doc_type="compensation_notice")
    with on(dt.date(2026, 3, 23)):
        case = compensation_proposed(wages_overdue, inspector, lead)
        document = issue_document(actor=inspector, case=case, doc_type="compensation_notice")
    text = text_of(document, tmp_path)
    assert document.number == "深福人力监赔告〔2026〕1号"
    for expected in (
        "加付赔偿金事先告知书",
        "本机关于二〇二六年三月九日作出行政处理决定（深福人力监处〔2026〕1号）",
        f"于二〇二六年三月二十日前向劳动者支付拖欠的工资。经查，{OVERDUE}",
        # 劳动保障监察条例 第二十六条; 劳动合同法 第八十五条; 广东省劳动保障监察条例 第五十一条第一款.
        "依据《劳动保障监察条例》第二十六条、《中华人民共和国劳动合同法》第八十五条和《广东省劳动保障监察条例》"
        "第五十一条第一款的规定，本机关拟责令你单位按应付金额的百分之六十向下列劳动者加付赔偿金",
        "王小明12,000.007,200.00",
        "李四9,500.505,700.30",
        "合计12,900.30",
        # 劳动保障监察条例 第十九条; 广东省劳动保障监察条例 第二十四条第一款.
        "根据《劳动保障监察条例》第十九条和《广东省劳动保障监察条例》第二十四条第一款的规定，你单位有权进行陈述、申辩",
    ):
        assert expected in text, expected


def test_additional_compensation_is_a_handling_decision_of_its_own_with_its_own_document_劳动合同法第八十五条(
    wages_overdue: Case, inspector: User, lead: User, leader: User, tmp_path: Path
) -> None:
    with on(dt.date(2026, 3, 23)):
        case = compensation_proposed(wages_overdue, inspector, lead)
        case = decided(case, inspector, leader, comply_by="2026-04-03")
        document = issue_document(actor=inspector, case=case, doc_type="compensation_decision")
    text = text_of(document, tmp_path)
    assert document.number == "深福人力监赔〔2026〕1号"
    assert document.decision == case.decisions.get(outcome="additional_compensation")
    for expected in (
        "行政处理决定书（加付赔偿金）",
        "本机关于二〇二六年三月九日作出行政处理决定（深福人力监处〔2026〕1号）",
        f"经查明：{OVERDUE}",
        "本机关决定：责令你单位于二〇二六年四月三日前向下列劳动者加付赔偿金（按应付金额的百分之六十计算）",
        "王小明12,000.007,200.00",
        "合计12,900.30",
        "向深圳市福田区人民政府申请行政复议",
    ):
        assert expected in text, expected
    assert sum(line.additional_compensation for line in WorkerLine.objects.filter(case=case)) == Decimal("12900.30")
    # The earlier order keeps its own document: a correction of it renders decision 1, not the latest.
    again = issue_document(actor=inspector, case=case, doc_type="handling_decision", reason="更正劳动者姓名")
    assert (again.decision, again.version) == (case.decisions.get(sequence=1), 2)
    assert "于二〇二六年三月二十日前向下列劳动者支付拖欠的工资" in text_of(again, tmp_path)


def test_a_handling_decision_cites_article_26_and_never_article_30_B8(wages_overdue: Case, tmp_path: Path) -> None:
    document = Document.objects.get(case=wages_overdue, doc_type="handling_decision")
    text = text_of(document, tmp_path)
    assert (
        "依据《劳动保障监察条例》第二十六条第（一）项、《中华人民共和国劳动合同法》第八十五条和《广东省劳动保障监察条例》"
        "第五十一条第一款的规定，本机关决定：责令你单位于二〇二六年三月二十日前向下列劳动者支付拖欠的工资"
    ) in text
    assert "第三十条" not in text  # 监察条例 第三十条 is obstruction, not the order to pay


def test_the_complainant_is_told_in_writing_of_an_extension_广东条例第四十四条第二款(
    register: RegisterCase, inspector: User, lead: User, leader: User, tmp_path: Path
) -> None:
    case = filed(register, lead)
    with pytest.raises(DocumentNotIssuable, match="本案办案期限未延长"):
        issue_document(actor=inspector, case=case, doc_type="extension_notice")
    case = walk(case, (leader, "extend", {"reason": "涉及劳动者人数多，需委托审计"}))
    text = text_of(issue_document(actor=inspector, case=case, doc_type="extension_notice"), tmp_path)
    for expected in (
        "延长办案期限通知书",
        "王小明：",
        "你于二〇二六年三月二日投诉的深圳市福田区某电子有限公司",
        "经本机关负责人批准，依据《广东省劳动保障监察条例》第四十四条第二款的规定，本案办案期限延长三十个工作日",
    ):
        assert expected in text, expected


def test_the_complainant_is_told_in_writing_of_a_suspension_广东条例第四十五条第二款(
    register: RegisterCase, inspector: User, lead: User, leader: User, tmp_path: Path
) -> None:
    case = walk(filed(register, lead), (leader, "suspend", {"reason": "须以劳动争议仲裁机构的裁决为依据"}))
    text = text_of(issue_document(actor=inspector, case=case, doc_type="suspension_notice"), tmp_path)
    for expected in (
        "中止调查通知书",
        "因须以劳动争议仲裁机构的裁决为依据，经本机关负责人批准",
        "自二〇二六年三月九日起中止计算监察办案时限",
    ):
        assert expected in text, expected


def test_the_complainant_is_told_of_the_revocation_of_the_filing_广东条例第四十六条第二款(
    register: RegisterCase, inspector: User, lead: User, leader: User, tmp_path: Path
) -> None:
    case = walk(filed(register, lead), (leader, "revoke_filing", {"reason": "投诉人撤回投诉"}))
    text = text_of(issue_document(actor=inspector, case=case, doc_type="revocation_notice"), tmp_path)
    for expected in (
        "撤销立案告知书",
        "王小明：",
        "经调查，投诉人撤回投诉。依据《广东省劳动保障监察条例》第四十六条的规定，本机关于二〇二六年三月九日决定撤销立案。",
    ):
        assert expected in text, expected
    report = walk(
        register(source=Source.REPORT), (lead, "approve_filing", {}), (leader, "revoke_filing", {"reason": "x"})
    )
    with pytest.raises(DocumentNotIssuable, match="不是投诉案件"):
        issue_document(actor=inspector, case=report, doc_type="revocation_notice")


def test_a_report_outside_the_jurisdiction_is_sent_on_with_a_referral_letter_广东条例第三十三条第二款(
    register: RegisterCase, inspector: User, lead: User, tmp_path: Path
) -> None:
    case = register(source=Source.REPORT, complainant_name="匿名", employer_name="东莞某制衣有限公司")
    case = walk(
        case,
        (lead, "refer_report", {"referred_to": "东莞市人力资源和社会保障局", "reason": "被举报单位的用工地在东莞市"}),
    )
    document = issue_document(actor=inspector, case=case, doc_type="referral_letter")
    text = text_of(document, tmp_path)
    assert document.number == "深福人力监移函〔2026〕1号"
    for expected in (
        "举报移送函",
        "东莞市人力资源和社会保障局：",
        "经审查，被举报单位的用工地在东莞市。",
        "依据《广东省劳动保障监察条例》第二十六条、第三十三条第二款的规定，现将该举报移送你单位依法处理",
        "请依法为举报人保密",
    ):
        assert expected in text, expected


def test_each_document_served_gets_its_own_proof_of_service_民事诉讼法第八十七条(
    decided_penalty: Case, inspector: User, tmp_path: Path
) -> None:
    with pytest.raises(DocumentNotIssuable, match="尚未制发须送达当事人的文书"):
        issue_document(actor=inspector, case=decided_penalty, doc_type="service_receipt")
    decision = issue_document(actor=inspector, case=decided_penalty, doc_type="penalty_decision")
    receipt = issue_document(actor=inspector, case=decided_penalty, doc_type="service_receipt")
    assert receipt.served == decision
    text = text_of(receipt, tmp_path)
    assert f"送达文书《行政处罚决定书》{decision.number}" in text
    assert "送达机关：福田区人力资源局" in text
    assert "（印章）" not in text
    with pytest.raises(DocumentError, match="重新制发须说明更正理由"):
        issue_document(actor=inspector, case=decided_penalty, doc_type="service_receipt", served_id=decision.pk)


def test_the_notice_is_served_with_its_own_receipt_in_the_notice_stage(
    register: RegisterCase, inspector: User, lead: User, legal: User, tmp_path: Path
) -> None:
    case = proposed(filed(register, lead), inspector, lead, legal)
    notice = issue_document(actor=inspector, case=case, doc_type="penalty_notice")
    case = walk(case, (inspector, "serve_notice", SERVED))
    receipt = issue_document(actor=inspector, case=case, doc_type="service_receipt")
    assert receipt.served == notice
    text = text_of(receipt, tmp_path)
    assert f"《行政处罚告知书》{notice.number}" in text
    assert "直接送达" in text
