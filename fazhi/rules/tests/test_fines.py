"""A fine against the assessment (legal review B2): never above the statutory maximum; below the minimum only as
减轻处罚 with a ground of 行政处罚法 第三十二条 and written reasons; outside the standard's tier only with reasons; and
both of those go to the legal review (第五十八条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.rules.facts import Facts, Harm
from fazhi.rules.fines import check_fine
from fazhi.rules.penalties import assess

ON = dt.date(2025, 6, 1)
LEDGER = "gdjc49_no_ledger"  # 广东省劳动保障监察条例 第四十九条: 2,000–20,000 yuan
MODERATE = assess(LEDGER, Facts(harm=Harm.MODERATE), on=ON)  # example standard, 一般 tier: 5,600–11,000
MITIGATED = assess(LEDGER, Facts(harm=Harm.MODERATE, mitigation=("eliminated_harm",)), on=ON)


def test_a_fine_inside_the_tier_passes_without_review():
    check = check_fine(MODERATE, Decimal(8000), "")
    assert check.ok
    assert not check.needs_legal_review


def test_a_fine_above_the_statutory_maximum_is_refused_even_with_reasons_per_guangdong_article_forty_nine():
    check = check_fine(MODERATE, Decimal(20001), "情节特别严重")
    assert check.problems == (
        "罚款不得高于法定最高额 20000.00 元（广东省劳动保障监察条例 第四十九条，法定幅度 2000.00 元至20000.00 元）。",
    )


def test_a_fine_below_the_minimum_without_a_ground_is_refused_per_article_thirty_two():
    (problem,) = check_fine(MODERATE, Decimal(1000), "配合调查").problems
    assert problem.startswith("罚款不得低于法定最低额 2000.00 元")
    assert "行政处罚法第三十二条" in problem


def test_a_reduced_fine_needs_written_reasons_per_article_thirty_two():
    (problem,) = check_fine(MITIGATED, Decimal(1000), " ").problems
    assert "属减轻处罚，须书面写明理由（行政处罚法第三十二条），并经法制审核" in problem


def test_a_reduced_fine_with_reasons_passes_and_goes_to_legal_review_per_article_thirty_two():
    check = check_fine(MITIGATED, Decimal(1000), "主动消除危害后果，补建台账并经复查")
    assert check.ok
    assert check.below_minimum
    assert check.needs_legal_review


def test_a_fine_outside_the_tier_needs_reasons_and_then_legal_review_per_article_thirty_four():
    (problem,) = check_fine(MODERATE, Decimal(15000), "").problems
    assert problem.startswith("拟罚款 15000 元超出裁量幅度")
    check = check_fine(MODERATE, Decimal(15000), "涉及人数多")
    assert (check.ok, check.outside_tier, check.below_minimum, check.needs_legal_review) == (True, True, False, True)


def test_no_fine_where_the_law_sets_none_or_forbids_a_penalty_per_article_thirty_three():
    measures_only = assess("lbjc26_1_wage_arrears", Facts(), on=ON)
    assert "法律未规定罚款" in check_fine(measures_only, Decimal(100), "x").problems[0]
    harmless = assess(LEDGER, Facts(harm=Harm.NONE, corrected_promptly=True), on=ON)
    assert check_fine(harmless, Decimal(2000), "x").problems[0].startswith("不予行政处罚")


def test_a_zero_fine_is_not_a_fine():
    assert check_fine(MITIGATED, Decimal(0), "x").problems == ("罚款金额应大于零；不予处罚的，请选择不予行政处罚。",)
