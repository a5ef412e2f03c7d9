"""How much (legal review A8, B1, B2): the five-year limitation of 行政处罚法 第三十六条, 从重 and 从轻 that move the
range even without a tier, 减轻处罚 below the minimum, the occurrence date for 第三十七条, and retired codes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.rules.facts import Facts, FactsError, Harm, parse_facts
from fazhi.rules.penalties import Outcome, assess, calculate, limitation_end, limitation_years
from fazhi.rules.periods import Citation
from fazhi.rules.standards import Standard, TierRule

D = dt.date
ON = D(2025, 6, 1)
LEDGER = "gdjc49_no_ledger"  # 广东省劳动保障监察条例 第四十九条: 2,000–20,000 yuan
MINORS = "lbjc23_7_minor_prohibited_work"  # 劳动保障监察条例 第二十三条第（七）项: 1,000–5,000 per worker


# --- B1: limitation (行政处罚法 第三十六条) --------------------


def test_minors_in_toxic_work_with_serious_harm_are_pursued_for_five_years_per_article_thirty_six():
    """行政处罚法 第三十六条第一款: 涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年 (legal review B1:
    the case 2023-01-01 → 2025-06-01 was answered time_barred)."""
    facts = Facts(
        workers=2, harm=Harm.SERIOUS, safety_related=True, occurred_on=D(2023, 1, 1), discovered_on=D(2025, 6, 1)
    )
    result = assess(MINORS, facts, on=ON)
    assert result.outcome is Outcome.PENALTY
    assert "追责期限延长至五年" in "".join(result.explanation)


def test_the_five_years_end_on_the_corresponding_day_per_article_thirty_six():
    facts = dict(workers=1, harm=Harm.MINOR, safety_related=True, occurred_on=D(2020, 3, 10))
    assert limitation_end(D(2020, 3, 10), 5) == D(2025, 3, 10)
    last = assess(MINORS, Facts(**facts, discovered_on=D(2025, 3, 10)), on=ON)  # type: ignore[arg-type]
    late = assess(MINORS, Facts(**facts, discovered_on=D(2025, 3, 11)), on=ON)  # type: ignore[arg-type]
    assert last.outcome is Outcome.PENALTY
    assert late.outcome is Outcome.TIME_BARRED
    assert "已超过五年" in late.explanation[-1]
    assert Citation("劳动保障监察条例", 20, 1) not in late.citations
    assert Citation("行政处罚法", 36, 1) in late.citations


def test_without_harmful_consequences_the_two_years_stand_per_article_thirty_six():
    # "且有危害后果": safety-related but harmless stays at two years.
    facts = Facts(
        workers=1, harm=Harm.NONE, safety_related=True, occurred_on=D(2022, 1, 1), discovered_on=D(2025, 6, 1)
    )
    assert limitation_years(facts) == 2
    assert assess(MINORS, facts, on=ON).outcome is Outcome.TIME_BARRED


def test_a_safety_related_act_past_two_years_needs_its_harm_stated_per_article_thirty_six():
    facts = Facts(workers=1, safety_related=True, occurred_on=D(2022, 1, 1), discovered_on=D(2025, 6, 1))
    with pytest.raises(FactsError) as caught:
        assess(MINORS, facts, on=ON)
    assert "五年" in caught.value.problems["harm"]


def test_other_acts_keep_the_two_years_of_the_inspection_regulation_per_article_twenty():
    # 劳动保障监察条例 第二十条; a harmful act not touching life, health or financial safety.
    facts = Facts(harm=Harm.SERIOUS, occurred_on=D(2022, 1, 1), discovered_on=D(2025, 6, 1))
    result = assess(LEDGER, facts, on=ON)
    assert result.outcome is Outcome.TIME_BARRED
    assert Citation("劳动保障监察条例", 20, 1) in result.citations


def test_the_safety_fact_is_parsed_and_named():
    facts = parse_facts({"safety_related": "true", "harm": "serious"})
    assert facts.safety_related
    assert facts.as_json()["safety_related"] is True


# --- 第三十七条: the standard in force on the day the violation occurred --------------------


def _standard(key: str, since: dt.date, low: int, high: int) -> Standard:
    return Standard(
        key, f"基准{key}", since, False, {LEDGER: (TierRule("general", (), Decimal(low), Decimal(high), "其他"),)}
    )


def test_a_continuing_act_is_judged_by_the_standard_in_force_when_it_ended_per_article_thirty_seven():
    """行政处罚法 第三十七条 "适用违法行为发生时的…规定"; for an act with a continuing state, the day it ended."""
    old, heavier = _standard("a", D(2024, 1, 1), 3000, 8000), _standard("b", D(2025, 1, 1), 5000, 15000)
    facts = Facts(occurred_on=D(2023, 6, 1), ended_on=D(2024, 8, 1), harm=Harm.MODERATE)
    result = calculate(LEDGER, facts, standards=[old, heavier], on=D(2025, 3, 1))
    assert result.standard.key == "a"


# --- B2: 从重 and 从轻 move the range; 减轻 below the minimum --------------------


def test_a_repeat_without_the_harm_stated_takes_the_upper_half_of_the_range_per_article_fifty_three():
    """广东省劳动保障监察条例 第五十三条 "应当依法从重处罚" (legal review B2: no tier, no change)."""
    plain = assess(LEDGER, Facts(), on=ON)
    repeat = assess(LEDGER, Facts(repeat_within_year=True), on=ON)
    assert (plain.fine_min, plain.fine_max) == (Decimal("2000.00"), Decimal("20000.00"))
    assert (repeat.fine_min, repeat.fine_max) == (Decimal("11000.00"), Decimal("20000.00"))
    assert Citation("广东省劳动保障监察条例", 53) in repeat.citations
    assert "中间值以上" in "".join(repeat.explanation)


def test_a_repeat_in_the_gravest_tier_takes_the_upper_half_of_that_tier_per_article_fifty_three():
    # Example standard, 严重 tier of 2,000–20,000: 80 %–100 % = 16,400–20,000; its upper half 18,200–20,000.
    grave = assess(LEDGER, Facts(harm=Harm.SERIOUS), on=ON)
    repeat = assess(LEDGER, Facts(harm=Harm.SERIOUS, repeat_within_year=True), on=ON)
    assert grave.tier is not None
    assert repeat.tier is not None
    assert grave.tier.label == repeat.tier.label == "严重"
    assert (repeat.fine_min, repeat.fine_max) == (Decimal("18200.00"), Decimal("20000.00"))


def test_a_mitigation_ground_without_a_tier_takes_the_lower_half_per_article_thirty_two():
    result = assess(LEDGER, Facts(mitigation=("confessed",)), on=ON)
    assert (result.fine_min, result.fine_max) == (Decimal("2000.00"), Decimal("11000.00"))
    assert Citation("行政处罚法", 32, None, 3) in result.citations


def test_a_repeat_and_a_mitigation_ground_weigh_against_each_other():
    both = assess(LEDGER, Facts(repeat_within_year=True, mitigation=("confessed",)), on=ON)
    assert (both.fine_min, both.fine_max) == (Decimal("2000.00"), Decimal("20000.00"))


def test_a_mitigation_ground_allows_a_fine_below_the_minimum_per_article_thirty_two():
    """行政处罚法 第三十二条 "应当从轻或者减轻行政处罚": 减轻 goes below the statutory minimum (legal review B2)."""
    result = assess(LEDGER, Facts(harm=Harm.MODERATE, mitigation=("eliminated_harm",)), on=ON)
    assert result.may_reduce
    assert result.as_json()["may_reduce"] is True
    assert "减轻处罚" in result.explanation[-1]
    assert not assess(LEDGER, Facts(harm=Harm.MODERATE), on=ON).may_reduce


def test_mediation_performed_on_the_spot_may_go_unpenalised_or_reduced_per_guangdong_article_forty_two():
    """广东省劳动保障监察条例 第四十二条第二款: 调解达成一致意见并当场全部履行的，视情节轻重依法不予处罚或者减轻."""
    result = assess(LEDGER, Facts(harm=Harm.MINOR, mitigation=("mediated_performed",)), on=ON)
    assert result.outcome is Outcome.MAY_WAIVE
    assert result.may_reduce
    assert Citation("广东省劳动保障监察条例", 42, 2) in result.citations


def test_mediation_agreed_but_unperformed_lightens_or_reduces_per_guangdong_article_forty_two():
    """广东省劳动保障监察条例 第四十二条第三款: 未当场全部履行的 … 从轻或者减轻."""
    result = assess(LEDGER, Facts(mitigation=("mediated_agreed",)), on=ON)
    assert result.outcome is Outcome.PENALTY
    assert result.may_reduce
    assert Citation("广东省劳动保障监察条例", 42, 3) in result.citations


def test_mediation_cannot_be_both_performed_and_not():
    with pytest.raises(FactsError, match="调解协议"):
        parse_facts({"mitigation": ["mediated_performed", "mediated_agreed"]})


# --- A8: a retired code answers with its replacement --------------------


def test_the_regulations_user_unit_dispatch_code_is_assessed_at_5000_to_10000_per_worker():
    """劳动合同法 第九十二条第二款: 每人五千元以上一万元以下 (legal review A8: 3 workers gave 3,000–15,000)."""
    result = assess("ldhtsstl35_user_unit_dispatch", Facts(workers=3), on=ON)
    assert result.violation.code == "ldht92_2_dispatch_violation"
    assert (result.statutory_min, result.statutory_max) == (Decimal("15000.00"), Decimal("30000.00"))
    assert result.requested == "ldhtsstl35_user_unit_dispatch"
    assert result.explanation[0].startswith("违法行为代码“ldhtsstl35_user_unit_dispatch”")
    body = result.as_json()
    assert (body["violation"], body["requested_violation"]) == (
        "ldht92_2_dispatch_violation",
        "ldhtsstl35_user_unit_dispatch",
    )


def test_social_insurance_fraud_under_the_old_code_is_two_to_five_times_per_social_insurance_law_article_88():
    """社会保险法 第八十八条 (legal review A8: base 10,000 gave 10,000–30,000; the law: 20,000–50,000)."""
    result = assess("lbjc27_2_si_fraud", Facts(base_amount=Decimal(10000)), on=ON)
    assert (result.statutory_min, result.statutory_max) == (Decimal("20000.00"), Decimal("50000.00"))


def test_a_retired_code_and_its_replacement_are_one_norm_not_two_per_article_twenty_nine():
    result = calculate("ldhtsstl35_user_unit_dispatch", Facts(workers=1), on=ON, also=["ldht92_2_dispatch_violation"])
    assert "第二十九条" not in "".join(result.explanation)


def test_overtime_under_the_labour_law_is_no_longer_unbounded_per_inspection_regulation_article_25():
    """劳动法 第九十条 with 劳动保障监察条例 第二十五条 (legal review A8: a 1,000,000-yuan fine passed)."""
    result = assess("ldf90_overtime", Facts(workers=3), on=ON)
    assert (result.statutory_min, result.statutory_max) == (Decimal("300.00"), Decimal("1500.00"))
    assert not result.allows(Decimal(1_000_000))
