"""Standards as data: the example tiers, the bureau's own file with errors that name row and column, versions and
their differences; facts and citations read from text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from fazhi.rules.citations import parse_basis, parse_chinese_number
from fazhi.rules.facts import Facts, FactsError, Harm, parse_facts
from fazhi.rules.periods import Citation
from fazhi.rules.standards import (
    CSV_COLUMNS,
    Standard,
    StandardDataError,
    diff,
    example_standard,
    in_force,
    parse_conditions,
    parse_standard_csv,
    parse_standard_rows,
    select_tier,
)
from fazhi.rules.violations import FineUnit, all_violations

D = dt.date
HEADER = ",".join(CSV_COLUMNS)
GOOD = (
    f"{HEADER}\n"
    "gdjc49_no_ledger,严重,harm=serious; corrected_promptly=no,15000,20000,造成严重后果且拒不改正\n"
    "gdjc49_no_ledger,general,,2000,8000,其他情形\n"
    "lbjc23_1_female_prohibited_work,较重,workers>=10,3000,5000,受侵害女职工十人以上\n"
    "lbjc23_1_female_prohibited_work,一般,,1000,3000,其他情形\n"
)


def _load(text: str) -> Standard:
    return parse_standard_csv(text, source="本局基准.csv", key="v1", name="本局基准", effective_from=D(2025, 1, 1))


def test_the_example_gives_four_tiers_to_every_violation_with_a_stated_range() -> None:
    standard = example_standard()
    ranged = [
        v for v in all_violations() if v.fine_unit is not FineUnit.NONE and v.fine_max is not None and not v.retired
    ]
    assert set(standard.rules) == {v.code for v in ranged}
    for found in ranged:
        tiers = standard.rules[found.code]
        assert [t.label for t in tiers] == ["严重", "较重", "轻微", "一般"]
        assert all(found.fine_max is not None and t.high is not None and t.high <= found.fine_max for t in tiers)
    assert standard.example
    assert "示例" in standard.name


def test_the_example_tiers_follow_the_facts() -> None:
    tiers = example_standard().rules["gdjc49_no_ledger"]

    def pick(**facts: Any) -> str:
        chosen = select_tier(tiers, Facts(**facts))
        assert chosen is not None
        return chosen.label

    assert pick(harm=Harm.SERIOUS, corrected_promptly=True) == "较重"
    assert pick(harm=Harm.SERIOUS, corrected_promptly=False) == "严重"
    assert pick(harm=Harm.MINOR, corrected_promptly=True) == "轻微"
    assert pick() == "一般"


def test_the_bureaus_standard_is_read_with_its_tiers_in_order() -> None:
    standard = _load(GOOD)
    tiers = standard.rules["lbjc23_1_female_prohibited_work"]
    assert [t.tier for t in tiers] == ["serious", "general"]
    assert select_tier(tiers, Facts(workers=12)).tier == "serious"  # type: ignore[union-attr]
    assert select_tier(tiers, Facts(workers=2)).tier == "general"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("nosuch_code,一般,,1,2,其他", "第2行第1列（code）：未知的违法行为代码"),
        ("gdjc49_no_ledger,中等,,2000,3000,其他", "第2行第2列（tier）"),
        ("gdjc49_no_ledger,一般,harm=awful,2000,3000,其他", "第2行第3列（when）"),
        ("gdjc49_no_ledger,一般,,abc,3000,其他", "第2行第4列（fine_min）"),
        ("gdjc49_no_ledger,一般,,1000,3000,其他", "第2行第4列（fine_min）：1000 低于法定最低额 2000"),
        ("gdjc49_no_ledger,一般,,2000,30000,其他", "第2行第5列（fine_max）：30000 高于法定最高额 20000"),
        ("gdjc49_no_ledger,一般,,2000,3000,", "第2行第6列（facts）"),
        ("lbjc26_1_wage_arrears,一般,,1,2,其他", "法律未规定罚款"),
        # 劳动合同法实施条例 第三十五条 is governed by 劳动合同法 第九十二条第二款: tiers go on the governing row.
        ("ldhtsstl35_user_unit_dispatch,一般,,5000,8000,其他", "已停用，请按替代它的“ldht92_2_dispatch_violation”"),
        ("gdjc49_no_ledger,一般,workers>=3,2000,3000,人多", "须有一个 when 为空的默认阶次"),
    ],
)
def test_a_faulty_standard_names_the_row_and_column(line: str, expected: str) -> None:
    with pytest.raises(StandardDataError) as error:
        _load(f"{HEADER}\n{line}\n")
    assert any(expected in problem for problem in error.value.problems), error.value.problems


def test_a_wrong_header_and_a_duplicate_tier_are_refused() -> None:
    with pytest.raises(StandardDataError, match="表头"):
        _load("code,tier\n")
    with pytest.raises(StandardDataError, match="与第2行重复"):
        _load(f"{HEADER}\ngdjc49_no_ledger,一般,,2000,3000,其他\ngdjc49_no_ledger,general,,2000,4000,其他\n")


def test_rows_from_another_reader_are_checked_alike_and_their_faults_name_the_sheet_and_row() -> None:
    rows = [
        ("工作表“基准”第2行", {"code": "gdjc49_no_ledger", "tier": "一般", "when": "", "fine_min": "2000",
                             "fine_max": "8000", "facts": "其他情形"}),
        ("工作表“基准”第3行", {"code": "gdjc49_no_ledger", "tier": "严重", "when": "", "fine_min": "2000",
                             "fine_max": "30000", "facts": "情节严重"}),
    ]  # fmt: skip
    with pytest.raises(StandardDataError) as error:
        parse_standard_rows(
            rows, source="基准.xlsx", key="v1", name="本局基准", effective_from=D(2025, 1, 1), header=CSV_COLUMNS
        )
    assert error.value.problems == [
        "工作表“基准”第3行第5列（fine_max）：30000 高于法定最高额 20000（广东省劳动保障监察条例 第四十九条）"
    ]
    standard = parse_standard_rows(
        rows[:1], source="基准.xlsx", key="v1", name="本局基准", effective_from=D(2025, 1, 1), header=CSV_COLUMNS
    )
    assert [t.label for t in standard.tiers_of("gdjc49_no_ledger")] == ["一般"]


def test_the_version_in_force_is_the_latest_effective_one() -> None:
    own = _load(GOOD)
    assert in_force([own], D(2024, 12, 31)) is example_standard()
    assert in_force([own], D(2025, 1, 1)) is own


def test_the_diff_names_added_removed_and_changed_tiers() -> None:
    old = _load(GOOD)
    text = GOOD.replace("2000,8000,其他情形", "2000,6000,其他情形").replace(
        "lbjc23_1_female_prohibited_work,较重,workers>=10,3000,5000,受侵害女职工十人以上\n", ""
    )
    new = parse_standard_csv(text, source="新.csv", key="v2", name="新", effective_from=D(2026, 1, 1))
    changes = {(c.code, c.tier, c.change) for c in diff(old, new)}
    assert changes == {
        ("gdjc49_no_ledger", "general", "changed"),
        ("lbjc23_1_female_prohibited_work", "serious", "removed"),
    }
    changed = next(c for c in diff(old, new) if c.change == "changed")
    assert changed.before is not None
    assert changed.after is not None
    assert (changed.before.high, changed.after.high) == (Decimal(8000), Decimal(6000))


def test_conditions_are_checked_when_read() -> None:
    assert [c.fact for c in parse_conditions("harm=serious,moderate; workers>=10")] == ["harm", "workers"]
    for bad in ("harm>=serious", "corrected_promptly=maybe", "workers=3", "colour=red", "nonsense"):
        with pytest.raises(ValueError, match=r"应|未知"):
            parse_conditions(bad)


def test_facts_refuse_negative_counts_unknown_names_and_contradictions() -> None:
    with pytest.raises(FactsError) as error:
        parse_facts({"workers": -1, "colour": "red", "harm": "awful", "occurred_on": "yesterday"})
    assert set(error.value.problems) == {"workers", "colour", "harm", "occurred_on"}
    assert "不能为负数" in str(error.value)
    with pytest.raises(FactsError, match="矛盾"):
        parse_facts({"first_violation": True, "repeat_within_year": True})
    facts = parse_facts({"workers": "3", "base_amount": "1,000.5", "mitigation": ["confessed"], "harm": "minor"})
    assert (facts.workers, facts.base_amount, facts.mitigation, facts.harm) == (
        3,
        Decimal("1000.50"),
        ("confessed",),
        Harm.MINOR,
    )


@pytest.mark.parametrize(
    ("text", "number"), [("十", 10), ("十七", 17), ("八十五", 85), ("一百零一", 101), ("二百七十六", 276)]
)
def test_chinese_numbers_are_read(text: str, number: int) -> None:
    assert parse_chinese_number(text) == number


def test_every_basis_in_the_data_gives_at_least_one_citation() -> None:
    for found in all_violations():
        assert parse_basis(found.basis), found.code
    assert parse_basis("劳动保障监察条例 第三十条第一款第（一）项") == (Citation("劳动保障监察条例", 30, 1, 1),)
    assert parse_basis("刑法 第二百七十六条之一")[0].label == "《刑法》第二百七十六条之一"
    assert len(parse_basis("劳动合同法 第九十二条第二款; 劳务派遣暂行规定 第二十条、第二十四条")) == 3
