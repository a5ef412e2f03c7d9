"""Kinds of violation (同类违法行为, 广东省劳动保障监察条例 第五十三条): the data file, its checks and the questions the
repeat-offence and first-violation rules ask of it (legal review A7, B11)."""

from __future__ import annotations

import pytest

from fazhi.rules.kinds import KindDataError, kinds, kinds_of, load_kinds, same_kind, same_kind_codes
from fazhi.rules.violations import UnknownViolation, all_violations

WAGE_ARREARS = {
    "lbjc26_1_wage_arrears",  # 劳动保障监察条例 第二十六条第（一）项
    "ldht85_1_pay_not_full_timely",  # 劳动合同法 第八十五条第（一）项
    "gdjc51_1_wage_arrears",  # 广东省劳动保障监察条例 第五十一条第一款
    "gdgz56_1_arrears_deduction",  # 广东省工资支付条例 第五十六条第（一）项
}


def test_wage_arrears_under_any_of_its_four_articles_is_the_same_kind_per_article_fifty_three():
    """广东省劳动保障监察条例 第五十三条 "同类违法行为": the same duty under 劳动保障监察条例 第二十六条, 劳动合同法
    第八十五条, 粤条例 第五十一条 and 广东省工资支付条例 第五十六条 (legal review B11: not one code)."""
    for code in WAGE_ARREARS:
        assert same_kind_codes(code) >= WAGE_ARREARS
        assert all(same_kind(code, other) for other in WAGE_ARREARS)


def test_a_different_duty_is_not_the_same_kind_per_article_fifty_three():
    # 劳动保障监察条例 第二十六条第（一）项 wage arrears vs 第二十五条 overtime hours.
    assert not same_kind("lbjc26_1_wage_arrears", "lbjc25_overtime_excess")
    assert not same_kind("lbjc25_overtime_excess", "lbjc26_1_wage_arrears")


def test_a_violation_in_no_kind_is_a_kind_of_its_own_per_article_fifty_three():
    # 禁止使用童工规定 第七条 (introducing a child to work) is listed in no kind.
    assert kinds_of("tg7_introduce_child") == frozenset()
    assert same_kind_codes("tg7_introduce_child") == {"tg7_introduce_child"}
    assert same_kind("tg7_introduce_child", "tg7_introduce_child")


def test_a_retired_violation_is_of_its_replacements_kind_per_article_fifty_three():
    # 劳动合同法实施条例 第三十五条 retired into 劳动合同法 第九十二条第二款.
    assert same_kind("ldhtsstl35_user_unit_dispatch", "ldht92_2_dispatch_violation")
    assert same_kind("ldht92_2_dispatch_violation", "ldhtsstl35_user_unit_dispatch")
    assert same_kind("lbjc27_2_si_fraud", "sbf88_benefit_fraud")


def test_an_article_covering_several_duties_shares_each_of_their_kinds_but_does_not_join_them():
    # 劳动法 第九十一条 covers arrears, below-minimum pay and severance; those three stay distinct kinds.
    assert kinds_of("ldf91_wage_violation") == {"wage_arrears", "minimum_wage", "severance"}
    assert same_kind("ldf91_wage_violation", "lbjc26_2_below_min_wage")
    assert not same_kind("lbjc26_1_wage_arrears", "lbjc26_2_below_min_wage")


def test_every_kind_names_its_articles_and_the_file_says_it_is_unverified():
    data = kinds()
    assert data.citation == "广东省劳动保障监察条例 第五十三条"
    assert not data.verified
    assert data.note.startswith("[S]")
    known = {v.code for v in all_violations()}
    for kind in data.kinds:
        assert kind.bases
        assert kind.violation_codes <= known


def test_an_unknown_code_is_refused():
    with pytest.raises(UnknownViolation):
        kinds_of("no_such_code")


def test_a_kind_naming_an_unknown_violation_or_lacking_its_articles_is_refused():
    text = """
[source]
citation = "广东省劳动保障监察条例 第五十三条"
verified = false
note = "没有标记"

[[kind]]
code = "x"
name = "某类"
bases = ["某条例 第一条"]
violation_codes = ["lbjc26_1_wage_arrears", "nope"]

[[kind]]
code = "y"
name = "另一类"
violation_codes = ["lbjc26_1_wage_arrears"]
"""
    with pytest.raises(KindDataError) as caught:
        load_kinds(text, {"lbjc26_1_wage_arrears"})
    assert caught.value.problems == [
        "[source] 未经核实，note 应以 [S] 标明",
        "类 x 列出的违法行为不存在：nope",
        "第 2 类缺少 bases",
    ]
