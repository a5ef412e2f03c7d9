"""The staff pages: the list in scope with the deadline and overdue ones marked, registration from a form that keeps
what was typed, the point-by-point answer forms, the steps, the reply letter's files, and the case page's section."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from conftest import Org
from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.journal.models import Entry
from fazhi.suggestions import actions
from fazhi.suggestions.models import Suggestion

from .conftest import POINTS, Receive, on, to_review

pytestmark = pytest.mark.django_db
D = dt.date


def client(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_list_shows_the_deadline_and_marks_the_overdue_ones_within_scope(
    receive: Receive, legal: User, outsider: User, supervisor: User
) -> None:
    receive(stated_deadline=D(2026, 3, 5), subject="关于规范送达的检察建议")
    receive(subject="关于加强台账管理的检察建议")
    page = client(legal).get("/staff/suggestions/").content.decode()
    assert "2026-03-05" in page
    assert page.count("已超期") == 1 + page.count("已超期未答复")
    assert "关于加强台账管理的检察建议" in page
    overdue = client(legal).get("/staff/suggestions/?state=overdue").content.decode()
    assert "关于规范送达的检察建议" in overdue
    assert "关于加强台账管理的检察建议" not in overdue
    assert "关于加强台账管理" not in client(outsider).get("/staff/suggestions/").content.decode()
    assert "关于加强台账管理" in client(supervisor).get("/staff/suggestions/").content.decode()


def test_a_registration_with_a_wrong_date_is_shown_again_in_chinese_with_what_was_typed(legal: User, org: Org) -> None:
    body = {
        "kind": "judicial",
        "organ": "深圳市福田区人民法院",
        "number": "（2026）粤0304行建7号",
        "subject": "关于规范行政执法程序的司法建议",
        "received_on": "2026-13-40",
        "unit": str(org.futian.pk),
        "points": "建议规范送达。\n建议加强法制审核。",
    }
    before = Entry.objects.filter(action="suggestions.receive").count()
    response = client(legal).post("/staff/suggestions/new/", body)
    assert response.status_code == 400
    page = response.content.decode()
    assert "请按 年-月-日 填写日期" in page
    assert "关于规范行政执法程序的司法建议" in page
    assert "建议加强法制审核。" in page
    assert Entry.objects.filter(action="suggestions.receive").count() == before
    body["received_on"] = "2026-03-02"
    response = client(legal).post("/staff/suggestions/new/", body)
    assert response.status_code == 302
    suggestion = Suggestion.objects.get(number="（2026）粤0304行建7号")
    assert suggestion.points.count() == 2
    assert suggestion.reply_due_on == D(2026, 5, 1)


def test_a_case_number_outside_the_scope_is_refused_on_the_form(legal: User, org: Org) -> None:
    body = {
        "kind": "procuratorial",
        "organ": "深圳市福田区人民检察院",
        "number": "深福检行建〔2026〕5号",
        "subject": "事由",
        "received_on": "2026-03-02",
        "unit": str(org.futian.pk),
        "case_number": "不存在的案号",
        "points": "建议一。",
    }
    response = client(legal).post("/staff/suggestions/new/", body)
    assert response.status_code == 400
    assert "您的范围内没有这个案号的案件" in response.content.decode()


def test_an_empty_answer_keeps_the_other_field_and_says_what_is_missing(
    receive: Receive, director: User, legal: User
) -> None:
    suggestion = actions.assign_suggestion(actor=director, suggestion=receive(), handler=legal)
    response = client(legal).post(
        f"/staff/suggestions/{suggestion.pk}/answer_point/",
        {"point": "2", "answer_point-2-point": "2", "answer_point-2-measures": "", "answer_point-2-result": "正在整改"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "请填写采取的措施。" in page
    assert "正在整改" in page
    response = client(legal).post(
        f"/staff/suggestions/{suggestion.pk}/answer_point/",
        {"point": "2", "answer_point-2-point": "2", "answer_point-2-measures": "已修订送达规程。"},
    )
    assert response.status_code == 302
    assert suggestion.points.get(number=2).measures == "已修订送达规程。"


def test_submitting_before_every_point_is_answered_is_refused_on_the_page(
    receive: Receive, director: User, legal: User
) -> None:
    suggestion = actions.assign_suggestion(actor=director, suggestion=receive(), handler=legal)
    response = client(legal).post(f"/staff/suggestions/{suggestion.pk}/submit_reply/", {"submit_reply-reply_text": "x"})
    assert response.status_code == 400
    assert "尚有建议事项未答复（第1条、第2条、第3条）" in response.content.decode()


def test_the_head_approves_on_the_page_and_the_letter_downloads_as_pdf_and_word(
    receive: Receive, director: User, legal: User, leader: User, outsider: User
) -> None:
    suggestion = to_review(receive(), director, legal)
    page = client(leader).get(f"/staff/suggestions/{suggestion.pk}/").content.decode()
    assert "负责人批准回复函" in page
    assert POINTS[0] in page
    assert client(leader).post(f"/staff/suggestions/{suggestion.pk}/approve_reply/").status_code == 302
    pdf = client(legal).get(f"/staff/suggestions/{suggestion.pk}/reply.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    assert client(legal).get(f"/staff/suggestions/{suggestion.pk}/reply.docx").content.startswith(b"PK")
    assert client(outsider).get(f"/staff/suggestions/{suggestion.pk}/reply.pdf").status_code == 404


def test_the_supervisor_reads_but_a_step_is_refused_and_an_unknown_step_is_404(
    receive: Receive, supervisor: User, legal: User
) -> None:
    suggestion = receive()
    assert client(supervisor).get(f"/staff/suggestions/{suggestion.pk}/").status_code == 200
    assert client(supervisor).post(f"/staff/suggestions/{suggestion.pk}/assign/", {}).status_code == 403
    assert client(legal).post(f"/staff/suggestions/{suggestion.pk}/fly/", {}).status_code == 404
    assert client(legal).get("/staff/suggestions/99999999999999999999/").status_code == 404


def test_the_case_page_shows_the_suggestions_that_concern_the_case(
    register: object, receive: Receive, lead: User, inspector: User, org: Org
) -> None:
    assert callable(register)
    case = register()
    assert isinstance(case, Case)
    assert "司法建议和检察建议" not in client(inspector).get(f"/staff/cases/{case.pk}/").content.decode()
    suggestion = receive(actor=lead, unit=org.futian_squad1, case=case, stated_deadline=D(2026, 3, 6))
    page = client(inspector).get(f"/staff/cases/{case.pk}/").content.decode()
    assert f'href="/staff/suggestions/{suggestion.pk}/"' in page
    assert "已超期" in page
    with on(D(2026, 3, 9)):
        assert client(inspector).get(f"/staff/suggestions/{suggestion.pk}/").status_code == 200


def test_an_answer_without_its_point_is_sent_back_with_a_message(receive: Receive, director: User, legal: User) -> None:
    suggestion = actions.assign_suggestion(actor=director, suggestion=receive(), handler=legal)
    response = client(legal).post(f"/staff/suggestions/{suggestion.pk}/answer_point/", {"point": "x"}, follow=True)
    assert "请在要答复的条目下填写并提交" in response.content.decode()
    assert not Entry.objects.filter(action="suggestions.answer_point").exists()


def test_the_pages_state_the_default_periods_as_the_bureau_set_them(legal: User, settings: object) -> None:
    settings.FAZHI_PROCURATORIAL_SUGGESTION_REPLY_MONTHS = 3  # type: ignore[attr-defined]
    page = client(legal).get("/staff/suggestions/new/").content.decode()
    assert "检察建议按收到之日起 3 个月计算" in page
    assert "司法建议按收到之日起 60 日" in client(legal).get("/staff/suggestions/").content.decode()
