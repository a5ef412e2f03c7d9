"""The staff screens: the case page offers registration to the legal reviewer, the registration form keeps what was
typed and answers in Chinese, a record's steps are forms that call the actions, its documents are issued in PDF and
Word, the list shows the next deadline, and another district's records are 404."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.documents.models import Document
from fazhi.remedies import actions
from fazhi.remedies.models import Reconsideration

from .conftest import ANSWER_DUE, COPY, D, on, reconsider, sue

pytestmark = pytest.mark.django_db


def decision_pk(case: Case) -> int:
    assert case.decision is not None
    return case.decision.pk


def client(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_case_page_offers_the_legal_reviewer_to_register_a_reconsideration(
    decided: Case, legal: User, inspector: User
) -> None:
    url = f'href="/staff/remedies/cases/{decided.pk}/reconsideration/new/"'
    assert url in client(legal).get(f"/staff/cases/{decided.pk}/").content.decode()
    assert url not in client(inspector).get(f"/staff/cases/{decided.pk}/").content.decode()


def test_registering_through_the_form_opens_the_answer_period(decided: Case, legal: User) -> None:
    with on(COPY):
        response = client(legal).post(
            f"/staff/remedies/cases/{decided.pk}/reconsideration/new/",
            {
                "decision": decision_pk(decided),
                "applicant": "深圳市福田区华强电子有限公司",
                "applicant_is_party": "on",
                "applied_on": "2026-03-20",
                "accepted_on": "2026-03-25",
                "copy_received_on": "2026-03-27",
            },
        )
    record = Reconsideration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/remedies/reconsideration/{record.pk}/"
    with on(COPY):
        page = client(legal).get(response["Location"]).content.decode()
    assert ANSWER_DUE.isoformat() in page
    assert "深圳市福田区人民政府" in page


def test_bad_input_keeps_what_was_typed_and_answers_in_chinese(decided: Case, legal: User) -> None:
    with on(COPY):
        response = client(legal).post(
            f"/staff/remedies/cases/{decided.pk}/reconsideration/new/",
            {
                "decision": decision_pk(decided),
                "applicant": "某某公司复议申请人",
                "applied_on": "2026-03-01",  # before the decision
                "accepted_on": "不是日期",
                "copy_received_on": "2026-03-27",
            },
        )
    assert response.status_code == 400
    page = response.content.decode()
    assert "某某公司复议申请人" in page
    assert "请按提示更正后再提交" in page
    assert not Reconsideration.objects.exists()
    with on(COPY):
        response = client(legal).post(
            f"/staff/remedies/cases/{decided.pk}/reconsideration/new/",
            {
                "decision": decision_pk(decided),
                "applicant": "某某公司复议申请人",
                "applied_on": "2026-03-01",
                "accepted_on": "2026-03-25",
                "copy_received_on": "2026-03-27",
            },
        )
    assert response.status_code == 400
    assert "申请日期不能早于决定日期" in response.content.decode()


def test_a_step_form_takes_the_step_and_a_bad_one_is_kept(decided: Case, legal: User) -> None:
    record = reconsider(legal, decided)
    url = f"/staff/remedies/reconsideration/{record.pk}/record_discussion/"
    with on(D(2026, 3, 31)):
        bad = client(legal).post(url, {"record_discussion-discussed_on": "2026-03-31", "record_discussion-minutes": ""})
        assert bad.status_code == 400
        good = client(legal).post(
            url, {"record_discussion-discussed_on": "2026-03-31", "record_discussion-minutes": "局务会讨论同意答复。"}
        )
    assert good.status_code == 302
    assert Reconsideration.objects.get().discussed_on == D(2026, 3, 31)


def test_the_answer_is_issued_in_the_organs_name_as_pdf_and_word(decided: Case, legal: User) -> None:
    record = reconsider(legal, decided)
    with on(D(2026, 3, 31)):
        response = client(legal).post(
            f"/staff/remedies/reconsideration/{record.pk}/documents/reconsideration_answer/",
            {"grounds": "被申请人认定事实清楚。\n程序合法。", "request": "请求复议机关依法维持"},
        )
    assert response.status_code == 302
    document = Document.objects.get(doc_type="reconsideration_answer")
    assert document.number.startswith("深福人力复答〔2026〕")
    assert document.decision_id == decision_pk(decided)
    assert document.pdf
    assert document.docx
    with on(D(2026, 3, 31)):
        page = client(legal).get(f"/staff/remedies/reconsideration/{record.pk}/").content.decode()
    assert document.number in page


def test_a_document_without_its_required_input_is_refused_and_the_typed_text_kept(decided: Case, legal: User) -> None:
    record = reconsider(legal, decided)
    with on(D(2026, 3, 31)):
        response = client(legal).post(
            f"/staff/remedies/reconsideration/{record.pk}/documents/reconsideration_answer/",
            {"grounds": "", "request": "自拟的答复请求"},
        )
    assert response.status_code == 400
    page = response.content.decode()
    assert "自拟的答复请求" in page
    assert "请填写" in page
    assert not Document.objects.filter(doc_type="reconsideration_answer").exists()


def test_the_correction_reason_is_asked_only_to_reissue_and_kept_when_the_reissue_is_refused(
    decided: Case, legal: User
) -> None:
    record = reconsider(legal, decided)
    url = f"/staff/remedies/reconsideration/{record.pk}/"
    with on(D(2026, 3, 31)):
        first = client(legal).get(url).content.decode()
        client(legal).post(f"{url}documents/reconsideration_answer/", {"grounds": "被申请人认定事实清楚。"})
        again = client(legal).get(url).content.decode()
        refused = client(legal).post(
            f"{url}documents/reconsideration_answer/", {"grounds": "", "reason": "更正答复意见中的笔误"}
        )
    assert "更正理由" not in first
    assert "制发行政复议答复书" in first
    assert "更正理由" in again
    assert "重新制发行政复议答复书" in again
    assert refused.status_code == 400
    assert 'value="更正答复意见中的笔误"' in refused.content.decode()
    assert Document.objects.filter(doc_type="reconsideration_answer").count() == 1


def test_the_list_shows_the_next_deadline_and_another_district_sees_nothing(
    decided: Case, legal: User, nanshan_legal: User
) -> None:
    record = reconsider(legal, decided)
    suit = sue(legal, decided)
    with on(D(2026, 5, 8)):
        page = client(legal).get("/staff/remedies/").content.decode()
        assert "2026-05-25" in page  # the defence (行政诉讼法 第六十七条)
        assert "2026-04-13" in page  # the answer, overdue (行政复议法 第四十八条)
        assert client(nanshan_legal).get(f"/staff/remedies/reconsideration/{record.pk}/").status_code == 404
        assert client(nanshan_legal).get(f"/staff/remedies/litigation/{suit.pk}/").status_code == 404
        assert "深圳市福田区华强电子有限公司" not in client(nanshan_legal).get("/staff/remedies/").content.decode()


def test_unknown_kinds_and_huge_ids_are_404_not_500(legal: User) -> None:
    c = client(legal)
    assert c.get("/staff/remedies/other/1/").status_code == 404
    assert c.get(f"/staff/remedies/reconsideration/{2**70}/").status_code == 404
    assert c.post("/staff/remedies/reconsideration/1/no_such_step/").status_code == 404


def test_a_defence_period_ending_in_an_unloaded_year_shows_its_provisional_date_labelled_in_the_list_and_record(
    decided: Case, legal: User
) -> None:
    """行政诉讼法 第六十七条: 15 days from the copy received on 2026-12-17 end on 2027-01-01 (元旦, a Friday): the last
    day depends on 2027's rest days (民事诉讼法 第八十五条), not loaded; the estimate rolls it to Monday 01-04."""
    with on(D(2026, 12, 17)):
        suit = actions.register_litigation(
            actor=legal,
            case=decided,
            reconsideration=None,
            court="深圳市福田区人民法院",
            plaintiff="深圳市福田区华强电子有限公司",
            filed_on=D(2026, 12, 15),
            copy_received_on=D(2026, 12, 17),
        )
        listing = client(legal).get("/staff/remedies/").content.decode()
        record = client(legal).get(f"/staff/remedies/litigation/{suit.pk}/").content.decode()
    assert "待导入节假日" in listing
    assert "· 预计 2027-01-04" in listing
    assert "待 2027 年节假日数据导入后计算" in record
    assert "· 预计 2027-01-04" in record
    assert "不是法定期限" in record  # the title of the provisional date
