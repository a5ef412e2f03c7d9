"""The statistics of the annual report ("every judicial and procuratorial suggestion answered point by point"):
received, answered, answered on time and the on-time rate, by kind, organ and year, in scope, as of a date."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.accounts.models import User
from fazhi.suggestions import actions
from fazhi.suggestions.queries import suggestion_statistics

from .conftest import Receive, on, to_review

pytestmark = pytest.mark.django_db
D = dt.date


def test_received_answered_and_on_time_by_kind_and_organ_with_the_rate(
    receive: Receive, director: User, legal: User, leader: User, outsider: User
) -> None:
    on_time = actions.approve_reply(
        actor=leader, suggestion=to_review(receive(stated_deadline=D(2026, 3, 9)), director, legal)
    )
    late = actions.approve_reply(
        actor=leader, suggestion=to_review(receive(stated_deadline=D(2026, 3, 10)), director, legal)
    )
    receive(kind="judicial", organ="深圳市福田区人民法院", number="（2026）粤0304行建1号")
    actions.send_reply(actor=legal, suggestion=on_time, sent_on=D(2026, 3, 9), sent_how="mail")
    with on(D(2026, 3, 12)):
        actions.send_reply(actor=legal, suggestion=late, sent_on=D(2026, 3, 12), sent_how="mail")
    rows = suggestion_statistics(legal, as_of=D(2026, 3, 12))
    by_kind = {(r.year, r.kind, r.organ): r for r in rows}
    procuratorial = by_kind[(2026, "procuratorial", "深圳市福田区人民检察院")]
    assert (procuratorial.received, procuratorial.answered, procuratorial.on_time) == (2, 2, 1)
    assert procuratorial.on_time_rate == 0.5
    judicial = by_kind[(2026, "judicial", "深圳市福田区人民法院")]
    assert (judicial.received, judicial.answered, judicial.open, judicial.on_time_rate) == (1, 0, 1, None)
    [total] = suggestion_statistics(legal, as_of=D(2026, 3, 12), by=())
    assert (total.received, total.answered, total.on_time) == (3, 2, 1)
    # As of 03-10 the late reply was not sent yet; outside the unit nothing is counted.
    kinds = {r.kind: r for r in suggestion_statistics(legal, as_of=D(2026, 3, 11), by=("kind",), year=2026)}
    assert (kinds["procuratorial"].answered, kinds["procuratorial"].overdue) == (1, 1)
    assert kinds["procuratorial"].kind_label == "检察建议"
    assert suggestion_statistics(outsider, as_of=D(2026, 3, 12)) == []


def test_the_year_is_the_year_of_receipt(receive: Receive, legal: User) -> None:
    receive(received_on=D(2025, 12, 30))
    receive()
    years = {r.year: r.received for r in suggestion_statistics(legal, as_of=D(2026, 3, 9), by=("year",))}
    assert years == {2025: 1, 2026: 1}
    [only] = suggestion_statistics(legal, as_of=D(2026, 3, 9), by=("year",), year=2025)
    assert only.received == 1
