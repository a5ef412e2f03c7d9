"""Violations and penalty standards: every row of the shipped CSV, lookup, grouping, validation and the repeat rule.

The repeat-offence dates were counted by hand from 广东省劳动保障监察条例 第五十三条 read with
民法典 第二百零一条、第二百零二条.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.rules.violations import (
    COLUMNS,
    DATA_FILE,
    REPEAT_OFFENCE_CITATION,
    REPEAT_OFFENCE_WINDOW_YEARS,
    FineUnit,
    UnknownViolation,
    Violation,
    ViolationDataError,
    all_violations,
    by_statute,
    current,
    is_repeat_offence,
    parse_violations,
    repeat_offence_window_end,
    violation,
)

D = dt.date
with DATA_FILE.open(encoding="utf-8", newline="") as _file:
    RAW_ROWS = list(csv.DictReader(_file))

HEADER = ",".join(COLUMNS)
GOOD = (
    "lbjc25_overtime_excess,违反规定延长劳动者工作时间,劳动保障监察条例 第二十五条,"
    "警告; 责令限期改正; 可以罚款,100,500,per_worker,,false,"
)


def _problems(*rows: str) -> list[str]:
    with pytest.raises(ViolationDataError) as caught:
        parse_violations("\n".join((HEADER, *rows)) + "\n", source="test.csv")
    assert str(caught.value).startswith("处罚标准数据“test.csv”有误")
    return caught.value.problems


# --- the shipped data ----------------------------------------------------------------------------------------------


def test_every_row_of_the_csv_loads_in_file_order():
    assert len(RAW_ROWS) > 100
    assert [v.code for v in all_violations()] == [row["code"] for row in RAW_ROWS]


@pytest.mark.parametrize("raw", RAW_ROWS, ids=[row["code"] for row in RAW_ROWS])
def test_each_row_keeps_its_columns(raw):
    row = violation(raw["code"])
    assert (row.name, row.basis, row.notes, row.fine_unit.value) == (
        raw["violation_zh"],
        raw["basis"],
        raw["notes"],
        raw["fine_unit"],
    )
    assert row.fine_min == (Decimal(raw["fine_min_yuan"]) if raw["fine_min_yuan"] else None)
    assert row.fine_max == (Decimal(raw["fine_max_yuan"]) if raw["fine_max_yuan"] else None)
    assert "; ".join(row.measures) == raw["measures"]
    assert (row.order_first, row.replaced_by) == (raw["order_first"] == "true", raw["replaced_by"])
    assert raw["basis"].startswith(row.statute + " 第")
    if row.fine_min is not None and row.fine_max is not None:
        assert row.fine_min <= row.fine_max


def test_a_wage_arrears_row_reads_as_the_statute_says():
    row = violation("lbjc26_1_wage_arrears")
    assert row.statute == "劳动保障监察条例"
    assert row.measures == ("责令限期支付", "逾期不支付的责令按应付金额50%以上1倍以下加付赔偿金")
    assert (row.fine_min, row.fine_max, row.fine_unit, row.has_fine) == (None, None, FineUnit.NONE, False)


def test_a_per_worker_fine_keeps_its_range():
    row = violation("lbjc25_overtime_excess")
    assert (row.fine_min, row.fine_max, row.fine_unit) == (Decimal(100), Decimal(500), FineUnit.PER_WORKER)


def test_the_statute_is_the_first_of_several_bases():
    row = violation("ldht82_1_no_written_contract_double_wage")
    assert row.statute == "劳动合同法"
    assert row.bases == ("劳动合同法 第八十二条第一款", "劳动合同法实施条例 第三十四条")


def test_a_statute_name_with_title_marks_is_kept_whole():
    assert violation("ssbf24_no_monthly_notice").statute == "实施《社会保险法》若干规定"


def test_an_unknown_code_raises_a_key_error_naming_it():
    with pytest.raises(UnknownViolation) as caught:
        violation("lbjc99_no_such_thing")
    assert isinstance(caught.value, KeyError)
    assert caught.value.code == "lbjc99_no_such_thing"
    assert str(caught.value) == "未知的违法行为代码“lbjc99_no_such_thing”"


def test_violations_are_grouped_by_statute_in_file_order():
    groups = by_statute(include_retired=True)
    assert list(groups)[:3] == ["劳动保障监察条例", "禁止使用童工规定", "女职工劳动保护特别规定"]
    assert sum(len(rows) for rows in groups.values()) == len(all_violations())
    gd = [v.code for v in groups["广东省劳动保障监察条例"]]
    assert gd == [row["code"] for row in RAW_ROWS if row["basis"].startswith("广东省劳动保障监察条例 ")]
    assert all(v.statute == statute for statute, rows in groups.items() for v in rows)


def test_a_new_case_is_not_offered_a_retired_violation():
    offered = {v.code for rows in by_statute().values() for v in rows}
    assert "ldhtsstl35_user_unit_dispatch" not in offered
    assert "ldht92_2_dispatch_violation" in offered
    assert current("ldhtsstl35_user_unit_dispatch").code == "ldht92_2_dispatch_violation"
    assert current("ldht92_2_dispatch_violation").code == "ldht92_2_dispatch_violation"


def test_a_violation_is_immutable():
    row = violation("lbjc25_overtime_excess")
    with pytest.raises(AttributeError):
        row.code = "other"  # type: ignore[misc]
    assert isinstance(row, Violation)


# --- validation ---------------------------------------------------------------------------------------------------


def test_a_good_row_is_read():
    (row,) = parse_violations(f"{HEADER}\n{GOOD}\n")
    assert (row.code, row.statute, row.measures[0]) == ("lbjc25_overtime_excess", "劳动保障监察条例", "警告")


def test_a_duplicate_code_is_refused_naming_both_rows():
    assert _problems(GOOD, GOOD) == ["第3行（lbjc25_overtime_excess）：code 与第2行重复"]


def test_a_code_that_is_not_snake_case_is_refused():
    (problem,) = _problems(GOOD.replace("lbjc25_overtime_excess", "Lbjc25-Overtime"))
    assert problem == "第2行（Lbjc25-Overtime）：code“Lbjc25-Overtime”应为英文小写加下划线"


def test_a_row_without_a_chinese_name_or_basis_is_refused():
    problems = _problems(GOOD.replace("违反规定延长劳动者工作时间", "").replace("劳动保障监察条例 第二十五条", ""))
    assert problems == [
        "第2行（lbjc25_overtime_excess）：violation_zh 应为中文名称，不能为空",
        "第2行（lbjc25_overtime_excess）：basis 不能为空",
    ]


def test_a_basis_without_an_article_is_refused():
    (problem,) = _problems(GOOD.replace("劳动保障监察条例 第二十五条", "劳动保障监察条例"))
    assert "basis 应为“法规简称 第…条”" in problem


def test_a_minimum_above_the_maximum_is_refused():
    (problem,) = _problems(GOOD.replace(",100,500,", ",600,500,"))
    assert problem == "第2行（lbjc25_overtime_excess）：fine_min_yuan（600）大于 fine_max_yuan（500）"


def test_an_unknown_fine_unit_or_a_fine_without_a_unit_is_refused():
    (unknown,) = _problems(GOOD.replace("per_worker", "per_day"))
    assert "fine_unit“per_day”应为" in unknown
    (none,) = _problems(GOOD.replace("per_worker", "none"))
    assert none == "第2行（lbjc25_overtime_excess）：fine_unit 为 none（不罚款）时罚款数额应为空"


def test_an_amount_that_is_not_a_number_is_refused():
    (problem,) = _problems(GOOD.replace(",100,", ",一百,"))
    assert problem == "第2行（lbjc25_overtime_excess）：fine_min_yuan“一百”不是数字"


def test_a_wrong_header_is_refused():
    with pytest.raises(ViolationDataError, match="表头应为"):
        parse_violations(f"code,name\n{GOOD}\n")


def test_every_faulty_row_is_reported():
    problems = _problems(
        GOOD.replace(",100,500,", ",600,500,"), GOOD.replace("lbjc25", "lbjc26"), "x,,,,,,none,,false,"
    )
    assert [p.split("：")[0] for p in problems] == ["第2行（lbjc25_overtime_excess）"] + ["第4行（x）"] * 3


def test_an_order_first_flag_that_is_not_true_or_false_is_refused():
    (problem,) = _problems(GOOD.replace(",false,", ",yes,"))
    assert problem == "第2行（lbjc25_overtime_excess）：order_first“yes”应为 true 或 false"


def test_a_row_without_a_fine_cannot_need_an_order_first():
    row = "lbjc24_no_written_contract,不依法订立劳动合同,劳动保障监察条例 第二十四条,责令改正,,,none,,true,"
    (problem,) = _problems(row)
    assert "order_first 为 true 时应有罚款" in problem


def test_a_retired_row_must_point_to_a_current_row():
    retired = GOOD.replace(",false,", ",false,lbjc99_missing")
    assert _problems(retired) == ["第2行（lbjc25_overtime_excess）：replaced_by“lbjc99_missing”不存在"]
    chain = [
        GOOD.replace(",false,", ",false,ldf90_overtime"),
        GOOD.replace("lbjc25_overtime_excess", "ldf90_overtime").replace(",false,", ",false,ldf91_x"),
        GOOD.replace("lbjc25_overtime_excess", "ldf91_x"),
    ]
    assert _problems(*chain) == [
        "第2行（lbjc25_overtime_excess）：replaced_by“ldf90_overtime”本身已停用，应指向现行的违法行为"
    ]
    assert "应为另一违法行为的 code" in _problems(GOOD.replace(",false,", ",false,lbjc25_overtime_excess"))[0]


# --- repeat offence (广东省劳动保障监察条例 第五十三条) -----------------------------------------------------------

DECIDED = D(2025, 3, 10)


@pytest.mark.parametrize(
    ("on", "repeat"),
    [
        (D(2025, 3, 9), False),  # before the decision: not 又发生
        (D(2025, 3, 10), False),  # the decision day itself is not counted (民法典 第二百零一条)
        (D(2025, 3, 11), True),  # the first day of the year
        (D(2026, 3, 9), True),
        (D(2026, 3, 10), True),  # the corresponding day is the last day of the year, inside "一年内"
        (D(2026, 3, 11), False),  # one day past the year
    ],
)
def test_a_violation_within_a_year_of_a_penalty_is_a_repeat_offence(on, repeat):
    assert is_repeat_offence([DECIDED], on) is repeat


def test_a_penalty_decided_on_twenty_ninth_february_runs_to_twenty_eighth_february():
    assert repeat_offence_window_end(D(2024, 2, 29)) == D(2025, 2, 28)
    assert is_repeat_offence([D(2024, 2, 29)], D(2025, 2, 28))
    assert not is_repeat_offence([D(2024, 2, 29)], D(2025, 3, 1))


def test_the_window_end_is_not_rolled_past_a_holiday():
    assert repeat_offence_window_end(D(2025, 10, 1)) == D(2026, 10, 1)  # 国庆节 stays the last day


def test_any_one_earlier_penalty_within_the_year_is_enough():
    assert is_repeat_offence(iter([D(2023, 1, 5), D(2025, 6, 1), D(2027, 1, 1)]), D(2026, 2, 1))
    assert not is_repeat_offence([D(2023, 1, 5), D(2024, 12, 31)], D(2026, 2, 1))


def test_no_earlier_penalty_means_no_repeat_offence():
    assert not is_repeat_offence([], D(2026, 2, 1))


def test_a_datetime_is_not_taken_for_a_date_in_the_repeat_rule():
    with pytest.raises(TypeError, match="日期"):
        is_repeat_offence([dt.datetime(2025, 3, 10, 9, 0)], D(2025, 6, 1))


def test_the_repeat_rule_cites_article_fifty_three():
    assert REPEAT_OFFENCE_CITATION.label == "《广东省劳动保障监察条例》第五十三条"
    assert REPEAT_OFFENCE_WINDOW_YEARS == 1


@given(
    decided=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)),
    offset=st.integers(min_value=-800, max_value=800),
)
def test_the_window_holds_the_days_after_the_decision_up_to_one_calendar_year(decided, offset):
    on = decided + dt.timedelta(days=offset)
    leap_day = (decided.month, decided.day) == (2, 29)
    year_later = D(decided.year + 1, 2, 28) if leap_day else D(decided.year + 1, decided.month, decided.day)
    repeat = is_repeat_offence([decided], on)
    assert repeat is (decided < on <= year_later)
    if 0 < offset <= 365:
        assert repeat  # a year has at least 365 days after the decision day
    if offset <= 0 or offset > 366:
        assert not repeat
