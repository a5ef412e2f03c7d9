"""询问通知书, 调查询问笔录, 现场检查笔录, 听证笔录 and 涉嫌犯罪案件移送书; values typed at issue; the Word file; the
dossier downloaded from the case page."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.cases.models import Case, InvestigationRecord
from fazhi.cases.tests.conftest import INQUIRY, LEDGER, RegisterCase, on, walk
from fazhi.documents.actions import DocumentError, DocumentInputInvalid, DocumentNotIssuable, issue_document
from fazhi.documents.models import Document
from fazhi.documents.tests.conftest import EMPLOYER, FINDINGS, SERVED, filed, pdf_text
from fazhi.documents.tests.test_documents import docx_text
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db

NOTICE_INPUTS = {
    "attend_on": "2026-03-12",
    "attend_time": "上午9时30分",
    "place": "福田区劳动监察大队二楼询问室",
    "person": "法定代表人",
    "materials": "劳动合同；工资支付记录",
}


@pytest.fixture
def investigating(register: RegisterCase, lead: User) -> Case:
    """A complaint accepted and so filed by the lead (广东条例 第三十六条第一款)."""
    return filed(register, lead)


# A penalty proposal as procedure version 2 takes it: the facts found and when the violation occurred.
PENALTY = {
    "proposed_outcome": "penalty",
    "violation_code": LEDGER,
    "proposed_fine": "20000.00",
    "findings": FINDINGS,
    "occurred_on": "2025-06-01",
    "proposal": "台账",
}


def text_of(document: Document, tmp_path: Path) -> str:
    return "".join(pdf_text(bytes(document.pdf), tmp_path).split())


def test_an_inquiry_notice_says_when_where_and_what_to_bring_in_pdf_and_word(
    investigating: Case, inspector: User, tmp_path: Path
) -> None:
    document = issue_document(actor=inspector, case=investigating, doc_type="inquiry_notice", inputs=NOTICE_INPUTS)
    assert document.number == "深福人力监询〔2026〕1号"
    text = text_of(document, tmp_path)
    for expected in (
        "询问通知书",
        EMPLOYER,
        "二〇二六年三月十二日上午9时30分",
        "福田区劳动监察大队二楼询问室",
        "工资支付记录",
        "第十五条",
    ):
        assert expected in text, expected
    assert document.docx is not None
    words = docx_text(bytes(document.docx))
    assert "二〇二六年三月十二日上午9时30分" in words
    assert "福田区劳动监察大队二楼询问室" in words
    assert document.inputs == NOTICE_INPUTS
    entry = Entry.objects.get(action="documents.issue")
    assert entry.after_data is not None
    assert entry.after_data["inputs"] == NOTICE_INPUTS
    assert entry.after_data["docx_sha256"] == hashlib.sha256(bytes(document.docx)).hexdigest()


def test_an_inquiry_notice_without_its_date_or_with_a_past_date_is_refused_naming_each_input(
    investigating: Case, inspector: User
) -> None:
    with pytest.raises(DocumentInputInvalid) as refused:
        issue_document(
            actor=inspector,
            case=investigating,
            doc_type="inquiry_notice",
            inputs={**NOTICE_INPUTS, "attend_on": "", "place": "  "},
        )
    assert refused.value.problems == {"attend_on": "请填写接受询问日期", "place": "请填写询问地点"}
    with pytest.raises(DocumentInputInvalid, match="接受询问日期不能早于今天"):
        issue_document(
            actor=inspector,
            case=investigating,
            doc_type="inquiry_notice",
            inputs={**NOTICE_INPUTS, "attend_on": "2026-03-01"},
        )
    with pytest.raises(DocumentInputInvalid, match="没有这一天"):
        issue_document(
            actor=inspector,
            case=investigating,
            doc_type="inquiry_notice",
            inputs={**NOTICE_INPUTS, "attend_on": "2026-02-30"},
        )
    assert not Document.objects.exists()  # and no number was used up
    assert issue_document(
        actor=inspector, case=investigating, doc_type="inquiry_notice", inputs=NOTICE_INPUTS
    ).number.endswith("〔2026〕1号")


def test_each_inquiry_record_gets_its_own_record_document_with_both_officers_and_the_answers(
    investigating: Case, inspector: User, inspector2: User, tmp_path: Path
) -> None:
    case = walk(
        investigating,
        (inspector, "record_investigation", INQUIRY),
        (
            inspector2,
            "record_investigation",
            {**INQUIRY, "subject": "王出纳", "content": "问：工资表在哪里？\n答：在财务室。"},
        ),
    )
    first, second = InvestigationRecord.objects.filter(case=case).order_by("pk")
    one = issue_document(actor=inspector, case=case, doc_type="inquiry_record", record_id=first.pk)
    two = issue_document(actor=inspector, case=case, doc_type="inquiry_record", record_id=second.pk)
    # A record is not an outgoing document: no 文号, only its place in the file (行政处罚法 第五十五条).
    reference = f"{case.reference}·调查询问笔录"
    assert (one.number, two.number) == (f"{reference}·第1份", f"{reference}·第2份")
    text = text_of(one, tmp_path)
    for expected in ("调查询问笔录", "张经理（人事主管）", "三月份工资尚未支付", "张伟", "李娜", "T-0001", "T-0002"):
        assert expected in text, expected
    assert "在财务室" in text_of(two, tmp_path)
    with pytest.raises(DocumentError, match="重新制发须说明更正理由"):
        issue_document(actor=inspector, case=case, doc_type="inquiry_record", record_id=first.pk)
    corrected = issue_document(
        actor=inspector, case=case, doc_type="inquiry_record", record_id=first.pk, reason="更正被询问人职务"
    )
    assert (corrected.version, corrected.supersedes_id) == (2, one.pk)


def test_a_record_document_needs_a_record_of_its_own_case_and_kind(
    investigating: Case, inspector: User, register: RegisterCase, lead: User
) -> None:
    case = walk(investigating, (inspector, "record_investigation", INQUIRY))
    record = InvestigationRecord.objects.get(case=case)
    with pytest.raises(DocumentInputInvalid, match="请选择本案的一份现场检查记录"):
        issue_document(actor=inspector, case=case, doc_type="inspection_record", record_id=record.pk)
    other = filed(register, lead)
    with pytest.raises(DocumentInputInvalid, match="请选择本案的一份调查询问记录"):
        issue_document(actor=inspector, case=other, doc_type="inquiry_record", record_id=record.pk)
    with pytest.raises(DocumentInputInvalid):
        issue_document(actor=inspector, case=case, doc_type="inquiry_record", record_id="1 OR 1=1")
    assert not Document.objects.exists()


def test_notices_wait_for_their_facts_the_hearing_date_the_hearing_itself_and_the_approved_preservation(
    investigating: Case, inspector: User, lead: User, legal: User, leader: User
) -> None:
    with pytest.raises(DocumentError, match="须经负责人批准"):
        issue_document(actor=inspector, case=investigating, doc_type="preservation_notice")
    requested = walk(investigating, (inspector, "request_preservation", {"preservation_items": "工资台账 2 册"}))
    with pytest.raises(DocumentError, match="须经负责人批准"):
        issue_document(actor=inspector, case=requested, doc_type="preservation_notice")
    preserved = walk(requested, (leader, "approve_preservation", {}))
    assert issue_document(actor=inspector, case=preserved, doc_type="preservation_notice").number
    hearing = walk(
        preserved,
        (inspector, "decide_preservation", {"preservation_decision": "keep_as_evidence"}),
        (inspector, "propose", PENALTY),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        (inspector, "serve_notice", SERVED),
        (inspector, "request_hearing", {"received_on": "2026-03-09"}),
    )
    with pytest.raises(DocumentError, match="请先办理“发出听证通知”"):
        issue_document(actor=inspector, case=hearing, doc_type="hearing_notice")
    scheduled = walk(hearing, (inspector, "schedule_hearing", {"hearing_on": "2026-03-18", "hearing_presider": "lead"}))
    assert issue_document(actor=inspector, case=scheduled, doc_type="hearing_notice").number
    with pytest.raises(DocumentError, match="案件当前阶段不能制发听证笔录"):
        issue_document(actor=inspector, case=scheduled, doc_type="hearing_record")


def test_a_hearing_record_carries_what_was_said_at_the_hearing(
    investigating: Case, inspector: User, lead: User, legal: User, tmp_path: Path
) -> None:
    heard = walk(
        investigating,
        (inspector, "propose", PENALTY),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        (inspector, "serve_notice", SERVED),
        (inspector, "request_hearing", {"received_on": "2026-03-09"}),
        (inspector, "schedule_hearing", {"hearing_on": "2026-03-18", "hearing_presider": "lead"}),
    )
    with on(dt.date(2026, 3, 18)):
        heard = walk(
            heard, (inspector, "finish_hearing", {"hearing_record": "当事人称台账已补建。\n调查人员出示现场照片。"})
        )
    assert heard.hearing_record == "当事人称台账已补建。\n调查人员出示现场照片。"
    with on(dt.date(2026, 3, 18)):
        text = text_of(issue_document(actor=inspector, case=heard, doc_type="hearing_record"), tmp_path)
    for expected in (
        "听证笔录",
        "当事人称台账已补建。",
        "调查人员出示现场照片。",
        f"主持人{lead.full_name}",
        "二〇二六年三月十八日",
    ):
        assert expected in text, expected


def test_a_crime_transfer_goes_to_the_named_police_organ_once_the_principal_head_approved_it(
    investigating: Case, inspector: User, leader: User, tmp_path: Path
) -> None:
    """行政执法机关移送涉嫌犯罪案件的规定 第五条、第六条: the 移送书 is issued once the 正职负责人 approved the
    transfer, to the police organ typed at issue, with the report, the 涉案物品清单 and the evidence on file."""
    case = walk(
        investigating,
        (
            inspector,
            "report_transfer",
            {"transfer_report": "该单位拒不支付劳动报酬，数额较大。", "transfer_items": "考勤机一台"},
        ),
    )
    with pytest.raises(DocumentNotIssuable, match="正职负责人批准后"):
        issue_document(actor=inspector, case=case, doc_type="crime_transfer", inputs={"police": "深圳市公安局福田分局"})
    case = walk(case, (leader, "approve_transfer", {}))
    with pytest.raises(DocumentInputInvalid, match="请填写移送的公安机关"):
        issue_document(actor=inspector, case=case, doc_type="crime_transfer", inputs={"police": ""})
    document = issue_document(
        actor=inspector,
        case=case,
        doc_type="crime_transfer",
        inputs={"police": "深圳市公安局福田分局", "enclosures": "调查询问笔录复印件"},
    )
    text = text_of(document, tmp_path)
    for expected in (
        "涉嫌犯罪案件移送书",
        "深圳市公安局福田分局",
        "仍拖欠2名劳动者劳动报酬合计人民币21,500.50元",
        "第二十七条第一款",
        "二〇二六年三月九日批准移送",
        "该单位拒不支付劳动报酬，数额较大。",
        "涉案物品清单：考勤机一台",
        "调查询问笔录复印件",
    ):
        assert expected in text, expected


def test_the_word_file_is_offered_for_download_in_scope_only(
    investigating: Case, inspector: User, outsider: User, client: Client
) -> None:
    document = issue_document(actor=inspector, case=investigating, doc_type="filing_approval")
    url = f"/staff/cases/{investigating.pk}/documents/{document.pk}.docx"
    client.force_login(inspector)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == bytes(document.docx or b"")
    assert EMPLOYER in docx_text(response.content)
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_the_issue_form_keeps_what_was_typed_and_names_the_missing_input(
    investigating: Case, inspector: User, client: Client
) -> None:
    client.force_login(inspector)
    response = client.post(
        f"/staff/documents/cases/{investigating.pk}/issue/",
        {**NOTICE_INPUTS, "doc_type": "inquiry_notice", "place": "", "materials": "营业执照；我特意写的材料清单"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "请填写询问地点" in page
    assert "我特意写的材料清单" in page
    assert 'value="上午9时30分"' in page
    assert not Document.objects.exists()


def test_the_dossier_is_downloaded_from_the_case_page_by_staff_in_scope_and_journaled(
    investigating: Case, inspector: User, supervisor: User, outsider: User, client: Client
) -> None:
    issue_document(actor=inspector, case=investigating, doc_type="filing_approval")
    url = f"/staff/documents/cases/{investigating.pk}/dossier/"
    client.force_login(inspector)
    assert "导出卷宗" in client.get(f"/staff/cases/{investigating.pk}/").content.decode()
    response = client.post(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response.streaming  # from a temporary file, never the whole ZIP in memory (security review L5)
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]  # a FileResponse
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert "contents.pdf" in archive.namelist()
        assert "manifest.json" in archive.namelist()
    entry = Entry.objects.get(action="documents.export_dossier")
    assert entry.actor_id == inspector.pk
    assert entry.after_data is not None
    assert entry.after_data["sha256"] == hashlib.sha256(body).hexdigest()
    assert entry.after_data["bytes"] == len(body)
    assert client.get(url).status_code == 405  # an export is journaled: never on a GET
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    client.force_login(supervisor)  # reads on screen; takes no copies
    assert client.post(url).status_code == 403
    assert Entry.objects.filter(action="documents.export_dossier", outcome="success").count() == 1


def test_typed_text_cannot_break_the_word_file_or_the_pdf(investigating: Case, inspector: User, tmp_path: Path) -> None:
    tricky = "</w:t></w:r><w:p>注入 & <b>粗体</b> {{ bureau }} {% if 1 %}"
    document = issue_document(
        actor=inspector, case=investigating, doc_type="inquiry_notice", inputs={**NOTICE_INPUTS, "place": tricky}
    )
    assert document.docx is not None
    words = docx_text(bytes(document.docx))  # python-docx opens it: the XML is intact
    assert "</w:t></w:r><w:p>注入&<b>粗体</b>{{bureau}}{%if1%}" in words
    assert "</w:t></w:r><w:p>注入&<b>粗体</b>{{bureau}}{%if1%}" in text_of(document, tmp_path)


def test_a_deployment_overrides_a_template_in_html_and_word(
    investigating: Case, inspector: User, tmp_path: Path, settings: Any
) -> None:
    from docx import Document as Docx

    own = tmp_path / "own" / "documents"
    own.mkdir(parents=True)
    (own / "inquiry_notice.html").write_text(
        '{% extends "documents/base.html" %}'
        "{% block body %}<p>本局自定的询问通知书：{{ employer.name }}</p>{% endblock %}",
        encoding="utf-8",
    )
    word = Docx()
    word.add_paragraph("自定 Word 模板 {{ number }} {{ employer.name }}")
    word.save(str(own / "inquiry_notice.docx"))
    settings.FAZHI_DOCUMENT_TEMPLATE_DIR = str(tmp_path / "own")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path / "own", *settings.TEMPLATES[0]["DIRS"]]}
    ]  # as settings.py builds it from the variable
    document = issue_document(actor=inspector, case=investigating, doc_type="inquiry_notice", inputs=NOTICE_INPUTS)
    assert f"本局自定的询问通知书：{EMPLOYER}" in text_of(document, tmp_path)
    assert document.docx is not None
    assert f"自定Word模板{document.number}{EMPLOYER}" in docx_text(bytes(document.docx))


def test_the_documentation_lists_every_type_and_its_inputs() -> None:
    from fazhi.documents.types import DOCUMENT_TYPES

    text = (Path(__file__).resolve().parents[3] / "docs" / "documents.md").read_text(encoding="utf-8")
    for kind in DOCUMENT_TYPES:
        number = f"〔机关代字〕{kind.prefix}〔年〕n号" if kind.numbered else "不编文号"
        assert f"| `{kind.code}` | {kind.title} | {number} |" in text, kind.code
        for spec in kind.inputs:
            assert f"`{spec.name}` {spec.label}" in text, spec.name


def test_the_demo_issues_documents_of_many_types_through_the_action(tmp_path: Path) -> None:
    from django.core.management import call_command

    from fazhi.journal.verify import verify_journal

    out = io.StringIO()
    call_command("seed_demo", "--cases", "32", "--documents", "1", stdout=out)
    documents = Document.objects.all()
    # The demo's transfer to the police issues its 移送书 on the transfer's own day (fazhi.demo.transfer).
    assert f"制发 {documents.exclude(doc_type='crime_transfer').count()} 份文书" in out.getvalue()
    assert documents.filter(doc_type="crime_transfer").count() == 1
    types = set(documents.values_list("doc_type", flat=True))
    assert {"filing_approval", "inquiry_notice", "inquiry_record", "hearing_notice", "closing_approval"} <= types, types
    assert Entry.objects.filter(action="documents.issue").count() == documents.count()
    # Every penalty decision issued in the demo is published on the portal, through the action.
    from fazhi.disclosure.models import PublishedDecision

    published = PublishedDecision.objects.count()
    assert f"已在门户网站公示 {published} 份行政处罚决定" in out.getvalue()
    assert published == documents.filter(doc_type="penalty_decision").values("case").distinct().count()
    assert Entry.objects.filter(action="disclosure.publish_decision").count() == published
    # The portal's officers list and a journal checkpoint are published too.
    from fazhi.accounts.models import Role, User
    from fazhi.disclosure.models import PublishedCheckpoint, PublishedOfficer

    inspectors = User.objects.filter(role_grants__role=Role.INSPECTOR).exclude(enforcement_certificate_number="")
    assert inspectors.count() > 0
    assert set(inspectors.values_list("full_name", flat=True)) <= set(
        PublishedOfficer.objects.values_list("name", flat=True)
    )
    checkpoint = PublishedCheckpoint.objects.get()
    assert f"全过程记录检查点（第 1 至 {checkpoint.tree_size} 条）" in out.getvalue()
    assert verify_journal().ok


def test_the_api_issues_and_lists_documents_with_their_hashes(investigating: Case, inspector: User) -> None:
    from fazhi.api.tests.helpers import api_client

    client = api_client(inspector)
    url = f"/api/v1/cases/{investigating.pk}/documents"
    created = client.post(url, {"type": "inquiry_notice", "inputs": NOTICE_INPUTS}, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    document = Document.objects.get()
    assert body["number"] == document.number == "深福人力监询〔2026〕1号"
    assert body["sha256"] == hashlib.sha256(bytes(document.pdf)).hexdigest()
    assert body["pdf_url"] == f"/staff/cases/{investigating.pk}/documents/{document.pk}.pdf"
    listed = client.get(url).json()
    assert [row["number"] for row in listed] == [document.number]


def test_the_api_answers_422_naming_the_inputs_409_too_early_and_404_out_of_scope(
    investigating: Case, inspector: User, outsider: User
) -> None:
    from fazhi.api.tests.helpers import api_client

    client = api_client(inspector)
    url = f"/api/v1/cases/{investigating.pk}/documents"
    missing = client.post(url, {"type": "inquiry_notice", "inputs": {}}, content_type="application/json")
    assert missing.status_code == 422
    assert missing.json()["detail"]["place"] == "请填写询问地点"
    early = client.post(url, {"type": "penalty_decision"}, content_type="application/json")
    assert early.status_code == 409
    assert early.json()["message"] == "案件当前阶段不能制发行政处罚决定书。"
    unknown = client.post(url, {"type": "no_such_type"}, content_type="application/json")
    assert unknown.status_code == 422
    assert "未知的文书种类" in unknown.json()["message"]
    assert (
        api_client(outsider).post(url, {"type": "filing_approval"}, content_type="application/json").status_code == 404
    )
    assert not Document.objects.exists()


def test_a_refused_issue_or_export_is_journaled_as_refused(investigating: Case, outsider: User) -> None:
    from fazhi.documents.actions import DocumentRefused, export_dossier

    with pytest.raises(DocumentRefused, match="您无权为该案件制发文书"):
        issue_document(actor=outsider, case=investigating, doc_type="filing_approval")
    with pytest.raises(DocumentRefused, match="您无权导出该案件的卷宗"):
        export_dossier(actor=outsider, case=investigating)
    refused = Entry.objects.filter(outcome="refused", actor_id=outsider.pk).order_by("seq")
    assert [(e.action, e.object_id) for e in refused] == [
        ("documents.issue", str(investigating.pk)),
        ("documents.export_dossier", str(investigating.pk)),
    ]
    assert not Document.objects.exists()


def test_a_correction_form_starts_from_the_values_of_the_issued_version(
    investigating: Case, inspector: User, client: Client
) -> None:
    issue_document(actor=inspector, case=investigating, doc_type="inquiry_notice", inputs=NOTICE_INPUTS)
    client.force_login(inspector)
    page = client.get(f"/staff/cases/{investigating.pk}/").content.decode()
    assert "重新制发询问通知书（更正）" in page
    assert 'value="福田区劳动监察大队二楼询问室"' in page
    assert 'value="2026-03-12"' in page
