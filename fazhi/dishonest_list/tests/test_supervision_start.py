"""Supervision watches the start of the listing procedure: an order to pay ignored past its deadline, at the amount of
拒不支付劳动报酬罪, with no prior notice given, is an orange alert (暂行办法 第五条、第八条第一款) until the notice is
given. The order is due Friday 2026-03-20; 20 working days later is Monday 2026-04-20 (清明 04-04…04-06)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import WorkerLine
from fazhi.dishonest_list.tests.conftest import AFTER, DEADLINE, Ordered, notice, on
from fazhi.supervision.tests.conftest import alerts_of

pytestmark = pytest.mark.django_db
RULE = "dishonest_listing_not_started"


def test_an_ignored_order_at_the_crime_amount_is_orange_until_the_notice_is_given(
    ordered: Ordered, inspector: User
) -> None:
    case = ordered()
    assert alerts_of(RULE, DEADLINE, case=case) == []  # the employer still has the day
    [alert] = alerts_of(RULE, AFTER, case=case)
    assert alert.severity == "orange"
    assert alert.since == DEADLINE.replace(day=21)
    assert "应于 2026-04-20 前作出列入决定" in alert.detail
    with on(AFTER):
        notice(inspector, case)
    assert alerts_of(RULE, AFTER, case=case) == []


def test_wages_below_the_amount_or_paid_are_quiet(ordered: Ordered) -> None:
    case = ordered()
    WorkerLine.objects.filter(case=case).update(amount_paid=Decimal("10000.00"))  # 14,000 left: under 20,000
    assert alerts_of(RULE, AFTER, case=case) == []
