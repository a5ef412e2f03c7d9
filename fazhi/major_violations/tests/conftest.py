"""Decided cases for the major-violation tests, walked through the real actions (time frozen at Monday 2026-03-09,
in the first quarter of 2026)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.accounts.models import User
from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import (
    WAGES,
    RegisterCase,
    _on_a_known_day,
    proposal,
    register,
    served_notice,
    waived,
    walk,
)
from fazhi.cases.tests.conftest import on as on_day
from fazhi.disclosure.tests.conftest import decide_penalty
from fazhi.major_violations.actions import select_case
from fazhi.major_violations.models import Selection

__all__ = ["_on_a_known_day", "decide_penalty", "decide_wages", "on_day", "register", "select"]


def decide_wages(
    case: Case, inspector: User, lead: User, leader: User, *, findings: str = "经查，该单位拖欠劳动者工资。"
) -> Case:
    """Walk `case` to a handling decision ordering its wages paid by 2026-03-31, decided by the leader on 2026-03-09
    on the facts found (`findings`)."""
    return walk(
        case,
        (lead, "accept", {}),
        (
            inspector,
            "propose",
            proposal("handling_decision", WAGES, proposal="经调查，该单位拖欠劳动者工资。", findings=findings),
        ),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", {"comply_by": "2026-03-31"}),
    )


def select(
    case: Case, actor: User, category: str = "wages", facts: str = "拖欠工资。", handling: str = "责令支付。"
) -> Selection:
    return select_case(actor=actor, case=case, category=category, facts=facts, handling=handling)


@pytest.fixture
def decided(register: RegisterCase, inspector: User, lead: User, legal: User, leader: User) -> Case:
    """A penalty decided on 2026-03-09 against 华强电子 (legal representative 周大福)."""
    return decide_penalty(
        register(
            employer_name="深圳市福田区华强电子有限公司",
            legal_representative="周大福",
            employer_address="深圳市福田区华强北路1号",
        ),
        inspector,
        lead,
        legal,
        leader,
    )


@pytest.fixture
def wages_case(register: RegisterCase, inspector: User, lead: User, leader: User) -> Case:
    """A handling decision ordering 120,000 yuan of wages paid (above the default 数额较大 of 100,000)."""
    case = register(
        employer_name="深圳市福田区宏图建筑劳务有限公司",
        legal_representative="赵建国",
        workers=[
            WorkerInput(name="王小明", amount_owed=Decimal("70000.00")),
            WorkerInput(name="李四", amount_owed=Decimal("50000.00")),
        ],
    )
    return decide_wages(case, inspector, lead, leader)
