"""The penalty calculator: every row's range arithmetic, and each general rule of 行政处罚法 read against the law digest
(§3.1 and §1.3 row 11 and 13; the statute texts in shared/domain/statutes/xingzheng-chufa-fa.md)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest

from fazhi.rules.facts import Facts, FactsError, Harm, parse_facts
from fazhi.rules.penalties import Outcome, assess, calculate, lighter, limitation_end, statutory_range
from fazhi.rules.periods import Citation
from fazhi.rules.standards import Standard, TierRule, example_standard, parse_conditions
from fazhi.rules.violations import DATA_FILE, current, violation

D = dt.date
ON = D(2025, 6, 1)
with DATA_FILE.open(encoding="utf-8", newline="") as _file:
    RAW_ROWS = list(csv.DictReader(_file))
RAW_BY_CODE = {row["code"]: row for row in RAW_ROWS}

# The facts each fine unit multiplies by, chosen so that every product is easy to check by hand.
WORKERS, CHILD_MONTHS, BASE, DAYS = 3, 4, Decimal("10000.00"), 10


def _expected(row: dict[str, str]) -> tuple[Decimal | None, Decimal | None]:
    """The statutory range in yuan, computed from the CSV's own text by the convention of law digest §12."""
    low = Decimal(row["fine_min_yuan"]) if row["fine_min_yuan"] else None
    high = Decimal(row["fine_max_yuan"]) if row["fine_max_yuan"] else None
    if low is None and high is not None:
        low = Decimal(0)  # "…以下": from nothing up
    factor = {
        "fixed": Decimal(1),
        "per_worker": Decimal(WORKERS),
        "per_child_month": Decimal(CHILD_MONTHS),
        "multiple_of_amount": BASE,
        "percent_per_day": BASE * DAYS / 100,
    }[row["fine_unit"]]

    def times(x: Decimal | None) -> Decimal | None:
        if x is None:
            return None
        value = (x * factor).quantize(Decimal("0.01"))
        return min(value, BASE) if row["code"] == "xzcf72_late_fine_payment" else value

    return times(low), times(high)


@pytest.mark.parametrize("row", RAW_ROWS, ids=[row["code"] for row in RAW_ROWS])
def test_every_row_gets_its_statutory_range_in_yuan(row: dict[str, str]) -> None:
    facts = Facts(workers=WORKERS, child_months=CHILD_MONTHS, base_amount=BASE, days=DAYS, harm=Harm.MODERATE)
    result = assess(row["code"], facts, on=ON)
    row = RAW_BY_CODE[current(row["code"]).code]  # a retired row is assessed as the row that replaced it
    if row["fine_unit"] == "none":
        assert result.outcome is Outcome.MEASURES_ONLY
        assert (result.fine_min, result.fine_max) == (None, None)
        assert result.measures == tuple(m.strip() for m in row["measures"].split(";"))
        return
    expected_low, expected_high = _expected(row)
    assert (result.statutory_min, result.statutory_max) == (expected_low, expected_high)
    assert result.outcome is Outcome.PENALTY
    if expected_high is not None:
        # The tier's range lies inside the statute's.
        assert result.fine_min is not None
        assert result.fine_max is not None
        assert expected_low is not None
        assert expected_low <= result.fine_min <= result.fine_max <= expected_high
    assert result.citations[0].statute == row["basis"].split(" ")[0]


@pytest.mark.parametrize(
    ("code", "missing"),
    [
        ("lbjc23_1_female_prohibited_work", "workers"),
        ("tg6_1_child_labour", "child_months"),
        ("sbf86_2_arrears_fine", "base_amount"),
        ("xzcf72_late_fine_payment", "days"),
    ],
)
def test_a_fine_unit_refuses_to_guess_the_fact_it_multiplies_by(code: str, missing: str) -> None:
    with pytest.raises(FactsError) as error:
        assess(code, Facts(base_amount=Decimal(1) if missing == "days" else None), on=ON)
    assert missing in error.value.problems


def test_child_labour_is_5000_yuan_per_child_per_month() -> None:
    low, high, _ = statutory_range(violation("tg6_1_child_labour"), Facts(child_months=6))
    assert (low, high) == (Decimal("30000.00"), Decimal("30000.00"))


def test_late_payment_surcharge_stops_at_the_fine() -> None:
    # 行政处罚法 第七十二条: 3 % a day, never more than the fine: 1,000 yuan for 20 days = 600, for 40 days = 1,000.
    short = assess("xzcf72_late_fine_payment", Facts(base_amount=Decimal(1000), days=20), on=ON)
    long = assess("xzcf72_late_fine_payment", Facts(base_amount=Decimal(1000), days=40), on=ON)
    assert short.statutory_max == Decimal("600.00")
    assert long.statutory_max == Decimal("1000.00")


# --- 第三十三条: no penalty; may not penalise ----------------------------------------------------------------------


def test_minor_promptly_corrected_and_harmless_is_not_penalised() -> None:
    result = assess("gdjc49_no_ledger", Facts(harm=Harm.NONE, corrected_promptly=True), on=ON)
    assert result.outcome is Outcome.NO_PENALTY
    assert (result.fine_min, result.fine_max) == (None, None)
    assert "罚款" not in "".join(result.measures)
    assert "责令改正" in result.measures
    assert Citation("行政处罚法", 33, 1) in result.citations
    assert Citation("行政处罚法", 28, 1) in result.citations


def test_harmless_but_not_corrected_is_penalised() -> None:
    result = assess("gdjc49_no_ledger", Facts(harm=Harm.NONE, corrected_promptly=False), on=ON)
    assert result.outcome is Outcome.PENALTY


def test_a_first_violation_with_minor_harm_promptly_corrected_may_go_unpenalised() -> None:
    result = assess("gdjc49_no_ledger", Facts(first_violation=True, harm=Harm.MINOR, corrected_promptly=True), on=ON)
    assert result.outcome is Outcome.MAY_WAIVE
    assert result.fine_min == Decimal("0.00")
    assert result.fine_max is not None
    assert result.fine_max > 0
    assert "可以不予行政处罚" in "".join(result.explanation)


def test_a_second_violation_with_minor_harm_is_not_waived() -> None:
    result = assess("gdjc49_no_ledger", Facts(harm=Harm.MINOR, corrected_promptly=True), on=ON)
    assert result.outcome is Outcome.PENALTY
    assert result.fine_min == Decimal("2000.00")


def test_proven_absence_of_fault_means_no_penalty() -> None:
    result = assess("lbjc30_1_obstruct_inspection", Facts(no_fault=True, harm=Harm.SERIOUS), on=ON)
    assert result.outcome is Outcome.NO_PENALTY
    assert Citation("行政处罚法", 33, 2) in result.citations


# --- 第三十二条 mitigation and 第五十三条 repeat --------------------------------------------------------------------


def test_a_mandatory_mitigation_ground_lowers_the_tier() -> None:
    plain = assess("lbjc30_1_obstruct_inspection", Facts(harm=Harm.SERIOUS), on=ON)
    mitigated = assess("lbjc30_1_obstruct_inspection", Facts(harm=Harm.SERIOUS, mitigation=("confessed",)), on=ON)
    assert plain.tier is not None
    assert mitigated.tier is not None
    assert mitigated.tier.rank == plain.tier.rank - 1
    assert mitigated.fine_max is not None
    assert plain.fine_max is not None
    assert mitigated.fine_max < plain.fine_max
    assert Citation("行政处罚法", 32, None, 3) in mitigated.citations


def test_a_repeat_within_a_year_raises_the_tier() -> None:
    plain = assess("lbjc30_1_obstruct_inspection", Facts(harm=Harm.MODERATE), on=ON)
    repeat = assess("lbjc30_1_obstruct_inspection", Facts(harm=Harm.MODERATE, repeat_within_year=True), on=ON)
    assert plain.tier is not None
    assert repeat.tier is not None
    assert (plain.tier.label, repeat.tier.label) == ("一般", "较重")
    assert Citation("广东省劳动保障监察条例", 53) in repeat.citations


def test_the_gravest_tier_stays_the_gravest_on_a_repeat() -> None:
    facts = Facts(harm=Harm.SERIOUS, repeat_within_year=True)
    result = assess("lbjc30_1_obstruct_inspection", facts, on=ON)
    assert result.tier is not None
    assert result.tier.label == "严重"
    assert result.fine_max == Decimal("20000.00")


def test_a_standard_that_weighs_the_repeat_itself_is_not_raised_again() -> None:
    rules = (
        TierRule("serious", parse_conditions("repeat_within_year=yes"), Decimal(8000), Decimal(12000), "一年内再犯"),
        TierRule("general", (), Decimal(2000), Decimal(8000), "其他"),
    )
    own = Standard("v1", "本局基准", D(2024, 1, 1), False, {"lbjc30_1_obstruct_inspection": rules})
    result = assess(
        "lbjc30_1_obstruct_inspection", Facts(harm=Harm.MINOR, repeat_within_year=True), standard=own, on=ON
    )
    assert result.tier is not None
    assert result.tier.tier == "serious"
    assert (result.fine_min, result.fine_max) == (Decimal("8000.00"), Decimal("12000.00"))


# --- 第二十九条 one act, one fine ----------------------------------------------------------------------------------


def test_one_act_breaching_two_norms_is_fined_once_under_the_higher() -> None:
    # 劳动保障监察条例 第三十条 (2,000–20,000) and 广东省工资支付条例 第五十八条第二款 (10,000–50,000).
    result = calculate("lbjc30_1_obstruct_inspection", Facts(), on=ON, also=["gdgz58_rep_absent_24h"])
    assert result.violation.code == "gdgz58_rep_absent_24h"
    assert result.statutory_max == Decimal("50000.00")
    assert Citation("行政处罚法", 29) in result.citations


# --- limitation: 劳动保障监察条例 第二十条, 行政处罚法 第三十六条 ------------------------------------------


@pytest.mark.parametrize(
    ("occurred", "discovered", "barred"),
    [
        (D(2023, 3, 10), D(2025, 3, 10), False),  # the last day of the two years
        (D(2023, 3, 10), D(2025, 3, 11), True),
        (D(2024, 2, 29), D(2026, 2, 28), False),
        (D(2024, 2, 29), D(2026, 3, 1), True),
    ],
)
def test_a_violation_undiscovered_for_two_years_is_not_pursued(
    occurred: dt.date, discovered: dt.date, barred: bool
) -> None:
    result = assess("gdjc49_no_ledger", Facts(occurred_on=occurred, discovered_on=discovered), on=ON)
    assert (result.outcome is Outcome.TIME_BARRED) is barred
    if barred:
        assert Citation("劳动保障监察条例", 20, 1) in result.citations
        assert result.measures == ()


def test_a_continuing_violation_counts_from_its_end() -> None:
    facts = Facts(occurred_on=D(2020, 1, 1), ended_on=D(2024, 1, 1), discovered_on=D(2025, 6, 1))
    assert assess("gdjc49_no_ledger", facts, on=ON).outcome is Outcome.PENALTY
    assert limitation_end(D(2024, 1, 1)) == D(2026, 1, 1)


# --- 第三十七条: the old rule unless the new one is lighter -----------------------------------------------------------


def _standard(key: str, since: dt.date, low: int, high: int) -> Standard:
    rules = {"gdjc49_no_ledger": (TierRule("general", (), Decimal(low), Decimal(high), "其他情形"),)}
    return Standard(key, f"基准{key}", since, False, rules)


def test_the_standard_in_force_when_the_act_occurred_applies() -> None:
    old, heavier = _standard("a", D(2024, 1, 1), 3000, 8000), _standard("b", D(2025, 1, 1), 5000, 15000)
    facts = Facts(occurred_on=D(2024, 6, 1), harm=Harm.MODERATE)
    result = calculate("gdjc49_no_ledger", facts, standards=[old, heavier], on=D(2025, 3, 1))
    assert result.standard.key == "a"
    assert (result.fine_min, result.fine_max) == (Decimal("3000.00"), Decimal("8000.00"))
    assert Citation("行政处罚法", 37) in result.citations


def test_a_lighter_new_standard_applies_to_an_older_act() -> None:
    old, softer = _standard("a", D(2024, 1, 1), 5000, 15000), _standard("b", D(2025, 1, 1), 3000, 8000)
    facts = Facts(occurred_on=D(2024, 6, 1), harm=Harm.MODERATE)
    result = calculate("gdjc49_no_ledger", facts, standards=[old, softer], on=D(2025, 3, 1))
    assert result.standard.key == "b"
    assert "适用新的规定" in result.explanation[-1]


def test_no_penalty_is_lighter_than_any_fine_and_a_lower_maximum_is_lighter() -> None:
    none = assess("gdjc49_no_ledger", Facts(harm=Harm.NONE, corrected_promptly=True), on=ON)
    fine = assess("gdjc49_no_ledger", Facts(), on=ON)
    heavy = assess("gdjc49_no_ledger", Facts(harm=Harm.SERIOUS), on=ON)
    assert lighter(none, fine)
    assert lighter(fine, heavy)
    assert not lighter(heavy, fine)


def test_the_example_standard_is_marked_as_an_example_in_the_answer() -> None:
    result = assess("gdjc49_no_ledger", parse_facts({"harm": "moderate"}), on=ON)
    assert result.standard is example_standard()
    assert result.standard.example
    assert result.as_json()["standard_example"] is True
    assert "示例" in result.as_json()["standard_name"]


def test_without_the_harm_stated_no_tier_is_chosen_and_the_statutory_range_stands() -> None:
    result = assess("gdjc49_no_ledger", Facts(), on=ON)
    assert result.tier is None
    assert (result.fine_min, result.fine_max) == (Decimal("2000.00"), Decimal("20000.00"))
    assert "未认定危害后果" in "".join(result.explanation)
