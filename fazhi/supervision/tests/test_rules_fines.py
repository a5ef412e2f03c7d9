"""A decided fine against the statute's range for the facts the decision used (B9): fixed ranges, fines per affected
worker and per child and month, the rows without bounds, and 减轻处罚. A decision the procedure would refuse is written
straight into its row, as data imported from an older system or corrected by hand would arrive."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Decision
from fazhi.cases.tests.conftest import LEDGER, RegisterCase, walk
from fazhi.supervision.rules import BY_CODE
from fazhi.supervision.tests.conftest import alerts_of, decided, investigating, penalty_decided, proposal

pytestmark = pytest.mark.django_db
RULE = "fine_out_of_range"


def rewrite(case: Case, code: str, fine: str, **facts: Any) -> None:
    """The case's violation and fine, and its decision's fine and facts, as an import would write them."""
    Case.objects.filter(pk=case.pk).update(violation_code=code, fine_amount=Decimal(fine))
    Decision.objects.filter(case=case).update(fine_amount=Decimal(fine), assessment={"facts": facts} if facts else {})


def test_a_fine_inside_the_fixed_range_is_quiet_and_one_above_or_below_it_fires_under_article_49(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第四十九条: 二千元以上二万元以下."""
    case = penalty_decided(register, inspector, lead, legal, leader)
    assert alerts_of(RULE, case=case) == []
    rewrite(case, LEDGER, "50000")
    [alert] = alerts_of(RULE, case=case)
    assert "罚款 50000.00 元" in alert.detail
    assert "法定幅度 2000.00 元至20000.00 元" in alert.detail
    rewrite(case, LEDGER, "1999")
    assert len(alerts_of(RULE, case=case)) == 1


def test_five_women_fined_25000_with_no_wage_lines_are_judged_by_the_decisions_workers_under_article_23(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """劳动保障监察条例 第二十三条: 按照受侵害的劳动者每人1000元以上5000元以下的标准计算 — the five women the decision
    counted, not the case's wage lines (there are none)."""
    case = walk(
        investigating(register, lead, workers=[]),
        (inspector, "propose", proposal("penalty", "lbjc23_3_female_pregnancy_work", "25000", workers=5)),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
    )
    case = decided(case, inspector, leader, fine_amount="25000")
    assert Decision.objects.get(case=case).assessment["facts"]["workers"] == 5
    assert alerts_of(RULE, case=case) == []
    Decision.objects.filter(case=case).update(fine_amount=Decimal("25001"))
    [alert] = alerts_of(RULE, case=case)
    assert "按 5 人计" in alert.detail
    assert "5000.00 元至25000.00 元" in alert.detail


def test_a_fine_per_child_and_month_is_judged_by_the_child_months_decided_under_article_6_of_the_child_labour_rules(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """禁止使用童工规定 第六条第一款: 按照每使用一名童工每月处5000元罚款的标准."""
    case = penalty_decided(register, inspector, lead, legal, leader)
    rewrite(case, "tg6_1_child_labour", "15000", child_months=3)
    assert alerts_of(RULE, case=case) == []
    rewrite(case, "tg6_1_child_labour", "15000", child_months=2)
    [alert] = alerts_of(RULE, case=case)
    assert "按使用童工 2 人月计" in alert.detail


def test_a_row_without_a_maximum_is_checked_only_against_its_minimum_under_article_6(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """禁止使用童工规定 第六条第一款 (toxic work: 从重, no maximum in the row): the minimum for the child-months
    holds."""
    case = penalty_decided(register, inspector, lead, legal, leader)
    rewrite(case, "tg6_1b_child_labour_toxic", "1000000", child_months=2)
    assert alerts_of(RULE, case=case) == []
    rewrite(case, "tg6_1b_child_labour_toxic", "9999", child_months=2)
    assert len(alerts_of(RULE, case=case)) == 1
    assert "未规定上限" in BY_CODE[RULE].note


def test_a_decision_without_the_count_of_workers_is_checked_against_the_minimum_for_one_under_article_23(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """劳动保障监察条例 第二十三条: without the number of women, no maximum can be known; below 1,000 yuan is below it
    whatever the number."""
    case = penalty_decided(register, inspector, lead, legal, leader)
    rewrite(case, "lbjc23_3_female_pregnancy_work", "999")
    assert len(alerts_of(RULE, case=case)) == 1
    rewrite(case, "lbjc23_3_female_pregnancy_work", "90000")
    assert alerts_of(RULE, case=case) == []


def test_a_fine_below_the_minimum_with_a_ground_of_mitigation_is_quiet_under_article_32_of_the_penalty_law(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """行政处罚法 第三十二条: 应当从轻或者减轻 — below the statutory minimum is lawful on such a ground (B2)."""
    case = penalty_decided(register, inspector, lead, legal, leader)
    rewrite(case, LEDGER, "1000", mitigation=["eliminated_harm"])
    assert alerts_of(RULE, case=case) == []
    rewrite(case, "lbjc23_3_female_pregnancy_work", "1000", workers=2, mitigation=["eliminated_harm"])
    assert alerts_of(RULE, case=case) == []
    rewrite(case, LEDGER, "1000")
    assert len(alerts_of(RULE, case=case)) == 1
