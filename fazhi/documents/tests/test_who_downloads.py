"""Who downloads a case's files (ADR 0016, "Documents and evidence files"): those who handle the case every document;
the supervisor and an inspector not assigned to it — who read its people masked on the case page — only the
employer's copies (the notices and decisions, made with the complainant's identity kept from the employer), never a
form, record or letter that names the complainant or a person heard, nor the dossier; each refusal journaled."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Org, make_user
from fazhi.accounts.models import Role, User
from fazhi.cases.models import Case, Source
from fazhi.cases.tests.conftest import RegisterCase, walk
from fazhi.documents.actions import DOSSIER_HANDLERS_ONLY, DocumentRefused, export_dossier, issue_document
from fazhi.documents.models import Document
from fazhi.documents.queries import NOT_THE_EMPLOYERS_COPY
from fazhi.documents.tests.conftest import decided, pdf_text, proposed
from fazhi.documents.types import BY_CODE
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db

REPORTER = "欧阳明远"
PHONE = "13912345678"
FACTS = f"举报人{REPORTER}（电话{PHONE}）反映：该公司未建立职工名册。"


@pytest.fixture
def inspector3(org: Org) -> User:
    """An inspector of the same squad, not assigned to the case."""
    return make_user("inspector3", "赵敏", org.futian_squad1, Role.INSPECTOR, certificate="T-0003")


@pytest.fixture
def reported(register: RegisterCase, inspector: User, lead: User, legal: User, leader: User) -> Case:
    """A report handled by the inspector and inspector2, filed and decided, with its filing form, its penalty notice
    and its decision issued."""
    case = register(
        source=Source.REPORT,
        summary=FACTS,
        complainant_name=REPORTER,
        complainant_phone=PHONE,
        workers=[],
    )
    issue_document(actor=inspector, case=case, doc_type="filing_approval")
    case = walk(case, (lead, "approve_filing", {}))
    case = proposed(case, inspector, lead, legal, findings=FACTS)
    issue_document(actor=inspector, case=case, doc_type="penalty_notice")
    case = decided(case, inspector, leader, fine_amount="20000.00", facts_found=FACTS)
    issue_document(actor=inspector, case=case, doc_type="penalty_decision")
    return case


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def urls(document: Document) -> list[str]:
    args = [document.case_id, document.pk]
    return [reverse("documents:download", args=args), reverse("documents:download_docx", args=args)]


def of(case: Case, doc_type: str) -> Document:
    return Document.objects.get(case=case, doc_type=doc_type)


def test_the_supervisor_downloads_the_decision_the_employer_got_without_the_reporter_in_it(
    reported: Case, supervisor: User, tmp_path: Path
) -> None:
    client = signed_in(supervisor)
    for doc_type in ("penalty_notice", "penalty_decision"):
        for url in urls(of(reported, doc_type)):
            assert client.get(url).status_code == 200, url
        text = pdf_text(bytes(client.get(urls(of(reported, doc_type))[0]).content), tmp_path)
        assert REPORTER not in text.replace(" ", "")
        assert PHONE not in text


@pytest.mark.parametrize("reader", ["supervisor", "inspector3"])
def test_a_reader_who_does_not_handle_the_case_is_refused_the_filing_form_that_names_the_reporter(
    reported: Case, reader: str, request: pytest.FixtureRequest
) -> None:
    client = signed_in(request.getfixturevalue(reader))
    for url in urls(of(reported, "filing_approval")):
        before = Entry.objects.count()
        response = client.get(url)
        assert response.status_code == 403, url
        assert NOT_THE_EMPLOYERS_COPY in response.content.decode()
        assert REPORTER.encode() not in response.content
        assert response.get("Content-Disposition") is None
        refusal = Entry.objects.order_by("-pk").first()
        assert refusal is not None
        assert Entry.objects.count() == before + 1
        assert (refusal.action, refusal.outcome) == ("access.refused", "refused")
        assert url in str(refusal.after)  # the journal names what was asked for


@pytest.mark.parametrize("reader", ["inspector", "inspector2", "lead", "legal", "leader"])
def test_the_handler_and_those_who_approve_review_and_decide_download_every_document(
    reported: Case, reader: str, request: pytest.FixtureRequest
) -> None:
    client = signed_in(request.getfixturevalue(reader))
    for document in Document.objects.filter(case=reported):
        for url in urls(document):
            assert client.get(url).status_code == 200, url


def test_the_case_page_offers_a_non_handler_only_the_files_they_may_download(reported: Case, supervisor: User) -> None:
    page = signed_in(supervisor).get(reverse("cases:detail", args=[reported.pk])).content.decode()
    assert urls(of(reported, "penalty_decision"))[0] in page
    assert urls(of(reported, "filing_approval"))[0] not in page
    assert "仅承办人员可下载" in page
    assert of(reported, "filing_approval").sha256[:10] in page  # the record of it is still there to check


def test_only_the_notices_and_decisions_to_the_party_count_as_the_employers_copy() -> None:
    copies = {code for code, kind in BY_CODE.items() if kind.for_the_employer}
    assert {"penalty_notice", "penalty_decision", "handling_decision", "rectification_order"} <= copies
    # Forms of the file, letters to other organs, notices to the complainant and records of what a person said.
    for code in ("filing_approval", "closing_approval", "referral_letter", "crime_transfer", "extension_notice"):
        assert code not in copies, code
    for code in ("inquiry_record", "inspection_record", "hearing_record"):
        assert code not in copies, code


def test_an_inspector_not_assigned_to_the_case_cannot_export_its_dossier(reported: Case, inspector3: User) -> None:
    before = Entry.objects.count()
    with pytest.raises(DocumentRefused) as refused:
        export_dossier(actor=inspector3, case=reported)
    assert refused.value.message == DOSSIER_HANDLERS_ONLY
    assert Entry.objects.count() == before + 1
    response = signed_in(inspector3).post(reverse("documents:dossier", args=[reported.pk]))
    assert response.status_code == 403
    assert "卷宗载有投诉人" in response.content.decode()


def test_the_handler_exports_the_dossier(reported: Case, inspector: User) -> None:
    assert export_dossier(actor=inspector, case=reported)[:2] == b"PK"
