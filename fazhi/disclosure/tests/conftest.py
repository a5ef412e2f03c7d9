"""Decided penalty cases for the disclosure tests, walked through the real actions (time frozen at 2026-03-09)."""

from __future__ import annotations

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import LEDGER, RegisterCase, _on_a_known_day, register, walk
from fazhi.documents.actions import issue_document

__all__ = ["_on_a_known_day", "decide_penalty", "register"]


def decide_penalty(
    case: Case,
    inspector: User,
    lead: User,
    legal: User,
    director: User,
    *,
    proposal: str = "经调查，该单位未建立用工管理台账。",
) -> Case:
    """Walk `case` to a 20,000-yuan penalty decided by the director and issue its 行政处罚决定书."""
    case = walk(
        case,
        (inspector, "accept", {}),
        (lead, "approve_filing", {}),
        (
            inspector,
            "propose",
            {
                "proposed_outcome": "penalty",
                "proposal": proposal,
                "violation_code": LEDGER,
                "proposed_fine": "20000.00",
            },
        ),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        (inspector, "close_notice", {"waived": True}),
        (director, "decide", {"fine_amount": "20000.00"}),
    )
    issue_document(actor=director, case=case, doc_type="penalty_decision")
    return case


@pytest.fixture
def decided(register: RegisterCase, inspector: User, lead: User, legal: User, director: User) -> Case:
    return decide_penalty(
        register(employer_name="深圳市福田区华强电子有限公司", legal_representative="周大福"),
        inspector,
        lead,
        legal,
        director,
    )
