"""The citations the legal review found unsupported, corrected (B8); statutes named in 《》; internal forms that are
not outgoing documents; the 询问笔录 with its times, the person questioned and a signature on every page."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case, InvestigationRecord
from fazhi.cases.tests.conftest import INQUIRY, RegisterCase
from fazhi.documents import wording
from fazhi.documents.actions import DocumentInputInvalid, issue_document
from fazhi.documents.tests.conftest import filed, flat, walk
from fazhi.rules.identifiers import make_id_number
from fazhi.rules.violations import all_violations

NOTICE = {"attend_on": "2026-03-12", "place": "福田区劳动监察大队二楼询问室"}


def page_count(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.mark.django_db
def test_an_inquiry_notice_cites_article_15_items_2_and_3_and_in_guangdong_article_52_item_2_B8(
    register: RegisterCase, inspector: User, lead: User, tmp_path: Path
) -> None:
    case = filed(register, lead)
    text = flat(
        bytes(issue_document(actor=inspector, case=case, doc_type="inquiry_notice", inputs=NOTICE).pdf), tmp_path
    )
    # 劳动保障监察条例 第十五条: questioning is 第（二）项, documents and explanations 第（三）项 (not 第（一）项).
    assert "依据《劳动保障监察条例》第十五条第一款第（二）项、第（三）项的规定" in text
    # Ignoring the notice: 监察条例 第三十条 and, in Guangdong, the specific 广东条例 第五十二条第（二）项.
    assert (
        "依据《劳动保障监察条例》第三十条第（一）项、第（二）项和《广东省劳动保障监察条例》第五十二条第（二）项" in text
    )


@pytest.mark.django_db
def test_outside_guangdong_the_inquiry_notice_cites_the_national_regulation_only(
    register: RegisterCase, inspector: User, lead: User, tmp_path: Path, settings: Any
) -> None:
    case = filed(register, lead)
    settings.FAZHI_JURISDICTION = "CN"
    text = flat(
        bytes(issue_document(actor=inspector, case=case, doc_type="inquiry_notice", inputs=NOTICE).pdf), tmp_path
    )
    assert "依据《劳动保障监察条例》第三十条第（一）项、第（二）项的规定处理" in text
    assert "广东省" not in text


@pytest.mark.django_db
def test_an_approval_form_is_not_numbered_or_sealed_and_shows_the_approval_taken(
    register: RegisterCase, inspector: User, lead: User, tmp_path: Path
) -> None:
    case = filed(register, lead)
    document = issue_document(actor=inspector, case=case, doc_type="filing_approval")
    assert document.number == f"{case.reference}·立案审批表"
    text = flat(bytes(document.pdf), tmp_path, raw=True)
    assert text.startswith("福田区人力资源局立案审批表")  # the organ in black above the title, no 文号 line
    assert "（印章）" not in text
    assert "同意立案。王强二〇二六年三月九日" in text  # the lead's acceptance, as the journal holds it
    assert "第十七条" not in text  # 监察条例 第十七条 is the 60-working-day limit, not a ground for filing
    assert page_count(bytes(document.pdf), tmp_path) == 1  # no opinion or signature pushed alone onto a page


@pytest.fixture
def recorded(register: RegisterCase, inspector: User, lead: User) -> Case:
    long_answer = "\n".join(f"问：第{n}个问题，工资发放情况如何？\n答：按月发放，本月延迟。" for n in range(1, 25))
    return walk(filed(register, lead), (inspector, "record_investigation", {**INQUIRY, "content": long_answer}))


@pytest.mark.django_db
def test_an_inquiry_record_names_its_times_and_the_person_and_is_signed_on_every_page_处罚法第五十五条(
    recorded: Case, inspector: User, tmp_path: Path
) -> None:
    record = InvestigationRecord.objects.get(case=recorded)
    id_number = make_id_number(random.Random(7), birth=dt.date(1985, 5, 1))
    inputs = {"started_at": "9:30", "ended_at": "11:05", "id_number": id_number, "phone": "0755-8888 1234"}
    document = issue_document(
        actor=inspector, case=recorded, doc_type="inquiry_record", record_id=record.pk, inputs=inputs
    )
    text = flat(bytes(document.pdf), tmp_path)
    for expected in ("二〇二六年三月九日9:30至11:05", "身份证号码", id_number, "联系电话", "0755-88881234"):
        assert expected in text, expected
    assert "我们是福田区人力资源局的劳动保障监察员" in text  # the Futian bureau's officers, not the city's
    pages = page_count(bytes(document.pdf), tmp_path)
    assert pages >= 2
    path = tmp_path / "record.pdf"
    path.write_bytes(bytes(document.pdf))
    for page in range(1, pages + 1):
        one = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "被询问人签名" in one, page


@pytest.mark.django_db
def test_a_wrong_id_number_or_time_on_a_record_is_refused_naming_the_input(recorded: Case, inspector: User) -> None:
    record = InvestigationRecord.objects.get(case=recorded)
    with pytest.raises(DocumentInputInvalid) as refused:
        issue_document(
            actor=inspector,
            case=recorded,
            doc_type="inquiry_record",
            record_id=record.pk,
            inputs={"id_number": "440304198505011230", "started_at": "九点半"},
        )
    assert set(refused.value.problems) == {"id_number", "started_at"}
    assert "校验码" in refused.value.problems["id_number"]


@pytest.mark.parametrize("violation", all_violations(), ids=lambda v: v.code)
def test_every_basis_of_the_penalty_data_is_cited_with_its_statute_in_book_marks(violation: Any) -> None:
    cited = wording.cite(violation.basis)
    assert cited.startswith("《"), cited
    assert cited.count("《") == len(violation.bases), cited
    for law in ("劳动法", "劳动合同法", "劳动合同法实施条例", "社会保险法", "行政处罚法", "刑法"):
        assert f"《{law}》" not in cited, cited  # a law of the NPC is named with 中华人民共和国


def test_laws_are_named_by_their_full_titles_and_regulations_as_they_are() -> None:
    assert wording.cite("劳动合同法 第八十五条") == "《中华人民共和国劳动合同法》第八十五条"
    assert wording.cite("劳动保障监察条例 第二十六条第（一）项") == "《劳动保障监察条例》第二十六条第（一）项"
    assert wording.cite("劳动合同法 第八十二条第一款; 劳动合同法实施条例 第三十四条") == (
        "《中华人民共和国劳动合同法》第八十二条第一款和《中华人民共和国劳动合同法实施条例》第三十四条"
    )


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("经查明，当事人未建立台账。", "当事人未建立台账。"),
        ("经调查查明：当事人未建立台账。", "当事人未建立台账。"),
        ("经查，当事人未建立台账。", "当事人未建立台账。"),
        ("当事人经查明后仍未改正。", "当事人经查明后仍未改正。"),
    ],
)
def test_facts_typed_with_their_own_lead_in_are_not_printed_as_经查明经查明(typed: str, printed: str) -> None:
    assert wording.facts_text(typed) == printed
