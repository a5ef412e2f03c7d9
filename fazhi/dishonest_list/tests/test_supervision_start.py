"""Supervision watches the start of the listing procedure: an order to pay ignored past its deadline, at the amount of
拒不支付劳动报酬罪, with no prior notice given, is an orange alert (暂行办法 第五条、第八条第一款) until the notice is
given. The order is due Friday 2026-03-20; 20 working days later is Monday 2026-04-20 (清明 04-04…04-06)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.accounts.models import User
from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import WorkerLine
from fazhi.dishonest_list.tests.conftest import AFTER, DEADLINE, Ordered, notice, on
from fazhi.supervision.tests.conftest import alerts_of

pytestmark = pytest.mark.django_db
D = dt.date
RULE = "dishonest_listing_not_started"


def test_an_ignored_order_at_the_crime_amount_is_orange_until_the_notice_is_given(
    ordered: Ordered, inspector: User
) -> None:
    case = ordered()
    assert alerts_of(RULE, DEADLINE, case=case) == []  # the employer still has the day
    [alert] = alerts_of(RULE, AFTER, case=case)
    assert alert.severity == "orange"
    assert alert.since == DEADLINE.replace(day=21)
    assert "拖欠的是农民工工资的，应于 2026-04-20 前作出列入决定" in alert.detail
    with on(AFTER):
        notice(inspector, case)
    assert alerts_of(RULE, AFTER, case=case) == []


def test_wages_below_the_amount_or_paid_are_quiet(ordered: Ordered) -> None:
    case = ordered()
    WorkerLine.objects.filter(case=case).update(amount_paid=Decimal("10000.00"))  # 14,000 left: under 20,000
    assert alerts_of(RULE, AFTER, case=case) == []


def test_arrears_of_under_three_months_are_quiet_under_article_5_item_1(ordered: Ordered) -> None:
    """暂行办法 第五条第（一）项 takes the amount of the crime, and 法释〔2013〕3号 第三条第（一）项 counts one worker's
    pay of three months or more: 24,000 yuan for September and October 2025 is not enough."""
    two_months = WorkerInput(
        name="王小明", amount_owed=Decimal("24000.00"), period_start=D(2025, 9, 1), period_end=D(2025, 10, 31)
    )
    case = ordered(workers=[two_months])
    assert alerts_of(RULE, AFTER, case=case) == []
