"""Fixtures for the case tests: complaints registered through the real actions by the personas of conftest.py."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from fazhi.accounts.models import User
from fazhi.cases.actions import WorkerInput, register_case, transition
from fazhi.cases.models import Case, Period, Source
from fazhi.rules.identifiers import make_credit_code

# Tests run on days inside the loaded holiday data (2004–2026), so every period has a due date.
TODAY = dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture(autouse=True)
def _on_a_known_day() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


RegisterCase = Callable[..., Case]

# 克扣或者无故拖欠劳动者工资报酬 (劳动保障监察条例 第二十六条第（一）项), the violation most complaints are about.
WAGES = "lbjc26_1_wage_arrears"
# 未建立、保存用工管理台账 (广东省劳动保障监察条例 第四十九条): a fine of 2,000 to 20,000 yuan.
LEDGER = "gdjc49_no_ledger"

# An inquiry recorded on the known day (step record_investigation), as the case page's form sends it.
INQUIRY = {
    "record_kind": "inquiry",
    "held_on": "2026-03-09",
    "place": "本局第三询问室",
    "subject": "张经理（人事主管）",
    "content": "问：你单位是否按时支付工资？\n答：三月份工资尚未支付。",
}


@pytest.fixture
def register(inspector: User, inspector2: User) -> RegisterCase:
    """Register a complaint in the inspector's squad, handled by inspector and inspector2."""

    def make(**overrides: Any) -> Case:
        fields: dict[str, Any] = {
            "actor": inspector,
            "source": Source.COMPLAINT,
            "unit": inspector.unit,
            "employer_name": "深圳市福田区某电子有限公司",
            "employer_credit_code": make_credit_code(random.Random(Case.objects.count() + 1)),
            "summary": "拖欠 3 名员工 2026 年 8 月至 9 月工资。",
            "received_on": dt.date(2026, 3, 2),
            "complainant_name": "王小明",
            "complainant_phone": "13800138000",
            "workers": [
                WorkerInput(name="王小明", amount_owed=Decimal("12000.00")),
                WorkerInput(name="李四", amount_owed=Decimal("9500.50")),
            ],
            "handler": inspector,
            "co_handler": inspector2,
        }
        fields.update(overrides)
        return register_case(**fields)

    return make


def walk(case: Case, *steps: tuple[User, str, dict[str, Any]]) -> Case:
    """Take the steps in order; each is (actor, action, data-with-optional-'reason')."""
    for actor, action, data in steps:
        data = dict(data)
        reason = str(data.pop("reason", ""))
        case = transition(actor=actor, case=case, action=action, data=data, reason=reason)
    return case


CST = dt.timezone(dt.timedelta(hours=8))


def on(day: dt.date) -> time_machine.travel:
    """Move the frozen clock to 09:00 of `day` (Asia/Shanghai)."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(9, 0), tzinfo=CST), tick=False)


def latest(case: Case, code: str) -> Period:
    """The newest period `code` of the case (a period may have run more than once)."""
    period = case.periods.filter(code=code).order_by("-pk").first()
    assert period is not None, f"no {code} period"
    return period


# Procedure v2: the steps most tests take, as (actor, action, data) for `walk`.
# The day the violation occurred, before every test's known day (行政处罚法 第三十六条 runs from it).
OCCURRED_ON = "2026-02-02"
FINDINGS = "经查，该单位自 2026 年 2 月起未按规定建立用工管理台账。"
WAIVER = "当事人书面放弃陈述申辩和听证的声明（2026 年 3 月 9 日签署）"


def proposal(
    outcome: str = "penalty", code: str = LEDGER, fine: str | None = "20000.00", **extra: Any
) -> dict[str, Any]:
    """A complete proposal: the outcome, the violation, the facts found, when it occurred and (for a penalty) a
    fine; `extra` adds or overrides fields (`warning=True`, `proposed_fine=None` for a warning only)."""
    data: dict[str, Any] = {
        "proposed_outcome": outcome,
        "proposal": "经调查，事实清楚，证据确凿。",
        "violation_code": code,
        "findings": FINDINGS,
        "occurred_on": OCCURRED_ON,
    }
    if outcome == "penalty" and fine is not None:
        data["proposed_fine"] = fine
    data.update({key: value for key, value in extra.items() if value is not None})
    return data


def served_notice(
    actor: User, served_on: str = "2026-03-09", method: str = "in_person"
) -> tuple[User, str, dict[str, Any]]:
    """The 告知书 reached the party on `served_on` (行政处罚法 第四十四条、第六十四条)."""
    return (actor, "serve_notice", {"notice_service_method": method, "notice_served_on": served_on})


def waived(actor: User) -> tuple[User, str, dict[str, Any]]:
    """The party waived its defence and hearing in writing (行政处罚法 第六十二条)."""
    return (actor, "close_notice", {"waived": True, "waiver_document": WAIVER})
