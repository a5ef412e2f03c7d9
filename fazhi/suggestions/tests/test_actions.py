"""The steps of a suggestion (fazhi/suggestions/workflow.py): one journal entry each, refusals journaled, the reply
refused until every point is answered, the deadline (stated, or the default) and late replies, the unit scope."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

import pytest

from conftest import Org
from fazhi.accounts.models import User
from fazhi.journal.models import Entry
from fazhi.suggestions import actions
from fazhi.suggestions.models import Suggestion
from fazhi.suggestions.queries import suggestion_for

from .conftest import Receive, on, to_review

pytestmark = pytest.mark.django_db
D = dt.date


def entries(action: str) -> list[Entry]:
    return list(Entry.objects.filter(action=f"suggestions.{action}").order_by("seq"))


def test_legal_registers_a_procuratorial_suggestion_point_by_point_with_one_journal_entry(receive: Receive) -> None:
    """人民检察院检察建议工作规定（2019）[S]: with no deadline stated, two months from receipt."""
    before = Entry.objects.count()
    suggestion = receive()
    assert Entry.objects.count() == before + 1
    [entry] = entries("receive")
    assert entry.after_data["reply_due_on"] == "2026-05-02"
    assert entry.after_data["deadline_source"] == "default"
    assert suggestion.state == "received"
    assert suggestion.reply_due_on == D(2026, 5, 2)
    assert [p.number for p in suggestion.points.order_by("number")] == [1, 2, 3]


def test_the_deadline_the_suggestion_states_is_the_one_the_record_takes(receive: Receive) -> None:
    suggestion = receive(stated_deadline=D(2026, 4, 1))
    assert suggestion.reply_due_on == D(2026, 4, 1)
    assert suggestion.deadline_source == "stated"


def test_a_judicial_suggestion_without_a_stated_deadline_is_due_sixty_days_after_receipt(receive: Receive) -> None:
    """最高人民法院关于适用《行政诉讼法》的解释 第一百四十九条第四款: 收到司法建议之日起六十日内书面答复 ([S] beyond
    normative documents: the bureau's default)."""
    suggestion = receive(kind="judicial", organ="深圳市福田区人民法院", number="（2026）粤0304行建1号")
    assert suggestion.reply_due_on == D(2026, 5, 1)


def test_the_bureau_setting_changes_the_default_reply_period(receive: Receive, settings: object) -> None:
    settings.FAZHI_PROCURATORIAL_SUGGESTION_REPLY_MONTHS = 1  # type: ignore[attr-defined]
    assert receive().reply_due_on == D(2026, 4, 2)


def test_every_step_of_the_walk_writes_exactly_one_journal_entry(
    receive: Receive, director: User, legal: User, leader: User
) -> None:
    suggestion = receive()
    steps = []

    def counted(action: str, call: object) -> Suggestion:
        before = Entry.objects.count()
        assert callable(call)
        result = call()
        assert Entry.objects.count() == before + 1, action
        assert Entry.objects.order_by("-seq").first().action == f"suggestions.{action}"  # type: ignore[union-attr]
        steps.append(action)
        assert isinstance(result, Suggestion)
        return result

    suggestion = counted(
        "assign", lambda: actions.assign_suggestion(actor=director, suggestion=suggestion, handler=legal)
    )
    assert suggestion.state == "handling"
    for n in (1, 2, 3):
        current = suggestion
        suggestion = counted(
            "answer_point",
            lambda n=n, current=current: actions.answer_point(
                actor=legal, suggestion=current, point=n, measures="已落实。", result="已整改完毕。"
            ),
        )
    suggestion = counted("submit_reply", lambda: actions.submit_reply(actor=legal, suggestion=suggestion))
    assert suggestion.state == "reply_review"
    suggestion = counted("approve_reply", lambda: actions.approve_reply(actor=leader, suggestion=suggestion))
    assert suggestion.state == "approved"
    suggestion = counted(
        "send_reply",
        lambda: actions.send_reply(actor=legal, suggestion=suggestion, sent_on=D(2026, 3, 9), sent_how="mail"),
    )
    assert suggestion.state == "answered"
    assert not suggestion.answered_late
    suggestion = counted(
        "record_feedback",
        lambda: actions.record_feedback(
            actor=legal, suggestion=suggestion, received_on=D(2026, 3, 9), feedback="检察院对整改情况表示认可。"
        ),
    )
    assert suggestion.feedback == "检察院对整改情况表示认可。"
    assert steps[0] == "assign"


def test_the_reply_cannot_go_for_approval_until_every_point_is_answered(
    receive: Receive, director: User, legal: User
) -> None:
    """The bureau's rule behind its annual report: every suggestion answered point by point (the reply tells the court
    how each point was handled, 行政诉讼法 第九十六条第（四）项)."""
    suggestion = actions.assign_suggestion(actor=director, suggestion=receive(), handler=legal)
    suggestion = actions.answer_point(actor=legal, suggestion=suggestion, point=1, measures="已落实。", result="")
    before = Entry.objects.count()
    with pytest.raises(actions.SuggestionBlocked) as raised:
        actions.submit_reply(actor=legal, suggestion=suggestion)
    assert "第2条、第3条" in raised.value.message
    assert Entry.objects.count() == before
    suggestion.refresh_from_db()
    assert suggestion.state == "handling"


def test_the_head_approves_the_reply_letter_numbered_in_the_organs_name_as_pdf_and_word(
    receive: Receive, director: User, legal: User, leader: User
) -> None:
    suggestion = actions.approve_reply(actor=leader, suggestion=to_review(receive(), director, legal))
    assert suggestion.reply_number.endswith("函〔2026〕1号")
    pdf, docx = bytes(suggestion.reply_pdf or b""), bytes(suggestion.reply_docx or b"")
    assert pdf.startswith(b"%PDF")
    assert suggestion.reply_pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert suggestion.reply_docx_sha256 == hashlib.sha256(docx).hexdigest()
    text = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    assert "检察建议回复函" in text
    assert "深圳市福田区人民检察院" in text
    assert "关于“建议规范送达程序，送达回证应载明送达方式”的建议" in text
    assert [e.after_data["reply_number"] for e in entries("approve_reply")] == [suggestion.reply_number]


def test_only_the_head_approves_and_a_refusal_is_journaled(receive: Receive, director: User, legal: User) -> None:
    suggestion = to_review(receive(), director, legal)
    with pytest.raises(actions.SuggestionRefused):
        actions.approve_reply(actor=director, suggestion=suggestion)
    refused = Entry.objects.filter(action="suggestions.approve_reply", outcome="refused")
    assert refused.count() == 1


def test_the_head_sends_a_draft_back_with_a_reason(receive: Receive, director: User, legal: User, leader: User) -> None:
    suggestion = to_review(receive(), director, legal)
    with pytest.raises(actions.SuggestionBlocked, match="请填写退回理由"):
        actions.return_reply(actor=leader, suggestion=suggestion, reason="  ")
    suggestion = actions.return_reply(actor=leader, suggestion=suggestion, reason="第二条措施不具体。")
    assert suggestion.state == "handling"
    assert suggestion.return_reason == "第二条措施不具体。"


def test_a_reply_sent_after_the_deadline_is_answered_late_and_one_sent_on_it_is_not(
    receive: Receive, director: User, legal: User, leader: User
) -> None:
    """The deadline the suggestion states (or the default: 解释 第一百四十九条第四款, 检察建议工作规定 [S]): a reply
    sent on the last day is on time, one sent the day after is late."""
    on_time = actions.approve_reply(
        actor=leader, suggestion=to_review(receive(stated_deadline=D(2026, 3, 9)), director, legal)
    )
    late = actions.approve_reply(
        actor=leader, suggestion=to_review(receive(stated_deadline=D(2026, 3, 10)), director, legal)
    )
    on_time = actions.send_reply(actor=legal, suggestion=on_time, sent_on=D(2026, 3, 9), sent_how="in_person")
    assert not on_time.answered_late
    with on(D(2026, 3, 11)):
        late = actions.send_reply(actor=legal, suggestion=late, sent_on=D(2026, 3, 11), sent_how="mail")
    assert late.answered_late
    assert entries("send_reply")[-1].after_data["late"] is True


def test_the_handler_answers_points_whatever_their_role_and_another_inspector_may_not(
    receive: Receive, lead: User, inspector: User, inspector2: User, org: Org
) -> None:
    suggestion = receive(actor=lead, unit=org.futian_squad1)
    suggestion = actions.assign_suggestion(actor=lead, suggestion=suggestion, handler=inspector)
    suggestion = actions.answer_point(actor=inspector, suggestion=suggestion, point=1, measures="已落实。", result="")
    with pytest.raises(actions.SuggestionRefused):
        actions.answer_point(actor=inspector2, suggestion=suggestion, point=2, measures="已落实。", result="")
    assert Entry.objects.filter(action="suggestions.answer_point", outcome="refused").count() == 1


def test_staff_outside_the_unit_neither_see_nor_act_and_the_supervisor_only_reads(
    receive: Receive, outsider: User, supervisor: User, lead: User, legal: User
) -> None:
    suggestion = receive()
    assert suggestion_for(outsider, suggestion.pk) is None
    assert suggestion_for(lead, suggestion.pk) is None  # a squad's 科长 does not see the bureau's suggestion
    assert suggestion_for(supervisor, suggestion.pk) is not None
    assert suggestion_for(legal, suggestion.pk) is not None
    for actor in (outsider, supervisor):
        with pytest.raises(actions.SuggestionRefused):
            actions.assign_suggestion(actor=actor, suggestion=suggestion, handler=legal)
    assert Entry.objects.filter(action="suggestions.assign", outcome="refused").count() == 2


def test_a_handler_who_cannot_see_the_unit_is_refused(receive: Receive, director: User, inspector: User) -> None:
    with pytest.raises(actions.SuggestionBlocked, match="承办人须为"):
        actions.assign_suggestion(actor=director, suggestion=receive(), handler=inspector)


def test_bad_input_is_refused_in_chinese_with_the_fields_named(receive: Receive, legal: User, org: Org) -> None:
    with pytest.raises(actions.SuggestionBlocked) as raised:
        receive(points=["", "  "], organ="", received_on=D(2026, 3, 10), stated_deadline=D(2026, 3, 1))
    assert set(raised.value.fields) >= {"points", "organ", "received_on"}
    assert "请逐条填写建议内容（至少一条）。" in raised.value.reasons
    assert "收到日期不能晚于今天。" in raised.value.reasons
    with pytest.raises(actions.SuggestionBlocked, match="请选择建议类别"):
        receive(kind="other")
    first = receive(number="深福检行建〔2026〕99号")
    with pytest.raises(actions.SuggestionBlocked, match="已经登记"):
        receive(number=first.number)


def test_a_step_from_the_wrong_state_is_a_conflict(receive: Receive, legal: User) -> None:
    with pytest.raises(actions.SuggestionConflict, match="不能起草回复函"):
        actions.submit_reply(actor=legal, suggestion=receive())
