"""Fixtures for the supervision tests: the case fixtures of fazhi/cases/tests (a known day, complaints registered by
the personas) and the journal's `tamper`."""

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


def alerts_of(rule: str, as_of: dt.date = MONDAY, case: Case | None = None) -> list[Alert]:
    return BY_CODE[rule].alerts(as_of, case_id=case.pk if case else None)


def investigating(make: Any, inspector: User, lead: User, **overrides: Any) -> Case:
    return walk(make(**overrides), (inspector, "accept", {}), (lead, "approve_filing", {}))


def proposal(outcome: str, violation: str = "", fine: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"proposed_outcome": outcome, "proposal": "经调查，违法事实清楚。"}
    if violation:
        data["violation_code"] = violation
    if fine:
        data["proposed_fine"] = fine
    return data


def closed_without_penalty(make: Any, inspector: User, lead: User, director: User, **overrides: Any) -> Case:
    """A case transferred to the police, performed and closed on Monday 03-09 (no penalty)."""
    return walk(
        investigating(make, inspector, lead, **overrides),
        (inspector, "propose", proposal("transfer_police")),
        (lead, "approve_proposal_to_notice", {}),
        (inspector, "close_notice", {"waived": True}),
        (director, "decide", {}),
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
