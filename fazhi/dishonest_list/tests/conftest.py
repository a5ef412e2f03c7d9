"""Cases whose order to pay was not obeyed, walked through the real actions, and listings built on them.

The clock is frozen on Monday 2026-03-09 (fazhi/cases/tests/conftest.py); the order to pay is due on Friday
2026-03-20, so the listing steps run from Monday 2026-03-23 (`on(...)`). Dates were counted on the 2026 calendar
(清明 04-04…04-06, 劳动节 05-01…05-05) and checked with `manage.py due_date`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from fazhi.accounts.models import User
from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import WAGES, RegisterCase, _on_a_known_day, latest, on, register, walk
from fazhi.dishonest_list import actions
from fazhi.dishonest_list.models import Listing

__all__ = ["_on_a_known_day", "latest", "on", "register"]

D = dt.date
DEADLINE = D(2026, 3, 20)
AFTER = D(2026, 3, 23)  # the first working day after the order's deadline
# One worker owed 24,000 yuan for four months: over Shenzhen's 20,000 (粤高法发〔2015〕4号; 法释〔2013〕3号 第三条).
ARREARS = [
    WorkerInput(
        name="王小明",
        amount_owed=Decimal("24000.00"),
        id_number="",
        period_start=D(2025, 9, 1),
        period_end=D(2025, 12, 31),
    ),
    WorkerInput(name="李四", amount_owed=Decimal("3000.00")),
]

Ordered = Callable[..., Case]


def order_to_pay(case: Case, inspector: User, lead: User, leader: User) -> Case:
    """Walk `case` along procedure version 2 to a 行政处理决定 ordering the wages paid by 2026-03-20, decided by the
    leader (the organ's 负责人) and served on 2026-03-09."""
    proposal = {
        "proposed_outcome": "handling_decision",
        "violation_code": WAGES,
        "proposal": "责令限期支付工资。",
        "findings": "该单位拖欠王小明、李四工资。",
        "occurred_on": "2025-09-01",
    }
    return walk(
        case,
        (lead, "accept", {}),
        (inspector, "propose", proposal),
        (lead, "approve_proposal_to_notice", {}),
        (inspector, "serve_notice", {"notice_service_method": "in_person", "notice_served_on": "2026-03-09"}),
        (inspector, "close_notice", {"waived": True, "waiver_document": "当事人签署的放弃陈述申辩声明书"}),
        (leader, "decide", {"comply_by": DEADLINE.isoformat()}),
        (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}),
    )


@pytest.fixture
def ordered(register: RegisterCase, inspector: User, lead: User, leader: User) -> Ordered:
    """ordered(**register_overrides): a served order to pay 24,000 + 3,000 yuan by 2026-03-20."""

    def make(**overrides: Any) -> Case:
        fields: dict[str, Any] = {
            "employer_name": "深圳市福田区鑫达建筑劳务有限公司",
            "legal_representative": "陈建国",
            "employer_address": "深圳市福田区福华路88号",
            "workers": ARREARS,
        }
        fields.update(overrides)
        return order_to_pay(register(**fields), inspector, lead, leader)

    return make


def notice(inspector: User, case: Case, **overrides: Any) -> Listing:
    """Give the prior notice on 2026-03-23 (call inside `on(AFTER)` or later)."""
    fields: dict[str, Any] = {
        "actor": inspector,
        "case": case,
        "ground": "amount",
        "served_on": AFTER,
        "unpaid_at_deadline": True,
        "responsible_persons": "赵有才（项目经理）\n钱多多（财务主管）",
    }
    fields.update(overrides)
    return actions.give_notice(**fields)


def listed(inspector: User, leader: User, case: Case) -> Listing:
    """Notice on 2026-03-23, listing decided on 2026-03-31 (the objection window ended on 03-30)."""
    with on(AFTER):
        listing = notice(inspector, case)
    with on(D(2026, 3, 31)):
        return actions.decide_listing(actor=leader, listing=listing)
