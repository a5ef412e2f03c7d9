"""The answer and the defence are the case's periods, so the supervision's time-limit rules watch them; the case page
shows the remedies' section; the statistics count records received, the correction rate (纠错率) and the heads'
appearance rate (行政诉讼法 第三条第三款)."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.remedies.queries import remedy_statistics
from fazhi.supervision.rules import BY_CODE

from .conftest import ANSWER_DUE, COPY, D, on, reconsider, upheld, upheld_then_revoked_in_court

pytestmark = pytest.mark.django_db


def test_an_answer_not_submitted_by_its_tenth_working_day_is_breached_article_48(decided: Case, legal: User) -> None:
    """行政复议法 第四十八条: due Monday 04-13, overdue from Tuesday 04-14."""
    reconsider(legal, decided)
    breached = BY_CODE["period_breached"]

    def answer_alerts(day: object) -> list[str]:
        found = breached.alerts(day, case_id=decided.pk)  # type: ignore[arg-type]
        return [a.detail for a in found if "行政复议书面答复期限" in a.detail]

    assert answer_alerts(ANSWER_DUE) == []
    assert answer_alerts(D(2026, 4, 14)) == [
        "行政复议书面答复期限已于 2026-04-13 届满（《行政复议法》第四十八条、第八十八条第二款）"
    ]


def test_the_case_page_shows_the_remedies_and_the_partys_time_to_sue(decided: Case, legal: User, leader: User) -> None:
    upheld(legal, leader, decided)
    client = Client()
    with on(D(2026, 4, 23)):
        client.force_login(legal)
        page = client.get(f"/staff/cases/{decided.pk}/").content.decode()
    assert "行政复议（深圳市福田区人民政府）" in page
    assert "至 2026-05-07（收到复议决定书之日起十五日，行政诉讼法第四十五条）" in page


def test_statistics_count_received_corrected_and_the_heads_appearances(
    decided: Case, register: object, inspector: User, lead: User, legal: User, leader: User
) -> None:
    upheld_then_revoked_in_court(legal, leader, decided)
    stats = remedy_statistics(legal, D(2026, 1, 1), D(2026, 12, 31))
    assert stats.received == {"reconsideration": 1, "litigation_first": 1, "litigation_appeal": 0}
    assert (stats.correction.decided, stats.correction.corrected, stats.correction.rate) == (2, 1, 0.5)
    assert stats.by_organ["福田区人力资源局"].rate == 0.5
    assert (stats.hearings, stats.head_appearances, stats.head_appearance_rate) == (1, 1, 1.0)
    assert remedy_statistics(legal, D(2026, 1, 1), D(2026, 3, 31)).correction.rate is None


def test_statistics_follow_the_scope(decided: Case, legal: User, nanshan_legal: User) -> None:
    reconsider(legal, decided)
    assert remedy_statistics(nanshan_legal, D(2026, 1, 1), D(2026, 12, 31)).received["reconsideration"] == 0
    assert remedy_statistics(legal, COPY, COPY).received["reconsideration"] == 1
