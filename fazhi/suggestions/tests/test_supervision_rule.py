"""The supervision rule "司法建议、检察建议未按期答复" (suggestion_reply_late): quiet until the reply deadline has
passed, firing while unanswered, quiet once answered on time, still firing (answered late) once answered after the
deadline, and replayed for a past date from the suggestion's dates. 行政诉讼法 第九十六条第（四）项; 解释
第一百四十九条第四款; 人民检察院检察建议工作规定 [S]."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import Org
from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.suggestions import actions
from fazhi.supervision.queries import make_dashboard
from fazhi.supervision.rules import BY_CODE

from .conftest import Receive, on, to_review

pytestmark = pytest.mark.django_db
D = dt.date
RULE = BY_CODE["suggestion_reply_late"]


def test_an_unanswered_suggestion_fires_the_day_after_its_deadline_and_not_before(receive: Receive, org: Org) -> None:
    suggestion = receive(stated_deadline=D(2026, 3, 6))
    assert RULE.alerts(D(2026, 3, 6)) == []
    [alert] = RULE.alerts(D(2026, 3, 9))
    assert alert.unit_id == org.futian.pk
    assert alert.case_id is None
    assert alert.subject_id == suggestion.pk
    assert alert.since == D(2026, 3, 7)
    assert "深圳市福田区人民检察院" in alert.detail
    assert "届满时未回复" in alert.detail


def test_a_suggestion_answered_on_time_is_quiet_and_one_answered_late_stays_an_alert(
    receive: Receive, director: User, legal: User, leader: User
) -> None:
    on_time = actions.approve_reply(
        actor=leader, suggestion=to_review(receive(stated_deadline=D(2026, 3, 9)), director, legal)
    )
    late = actions.approve_reply(
        actor=leader, suggestion=to_review(receive(stated_deadline=D(2026, 3, 10)), director, legal)
    )
    actions.send_reply(actor=legal, suggestion=on_time, sent_on=D(2026, 3, 9), sent_how="mail")
    with on(D(2026, 3, 12)):
        actions.send_reply(actor=legal, suggestion=late, sent_on=D(2026, 3, 12), sent_how="mail")
        [alert] = RULE.alerts(D(2026, 3, 12))
    assert alert.subject_id == late.pk
    assert "2026-03-12 才回复" in alert.detail
    # As of a past date (replayed): on 03-11 the late one was not yet answered, the other was.
    [replayed] = RULE.alerts(D(2026, 3, 11))
    assert replayed.subject_id == late.pk
    assert RULE.alerts(D(2026, 3, 10)) == []


def test_the_alert_names_the_case_the_suggestion_concerns_and_the_scope_applies(
    register: object, receive: Receive, lead: User, outsider: User, org: Org
) -> None:
    assert callable(register)
    case = register()
    assert isinstance(case, Case)
    receive(actor=lead, unit=org.futian_squad1, case=case, stated_deadline=D(2026, 3, 6))
    [alert] = RULE.alerts(D(2026, 3, 9), lead)
    assert alert.case_id == case.pk
    assert RULE.alerts(D(2026, 3, 9), outsider) == []
    assert RULE.alerts(D(2026, 3, 9), case_id=case.pk) == [alert]


def test_the_dashboard_counts_the_rule(receive: Receive, supervisor: User) -> None:
    receive(stated_deadline=D(2026, 3, 6))
    board = make_dashboard(D(2026, 3, 9), supervisor)
    counts = {row.rule.code: row.count for row in board.by_rule}
    assert counts["suggestion_reply_late"] == 1
