"""Issuing 文书 on a decided penalty case: the PDF, its number and hash, the journal, corrections and scope."""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.documents.actions import DocumentError, DocumentRefused, issue_document
from fazhi.documents.models import Document, ImmutableDocumentError
from fazhi.documents.render import chinese_date
from fazhi.documents.tests.conftest import EMPLOYER, pdf_text
from fazhi.documents.types import DOCUMENT_TYPES
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db

PNG_DIR = Path("/tmp/fazhi-docs")  # noqa: S108  (the brief names this folder for looking at the pages)


def test_dates_are_written_in_chinese_numerals() -> None:
    import datetime as dt

    assert chinese_date(dt.date(2026, 3, 9)) == "二〇二六年三月九日"
    assert chinese_date(dt.date(2026, 10, 20)) == "二〇二六年十月二十日"
    assert chinese_date(dt.date(2030, 12, 31)) == "二〇三〇年十二月三十一日"


def test_a_penalty_decision_embeds_its_fonts_and_names_the_employer_the_case_and_the_fine(
    decided_penalty: Case, director: User, tmp_path: Path
) -> None:
    started = time.perf_counter()
    document = issue_document(actor=director, case=decided_penalty, doc_type="penalty_decision")
    elapsed = time.perf_counter() - started
    assert document.number == "深福人力监罚〔2026〕1号"
    pdf = bytes(document.pdf)
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == document.sha256
    (tmp_path / "document.pdf").write_bytes(pdf)
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "document.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert fonts, "the PDF uses no font"
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    text = "".join(pdf_text(pdf, tmp_path).split())
    assert decided_penalty.case_number is not None
    for expected in (
        EMPLOYER,
        decided_penalty.case_number,
        "20,000.00",
        "深福人力监罚〔2026〕1号",
        "二〇二六年三月九日",
    ):
        assert expected in text, expected
    # 行政复议 and 行政诉讼 (行政处罚法 第五十九条第一款第（五）项)
    assert "六十日内" in text
    assert "六个月内" in text
    print(f"penalty decision rendered in {elapsed:.2f} s")


def test_the_journal_entry_carries_the_hash_of_the_stored_bytes(decided_penalty: Case, director: User) -> None:
    document = issue_document(actor=director, case=decided_penalty, doc_type="penalty_decision", ip="10.0.0.8")
    entry = Entry.objects.get(action="documents.issue")
    stored = Document.objects.get(pk=document.pk)
    assert entry.after_data == {
        "case": decided_penalty.pk,
        "number": stored.number,
        "type": "penalty_decision",
        "sha256": hashlib.sha256(bytes(stored.pdf)).hexdigest(),
        "sm3": hashlib.new("sm3", bytes(stored.pdf)).hexdigest(),  # this machine's OpenSSL has SM3
        "docx_sha256": hashlib.sha256(bytes(stored.docx or b"")).hexdigest(),
        "version": 1,
        "decision": 1,
    }
    assert (entry.object_type, entry.object_id, entry.actor_id) == ("document", str(document.pk), director.pk)


def test_an_issued_document_cannot_be_changed_or_deleted(decided_penalty: Case, director: User) -> None:
    document = issue_document(actor=director, case=decided_penalty, doc_type="penalty_decision")
    document.pdf = b"%PDF-forged"
    with pytest.raises(ImmutableDocumentError):
        document.save()
    with pytest.raises(ImmutableDocumentError):
        Document.objects.filter(pk=document.pk).update(sha256="0" * 64)
    with pytest.raises(ImmutableDocumentError):
        document.delete()
    assert bytes(Document.objects.get(pk=document.pk).pdf).startswith(b"%PDF-1")


def test_a_correction_is_a_new_version_that_keeps_the_old_one(decided_penalty: Case, director: User) -> None:
    first = issue_document(actor=director, case=decided_penalty, doc_type="penalty_decision")
    with pytest.raises(DocumentError, match="更正理由"):
        issue_document(actor=director, case=decided_penalty, doc_type="penalty_decision")
    second = issue_document(actor=director, case=decided_penalty, doc_type="penalty_decision", reason="当事人地址有误")
    assert (second.version, second.supersedes_id, second.number) == (2, first.pk, "深福人力监罚〔2026〕2号")
    assert Document.objects.get(pk=first.pk).sha256 == first.sha256
    entry = Entry.objects.filter(action="documents.issue").order_by("-seq").first()
    assert entry is not None
    assert json.loads(entry.before) == {"number": first.number, "sha256": first.sha256, "version": 1}
    assert entry.after_data["reason"] == "当事人地址有误"


def test_a_document_is_refused_outside_its_stage_and_to_an_outsider(
    decided_penalty: Case, director: User, outsider: User, supervisor: User
) -> None:
    with pytest.raises(DocumentError, match="当前阶段不能制发行政处罚告知书"):
        issue_document(actor=director, case=decided_penalty, doc_type="penalty_notice")
    for actor in (outsider, supervisor):
        with pytest.raises(DocumentRefused):
            issue_document(actor=actor, case=decided_penalty, doc_type="penalty_decision")
    assert not Document.objects.exists()
    # The refusals are journaled; the attempt outside the stage changed nothing and is not.
    assert [e.outcome for e in Entry.objects.filter(action="documents.issue")] == ["refused", "refused"]


def test_the_pdf_downloads_as_an_attachment_and_an_outsider_gets_404(
    decided_penalty: Case, director: User, inspector: User, outsider: User, client: Client
) -> None:
    client.force_login(inspector)
    response = client.post(f"/staff/documents/cases/{decided_penalty.pk}/issue/", {"doc_type": "penalty_decision"})
    assert response.status_code == 302
    document = Document.objects.get(case=decided_penalty)
    url = f"/staff/cases/{decided_penalty.pk}/documents/{document.pk}.pdf"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert hashlib.sha256(response.content).hexdigest() == document.sha256
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    response = client.post(f"/staff/documents/cases/{decided_penalty.pk}/issue/", {"doc_type": "penalty_decision"})
    assert response.status_code == 404
    assert Document.objects.filter(case=decided_penalty).count() == 1


def test_every_type_renders_to_a_page_image_and_a_word_file_with_the_cases_facts(
    decided_penalty: Case, director: User, inspector: User, tmp_path: Path
) -> None:
    """One PNG per type into /tmp/fazhi-docs/, to look at; rendered directly, whatever the case's stage."""
    import datetime as dt

    from fazhi.cases.models import InvestigationRecord
    from fazhi.documents.render import Subject, context_for, render_docx, render_pdf

    record = InvestigationRecord.objects.get(case=decided_penalty)
    decision = decided_penalty.decisions.get()
    served = issue_document(actor=director, case=decided_penalty, doc_type="penalty_decision")
    PNG_DIR.mkdir(exist_ok=True)
    for kind in DOCUMENT_TYPES:
        inputs = {spec.name: spec.default or "测试填写内容" for spec in kind.inputs if spec.kind in ("line", "text")}
        inputs |= {"attend_on": "2026-03-12", "rate": "60", "started_at": "9:30", "ended_at": "10:45"}
        subject = Subject(
            record=record if kind.record_kind else None,
            decision=decision if kind.per_decision else None,
            served=served if kind.of_service else None,
        )
        number = kind.number("深福人力", 2026, 1) if kind.numbered else "登记号·内部文书"
        context = context_for(kind, decided_penalty, number, dt.date(2026, 3, 9), inputs, subject)
        pdf = render_pdf(kind, context)
        path = tmp_path / f"{kind.code}.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(path), str(PNG_DIR / kind.code)],
            check=True,
        )
        text = "".join(pdf_text(pdf, tmp_path).split())
        assert kind.title in text
        assert "福田区人力资源局" in text, kind.code  # the deciding organ heads every document
        assert decided_penalty.employer.name in text, kind.code
        words = docx_text(render_docx(kind, context))
        assert kind.title in words, kind.code
        assert "{{" not in words, kind.code
        assert "{%" not in words, kind.code
        if kind.numbered:  # an outgoing document: its 文号 and the organ's seal
            assert number in text, kind.code
            assert number in words, kind.code
            assert "（印章）" in text, kind.code
        else:  # an internal form or a record: no 文号 (its reference is not printed), no seal
            assert "登记号·内部文书" not in text + words, kind.code
            assert "（印章）" not in text + words, kind.code
        if kind.record_kind:
            assert "三月份工资尚未支付" in text
            assert "三月份工资尚未支付" in words
        (PNG_DIR / f"{kind.code}.docx").write_bytes(render_docx(kind, context))
    assert {p.name.rsplit("-", 1)[0] for p in PNG_DIR.glob("*.png")} >= {k.code for k in DOCUMENT_TYPES}


def docx_text(data: bytes) -> str:
    import io

    from docx import Document as Docx

    doc = Docx(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "".join("".join(parts).split())


def test_the_case_page_section_lists_the_documents_and_offers_only_the_types_allowed_now(
    decided_penalty: Case, director: User, supervisor: User, rf: RequestFactory
) -> None:
    from django.template.loader import render_to_string

    from fazhi.documents.queries import documents_of_case, issue_options

    document = issue_document(actor=director, case=decided_penalty, doc_type="penalty_decision")

    def section(user: User) -> str:
        context = {
            "case": decided_penalty,
            "case_documents": documents_of_case(user, decided_penalty.pk),
            "document_options": issue_options(user, decided_penalty),
        }
        return render_to_string("documents/_case_documents.html", context, request=rf.get("/"))

    html = section(director)
    assert f"/staff/cases/{decided_penalty.pk}/documents/{document.pk}.pdf" in html
    assert "重新制发行政处罚决定书" in html  # a correction, with its reason field
    assert "制发送达回证" in html
    assert document.number in html
    assert "行政处罚告知书" not in html  # the notice stage is over
    watched = section(supervisor)  # the supervisor sees the documents but issues none
    assert document.number in watched
    assert "<form" not in watched
