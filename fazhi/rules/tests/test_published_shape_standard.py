"""A standard shaped like the bureaus' published tables (`data/published_shape_standard.csv`: violations tiered by the
workers affected, the amount owed and how long it lasted, a 不予处罚 row for a first violation corrected in time and a
减轻 row), read, and applied tier by tier exactly as written (行政处罚法 第三十二、三十三、三十四条).

The file is a test set, not a standard any bureau published: the Guangdong and Shenzhen 人社 standards were not found
(law digest §14.9); its shape — tiers chosen by workers, amounts, duration, correction in time or a first violation,
without a word about the harm — is that of Guangzhou's 量化细化表 and Changsha's 2019 基准 as the issue describes them.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fazhi.rules.facts import Facts, Harm
from fazhi.rules.fines import check_fine
from fazhi.rules.measures import MeasureKind
from fazhi.rules.penalties import Assessment, Outcome, assess
from fazhi.rules.periods import Citation
from fazhi.rules.standards import Standard, TierRule, example_facts, example_standard, parse_standard_csv
from fazhi.rules.violations import FineUnit, violation

FILE = Path(__file__).resolve().parent / "data" / "published_shape_standard.csv"
ON = dt.date(2025, 6, 1)
with FILE.open(encoding="utf-8", newline="") as _file:
    ROWS = list(csv.DictReader(_file))
STANDARD = parse_standard_csv(
    FILE.read_text(encoding="utf-8"),
    source=FILE.name,
    key="published-shape",
    name="本局行政处罚裁量基准（测试用）",
    effective_from=dt.date(2025, 1, 1),
)
OBSTRUCT, LEDGER, REFUSE, OVERTIME = (
    "lbjc30_1_obstruct_inspection",
    "gdjc49_no_ledger",
    "lbjc30_3_refuse_correction",
    "lbjc25_overtime_excess",
)
ARTICLE_32, ARTICLE_33, ARTICLE_34 = (
    Citation("行政处罚法", 32),
    Citation("行政处罚法", 33, 1),
    Citation("行政处罚法", 34),
)


def _assess(code: str, standard: Standard = STANDARD, **facts: Any) -> Assessment:
    return assess(code, Facts(**facts), standard=standard, on=ON)


def _tier(result: Assessment) -> TierRule:
    assert result.tier is not None, result.explanation
    return result.tier


def _rule_of(row: dict[str, str]) -> TierRule:
    return next(
        rule for rule in STANDARD.tiers_of(row["code"]) if rule.facts == row["facts"] and rule.tier_label == row["tier"]
    )


def _factor(code: str, facts: Facts) -> Decimal:
    return Decimal(facts.workers or 0) if violation(code).fine_unit is FineUnit.PER_WORKER else Decimal(1)


@pytest.mark.parametrize("row", ROWS, ids=[f"{row['code']}-{row['tier']}{row['outcome']}" for row in ROWS])
def test_every_row_of_the_published_shape_applies_as_written_per_article_thirty_four(row: dict[str, str]) -> None:
    """Facts that satisfy the row (and none of the rows before it) choose it, and the answer is the row's own range,
    outcome and measures, in yuan for the facts (行政处罚法 第三十四条: the standard as published)."""
    rule = _rule_of(row)
    tiers = STANDARD.tiers_of(row["code"])
    facts = example_facts(rule, tiers, violation=violation(row["code"]))
    result = assess(row["code"], facts, standard=STANDARD, on=ON)
    assert result.tier == rule
    assert result.needs == ()
    assert ARTICLE_34 in result.citations
    assert "harm" not in facts.as_json()  # no tier of this file names the harm
    if row["outcome"] == "不予处罚":
        assert result.outcome is Outcome.NO_PENALTY
        assert (result.fine_min, result.fine_max) == (None, None)
        assert ARTICLE_33 in result.citations
        return
    assert result.outcome is Outcome.PENALTY
    if row["measures"] and "罚款" not in row["measures"]:
        assert (result.fine_min, result.fine_max, result.fines) == (None, None, False)
        assert result.measures == ("责令改正", *row["measures"].split("、"))
        return
    factor = _factor(row["code"], facts)
    found = violation(row["code"])
    floor = Decimal(0) if row["outcome"] == "减轻处罚" else found.fine_min
    low = Decimal(row["fine_min"]) if row["fine_min"] else floor
    high = Decimal(row["fine_max"]) if row["fine_max"] else found.fine_max
    assert low is not None
    assert high is not None
    assert (result.fine_min, result.fine_max) == ((low * factor).quantize(Decimal("0.01")), high * factor)


def test_twelve_workers_obstructing_the_inspection_answer_5000_to_10000_without_any_harm_per_article_thirty_four():
    result = _assess(OBSTRUCT, workers=12)
    assert (_tier(result).label, result.fine_min, result.fine_max) == ("一般", Decimal("5000.00"), Decimal("10000.00"))
    assert "受侵害劳动者 11 至 30 人" in "".join(result.explanation)


def test_a_tier_waits_for_the_fact_it_names_and_the_statutory_range_stands_meanwhile_per_article_thirty_four():
    result = _assess(OBSTRUCT)
    assert result.tier is None
    assert result.needs == ("workers",)
    assert (result.fine_min, result.fine_max) == (Decimal("2000.00"), Decimal("20000.00"))
    assert "未认定受侵害的劳动者人数，不能确定裁量阶次" in "".join(result.explanation)
    assert result.as_json()["needs"] == [{"fact": "workers", "label": "受侵害的劳动者人数"}]


def test_the_default_tier_is_the_others_once_the_facts_are_stated_per_article_thirty_four():
    assert _tier(_assess(OBSTRUCT, workers=31)).label == "严重"
    assert _tier(_assess(OBSTRUCT, workers=10)).label == "轻微"


def test_the_example_set_still_chooses_no_tier_until_the_harm_is_stated_per_article_thirty_four():
    waiting = assess(OBSTRUCT, Facts(workers=12), standard=example_standard(), on=ON)
    assert (waiting.tier, waiting.needs) == (None, ("harm",))
    stated = assess(OBSTRUCT, Facts(workers=12, harm=Harm.MODERATE), standard=example_standard(), on=ON)
    assert stated.tier is not None
    assert _tier(stated).label == "一般"


def test_the_amount_owed_chooses_the_tier_and_a_smaller_amount_waits_for_the_duration_per_article_thirty_four():
    assert _tier(_assess(REFUSE, amount_owed=Decimal("120000"))).label == "严重"
    assert _tier(_assess(REFUSE, amount_owed=Decimal("60000"))).label == "较重"
    small = _assess(REFUSE, amount_owed=Decimal("20000"))
    assert (small.tier, small.needs) == (None, ("duration_months",))
    assert _tier(_assess(REFUSE, amount_owed=Decimal("20000"), duration_months=2)).label == "轻微"


def test_the_duration_is_counted_from_when_the_violation_occurred_to_when_it_ended_per_article_thirty_four():
    # 1 January to 15 April: three whole months (and 105 days).
    result = _assess(
        REFUSE, amount_owed=Decimal("20000"), occurred_on=dt.date(2025, 1, 1), ended_on=dt.date(2025, 4, 15)
    )
    assert (_tier(result).label, result.fine_min, result.fine_max) == ("一般", Decimal("5000.00"), Decimal("10000.00"))
    assert Facts(occurred_on=dt.date(2025, 1, 1), ended_on=dt.date(2025, 4, 15)).days_lasted == 105


def test_a_minor_first_violation_corrected_in_time_is_not_penalised_per_article_thirty_three():
    result = _assess(LEDGER, first_violation=True, corrected_in_time=True, workers=40)
    assert result.outcome is Outcome.NO_PENALTY
    assert _tier(result).outcome == "no_penalty"
    assert {ARTICLE_33, ARTICLE_34, Citation("行政处罚法", 33, 3)} <= set(result.citations)
    assert "对当事人进行教育" in result.measures
    assert not check_fine(result, Decimal("2000"), "情节恶劣").ok


def test_a_first_violation_waits_to_know_whether_it_was_corrected_in_time_per_article_thirty_three():
    waiting = _assess(LEDGER, first_violation=True, workers=40)
    assert (waiting.tier, waiting.needs, waiting.outcome) == (None, ("corrected_in_time",), Outcome.PENALTY)
    late = _assess(LEDGER, first_violation=True, corrected_in_time=False, workers=40)
    assert (late.outcome, _tier(late).label) == (Outcome.PENALTY, "较重")


def test_the_reduced_row_sets_a_range_below_the_minimum_with_reasons_and_legal_review_per_article_thirty_two():
    result = _assess(LEDGER, mitigation=("confessed",), corrected_in_time=True, workers=5)
    assert _tier(result).outcome == "reduced"
    assert (result.fine_min, result.fine_max, result.may_reduce) == (Decimal("1000.00"), Decimal("2000.00"), True)
    assert Citation("行政处罚法", 32, None, 3) in result.citations
    assert "须书面写明理由并经法制审核" in "".join(result.explanation)
    unexplained = check_fine(result, Decimal("1500"), "")
    assert not unexplained.ok
    assert "减轻处罚" in unexplained.problems[0]
    explained = check_fine(result, Decimal("1500"), "主动供述行政机关尚未掌握的违法行为，并已改正。")
    assert (explained.below_minimum, explained.needs_legal_review) == (True, True)


def test_the_reduced_row_does_not_also_lower_the_tier_for_the_same_ground_per_article_thirty_two():
    result = _assess(LEDGER, mitigation=("confessed",), corrected_in_time=True, workers=5)
    assert "降低一个阶次" not in "".join(result.explanation)


def test_a_warning_only_tier_gives_no_fine_unless_reasons_send_it_to_legal_review_per_article_thirty_four():
    result = _assess(OVERTIME, workers=3, corrected_in_time=True)
    assert (_tier(result).label, result.fines, result.range_label) == ("轻微", False, "该阶次不处罚款（警告）")
    warning = {MeasureKind.WARNING}
    assert check_fine(result, None, "", warning).ok
    fined = {MeasureKind.WARNING, MeasureKind.FINE}
    assert not check_fine(result, Decimal("600"), "", fined).ok
    assert check_fine(result, Decimal("600"), "已责令改正但影响较大。", fined).needs_legal_review


def test_a_tier_giving_a_warning_and_a_fine_is_left_only_with_reasons_per_article_thirty_four():
    result = _assess(OVERTIME, workers=3, corrected_in_time=False)
    assert _tier(result).measures == (MeasureKind.WARNING, MeasureKind.FINE)
    problems = check_fine(result, None, "", {MeasureKind.WARNING}).problems
    assert problems
    assert "与裁量基准该阶次（警告、罚款）不同" in problems[0]
    assert check_fine(result, Decimal("600"), "", {MeasureKind.WARNING}).ok


def test_earlier_violations_choose_the_heavier_tier_per_article_thirty_four():
    assert _tier(_assess(OVERTIME, workers=12, earlier_violations=2)).label == "严重"
    assert _tier(_assess(OVERTIME, workers=12, earlier_violations=0)).label == "较重"
    assert _assess(OVERTIME, workers=12).needs == ("earlier_violations",)


def test_a_repeat_within_a_year_moves_to_the_next_published_tier_per_guangdong_article_fifty_three():
    # The table has no 较重 tier for this violation: one tier up from 一般 is 严重.
    result = _assess(OBSTRUCT, workers=12, repeat_within_year=True)
    assert _tier(result).label == "严重"
    assert (result.fine_min, result.fine_max) == (Decimal("10000.00"), Decimal("20000.00"))
    assert Citation("广东省劳动保障监察条例", 53) in result.citations


def test_each_tier_is_said_in_words():
    words = {rule.description for tiers in STANDARD.rules.values() for rule in tiers}
    assert {
        "受侵害劳动者 11 至 30 人",
        "拖欠金额 10 万元以上",
        "持续 3 个月以上",
        "首次违法，在责令改正期限内改正",
        "此前同类违法 1 次以上",
        "其他情形",
    } <= words
