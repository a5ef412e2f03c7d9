"""Fixtures for the supervision tests: the case fixtures of fazhi/cases/tests (a known day, complaints registered by
the personas), the journal's `tamper`, and cases walked along procedure version 2 through the real actions: the lead's
acceptance of a complaint is its filing (广东省劳动保障监察条例 第三十六条), the notice is served before the party's
written waiver closes it (行政处罚法 第六十二条), and the organ's 负责人 (`leader`) decides (行政处罚法 第五十七条)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import _on_a_known_day, register, walk  # noqa: F401  (fixtures)
from fazhi.journal.tests.conftest import tamper  # noqa: F401  (fixture)
from fazhi.supervision.queries import forget_dashboards
from fazhi.supervision.rules import BY_CODE, Alert

MONDAY = dt.date(2026, 3, 9)  # the frozen day of the case tests
FINDS_VIOLATION = ("rectification", "handling_decision", "penalty")
# The party's written waiver of its defence and hearing (行政处罚法 第六十二条), so a test need not wait 5 working days.
WAIVED = {"waived": True, "waiver_document": "当事人签署的《放弃陈述、申辩和听证权利声明书》"}
NOTICE_SERVED = {"notice_service_method": "in_person", "notice_served_on": "2026-03-09"}


def alerts_of(rule: str, as_of: dt.date = MONDAY, case: Case | None = None) -> list[Alert]:
    return BY_CODE[rule].alerts(as_of, case_id=case.pk if case else None)


def investigating(make: Any, lead: User, **overrides: Any) -> Case:
    """A complaint accepted, and so filed, by the lead on Monday 03-09."""
    return walk(make(**overrides), (lead, "accept", {}))


def proposal(outcome: str, violation: str = "", fine: str = "", **facts: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"proposed_outcome": outcome, "proposal": "经调查，违法事实清楚。", **facts}
    if violation:
        data["violation_code"] = violation
    if fine:
        data["proposed_fine"] = fine
    if outcome in FINDS_VIOLATION:
        data.setdefault("findings", "经查，该单位存在上述违法行为。")
        data.setdefault("occurred_on", "2026-01-05")
    return data


def noticed(case: Case, inspector: User) -> Case:
    """The notice served on Monday 03-09 and closed by the party's written waiver."""
    return walk(case, (inspector, "serve_notice", NOTICE_SERVED), (inspector, "close_notice", WAIVED))


def decided(case: Case, inspector: User, leader: User, **decision: Any) -> Case:
    """From the notice (approved) to the leader's decision on Monday 03-09."""
    return walk(noticed(case, inspector), (leader, "decide", decision))


def penalty_decided(make: Any, inspector: User, lead: User, legal: User, leader: User) -> Case:
    """A ledger penalty (广东省劳动保障监察条例 第四十九条: 2,000–20,000 yuan) proposed, reviewed, and decided at 18,000
    yuan on Monday 03-09."""
    case = walk(
        investigating(make, lead),
        (inspector, "propose", proposal("penalty", "gdjc49_no_ledger", "18000")),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
    )
    return decided(case, inspector, leader, fine_amount="18000")


def closed_without_penalty(make: Any, inspector: User, lead: User, leader: User, **overrides: Any) -> Case:
    """A case transferred to another organ, performed and closed on Monday 03-09 (no penalty)."""
    case = walk(
        investigating(make, lead, **overrides),
        (inspector, "propose", proposal("transfer")),
        (lead, "approve_proposal_to_notice", {}),
    )
    return walk(
        decided(case, inspector, leader),
        (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}),
        (inspector, "record_performance", {}),
        (lead, "approve_closing", {}),
    )


@pytest.fixture(autouse=True)
def _fresh_dashboards() -> Iterator[None]:
    """No dashboard made in one test is served in another (their journals may share a head after a rollback)."""
    forget_dashboards()
    yield
    forget_dashboards()
