"""What a penalty is (legal review A10): the measures a violation's article allows and imposes, the order to correct
that goes with every penalty (行政处罚法 第二十八条第一款) and the measures that open a hearing (第六十三条)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fazhi.rules.measures import (
    PHRASES,
    Measure,
    MeasureKind,
    hearing_grounds,
    hearing_triggered,
    mandatory_measures,
    measure_problems,
    measures_for,
    with_order_to_correct,
)
from fazhi.rules.violations import all_violations

K = MeasureKind
WARNING = Measure(K.WARNING)
ORDER = Measure(K.ORDER_CORRECTION, detail="于十五日内改正")


def fine(amount: int | None) -> Measure:
    return Measure(K.FINE, None if amount is None else Decimal(amount))


# --- the data ------------------------------------------------------------------------------------------------------


def test_every_measure_phrase_of_the_penalty_data_is_classified_and_every_classification_is_used():
    used = {phrase for row in all_violations() for phrase in row.measures}
    assert used == set(PHRASES)


@pytest.mark.parametrize("row", all_violations(), ids=lambda v: v.code)
def test_every_violation_allows_the_order_to_correct_per_article_twenty_eight(row):
    """行政处罚法 第二十八条第一款: 实施行政处罚时，应当责令当事人改正或者限期改正违法行为."""
    kinds = measures_for(row.code)
    assert kinds[0] is K.ORDER_CORRECTION
    assert set(mandatory_measures(row.code)) <= set(kinds)


@pytest.mark.parametrize(
    ("code", "kinds", "mandatory"),
    [
        # 劳动保障监察条例 第二十五条: 给予警告，责令限期改正，并可以…处以罚款.
        ("lbjc25_overtime_excess", (K.ORDER_CORRECTION, K.WARNING, K.FINE), (K.WARNING,)),
        # 劳动合同法 第八十条: 责令改正，给予警告.
        ("ldht80_illegal_rules", (K.ORDER_CORRECTION, K.WARNING), (K.WARNING,)),
        # 广东省劳动保障监察条例 第五十条第一款: 责令改正，给予警告.
        ("gdjc50_1_rules_with_fines", (K.ORDER_CORRECTION, K.WARNING), (K.WARNING,)),
        # 劳动保障监察条例 第二十三条: 责令改正，…处以罚款.
        ("lbjc23_1_female_prohibited_work", (K.ORDER_CORRECTION, K.FINE), (K.FINE,)),
        # 劳动保障监察条例 第二十八条第一款: 责令改正，没收违法所得，并处…罚款；情节严重的，吊销许可证.
        (
            "lbjc28_1_agency_training_violation",
            (K.ORDER_CORRECTION, K.FINE, K.CONFISCATION, K.REVOKE_LICENCE),
            (K.FINE,),
        ),
        # 劳动合同法 第九十二条第二款: 逾期不改正的…罚款，对劳务派遣单位，吊销其劳务派遣业务经营许可证.
        ("ldht92_2_dispatch_violation", (K.ORDER_CORRECTION, K.FINE, K.REVOKE_LICENCE), (K.FINE,)),
        # 保障农民工工资支付条例 第五十五条: 逾期不改正的，责令项目停工，并处…罚款.
        ("nmg55_1_no_wage_account", (K.ORDER_CORRECTION, K.FINE, K.STOP_WORK), (K.FINE, K.STOP_WORK)),
        # 禁止使用童工规定 第七条: 罚款；职业中介机构并吊销其职业介绍许可证.
        ("tg7_introduce_child", (K.ORDER_CORRECTION, K.FINE, K.REVOKE_LICENCE), (K.FINE,)),
        # 劳动法 第九十四条: the 营业执照 is revoked by 市场监督管理部门, not by this bureau.
        ("ldf94_hire_under16", (K.ORDER_CORRECTION, K.FINE), (K.FINE,)),
        # 劳动保障监察条例 第二十六条: 责令限期支付 — no penalty at all.
        ("lbjc26_1_wage_arrears", (K.ORDER_CORRECTION,), ()),
    ],
)
def test_the_measures_of_a_violation_are_those_its_article_names(code, kinds, mandatory):
    assert measures_for(code) == kinds
    assert mandatory_measures(code) == mandatory


def test_a_retired_violation_allows_the_measures_of_its_replacement():
    # 劳动合同法实施条例 第三十五条 → 劳动合同法 第九十二条第二款.
    assert measures_for("ldhtsstl35_user_unit_dispatch") == measures_for("ldht92_2_dispatch_violation")


# --- measure_problems -----------------------------------------------------------------------------------------------


def test_a_warning_alone_may_be_decided_where_the_article_gives_only_a_warning():
    # 劳动合同法 第八十条 and 广东省劳动保障监察条例 第五十条第一款: 给予警告.
    assert measure_problems("ldht80_illegal_rules", [WARNING]) == []
    assert measure_problems("gdjc50_1_rules_with_fines", [ORDER, WARNING]) == []


def test_a_warning_alone_may_be_decided_where_the_article_makes_the_fine_optional():
    # 劳动保障监察条例 第二十五条: 给予警告 … 并可以 … 处以罚款.
    assert measure_problems("lbjc25_overtime_excess", [WARNING]) == []
    assert measure_problems("lbjc25_overtime_excess", [WARNING, fine(1500)]) == []


def test_the_warning_of_article_twenty_five_is_never_left_out():
    # 劳动保障监察条例 第二十五条 "给予警告" is mandatory; the fine is not (legal review A10).
    assert measure_problems("lbjc25_overtime_excess", [fine(1500)]) == ["依劳动保障监察条例 第二十五条，应当警告。"]


def test_a_warning_is_refused_where_the_article_fines():
    # 劳动保障监察条例 第二十三条 sets a fine, no warning.
    assert measure_problems("lbjc23_1_female_prohibited_work", [WARNING]) == [
        "劳动保障监察条例 第二十三条第（一）项未规定警告，不能作出该处罚。",
        "依劳动保障监察条例 第二十三条第（一）项，应当罚款。",
    ]


def test_a_penalty_needs_at_least_one_penalty_per_article_nine():
    assert measure_problems("lbjc23_1_female_prohibited_work", [ORDER]) == [
        "行政处罚决定应当至少包括一种行政处罚（行政处罚法第九条）。",
        "依劳动保障监察条例 第二十三条第（一）项，应当罚款。",
    ]


def test_a_violation_without_a_penalty_cannot_be_penalised():
    # 劳动保障监察条例 第二十六条: 责令限期支付; 逾期不支付 → 加付赔偿金 (a handling decision, not a penalty).
    (problem,) = measure_problems("lbjc26_1_wage_arrears", [fine(1000)])
    assert problem.startswith("依劳动保障监察条例 第二十六条第（一）项，“克扣或者无故拖欠劳动者工资报酬”不设行政处罚")


def test_illegal_gains_must_be_confiscated_per_article_twenty_eight_paragraph_two():
    # 行政处罚法 第二十八条第二款: 当事人有违法所得，除依法应当退赔的外，应当予以没收;
    # 劳动保障监察条例 第二十八条第一款: 没收违法所得.
    code = "lbjc28_1_agency_training_violation"
    assert measure_problems(code, [fine(20000)], illegal_gains=Decimal(8000)) == [
        "当事人有违法所得 8000 元，应当予以没收（行政处罚法第二十八条第二款）。"
    ]
    confiscation = Measure(K.CONFISCATION, Decimal(8000))
    assert measure_problems(code, [fine(20000), confiscation], illegal_gains=Decimal(8000)) == []


def test_illegal_gains_are_confiscated_under_any_article_per_article_twenty_eight_paragraph_two():
    # 劳动保障监察条例 第三十条 names no confiscation, 行政处罚法 第二十八条第二款 still applies.
    confiscation = Measure(K.CONFISCATION, Decimal(500))
    code = "lbjc30_1_obstruct_inspection"
    assert measure_problems(code, [fine(5000), confiscation], illegal_gains=Decimal(500)) == []
    assert measure_problems(code, [fine(5000), confiscation]) == [
        "没有违法所得的，不能没收违法所得（行政处罚法第二十八条第二款）。"
    ]


def test_a_project_stop_goes_with_the_fine_per_migrant_wage_regulation_article_fifty_five():
    # 保障农民工工资支付条例 第五十五条: 逾期不改正的，责令项目停工，并处5万元以上10万元以下的罚款.
    code = "nmg55_1_no_wage_account"
    assert measure_problems(code, [fine(60000)]) == [
        "依保障农民工工资支付条例 第五十五条第（一）项，应当责令停产停业（项目停工）。"
    ]
    assert measure_problems(code, [fine(60000), Measure(K.STOP_WORK, detail="某项目")]) == []


def test_a_licence_is_revoked_only_where_the_article_gives_it():
    # 劳动合同法 第九十二条第二款 gives it (对劳务派遣单位); 劳动保障监察条例 第三十条 does not.
    revoke = Measure(K.REVOKE_LICENCE, detail="劳务派遣经营许可证")
    assert measure_problems("ldht92_2_dispatch_violation", [fine(5000), revoke]) == []
    assert measure_problems("lbjc30_1_obstruct_inspection", [fine(5000), revoke]) == [
        "劳动保障监察条例 第三十条第一款第（一）项未规定吊销许可证件，不能作出该处罚。"
    ]


def test_a_fine_or_confiscation_needs_its_amount_and_a_warning_has_none_per_article_fifty_nine():
    assert measure_problems("lbjc25_overtime_excess", [WARNING, fine(None)]) == [
        "罚款应写明金额（行政处罚法第五十九条第一款第（三）项）。"
    ]
    assert measure_problems("lbjc25_overtime_excess", [Measure(K.WARNING, Decimal(1))]) == ["警告不填写金额。"]


def test_one_act_is_fined_once_per_article_twenty_nine():
    assert measure_problems("lbjc30_1_obstruct_inspection", [fine(3000), fine(4000)]) == [
        "对同一个违法行为不得给予两次以上罚款（行政处罚法第二十九条）。"
    ]


# --- with_order_to_correct ------------------------------------------------------------------------------------------


def test_the_order_to_correct_is_added_to_every_penalty_per_article_twenty_eight():
    """行政处罚法 第二十八条第一款: 实施行政处罚时，应当责令当事人改正或者限期改正违法行为."""
    assert [m.kind for m in with_order_to_correct([fine(3000), WARNING])] == [K.ORDER_CORRECTION, K.WARNING, K.FINE]
    kept = with_order_to_correct([WARNING, ORDER])
    assert kept == [ORDER, WARNING]


# --- hearing (行政处罚法 第六十三条) ----------------------------------------------------------------------------------


def test_a_warning_alone_opens_no_hearing_per_article_sixty_three():
    assert not hearing_triggered([ORDER, WARNING], fine_threshold=None)


def test_any_fine_opens_a_hearing_while_no_threshold_is_set_per_article_sixty_three():
    assert hearing_triggered([WARNING, fine(100)], fine_threshold=None)


def test_a_fine_below_the_larger_amount_opens_no_hearing_per_article_sixty_three_item_one():
    assert not hearing_triggered([fine(9999)], fine_threshold=Decimal(10000))
    assert hearing_triggered([fine(10000)], fine_threshold=Decimal(10000))


def test_confiscation_has_its_own_larger_amount_per_article_sixty_three_item_two():
    confiscation = [Measure(K.CONFISCATION, Decimal(5000))]
    assert hearing_triggered(confiscation, fine_threshold=Decimal(5000))
    assert not hearing_triggered(confiscation, fine_threshold=Decimal(1000), confiscation_threshold=Decimal(6000))


def test_revocation_and_stopping_work_always_open_a_hearing_per_article_sixty_three_items_three_and_four():
    assert hearing_grounds([Measure(K.REVOKE_LICENCE), Measure(K.STOP_WORK)], fine_threshold=Decimal(1)) == [
        "吊销许可证件（行政处罚法第六十三条第一款第（三）项）",
        "责令停产停业（行政处罚法第六十三条第一款第（四）项）",
    ]
