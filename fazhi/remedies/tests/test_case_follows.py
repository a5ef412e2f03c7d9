"""The case follows the remedies' facts (fazhi.cases.enforcement, a listener of fazhi.cases.remedy_facts): the court-
enforcement window waits while a reconsideration is pending and, once upheld, runs three months from the end of the
party's 15 days to sue (行政诉讼法 第四十五条; 行政诉讼法解释 第一百五十六条), not from the six months of a direct
suit."""

from __future__ import annotations

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import walk

from .conftest import D, latest, reconsider, upheld

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(decided: Case, inspector: User) -> Case:
    return walk(decided, (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}))


def test_the_court_enforcement_window_follows_the_reconsideration_article_45_and_156(
    served: Case, legal: User, leader: User
) -> None:
    before = latest(served, "court_enforcement_application")
    assert before.due_on is not None
    assert before.due_on > D(2026, 12, 1)  # 6 months to sue + 3 months (第四十六条; 解释 第一百五十六条)
    upheld(legal, leader, served)  # served on the party 04-22: it may sue until 05-07
    after = latest(served, "court_enforcement_application")
    assert after.state == "running"
    assert after.due_on == D(2026, 8, 7)  # three months from 05-07


def test_no_court_enforcement_while_the_reconsideration_is_pending_article_97(served: Case, legal: User) -> None:
    """行政诉讼法 第九十七条: the bureau applies only when the party neither sues nor seeks reconsideration in time."""
    reconsider(legal, served)
    assert latest(served, "court_enforcement_application").state == "suspended"
