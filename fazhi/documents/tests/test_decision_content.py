"""The 行政处罚决定书 as 行政处罚法 第五十九条 requires it: the deciding organ of the case's unit (its name, seal line,
文号 and reconsideration organ), the facts the decision found, the evidence on file by name, each penalty with the
order to correct (第二十八条第一款), how and by when to pay, the statutes named in 《》."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Org
from fazhi.accounts.models import Role, UnitKind, User
from fazhi.accounts.testing import make_unit, make_user
from fazhi.cases.actions import register_case
from fazhi.cases.models import Case, Decision, Source
from fazhi.cases.tests.conftest import RegisterCase
from fazhi.documents import wording
from fazhi.documents.actions import DocumentNotIssuable, issue_document
from fazhi.documents.tests.conftest import DECIDED_FACTS, FINDINGS, decided, filed, flat, proposed, walk
from fazhi.evidence.actions import add_evidence
from fazhi.evidence.models import Kind
from fazhi.evidence.tests.conftest import PDF

pytestmark = pytest.mark.django_db

PNG_DIR = Path("/tmp/fazhi-docs")  # noqa: S108  (the brief names this folder for looking at the pages)


def decision_text(actor: User, case: Case, tmp_path: Path, name: str = "") -> str:
    document = issue_document(actor=actor, case=case, doc_type="penalty_decision")
    if name:  # the pages as images, to look at
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(bytes(document.pdf))
        PNG_DIR.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(PNG_DIR / name)], check=True)
    return flat(bytes(document.pdf), tmp_path)


@pytest.fixture
def penalty(register: RegisterCase, inspector: User, lead: User, legal: User) -> Case:
    """A Futian ledger case with an inquiry on file, its penalty proposed, legally reviewed and in NOTICE."""
    return proposed(filed(register, lead), inspector, lead, legal)


def test_a_futian_case_decision_names_the_futian_bureau_and_district_government_处罚法第五十九条(
    penalty: Case, inspector: User, leader: User, tmp_path: Path
) -> None:
    case = decided(penalty, inspector, leader, fine_amount="20000.00", facts_found=DECIDED_FACTS)
    document = issue_document(actor=inspector, case=case, doc_type="penalty_decision")
    text = flat(bytes(document.pdf), tmp_path)
    assert document.number == "深福人力监罚〔2026〕1号"
    assert text.startswith("福田区人力资源局深福人力监罚〔2026〕1号行政处罚决定书")  # the organ heads it
    assert "（印章）福田区人力资源局二〇二六年三月九日" in text  # its seal, name and date
    # 复议法 第二十四条第一款第（一）项: the district government reviews its bureau.
    assert "向深圳市福田区人民政府申请行政复议" in text
    assert "深圳市人民政府" not in text
    assert "深圳市人力资源和社会保障局" not in text


def test_a_city_units_case_decision_names_the_city_bureau_and_the_city_government_复议法第二十四条(
    org: Org, tmp_path: Path
) -> None:
    brigade = make_unit("T-JC", "深圳市劳动保障监察支队", UnitKind.BRIGADE, org.city)
    one = make_user("city_inspector", "周明", brigade, Role.INSPECTOR, certificate="T-1001")
    two = make_user("city_inspector2", "吴芳", brigade, Role.INSPECTOR, certificate="T-1002")
    lead = make_user("city_lead", "钱进", brigade, Role.LEAD)
    legal = make_user("city_legal", "孔丽", org.city, Role.LEGAL, legal_qualification=True)
    leader = make_user("city_leader", "蒋华", org.city, Role.LEADER)
    case = register_case(
        actor=one,
        source=Source.COMPLAINT,
        unit=brigade,
        employer_name="深圳某集团有限公司",
        summary="拖欠员工工资。",
        received_on=dt.date(2026, 3, 2),
        complainant_name="刘芳",
        complainant_phone="13800138000",
        workers=[],
        handler=one,
        co_handler=two,
    )
    case = proposed(walk(case, (lead, "accept", {})), one, lead, legal)
    case = decided(case, one, leader, fine_amount="20000.00")
    document = issue_document(actor=one, case=case, doc_type="penalty_decision")
    text = flat(bytes(document.pdf), tmp_path)
    assert document.number == "深人社监罚〔2026〕1号"
    assert text.startswith("深圳市人力资源和社会保障局深人社监罚〔2026〕1号")
    assert "向深圳市人民政府申请行政复议" in text


def test_the_decision_states_the_facts_it_found_never_the_complaint_or_the_proposal_处罚法第五十九条第一款第二项(
    penalty: Case, inspector: User, leader: User, tmp_path: Path
) -> None:
    case = decided(penalty, inspector, leader, fine_amount="20000.00", facts_found=DECIDED_FACTS)
    text = decision_text(inspector, case, tmp_path)
    assert f"经查明：{DECIDED_FACTS}" in text
    assert FINDINGS not in text  # the decider's facts, not the proposal's
    assert "拖欠3名员工" not in text  # the complaint's summary is an allegation, not a finding
    assert "拟处理意见" not in text  # nor the internal proposal
    facts = text[text.index("经查明") : text.index("本机关认为")]
    assert "拟" not in facts


def test_the_decision_lists_the_evidence_on_file_by_name_and_no_boilerplate_处罚法第五十九条第一款第二项(
    penalty: Case, inspector: User, leader: User, tmp_path: Path, settings: Any
) -> None:
    settings.FAZHI_EVIDENCE_DIR = tmp_path / "evidence"
    upload = SimpleUploadedFile("台账检查.pdf", PDF, content_type="application/pdf")
    add_evidence(
        actor=inspector, case=penalty, upload=upload, title="现场检查照片及台账缺失说明", kind=Kind.DOCUMENTARY
    )
    case = decided(penalty, inspector, leader, fine_amount="20000.00", facts_found=DECIDED_FACTS)
    text = decision_text(inspector, case, tmp_path, "decision_evidence")
    assert "上述事实有以下证据证实：" in text
    assert "1．二〇二六年三月九日对张经理（人事主管）的调查询问笔录；" in text
    assert "2．现场检查照片及台账缺失说明（书证）。" in text
    for boilerplate in ("工资支付记录", "劳动者投诉材料", "现场检查笔录"):
        assert boilerplate not in text, boilerplate


def test_no_decision_is_issued_while_the_case_holds_no_evidence_处罚法第五十九条第一款第二项(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    case = walk(
        filed(register, lead),
        (
            inspector,
            "propose",
            {
                "proposed_outcome": "penalty",
                "violation_code": "gdjc49_no_ledger",
                "findings": FINDINGS,
                "occurred_on": "2025-06-01",
                "proposed_fine": "20000.00",
                "proposal": "依法处理。",
            },
        ),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
    )
    case = decided(case, inspector, leader, fine_amount="20000.00")
    with pytest.raises(DocumentNotIssuable, match="没有在卷的证据"):
        issue_document(actor=inspector, case=case, doc_type="penalty_decision")


def test_each_measure_is_printed_and_the_order_to_correct_always_处罚法第九条第二十八条(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User, tmp_path: Path
) -> None:
    """劳动保障监察条例 第二十八条第一款: 责令改正, 没收违法所得, 罚款, 吊销许可证 — proposed, notified, decided."""
    measures = {
        "violation_code": "lbjc28_1_agency_training_violation",
        "proposed_fine": "20000.00",
        "confiscation_amount": "3000.00",
        "revoke_licence": "职业介绍许可证",
        "correction": "责令立即停止违规职业介绍活动",
    }
    case = proposed(filed(register, lead), inspector, lead, legal, **measures)
    case = decided(case, inspector, leader, facts_found=DECIDED_FACTS, correction=measures["correction"])
    text = decision_text(inspector, case, tmp_path, "decision_measures")
    assert "一、责令你单位立即停止违规职业介绍活动；" in text
    assert (
        "二、对你单位给予以下行政处罚：罚款人民币20,000.00元；没收违法所得人民币3,000.00元；吊销职业介绍许可证。"
        in text
    )
    assert "依据《劳动保障监察条例》第二十八条第一款和《中华人民共和国行政处罚法》第二十八条第一款的规定" in text
    # 第六十七条、第七十二条: money is due, so how and by when to pay, and what follows late payment.
    assert "自收到本决定书之日起十五日内" in text
    assert "可以每日按罚款数额的百分之三加处罚款" in text


def test_every_kind_of_penalty_is_worded_as_the_decision_prints_it_处罚法第九条() -> None:
    lines = wording.penalty_lines(
        [
            {"kind": "order_correction", "detail": "于2026年4月9日前改正"},
            {"kind": "stop_work", "detail": "涉案项目停工至改正之日"},
            {"kind": "fine", "amount": "20000.00"},
            {"kind": "warning"},
            {"kind": "confiscation", "amount": "3000.00"},
            {"kind": "revoke_licence", "detail": "劳务派遣经营许可证"},
        ]
    )
    assert lines == [
        "警告",
        "罚款人民币20,000.00元",
        "没收违法所得人民币3,000.00元",
        "责令停产停业（项目停工）：涉案项目停工至改正之日",
        "吊销劳务派遣经营许可证",
    ]


def test_a_warning_only_decision_has_no_fine_and_no_payment_clause_劳动合同法第八十条(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User, tmp_path: Path
) -> None:
    warning: dict[str, Any] = {"violation_code": "ldht80_illegal_rules", "proposed_fine": "", "warning": True}
    case = proposed(filed(register, lead), inspector, lead, legal, **warning)
    case = decided(case, inspector, leader, comply_by="2026-04-09")
    text = decision_text(inspector, case, tmp_path, "decision_warning")
    assert "一、责令你单位于二〇二六年四月九日前改正上述违法行为；" in text  # the decision's deadline
    assert "二、对你单位给予以下行政处罚：警告。" in text
    assert "罚款" not in text
    assert "十五日内" not in text
    assert "听证" not in text  # a warning alone carries no right to a hearing (行政处罚法 第六十三条)


def test_the_statutes_are_named_by_their_full_titles_in_book_marks(
    penalty: Case, inspector: User, leader: User, tmp_path: Path
) -> None:
    case = decided(penalty, inspector, leader, fine_amount="20000.00", facts_found=DECIDED_FACTS)
    text = decision_text(inspector, case, tmp_path)
    assert "依据《广东省劳动保障监察条例》第四十九条" in text
    assert "《中华人民共和国行政处罚法》第六十七条第三款" in text
    assert "违反了广东省劳动保障监察条例" not in text  # the old wording: no 《》, the basis cited twice


def test_the_decision_says_the_party_waived_its_rights_in_writing_处罚法第六十二条(
    penalty: Case, inspector: User, leader: User, tmp_path: Path
) -> None:
    case = decided(penalty, inspector, leader, fine_amount="20000.00", facts_found=DECIDED_FACTS)
    text = decision_text(inspector, case, tmp_path)
    assert "本机关于二〇二六年三月九日向你单位送达《行政处罚告知书》" in text
    assert "你单位书面明确表示放弃陈述、申辩和听证的权利。" in text


def test_a_document_renders_the_decision_it_was_issued_for_not_only_the_latest(
    penalty: Case, inspector: User, leader: User, tmp_path: Path
) -> None:
    case = decided(penalty, inspector, leader, fine_amount="20000.00", facts_found=DECIDED_FACTS)
    first = case.decisions.get()
    # A later decision of the case (the steps that make one belong to the procedure; the row is what they leave).
    Decision.objects.create(
        case=case, sequence=2, outcome="penalty", decided_by=leader, decided_on=first.decided_on, facts_found="另案事实"
    )
    later = issue_document(actor=inspector, case=case, doc_type="penalty_decision")
    earlier = issue_document(actor=inspector, case=case, doc_type="penalty_decision", decision_id=first.pk)
    assert (later.decision_id, later.version, earlier.decision_id, earlier.version) == (
        case.decisions.get(sequence=2).pk,
        1,
        first.pk,
        1,
    )
    assert "另案事实" in flat(bytes(later.pdf), tmp_path)
    assert DECIDED_FACTS in flat(bytes(earlier.pdf), tmp_path)


@pytest.mark.parametrize(
    ("detail", "printed"),
    [
        ("", "责令你单位于二〇二六年四月九日前改正上述违法行为"),
        ("建立用工管理台账", "责令你单位于二〇二六年四月九日前改正上述违法行为：建立用工管理台账"),
        ("责令立即停止违规职业介绍活动", "责令你单位立即停止违规职业介绍活动，并于二〇二六年四月九日前改正完毕"),
    ],
)
def test_the_order_to_correct_is_addressed_to_the_party_with_the_decisions_deadline_处罚法第二十八条(
    detail: str, printed: str
) -> None:
    from fazhi.documents.render import _correction

    assert _correction([{"kind": "order_correction", "detail": detail}], dt.date(2026, 4, 9)) == printed
    assert _correction([], None) == "责令你单位立即改正上述违法行为"


def test_a_decision_that_imposes_no_surcharge_does_not_warn_of_it_处罚法第七十二条(
    penalty: Case, inspector: User, leader: User, tmp_path: Path
) -> None:
    """行政处罚法 第七十二条第一款 "可以": the decider chose no 3 % surcharge, so the decision does not announce one and
    warns only of court enforcement (第（四）项)."""
    case = decided(
        penalty, inspector, leader, fine_amount="20000.00", facts_found=DECIDED_FACTS, surcharge_imposed="no"
    )
    assert Decision.objects.get(case=case).surcharge_imposed is False
    text = decision_text(inspector, case, tmp_path)
    assert "百分之三" not in text
    assert "到期不缴纳罚款的，本机关可以依法申请人民法院强制执行" in text
