"""Documents handed to the employer keep the reporter's identity from it (劳动保障监察条例 第九条; 广东省劳动保障监察
条例 第三十五条): a reporter's name, ID number, phone number and home address typed into the facts never reach a
notice or decision; the bureau's own approval forms keep them."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Source
from fazhi.cases.tests.conftest import RegisterCase, walk
from fazhi.documents.actions import issue_document
from fazhi.documents.models import Document
from fazhi.documents.tests.conftest import decided, pdf_text, proposed

pytestmark = pytest.mark.django_db

REPORTER = "欧阳明远"
ID_NUMBER = "440304199001011233"
PHONE = "13912345678"
FACTS = f"举报人{REPORTER}（身份证{ID_NUMBER}，电话{PHONE}，家住福田区某花园8栋）反映：该公司未建立职工名册。"


def test_a_reporter_typed_into_the_facts_is_not_in_the_penalty_notice_or_decision_but_is_in_the_filing_form(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User, tmp_path: Path
) -> None:
    case = register(source=Source.REPORT, summary=FACTS, complainant_name=REPORTER, complainant_phone=PHONE, workers=[])
    issue_document(actor=inspector, case=case, doc_type="filing_approval")
    case = walk(case, (lead, "approve_filing", {}))
    case = proposed(case, inspector, lead, legal, findings=FACTS)
    issue_document(actor=inspector, case=case, doc_type="penalty_notice")
    case = decided(case, inspector, leader, fine_amount="20000.00", facts_found=FACTS)
    issue_document(actor=inspector, case=case, doc_type="penalty_decision")

    texts = {
        document.doc_type: pdf_text(bytes(document.pdf), tmp_path).replace("\n", "").replace(" ", "")
        for document in Document.objects.filter(case=case)
    }
    for doc_type in ("penalty_notice", "penalty_decision"):
        text = texts[doc_type]
        assert "未建立职工名册" in text, text  # the facts are there ...
        for secret in (REPORTER, ID_NUMBER, PHONE, "某花园8栋"):
            assert secret not in text, (doc_type, secret)  # ... the reporter is not
    assert REPORTER in texts["filing_approval"]  # the bureau's own form keeps what was reported
