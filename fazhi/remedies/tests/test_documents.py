"""The documents of reconsideration and litigation, issued through the documents app in the organ's name, PDF and
Word: the 行政复议答复书 (行政复议法 第四十八条), the 行政诉讼答辩状 (行政诉讼法 第六十七条) and the 行政机关负责人出庭
应诉情况登记表 (行政诉讼法 第三条第三款; 行诉解释 第一百三十二条)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.documents.tests.conftest import flat
from fazhi.documents.tests.test_documents import docx_text
from fazhi.documents.types import BY_CODE
from fazhi.journal.models import Entry
from fazhi.remedies import actions, documents

from .conftest import COPY, D, defended, on, reconsider, sue

pytestmark = pytest.mark.django_db


def test_the_documents_app_knows_the_remedies_types_without_offering_them_on_the_case_page() -> None:
    from fazhi.documents.types import DOCUMENT_TYPES

    assert {"reconsideration_answer", "litigation_defence", "appeal_defence", "court_appearance"} <= set(BY_CODE)
    assert not {t.code for t in DOCUMENT_TYPES} & set(documents.BY_CODE)


def test_the_answer_names_the_applicant_the_organ_and_the_article_48(
    decided: Case, legal: User, tmp_path: Path
) -> None:
    """行政复议法 第四十八条: a written answer to the reconsideration organ, with the evidence and the basis."""
    record = reconsider(legal, decided)
    with on(COPY):
        document = documents.issue_for(
            legal, record, "reconsideration_answer", {"grounds": "处罚程序合法。", "head": "孙建国（局长）"}, None
        )
    text = flat(bytes(document.pdf), tmp_path)
    for words in (
        "行政复议答复书",
        "深圳市福田区人民政府：",
        "深圳市福田区华强电子有限公司",
        "第四十八条",
        "处罚程序合法",
    ):
        assert words in text, words
    word = docx_text(bytes(document.docx or b""))
    assert "深圳市福田区人民政府" in word
    assert "处罚程序合法" in word
    assert Entry.objects.filter(action="documents.issue").latest("pk").after_data["type"] == "reconsideration_answer"


def test_the_defence_is_addressed_to_the_court_and_the_appearance_form_records_who_appeared(
    decided: Case, legal: User, leader: User, tmp_path: Path
) -> None:
    suit = defended(legal, leader, sue(legal, decided))
    with on(D(2026, 5, 28)):
        suit = actions.record_hearing(
            actor=legal,
            record=suit,
            hearing_on=D(2026, 5, 28),
            appearance="staff",
            appeared_name="陈静",
            appeared_title="法制审核员",
            head_absence_reason="局长因公出差，已提交加盖印章的情况说明。",
        )
        assert [k.code for k in documents.issuable(legal, suit)] == ["litigation_defence", "court_appearance"]
        defence = documents.issue_for(legal, suit, "litigation_defence", {"grounds": "事实清楚。"}, None)
        form = documents.issue_for(legal, suit, "court_appearance", {}, None)
    defence_text = flat(bytes(defence.pdf), tmp_path)
    assert "此致" in defence_text
    assert "深圳市福田区人民法院" in defence_text
    assert "第六十七条第一款" in defence_text
    form_text = flat(bytes(form.pdf), tmp_path)
    assert "局长因公出差" in form_text
    assert "委托相应的工作人员" in form_text
    assert "局长因公出差" in docx_text(bytes(form.docx or b""))


def test_an_inspector_outside_the_scope_cannot_issue_and_is_journaled(
    decided: Case, legal: User, outsider: User
) -> None:
    record = reconsider(legal, decided)
    with on(COPY), pytest.raises(documents.IssueRefused):
        documents.issue_for(outsider, record, "reconsideration_answer", {"grounds": "x"}, None)
    assert Entry.objects.filter(action="documents.issue", outcome="refused").exists()
