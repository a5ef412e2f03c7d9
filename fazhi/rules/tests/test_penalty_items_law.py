"""The penalty data read against the statute texts (shared/domain/statutes/): fine ranges set by the governing law
(legal review A8), the fines that need an earlier order to correct (A9), and the retired rows (codes are never renamed;
a retired code answers with its replacement)."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from fazhi.rules.violations import DATA_FILE, FineUnit, all_violations, current, needs_prior_order, violation

with DATA_FILE.open(encoding="utf-8", newline="") as _file:
    RAW_ROWS = list(csv.DictReader(_file))

# --- A8: every fine has the bounds its governing law sets ---------------------------------------------------------

# Rows with a fine and no maximum, each with the reason no statute in hand sets one.
NO_MAXIMUM = {
    # 禁止使用童工规定 第六条第一款: "按照《使用有毒物品作业场所劳动保护条例》规定的罚款幅度，或者按照每使用
    # 一名童工每月处5000元罚款的标准，从重处罚" — the toxic-workplace regulation was not obtained (law digest §12.2).
    "tg6_1b_child_labour_toxic",
}


@pytest.mark.parametrize("row", [v for v in all_violations() if v.has_fine], ids=lambda v: v.code)
def test_every_fine_has_the_maximum_its_law_sets_per_the_statutes(row):
    """行政处罚法 第十一条第二款、第十二条: a fine is imposed within the range a law or regulation sets; a row without
    bounds would let any amount through (legal review A8: 劳动法 第九十条 with a 1,000,000-yuan fine)."""
    if row.code in NO_MAXIMUM:
        assert row.fine_max is None
        assert "未取得" in row.notes
        return
    assert row.fine_max is not None, f"{row.code} 无罚款上限"
    assert row.fine_min is not None, f"{row.code} 无罚款下限（“以下”的写 0）"


@pytest.mark.parametrize(
    ("code", "unit", "low", "high", "governing"),
    [
        # 劳动法 第九十条 sets no amount: 劳动保障监察条例 第二十五条 "按照受侵害的劳动者每人100元以上500元以下".
        ("ldf90_overtime", FineUnit.PER_WORKER, 100, 500, "劳动保障监察条例 第二十五条"),
        # 劳动法 第九十四条: 禁止使用童工规定 第六条第一款 "每使用一名童工每月处5000元罚款".
        ("ldf94_hire_under16", FineUnit.PER_CHILD_MONTH, 5000, 5000, "禁止使用童工规定 第六条第一款"),
        # 劳动法 第九十五条: 劳动保障监察条例 第二十三条 "每人1000元以上5000元以下".
        ("ldf95_female_minor", FineUnit.PER_WORKER, 1000, 5000, "劳动保障监察条例 第二十三条"),
        # 劳动法 第一百零一条: 劳动保障监察条例 第三十条第一款 "处2000元以上2万元以下的罚款".
        ("ldf101_obstruct_retaliate", FineUnit.FIXED, 2000, 20000, "劳动保障监察条例 第三十条第一款"),
    ],
)
def test_a_labour_law_fine_takes_the_amount_of_the_regulation_that_sets_it(code, unit, low, high, governing):
    """劳动法 第九十、九十四、九十五、一百零一条 authorise a fine without an amount; the amount is the implementing
    regulation's, which the row cites as a basis."""
    row = violation(code)
    assert (row.fine_unit, row.fine_min, row.fine_max) == (unit, Decimal(low), Decimal(high))
    assert governing in row.bases
    assert not row.retired


def test_the_user_unit_dispatch_row_of_the_regulation_answers_with_the_law_at_5000_to_10000_per_worker():
    """劳动合同法 第九十二条第二款 (2012): 用工单位 违反劳务派遣规定 "以每人五千元以上一万元以下的标准处以罚款";
    劳务派遣暂行规定 第二十条 sends 实施条例 violations to 第九十二条; a 行政法规 (实施条例 第三十五条, 1,000–5,000)
    cannot set less."""
    old = violation("ldhtsstl35_user_unit_dispatch")
    assert old.retired
    governing = current(old.code)
    assert governing.code == "ldht92_2_dispatch_violation"
    assert (governing.fine_unit, governing.fine_min, governing.fine_max) == (
        FineUnit.PER_WORKER,
        Decimal(5000),
        Decimal(10000),
    )
    assert governing.bases[0] == "劳动合同法 第九十二条第二款"


def test_social_insurance_fraud_answers_with_the_law_at_two_to_five_times():
    """社会保险法 第八十八条 "处骗取金额二倍以上五倍以下的罚款" prevails over 劳动保障监察条例 第二十七条第二款 (1–3×):
    监察条例 第三十二条 "法律、其他行政法规对处罚另有规定的，从其规定"."""
    governing = current("lbjc27_2_si_fraud")
    assert governing.code == "sbf88_benefit_fraud"
    assert (governing.fine_unit, governing.fine_min, governing.fine_max) == (
        FineUnit.MULTIPLE_OF_AMOUNT,
        Decimal(2),
        Decimal(5),
    )
    assert governing.bases[0] == "社会保险法 第八十八条"


def test_a_retired_row_keeps_its_code_text_and_says_what_replaced_it():
    retired = [v for v in all_violations() if v.retired]
    assert {v.code for v in retired} == {"ldhtsstl35_user_unit_dispatch", "lbjc27_2_si_fraud"}
    for row in retired:
        assert row.notes.startswith(f"已停用，按 {row.replaced_by} 处理")
        assert not current(row.code).retired


def test_the_crime_threshold_note_names_the_guangdong_amounts():
    """粤高法发〔2015〕4号: 一类地区（含深圳）一人三个月以上二万元、十名以上十万元 (legal review C6: stale note)."""
    note = violation("xf276_1_refuse_pay_wages").notes
    assert "粤高法发〔2015〕4号" in note
    assert "未取得" not in note


# --- A9: fines only after an order to correct and its unmet deadline ---------------------------------------------

# Each row whose article fines only "逾期不改正" (or "拒不改正") after an order to correct, with the article's words.
ORDER_FIRST = {
    "nmg54_1_wage_in_kind": "保障农民工工资支付条例 第五十四条：责令限期改正；逾期不改正的",
    "nmg54_2_no_ledger_payslip": "保障农民工工资支付条例 第五十四条：责令限期改正；逾期不改正的",
    "nmg54_3_seize_cards": "保障农民工工资支付条例 第五十四条：责令限期改正；逾期不改正的",
    "nmg55_1_no_wage_account": "保障农民工工资支付条例 第五十五条：责令限期改正；逾期不改正的，责令项目停工",
    "nmg55_2_no_guarantee_deposit": "保障农民工工资支付条例 第五十五条：责令限期改正；逾期不改正的，责令项目停工",
    "nmg55_3_no_realname": "保障农民工工资支付条例 第五十五条：责令限期改正；逾期不改正的，责令项目停工",
    "nmg56_1_no_monthly_workload": "保障农民工工资支付条例 第五十六条：责令限期改正；逾期不改正的",
    "nmg56_2_gc_no_supervision": "保障农民工工资支付条例 第五十六条：责令限期改正；逾期不改正的",
    "nmg56_3_sub_not_cooperate": "保障农民工工资支付条例 第五十六条：责令限期改正；逾期不改正的",
    "nmg56_4_no_site_info": "保障农民工工资支付条例 第五十六条：责令限期改正；逾期不改正的",
    "nmg57_1_no_payment_guarantee": "保障农民工工资支付条例 第五十七条：责令限期改正；逾期不改正的，责令项目停工",
    "nmg57_2_labour_cost_not_funded": "保障农民工工资支付条例 第五十七条：责令限期改正；逾期不改正的，责令项目停工",
    "nmg57_3_refuse_records": "保障农民工工资支付条例 第五十七条：责令限期改正；逾期不改正的，责令项目停工",
    "nmg58_bank_not_cooperate": "保障农民工工资支付条例 第五十八条：责令改正；拒不改正的",
    "ldht92_2_dispatch_violation": "劳动合同法 第九十二条第二款：责令限期改正；逾期不改正的",
    "ldhtsstl33_no_roster": "劳动合同法实施条例 第三十三条：责令限期改正；逾期不改正的",
    "gdjc50_2_fine_or_deduct_worker": "广东省劳动保障监察条例 第五十条第二款：责令限期改正；逾期未改正的",
    "sbf84_no_si_registration": "社会保险法 第八十四条：责令限期改正；逾期不改正的",
    "sbf86_2_arrears_fine": "社会保险法 第八十六条：责令限期缴纳或者补足…逾期仍不缴纳的",
    "gdgz54_1_no_wage_rules": "广东省工资支付条例 第五十四条：责令限期改正；逾期未改正的",
    "gdgz54_2_not_money": "广东省工资支付条例 第五十四条：责令限期改正；逾期未改正的",
    "gdgz54_3_not_settled_on_exit": "广东省工资支付条例 第五十四条：责令限期改正；逾期未改正的",
    "gdgz54_4_no_ledger": "广东省工资支付条例 第五十四条：责令限期改正；逾期未改正的",
    "gdgz54_5_no_payslip": "广东省工资支付条例 第五十四条：责令限期改正；逾期未改正的",
    "gdgz55_construction_realname_account": "广东省工资支付条例 第五十五条：责令限期改正；逾期不改正的",
    "ssbf24_no_monthly_notice": "实施《社会保险法》若干规定 第二十四条：责令改正；逾期不改的",
    "jb57_service_refuse_inspection": "社会保险经办条例 第五十七条：责令改正…拒不改正的",
    "tg6_2_child_not_returned": "禁止使用童工规定 第六条第二款：经…责令限期改正，逾期仍不将童工送交",
    "lbjc30_3_refuse_correction": "劳动保障监察条例 第三十条第一款第（三）项：经…责令改正拒不改正",
    "gdgz57_3_refuse_correction": "广东省工资支付条例 第五十七条第（三）项：经…责令改正拒不改正",
}


@pytest.mark.parametrize("row", all_violations(), ids=lambda v: v.code)
def test_each_row_needs_a_prior_order_exactly_where_its_article_says_so(row):
    """Legal review A9, row by row: 农民工条例 第五十四条至第五十七条, 劳动合同法 第九十二条第二款,
    实施条例 第三十三条, 粤条例 第五十条第二款, 社会保险法 第八十四条, 广东省工资支付条例 第五十四条、第五十五条,
    若干规定 第二十四条 (and the other articles in ORDER_FIRST) fine only after an order to correct went unmet;
    劳动保障监察条例 第二十三条, 第二十五条, 劳动合同法 第八十四条第二款 and the rest fine at once."""
    expected = ORDER_FIRST.get(current(row.code).code) is not None
    assert needs_prior_order(row.code) is expected
    if not row.retired:
        assert row.order_first is (row.code in ORDER_FIRST)
        assert row.bases[0].split(" ")[0] in ORDER_FIRST.get(row.code, row.bases[0])


@pytest.mark.parametrize("code", sorted(ORDER_FIRST))
def test_an_order_first_row_says_so_in_its_name_or_measures(code):
    row = violation(code)
    text = "；".join((row.name, *row.measures))
    assert any(words in text for words in ("逾期", "拒不改正", "自责令限期改正之日起")), text


def test_a_retired_row_needs_the_order_its_replacement_needs():
    # 劳动合同法实施条例 第三十五条 ("情节严重的", at once) is governed by 劳动合同法 第九十二条第二款 (逾期不改正的).
    assert not violation("ldhtsstl35_user_unit_dispatch").order_first
    assert needs_prior_order("ldhtsstl35_user_unit_dispatch")


def test_a_fine_imposed_at_once_needs_no_prior_order():
    # 劳动保障监察条例 第二十三条 "责令改正，…处以罚款"; 劳动合同法 第八十四条第二款 "责令限期退还…并以每人…处以罚款".
    assert not needs_prior_order("lbjc23_1_female_prohibited_work")
    assert not needs_prior_order("ldht84_2_collect_deposit")
