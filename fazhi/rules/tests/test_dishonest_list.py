"""The wage-arrears dishonest list's rules, row by row against law digest §5 and the statute (人社部令第45号)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.rules import dishonest_list as rules
from fazhi.rules.crime import Threshold, WageLine
from fazhi.rules.dishonest_list import Bar, Ground

D = dt.date
SHENZHEN = Threshold(Decimal(20000), Decimal(100000))  # 粤高法发〔2015〕4号, law digest §14.8
# Copied from the statute (shared/domain/statutes/tuoqian-nongmingong-gongzi-shixin-mingdan-banfa.md), not from the
# module under test.
ARTICLE_5 = (
    "（一）克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准的；"
    "（二）因拖欠农民工工资违法行为引发群体性事件、极端事件造成严重不良社会影响的。"
)
ARTICLE_10_2 = (
    "对被列入失信联合惩戒名单的当事人，由相关部门在政府资金支持、政府采购、招投标、融资贷款、市场准入、税收优惠、"
    "评优评先、交通出行等方面依法依规予以限制。"
)


def trigger(**overrides: object) -> rules.Trigger:
    values: dict[str, object] = {
        "ground": Ground.AMOUNT,
        "order_outcome": "handling_decision",
        "order_deadline": D(2026, 3, 20),
        "today": D(2026, 3, 23),
        "arrears": [WageLine(Decimal(24000), 4)],
        "threshold": SHENZHEN,
        "unpaid_at_deadline": True,
    }
    values.update(overrides)
    return rules.check_trigger(**values)  # type: ignore[arg-type]


# --- digest row "trigger" (Art. 5) ------------------------------------------------------------------------------------


def test_arrears_at_the_crime_amount_after_an_unpaid_order_to_pay_trigger_the_listing() -> None:
    found = trigger()
    assert found.met
    assert "法释〔2013〕3号第三条第一款第（一）项" in found.reasons[0]


def test_ten_workers_owed_one_hundred_thousand_in_total_trigger_it_too() -> None:
    assert trigger(arrears=[WageLine(Decimal(10000), None)] * 10).met
    assert not trigger(arrears=[WageLine(Decimal(9999), None)] * 10).met


def test_arrears_below_the_crime_amount_do_not_trigger_the_first_ground() -> None:
    found = trigger(arrears=[WageLine(Decimal(19999), 4)])
    assert not found.met
    assert "第五条第（一）项" in found.problems[0]


def test_a_mass_incident_is_the_second_ground_and_must_be_described() -> None:
    small = [WageLine(Decimal(3000), 1)]
    assert trigger(ground=Ground.INCIDENT, arrears=small, incident="数十名农民工聚集堵路，造成严重不良社会影响").met
    blank = trigger(ground=Ground.INCIDENT, arrears=small, incident="  ")
    assert not blank.met
    assert "第五条第（二）项" in blank.problems[0]


@pytest.mark.parametrize("outcome", ["handling_decision", "rectification"])
def test_a_handling_decision_or_rectification_order_is_the_order_to_pay(outcome: str) -> None:
    # 法释〔2013〕3号 第四条: 限期整改指令书、行政处理决定书 are how payment is ordered.
    assert trigger(order_outcome=outcome).met


@pytest.mark.parametrize("outcome", ["penalty", "no_penalty", "transfer", ""])
def test_without_an_order_to_pay_by_a_deadline_nothing_is_triggered(outcome: str) -> None:
    assert not trigger(order_outcome=outcome).met
    assert not trigger(order_deadline=None).met


def test_the_order_deadline_must_have_passed() -> None:
    assert not trigger(today=D(2026, 3, 20)).met  # the deadline's own day: still in time
    assert trigger(today=D(2026, 3, 21)).met


def test_the_officer_must_confirm_the_wages_were_unpaid_at_the_deadline() -> None:
    found = trigger(unpaid_at_deadline=False)
    assert not found.met
    assert any("仍未支付" in problem for problem in found.problems)


# --- digest row "exemption" (Art. 7) ----------------------------------------------------------------------------------


def test_correction_and_a_written_commitment_before_the_decision_allow_not_listing() -> None:
    assert rules.may_exempt(corrected_on=D(2026, 3, 25), commitment_on=D(2026, 3, 26), today=D(2026, 3, 26)) == []


@pytest.mark.parametrize(
    ("corrected", "commitment"),
    [(None, D(2026, 3, 26)), (D(2026, 3, 25), None), (D(2026, 3, 27), D(2026, 3, 26))],
)
def test_without_both_before_the_decision_there_is_no_exemption(
    corrected: dt.date | None, commitment: dt.date | None
) -> None:
    assert rules.may_exempt(corrected_on=corrected, commitment_on=commitment, today=D(2026, 3, 26))


# --- digest row "period" (Art. 11) ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decided", "last_day"),
    [
        (D(2026, 3, 9), D(2029, 3, 9)),
        (D(2024, 2, 29), D(2027, 2, 28)),  # no corresponding day: the month's last day (民法典 第二百零二条)
        (D(2026, 12, 31), D(2029, 12, 31)),
        (D(2026, 10, 1), D(2029, 10, 1)),  # a holiday: not rolled over (a term on a list, not a time to act)
    ],
)
def test_the_listing_lasts_three_years_from_the_decision(decided: dt.date, last_day: dt.date) -> None:
    assert rules.LISTING_MONTHS == 36
    assert rules.listing_ends_on(decided) == last_day


# --- digest rows "early removal" and "bars" (Arts. 12, 13) ------------------------------------------------------------


def test_early_removal_needs_six_full_months_on_the_list_since_the_correction() -> None:
    # Listed 2026-03-09, corrected 2026-04-15: the 6 months run from the correction and are full at the end of
    # 2026-10-15.
    assert rules.early_removal_from(decided_on=D(2026, 3, 9), corrected_on=D(2026, 4, 15)) == D(2026, 10, 16)
    # Corrected before the listing: on the list 6 months counts from the listing.
    assert rules.early_removal_from(decided_on=D(2026, 3, 9), corrected_on=D(2026, 3, 1)) == D(2026, 9, 10)


def test_an_application_meeting_every_condition_may_be_granted() -> None:
    assert (
        rules.early_removal_problems(
            decided_on=D(2026, 3, 9), corrected_on=D(2026, 4, 15), commitment=True, on=D(2026, 10, 16)
        )
        == []
    )


@pytest.mark.parametrize(
    ("corrected", "commitment", "on", "item"),
    [
        (None, True, D(2026, 12, 1), "第十二条第（一）项"),
        (D(2026, 4, 15), True, D(2026, 10, 15), "第十二条第（二）项"),
        (D(2026, 4, 15), False, D(2026, 12, 1), "第十二条第（三）项"),
    ],
)
def test_each_condition_of_article_twelve_is_required(
    corrected: dt.date | None, commitment: bool, on: dt.date, item: str
) -> None:
    problems = rules.early_removal_problems(
        decided_on=D(2026, 3, 9), corrected_on=corrected, commitment=commitment, on=on
    )
    assert len(problems) == 1
    assert item in problems[0]


@pytest.mark.parametrize(
    ("bar", "item"), [(Bar.NEW_ARREARS, "（一）"), (Bar.CRIMINAL, "（二）"), (Bar.OTHER, "（三）")]
)
def test_each_bar_of_article_thirteen_stops_an_early_removal(bar: Bar, item: str) -> None:
    problems = rules.early_removal_problems(
        decided_on=D(2026, 3, 9), corrected_on=D(2026, 4, 15), commitment=True, on=D(2026, 12, 1), bars=[bar]
    )
    assert problems == [f"不得提前移出：{rules.BARS[bar]}。"]
    assert f"第十三条第{item}项" in problems[0]


# --- the texts the statute prescribes (Arts. 5, 8, 10, 18) ----------------------------------------------------------


def test_the_sanctions_text_is_article_ten_paragraph_two_word_for_word() -> None:
    assert rules.SANCTIONS == ARTICLE_10_2
    assert rules.SANCTIONS_CITATION.label == f"《{rules.BANFA}》第十条第二款"


def test_the_grounds_use_the_words_of_article_five() -> None:
    for ground in Ground:
        assert ground.label in ARTICLE_5
    assert Ground.AMOUNT.citation.article_label == "第五条第（一）项"
    assert Ground.INCIDENT.citation.article_label == "第五条第（二）项"
    assert Ground.AMOUNT.reason.endswith("逾期未支付")


def test_the_remedies_are_those_of_article_eighteen() -> None:
    assert "行政复议" in rules.REMEDIES
    assert "行政诉讼" in rules.REMEDIES
    assert "15个工作日" in rules.EARLY_REMOVAL_TERMS
    assert "满6个月" in rules.EARLY_REMOVAL_TERMS
