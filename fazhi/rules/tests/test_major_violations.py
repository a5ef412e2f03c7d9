"""The major-violation categories against law digest §4 / §14.2 row by row, the quarters, and the suggestion rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.rules import major_violations as mv
from fazhi.rules.violations import all_violations

# law digest §4: "Categories (must publish, not optional)", items (1) to (7), as the digest words them.
DIGEST = [
    (1, "wages", ("克扣、无故拖欠劳动者劳动报酬，数额较大", "拒不支付劳动报酬，依法移送司法机关追究刑事责任")),
    (2, "social_insurance", ("不依法参加社会保险或者不依法缴纳社会保险费，情节严重",)),
    (3, "working_time", ("违反工作时间和休息休假规定，情节严重",)),
    (4, "special_protection", ("违反女职工和未成年工特殊劳动保护规定，情节严重",)),
    (5, "child_labour", ("违反禁止使用童工规定",)),
    (6, "social_impact", ("因劳动保障违法行为造成严重不良社会影响",)),
    (7, "other", ("其他重大劳动保障违法行为",)),
]
WAGE_AMOUNT = Decimal("100000")


def facts(code: str, outcome: str = "penalty", owed: str = "0") -> mv.CaseFacts:
    return mv.CaseFacts(violation_code=code, outcome=outcome, wages_owed=Decimal(owed), wage_amount=WAGE_AMOUNT)


def test_there_are_seven_categories_in_the_order_of_article_five() -> None:
    assert [(c.number, c.code) for c in mv.categories()] == [(n, code) for n, code, _ in DIGEST]


@pytest.mark.parametrize(("number", "code", "phrases"), DIGEST)
def test_each_category_is_worded_and_cited_as_the_digest_gives_it(number: int, code: str, phrases: tuple[str]) -> None:
    item = mv.category(code)
    assert item is not None
    assert item.number == number
    for phrase in phrases:
        assert phrase in item.name
    numeral = "一二三四五六七"[number - 1]
    assert item.citation == f"重大劳动保障违法行为社会公布办法 第五条第（{numeral}）项"
    # 29号 is [S] only (law digest §14.2): no category may claim to be verified.
    assert item.verified is False
    assert item.note.startswith("[S]")
    assert item.label.startswith(f"（{numeral}）")


def test_every_violation_a_category_names_is_a_row_of_the_penalty_table() -> None:
    known = {v.code for v in all_violations()}
    for item in mv.categories():
        assert item.violation_codes <= known, item.code


def test_a_data_file_with_an_unknown_violation_or_an_unmarked_citation_is_refused() -> None:
    text = mv.DATA_FILE.read_text(encoding="utf-8").replace('"tg7_introduce_child"', '"tg99_no_such_thing"', 1)
    with pytest.raises(mv.CategoryDataError, match="tg99_no_such_thing"):
        mv.load_categories(text, {v.code for v in all_violations()})
    first = mv.DATA_FILE.read_text(encoding="utf-8").replace('note = "[S] 29号全文未取得', 'note = "29号', 1)
    with pytest.raises(mv.CategoryDataError, match="应以 \\[S\\] 标明"):
        mv.load_categories(first, {v.code for v in all_violations()})


def test_the_prescribed_fields_are_the_six_of_the_digest() -> None:
    assert [label for _, label in mv.FIELDS] == [
        "违法主体全称",
        "统一社会信用代码",
        "地址",
        "法定代表人或负责人姓名",
        "主要违法事实",
        "相关处理情况",
    ]


# --- quarters ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "code", "label", "start", "end"),
    [
        (dt.date(2026, 1, 1), "2026Q1", "2026年第一季度", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 3, 31), "2026Q1", "2026年第一季度", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 4, 1), "2026Q2", "2026年第二季度", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        (dt.date(2026, 9, 30), "2026Q3", "2026年第三季度", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        (dt.date(2026, 12, 31), "2026Q4", "2026年第四季度", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        (dt.date(2024, 2, 29), "2024Q1", "2024年第一季度", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
    ],
)
def test_a_day_falls_in_its_quarter_with_its_label_and_range(
    day: dt.date, code: str, label: str, start: dt.date, end: dt.date
) -> None:
    quarter = mv.quarter_of(day)
    assert (quarter.code, quarter.label, quarter.start, quarter.end) == (code, label, start, end)
    assert day in quarter
    assert quarter.previous.end + dt.timedelta(days=1) == quarter.start
    assert quarter.next.start == quarter.end + dt.timedelta(days=1)
    assert mv.Quarter.parse(code) == quarter


@pytest.mark.parametrize("text", ["", "2026Q5", "2026Q0", "26Q1", "2026-1", "2026Q1x"])
def test_a_text_that_is_not_a_quarter_parses_to_none(text: str) -> None:
    assert mv.Quarter.parse(text) is None


def test_a_violation_goes_into_its_decisions_quarter_or_the_first_later_one_not_yet_published() -> None:
    decided = dt.date(2026, 2, 10)
    assert mv.selection_quarter(decided, []) == mv.Quarter(2026, 1)
    assert mv.selection_quarter(decided, [mv.Quarter(2025, 4)]) == mv.Quarter(2026, 1)
    published = [mv.Quarter(2026, 1), mv.Quarter(2026, 2)]
    assert mv.selection_quarter(decided, published) == mv.Quarter(2026, 3)
    assert mv.selection_quarter(dt.date(2026, 12, 1), [mv.Quarter(2026, 4)]) == mv.Quarter(2027, 1)


# --- suggestion -------------------------------------------------------------------------------------------------------


def codes(found: list[mv.Suggestion]) -> list[str]:
    return [s.category.code for s in found]


@pytest.mark.parametrize(
    ("violation", "outcome", "owed", "expected"),
    [
        # (1) wages: 数额较大 at the bureau's amount, or transferred to the police.
        ("lbjc26_1_wage_arrears", "handling_decision", "100000", ["wages"]),
        ("lbjc26_1_wage_arrears", "handling_decision", "99999.99", []),
        ("gdgz56_1_arrears_deduction", "penalty", "250000", ["wages"]),
        ("xf276_1_refuse_pay_wages", "transfer_police", "30000", ["wages"]),
        ("lbjc26_1_wage_arrears", "transfer_police", "0", ["wages"]),
        # a transfer to the police of a violation that is not about wages is not category (1)
        ("xf244_forced_labour", "transfer_police", "0", ["other"]),
        # (2)-(4): by the violation's family; 情节严重 is for the staff to judge
        ("sbf84_no_si_registration", "penalty", "0", ["social_insurance"]),
        ("lbjc27_1_underreport_si_base", "penalty", "0", ["social_insurance"]),
        ("lbjc25_overtime_excess", "penalty", "0", ["working_time"]),
        ("lbjc23_7_minor_prohibited_work", "rectification", "0", ["special_protection"]),
        ("nzg13_1b_maternity_leave", "penalty", "0", ["special_protection"]),
        # (5) child labour
        ("tg6_1_child_labour", "penalty", "0", ["child_labour"]),
        ("ldf94_hire_under16", "penalty", "0", ["child_labour"]),
        # (6) serious social impact, the one violation that records it
        ("gdgz58_rep_absent_24h", "penalty", "0", ["social_impact"]),
        # nothing to suggest
        ("gdjc49_no_ledger", "penalty", "0", []),
        ("", "penalty", "500000", []),
        # not a decided violation: no suggestion whatever the facts
        ("tg6_1_child_labour", "no_penalty", "0", []),
        ("tg6_1_child_labour", "transfer", "0", []),
        ("lbjc26_1_wage_arrears", "", "500000", []),
    ],
)
def test_the_suggested_categories_follow_the_cases_violation_outcome_and_wages(
    violation: str, outcome: str, owed: str, expected: list[str]
) -> None:
    found = mv.suggest(facts(violation, outcome, owed))
    assert codes(found) == expected
    assert all(s.reason for s in found)


def test_the_wage_reason_names_the_amount_and_the_bureaus_figure() -> None:
    [only] = mv.suggest(facts("lbjc26_1_wage_arrears", "handling_decision", "120000.50"))
    assert "120000.50" in only.reason
    assert "100000" in only.reason
    [moved] = mv.suggest(facts("xf276_1_refuse_pay_wages", "transfer_police"))
    assert "移送公安机关" in moved.reason


def test_an_order_to_pay_whose_case_went_to_the_police_suggests_the_wage_category_as_a_transfer() -> None:
    """Category (1): 拒不支付劳动报酬依法移送司法机关 — since procedure v2 the transfer is a track beside the order to
    pay (行政执法机关移送涉嫌犯罪案件的规定 第五条), not a decision's outcome."""
    sent = mv.CaseFacts(
        violation_code="lbjc26_1_wage_arrears",
        outcome="handling_decision",
        wages_owed=Decimal("25000"),
        wage_amount=WAGE_AMOUNT,
        transferred=True,
    )
    [moved] = mv.suggest(sent)
    assert "移送公安机关" in moved.reason


@pytest.mark.parametrize("item", mv.categories(), ids=lambda c: c.code)
def test_every_listed_violation_of_a_category_suggests_it_when_decided(item: mv.Category) -> None:
    for code in sorted(item.violation_codes):
        outcome = "transfer_police" if item.code == "wages" else "penalty"
        assert item.code in codes(mv.suggest(facts(code, outcome))), code


def test_the_work_safety_regulators_female_worker_items_are_not_in_category_four() -> None:
    """Legal review C7: 女职工劳动保护特别规定 第十三条第二款 gives the appendix items to the 安全生产监督管理部门."""
    special = mv.category("special_protection")
    assert special is not None
    assert not {"nzg13_2a_prohibited_work_general_menstrual", "nzg13_2b_prohibited_work_pregnancy_lactation"} & (
        special.violation_codes
    )
    assert "nzg13_1a_pregnant7m_overtime_night" in special.violation_codes  # 第十三条第一款: 人社


def test_wage_arrears_publication_also_rests_on_the_full_text_articles() -> None:
    """Legal review C8: 保障农民工工资支付条例 第四十七条第二款 and 广东省工资支付条例 第四十一条第二款 [T]."""
    wages = mv.category("wages")
    assert wages is not None
    assert wages.bases == ("保障农民工工资支付条例 第四十七条第二款", "广东省工资支付条例 第四十一条第二款")
