"""The period to publish a penalty decision: 7 working days from the decision ([S] 国办发〔2018〕118号; the duty is
行政处罚法 第四十八条), opened by the decision for penalties only, met by the publication, watched by supervision.
The leader decides on Monday 2026-03-09: the 7 working days run 10–13 and 16–18 March, due Wednesday 03-18."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Period
from fazhi.cases.tests.conftest import RegisterCase, latest, on, served_notice, waived, walk
from fazhi.disclosure.actions import publish_decision
from fazhi.disclosure.tests.conftest import decide_penalty
from fazhi.supervision.tests.conftest import alerts_of

pytestmark = pytest.mark.django_db


def test_a_penalty_decision_opens_seven_working_days_to_publish_it(decided: Case) -> None:
    period = latest(decided, "decision_publication")
    assert (period.started_on, period.due_on, period.state) == (dt.date(2026, 3, 9), dt.date(2026, 3, 18), "running")
    assert "行政处罚法" in period.citation


def test_publishing_meets_the_period_and_the_journal_says_so(decided: Case, lead: User) -> None:
    with on(dt.date(2026, 3, 12)):
        publish_decision(actor=lead, case=decided)
    period = latest(decided, "decision_publication")
    assert (period.state, period.met_on) == ("met", dt.date(2026, 3, 12))


def test_other_decisions_open_no_publication_period(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    decided = walk(
        register(),
        (lead, "accept", {}),
        (inspector, "propose", {"proposed_outcome": "transfer", "proposal": "经调查，属于其他机关管辖。"}),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", {}),
    )
    assert not Period.objects.filter(case=decided, code="decision_publication").exists()


def test_an_unpublished_decision_turns_yellow_then_red_and_a_published_one_stays_quiet(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    late = decide_penalty(register(employer_name="深圳市某甲公司"), inspector, lead, legal, leader)
    prompt = decide_penalty(register(employer_name="深圳市某乙公司"), inspector, lead, legal, leader)
    with on(dt.date(2026, 3, 10)):
        publish_decision(actor=lead, case=prompt)

    def publication_alerts(rule: str, day: dt.date, case: Case) -> list[str]:
        return [a.detail for a in alerts_of(rule, day, case=case) if "公示" in a.detail]

    assert publication_alerts("period_due_soon", dt.date(2026, 3, 12), late)
    assert not publication_alerts("period_breached", dt.date(2026, 3, 18), late)
    assert publication_alerts("period_breached", dt.date(2026, 3, 19), late)
    assert not publication_alerts("period_breached", dt.date(2026, 3, 19), prompt)
    assert not publication_alerts("period_due_soon", dt.date(2026, 3, 12), prompt)
