"""The further 文书: rectification order, hearing notice, revocation and closing approvals, preservation notice.

Each is issued on a case walked through the real actions; its PDF text is checked and one page image is written to
/tmp/fazhi-docs/ to look at."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import RegisterCase, walk
from fazhi.cases.workflow import State
from fazhi.documents.actions import DocumentError, issue_document
from fazhi.documents.tests.conftest import EMPLOYER, FINDINGS, SERVED, decided, filed, proposed
from fazhi.documents.types import BY_CODE

pytestmark = pytest.mark.django_db

PNG_DIR = Path("/tmp/fazhi-docs")  # noqa: S108  (the brief names this folder for looking at the pages)


def issued_text(actor: User, case: Case, doc_type: str, tmp_path: Path, inputs: dict[str, object] | None = None) -> str:
    """Issue `doc_type`, write its first page as a PNG and return its text without whitespace."""
    document = issue_document(actor=actor, case=case, doc_type=doc_type, inputs=inputs)
    kind = BY_CODE[doc_type]
    assert document.number == kind.number("深福人力", 2026, 1) if kind.numbered else case.reference in document.number
    path = tmp_path / f"{doc_type}.pdf"
    path.write_bytes(bytes(document.pdf))
    PNG_DIR.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(PNG_DIR / doc_type)], check=True
    )
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"—\d+—", "", "".join(text.split()))  # (the page numbers fall anywhere in the text)


def test_a_rectification_order_names_the_violation_its_basis_and_the_deadline(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User, tmp_path: Path
) -> None:
    case = proposed(filed(register, lead), inspector, lead, legal, outcome="rectification")
    case = decided(case, inspector, leader, comply_by="2026-03-31")
    text = issued_text(inspector, case, "rectification_order", tmp_path)
    assert case.case_number is not None
    for expected in (
        "限期整改指令书",
        EMPLOYER,
        case.case_number,
        FINDINGS,  # the facts found, not the complaint
        "依据《劳动保障监察条例》第二十六条第（一）项、第十八条第一款第（二）项的规定",
        "于二〇二六年三月三十一日前改正",
        "向深圳市福田区人民政府申请行政复议",
    ):
        assert expected in text, expected
    assert "拖欠3名员工" not in text  # the complaint's summary is not a finding


def test_a_rectification_order_is_refused_on_a_penalty_case(decided_penalty: Case, inspector: User) -> None:
    with pytest.raises(DocumentError, match="本案没有需要制发限期整改指令书的决定"):
        issue_document(actor=inspector, case=decided_penalty, doc_type="rectification_order")


def test_a_hearing_notice_gives_the_date_the_presider_and_the_rights_of_article_64(
    register: RegisterCase, inspector: User, lead: User, legal: User, tmp_path: Path
) -> None:
    noticed = proposed(filed(register, lead), inspector, lead, legal)
    with pytest.raises(DocumentError, match="当前阶段不能制发听证通知书"):
        issue_document(actor=inspector, case=noticed, doc_type="hearing_notice")
    case = walk(
        noticed,
        (inspector, "serve_notice", SERVED),
        (inspector, "request_hearing", {"received_on": "2026-03-09"}),
        (inspector, "schedule_hearing", {"hearing_on": "2026-03-18", "hearing_presider": "lead"}),
    )
    assert case.state == State.HEARING
    text = issued_text(inspector, case, "hearing_notice", tmp_path, {"place": "福田区人力资源局三楼听证室"})
    assert lead.full_name
    for expected in (
        "听证通知书",
        EMPLOYER,
        "听证时间：二〇二六年三月十八日；听证地点：福田区人力资源局三楼听证室",
        f"听证主持人：{lead.full_name}",
        "罚款人民币20,000.00元",
        "听证公开举行",
        "有权申请回避",
        "委托一至二人代理",
        "视为放弃听证权利",
    ):
        assert expected in text, expected


def test_a_revocation_approval_form_is_drawn_up_while_investigating_and_cites_article_46(
    register: RegisterCase, inspector: User, lead: User, leader: User, tmp_path: Path
) -> None:
    case = filed(register, lead)
    text = issued_text(
        inspector, case, "revocation_approval", tmp_path, {"grounds": "经核查，劳动者工资已于立案前足额支付"}
    )
    assert case.case_number is not None
    for expected in (
        "撤销立案审批表",
        EMPLOYER,
        case.case_number,
        "第四十六条",
        "违法事实不成立",
        "2026-03-09",
        "经核查，劳动者工资已于立案前足额支付",
        "负责人审批意见",
    ):
        assert expected in text, expected
    assert "〔2026〕1号" not in text.replace(case.case_number, "")  # an internal form has no 文号
    revoked = walk(case, (leader, "revoke_filing", {"reason": "违法事实不成立"}))
    assert revoked.state == State.CLOSING_REVIEW
    with pytest.raises(DocumentError, match="当前阶段不能制发撤销立案审批表"):
        issue_document(actor=leader, case=revoked, doc_type="revocation_approval")


def test_a_preservation_notice_forbids_destroying_the_evidence_and_promises_a_decision_in_seven_working_days(
    register: RegisterCase, inspector: User, lead: User, leader: User, tmp_path: Path
) -> None:
    case = walk(
        filed(register, lead),
        (inspector, "request_preservation", {"preservation_items": "2025 年工资台账 2 册"}),
        (leader, "approve_preservation", {}),
    )
    assert case.preservation == "preserved"
    text = issued_text(inspector, case, "preservation_notice", tmp_path)
    assert case.case_number is not None
    for expected in (
        "先行登记保存通知书",
        EMPLOYER,
        case.case_number,
        "第五十六条",
        "经本机关负责人批准",
        "七个工作日内",
        "不得销毁或者转移",
    ):
        assert expected in text, expected


def test_a_closing_approval_form_sums_up_the_facts_the_decision_the_payment_and_the_dates(
    decided_penalty: Case, inspector: User, lead: User, tmp_path: Path
) -> None:
    with pytest.raises(DocumentError, match="当前阶段不能制发结案审批表"):
        issue_document(actor=inspector, case=decided_penalty, doc_type="closing_approval")
    case = walk(
        decided_penalty,
        (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}),
        (inspector, "file_with_superior", {}),
        (inspector, "record_fine_payment", {"paid_on": "2026-03-09", "amount": "20000"}),
        (inspector, "record_performance", {}),
    )
    assert case.state == State.CLOSING_REVIEW
    text = issued_text(inspector, case, "closing_approval", tmp_path)
    assert case.case_number is not None
    for expected in (
        "结案审批表",
        EMPLOYER,
        case.case_number,
        FINDINGS,
        "2026-03-09行政处罚：罚款人民币20,000.00元",
        "送达日期2026-03-09",
        "罚款已于2026-03-09缴纳",
        "案件已处理完毕，建议结案。",
    ):
        assert expected in text, expected
    assert "第四十八条" not in text  # 广东条例 第四十八条 is the filing with the superior, not the closing (B8)
