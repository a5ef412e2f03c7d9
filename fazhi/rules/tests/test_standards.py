"""Standards as data: the example tiers, the bureau's own file with errors that name row and column, versions and
their differences; facts and citations read from text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from fazhi.rules import tiers as tier_choice
from fazhi.rules.citations import parse_basis, parse_chinese_number
from fazhi.rules.conditions import describe
from fazhi.rules.facts import Facts, FactsError, Harm, parse_facts
from fazhi.rules.measures import MeasureKind
from fazhi.rules.periods import Citation
from fazhi.rules.standards import (
    CSV_COLUMNS,
    NoExample,
    Standard,
    StandardDataError,
    TierChoice,
    choose_tier,
    diff,
    example_facts,
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
    assert pick(harm=Harm.MODERATE) == "一般"
    # Its tiers name the harm: until it is stated, no tier is chosen, not even the default (行政处罚法 第三十四条).
    assert choose_tier(tiers, Facts()) == TierChoice(None, ("harm",))


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
        (
            "gdjc49_no_ledger,一般,workers>=30; workers<=10,2000,3000,人多",
            "第2行第3列（when）：没有任何情节会适用该阶次",
        ),
    ],
)
def test_a_faulty_standard_names_the_row_and_column(line: str, expected: str) -> None:
    with pytest.raises(StandardDataError) as error:
        _load(f"{HEADER}\n{line}\n")
    assert any(expected in problem for problem in error.value.problems), error.value.problems


FULL_HEADER = ",".join((*CSV_COLUMNS, "outcome", "measures"))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # 行政处罚法 第三十三条第一款: 不予处罚 rests on correction, and a first violation or no harm.
        (
            "gdjc49_no_ledger,轻微,first_violation=yes,,,首违,不予处罚,",
            "第2行第3列（when）：不予行政处罚须以行政处罚法第三十三条第一款",
        ),
        ("gdjc49_no_ledger,轻微,first_violation=yes; corrected_in_time=yes,0,0,首违,不予处罚,", "不设罚款幅度"),
        ("gdjc49_no_ledger,轻微,first_violation=yes; corrected_in_time=yes,,,首违,不予处罚,警告", "不列处罚种类"),
        # 第三十二条: 减轻处罚 rests on a ground of that article and stays below the statutory minimum.
        (
            "gdjc49_no_ledger,轻微,workers<=3,1000,2000,人少,减轻处罚,",
            "第2行第3列（when）：减轻处罚须以行政处罚法第三十二条",
        ),
        (
            "gdjc49_no_ledger,轻微,mitigation=any,1000,3000,减轻,减轻处罚,",
            "第2行第5列（fine_max）：3000 高于法定最低额 2000",
        ),
        ("gdjc49_no_ledger,轻微,mitigation=any,1000,,减轻,减轻处罚,", "须写明罚款上限"),
        (
            "ldht92_1b_unlicensed_dispatch_nogains,轻微,mitigation=any,0,100,减轻,减轻处罚,",
            "法定最低罚款为零，无从减轻处罚",
        ),
        ("gdjc49_no_ledger,一般,,2000,3000,其他,从宽,", "第2行第7列（outcome）"),
        # The measures of a tier are those its article allows and imposes (行政处罚法 第九条; fazhi.rules.measures).
        (
            "gdjc49_no_ledger,一般,,2000,3000,其他,,吊销许可证件",
            "第2行第8列（measures）：广东省劳动保障监察条例 第四十九条未规定吊销许可证件",
        ),
        ("lbjc25_overtime_excess,一般,,100,300,其他,,罚款", "依劳动保障监察条例 第二十五条，应当警告"),
        ("lbjc25_overtime_excess,一般,,100,300,其他,,警告", "本阶次不处罚款"),
        ("lbjc25_overtime_excess,一般,,,,其他,,拘留", "未知的处罚种类“拘留”"),
    ],
)
def test_a_tier_setting_an_outcome_or_measures_is_checked_against_the_law(line: str, expected: str) -> None:
    with pytest.raises(StandardDataError) as error:
        _load(f"{FULL_HEADER}\n{line}\n")
    assert any(expected in problem for problem in error.value.problems), error.value.problems


def test_the_columns_are_found_by_their_names_in_any_order_and_an_unknown_column_is_refused() -> None:
    shuffled = "facts,fine_max,fine_min,when,tier,code,measures\n其他情形,8000,2000,,一般,gdjc49_no_ledger,罚款\n"
    assert _load(shuffled).tiers_of("gdjc49_no_ledger")[0].measures == (MeasureKind.FINE,)
    with pytest.raises(StandardDataError, match="没有“colour”这一列"):
        _load(f"{HEADER},colour\ngdjc49_no_ledger,一般,,2000,3000,其他,红\n")


def test_a_tier_that_earlier_tiers_always_take_first_is_refused() -> None:
    text = (
        f"{HEADER}\ngdjc49_no_ledger,一般,workers>=10,2000,3000,多\ngdjc49_no_ledger,较重,workers>=20,3000,9000,更多\n"
    )
    with pytest.raises(StandardDataError, match="第3行第3列（when）：没有任何情节会适用该阶次"):
        _load(text)


def test_the_diff_tells_a_waiver_row_from_the_penalty_row_of_the_same_tier() -> None:
    old = _load(f"{FULL_HEADER}\ngdjc49_no_ledger,轻微,,2000,5000,其他,,\n")
    waiver = "gdjc49_no_ledger,轻微,first_violation=yes; corrected_in_time=yes,,,首违,不予处罚,\n"
    new = _load(f"{FULL_HEADER}\n{waiver}gdjc49_no_ledger,轻微,,2000,5000,其他,,\n")
    assert [(c.label, c.change) for c in diff(old, new)] == [("轻微（不予行政处罚）", "added")]


def test_a_wrong_header_and_a_duplicate_tier_are_refused() -> None:
    with pytest.raises(StandardDataError, match="表头"):
        _load("code,tier\n")
    with pytest.raises(StandardDataError, match="与第2行重复"):
        _load(f"{HEADER}\ngdjc49_no_ledger,一般,,2000,3000,其他\ngdjc49_no_ledger,general,,2000,4000,其他\n")


def test_rows_from_another_reader_are_checked_alike_and_their_faults_name_the_sheet_and_row() -> None:
    rows = [
        ("工作表“基准”第2行", {"code": "gdjc49_no_ledger", "tier": "一般", "when": "", "fine_min": "2000",
                             "fine_max": "8000", "facts": "其他情形"}),
        ("工作表“基准”第3行", {"code": "gdjc49_no_ledger", "tier": "严重", "when": "workers>=30", "fine_min": "2000",
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
    for bad in ("harm>=serious", "corrected_promptly=maybe", "workers>=ten", "workers>=2.5", "colour=red", "nonsense"):
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


def test_every_tier_of_the_example_has_facts_that_choose_it_for_every_violation() -> None:
    """The worked example of each tier (`example_facts`) is chosen by the calculator's own tier choice."""
    standard = example_standard()
    for code, tiers in standard.rules.items():
        found = next(v for v in all_violations() if v.code == code)
        for tier in tiers:
            facts = example_facts(tier, tiers, violation=found)
            assert choose_tier(tiers, facts).tier == tier, (code, tier.label, facts)
            assert facts.harm is not None  # every example tier waits for the harm


def test_conditions_are_said_in_words_a_range_once() -> None:
    said = {
        "workers>=11; workers<=30": "受侵害劳动者 11 至 30 人",
        "amount_owed>=100000": "拖欠金额 10 万元以上",
        "amount_owed<5000.5": "拖欠金额不足 5000.5 元",
        "duration_months>=3": "持续 3 个月以上",
        "duration_days>90": "持续超过 90 天",
        "first_violation=yes; corrected_in_time=yes": "首次违法，在责令改正期限内改正",
        "corrected_in_time=no": "未在责令改正期限内改正",
        "earlier_violations=0": "此前无同类违法记录",
        "mitigation=confessed,coerced": "有主动供述行政机关尚未掌握的违法行为或受他人胁迫或者诱骗实施违法行为的情形",
        "harm=none,minor": "没有造成危害后果或危害后果轻微",
        "workers≥10；harm=serious": "受侵害劳动者 10 人以上，造成严重危害后果",
    }
    for text, words in said.items():
        assert describe(parse_conditions(text)) == words, text
    assert describe(()) == "其他情形"


def test_a_fact_not_stated_leaves_its_condition_open_while_ticked_facts_are_always_known() -> None:
    [workers, first, in_time] = parse_conditions("workers>=10; first_violation=no; corrected_in_time=yes")
    assert (workers.state(Facts()), first.state(Facts()), in_time.state(Facts())) == (None, True, None)
    assert (workers.state(Facts(workers=10)), in_time.state(Facts(corrected_in_time=False))) == (True, False)


def test_the_new_facts_are_read_with_correction_in_time_yes_no_or_unknown() -> None:
    facts = parse_facts(
        {"amount_owed": "120,000", "duration_months": "4", "earlier_violations": 0, "corrected_in_time": "否"}
    )
    assert (facts.amount_owed, facts.months_lasted, facts.earlier_violations, facts.corrected_in_time) == (
        Decimal("120000.00"),
        4,
        0,
        False,
    )
    assert parse_facts({}).corrected_in_time is None
    assert facts.as_json()["corrected_in_time"] is False
    assert facts.as_json()["earlier_violations"] == 0
    with pytest.raises(FactsError, match="矛盾"):
        parse_facts({"first_violation": True, "earlier_violations": 2})
    with pytest.raises(FactsError) as error:
        parse_facts({"corrected_in_time": "maybe", "duration_days": -1})
    assert set(error.value.problems) == {"corrected_in_time", "duration_days"}


@pytest.mark.parametrize(
    ("occurred", "ended", "months", "days"),
    [
        (D(2025, 3, 1), D(2025, 5, 31), 3, 92),
        (D(2025, 1, 15), D(2025, 4, 14), 3, 90),
        (D(2025, 1, 15), D(2025, 4, 13), 2, 89),
        (D(2025, 1, 31), D(2025, 2, 28), 1, 29),
        (D(2025, 6, 1), D(2025, 6, 1), 0, 1),
    ],
)
def test_how_long_a_violation_lasted_counts_both_its_first_and_its_last_day(
    occurred: dt.date, ended: dt.date, months: int, days: int
) -> None:
    facts = Facts(occurred_on=occurred, ended_on=ended)
    assert (facts.months_lasted, facts.days_lasted) == (months, days)
    assert Facts(occurred_on=occurred).months_lasted is None
    assert Facts(occurred_on=occurred, ended_on=ended, duration_months=7).months_lasted == 7


def test_a_search_cut_short_is_no_proof_that_a_tier_never_applies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a tier proven unreachable is refused; one whose worked example was not found in the tries allowed loads."""
    text = (
        f"{HEADER}\ngdjc49_no_ledger,严重,workers>=30; amount_owed>=100000,15000,20000,人多且金额大\n"
        "gdjc49_no_ledger,一般,,2000,8000,其他情形\n"
    )
    monkeypatch.setattr(tier_choice, "_SEARCH_LIMIT", 1)
    standard = _load(text)
    grave, default = standard.tiers_of("gdjc49_no_ledger")
    with pytest.raises(NoExample) as error:
        example_facts(default, (grave, default))
    assert not error.value.proven
    monkeypatch.undo()
    assert choose_tier((grave, default), example_facts(default, (grave, default))).tier == default
