"""Decided penalty cases for the disclosure tests, walked through the real actions (time frozen at 2026-03-09)."""

from __future__ import annotations

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import (
    FINDINGS,
    INQUIRY,
    LEDGER,
    RegisterCase,
    _on_a_known_day,
    proposal,
    register,
    served_notice,
    waived,
    walk,
)
from fazhi.documents.actions import issue_document

__all__ = ["_on_a_known_day", "decide_penalty", "register"]


def decide_penalty(
    case: Case,
    inspector: User,
    lead: User,
    legal: User,
    leader: User,
    *,
    reasons: str = "经调查，该单位未建立用工管理台账。",
    findings: str = FINDINGS,
) -> Case:
    """Walk `case` to a 20,000-yuan penalty decided by the leader, the organ's 负责人 (行政处罚法 第五十七条), on the
    facts found (`findings`), and issue its 行政处罚决定书."""
    case = walk(
        case,
        (lead, "accept", {}),
        # The decision names the evidence on file (行政处罚法 第五十九条第一款第（二）项): the inquiry's record.
        (inspector, "record_investigation", INQUIRY),
        (inspector, "propose", proposal("penalty", LEDGER, "20000.00", proposal=reasons, findings=findings)),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", {"fine_amount": "20000.00"}),
    )
    issue_document(actor=leader, case=case, doc_type="penalty_decision")
    return case


@pytest.fixture
def decided(register: RegisterCase, inspector: User, lead: User, legal: User, leader: User) -> Case:
    return decide_penalty(
        register(employer_name="深圳市福田区华强电子有限公司", legal_representative="周大福"),
        inspector,
        lead,
        legal,
        leader,
    )
