"""A decided and published penalty case, walked through the real actions, and remedies built on it.

The clock is frozen on Monday 2026-03-09 (fazhi/cases/tests/conftest.py), the day of the decision and its publication.
The party applies for reconsideration on 2026-03-20; the organ accepts on 03-25; the bureau receives the copy on
Friday 03-27, so its answer is due on Monday 04-13 (10 working days across 清明, 04-04…04-06). Dates were counted on
the 2026 calendar (劳动节 05-01…05-05, 端午 06-19…06-21)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fazhi.accounts.models import Role, User
from fazhi.accounts.testing import make_user
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import RegisterCase, _on_a_known_day, latest, on, register
from fazhi.disclosure.actions import publish_decision
from fazhi.disclosure.models import PublishedDecision
from fazhi.disclosure.tests.conftest import decide_penalty
from fazhi.remedies import actions
from fazhi.remedies.models import Litigation, Reconsideration

__all__ = ["_on_a_known_day", "latest", "on", "register"]

D = dt.date
APPLIED, ACCEPTED, COPY = D(2026, 3, 20), D(2026, 3, 25), D(2026, 3, 27)
ANSWER_DUE = D(2026, 4, 13)


@pytest.fixture
def decided(register: RegisterCase, inspector: User, lead: User, legal: User, leader: User) -> Case:
    return decide_penalty(
        register(employer_name="深圳市福田区华强电子有限公司", legal_representative="周大福"),
        inspector,
        lead,
        legal,
        leader,
    )


@pytest.fixture
def published(decided: Case, lead: User) -> PublishedDecision:
    return publish_decision(actor=lead, case=decided)


def reconsider(legal: User, case: Case, **overrides: Any) -> Reconsideration:
    """Register the reconsideration on 2026-03-27 (the day the copy arrived)."""
    fields: dict[str, Any] = {
        "actor": legal,
        "case": case,
        "applicant": "深圳市福田区华强电子有限公司",
        "applied_on": APPLIED,
        "accepted_on": ACCEPTED,
        "copy_received_on": COPY,
        "request": "撤销行政处罚决定。",
    }
    fields.update(overrides)
    with on(COPY):
        return actions.register_reconsideration(**fields)


def answered(legal: User, leader: User, case: Case) -> Reconsideration:
    """Registered, discussed on 03-31, approved and answered on 04-01."""
    record = reconsider(legal, case)
    with on(D(2026, 4, 1)):
        record = actions.record_discussion(
            actor=legal, record=record, discussed_on=D(2026, 3, 31), minutes="同意答复。"
        )
        record = actions.approve_answer(actor=leader, reconsideration=record)
        return actions.submit_answer(actor=legal, reconsideration=record, answered_on=D(2026, 4, 1))


def upheld(legal: User, leader: User, case: Case) -> Reconsideration:
    """Upheld on 04-20 and served on the party on 04-22."""
    record = answered(legal, leader, case)
    with on(D(2026, 4, 22)):
        return actions.record_outcome(
            actor=legal,
            reconsideration=record,
            outcome="upheld",
            decided_on=D(2026, 4, 20),
            served_on=D(2026, 4, 22),
            decision_number="福府行复〔2026〕15号",
        )


def sue(legal: User, case: Case, reconsideration: Reconsideration | None = None, **overrides: Any) -> Litigation:
    """The party sued on 05-06 (within 15 days of 04-22) and the bureau received the copy on 05-08."""
    fields: dict[str, Any] = {
        "actor": legal,
        "case": case,
        "reconsideration": reconsideration,
        "court": "深圳市福田区人民法院",
        "plaintiff": "深圳市福田区华强电子有限公司",
        "filed_on": D(2026, 5, 6),
        "copy_received_on": D(2026, 5, 8),
    }
    fields.update(overrides)
    with on(D(2026, 5, 8)):
        return actions.register_litigation(**fields)


def defended(legal: User, leader: User, suit: Litigation) -> Litigation:
    with on(D(2026, 5, 15)):
        suit = actions.record_discussion(actor=legal, record=suit, discussed_on=D(2026, 5, 14), minutes="同意答辩。")
        suit = actions.approve_defence(actor=leader, litigation=suit)
        return actions.submit_defence(actor=legal, litigation=suit, submitted_on=D(2026, 5, 15))


def judged(legal: User, suit: Litigation, outcome: str = "dismissed", kind: str = "judgment") -> Litigation:
    """Judgment of 06-08, served on 06-10."""
    with on(D(2026, 6, 10)):
        return actions.record_judgment(
            actor=legal,
            litigation=suit,
            ruling_kind=kind,
            outcome=outcome,
            decided_on=D(2026, 6, 8),
            served_on=D(2026, 6, 10),
            judgment_number="（2026）粤0304行初123号",
        )


def upheld_then_revoked_in_court(legal: User, leader: User, case: Case) -> Litigation:
    """The reconsideration upholds (decided, served 04-22, not corrected); the lawsuit that follows is heard on 05-28
    with the head in court and the judgment revokes (effective 06-26, corrected)."""
    upheld(legal, leader, case)
    suit = defended(legal, leader, sue(legal, case))
    with on(D(2026, 5, 28)):
        actions.record_hearing(
            actor=leader, record=suit, hearing_on=D(2026, 5, 28), appearance="head", appeared_name="孙建国"
        )
    suit = judged(legal, suit, outcome="revoked")
    with on(D(2026, 6, 29)):
        return actions.record_effective(actor=legal, litigation=suit)


@pytest.fixture
def nanshan_legal(org: Any) -> User:
    """A legal reviewer of another district (南山): outside 福田's scope."""
    return make_user("nanshan_legal", "吴律", org.nanshan, Role.LEGAL, legal_qualification=True)
