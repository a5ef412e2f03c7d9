"""Payments in a case: 加处罚款 on a late fine and 加付赔偿金.

加处罚款: 行政处罚法 第七十二条、第七十三条; 加付赔偿金: 劳动合同法 第八十五条, 劳动保障监察条例 第二十六条.

Expected amounts were worked out by hand from the statute text: 3% of the fine for each day after the due date,
capped at the fine; 加付赔偿金 = unpaid × a rate between 50% and 100%; both rounded to the fen half-up.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.rules.money import (
    ADDITIONAL_COMPENSATION_CITATIONS,
    ADDITIONAL_COMPENSATION_MAX_RATE,
    ADDITIONAL_COMPENSATION_MIN_RATE,
    LATE_PAYMENT_DAILY_RATE,
    LATE_PAYMENT_EXCLUSION_CITATION,
    LATE_PAYMENT_SURCHARGE_CITATION,
    Payment,
    additional_compensation,
    additional_compensation_due,
    days_late,
    late_payment_surcharge,
    unpaid_by_deadline,
)
from fazhi.rules.violations import FineUnit, violation

D = dt.date
DUE = D(2026, 3, 20)  # e.g. a decision received on 2026-03-05: 十五日内 → 2026-03-20 (第六十七条第三款)
FINE = Decimal("1000.00")


def after(days: int) -> dt.date:
    return DUE + dt.timedelta(days=days)


# --- 加处罚款 -----------------------------------------------------------------------------------------------------


def test_a_fine_paid_ten_days_late_owes_thirty_percent_more():
    assert late_payment_surcharge(FINE, DUE, D(2026, 3, 30)) == Decimal("300.00")


def test_a_fine_paid_on_the_due_date_owes_nothing():
    assert late_payment_surcharge(FINE, DUE, DUE) == Decimal("0.00")


def test_a_fine_paid_before_the_due_date_owes_nothing():
    assert late_payment_surcharge(FINE, DUE, D(2026, 3, 6)) == Decimal("0.00")


def test_the_surcharge_starts_on_the_day_after_the_due_date():
    assert days_late(DUE, D(2026, 3, 21)) == 1
    assert late_payment_surcharge(FINE, DUE, D(2026, 3, 21)) == Decimal("30.00")


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (32, "960.00"),
        (33, "990.00"),  # 99%: the last day below the cap
        (34, "1000.00"),  # 102% → capped at the fine
        (35, "1000.00"),
        (400, "1000.00"),
    ],
)
def test_the_surcharge_is_capped_at_the_fine_from_day_thirty_four(days, expected):
    assert late_payment_surcharge(FINE, DUE, after(days)) == Decimal(expected)


def test_the_cap_is_the_fine_itself_for_a_fine_with_fen():
    assert late_payment_surcharge(Decimal("1234.56"), DUE, after(60)) == Decimal("1234.56")


def test_days_of_reconsideration_or_litigation_are_not_counted():
    # 40 days late, of which 10 under reconsideration: 30 days × 3% = 90%.
    assert late_payment_surcharge(FINE, DUE, after(40), excluded_days=10) == Decimal("900.00")


def test_excluded_days_beyond_the_days_late_leave_no_surcharge():
    assert days_late(DUE, after(5), excluded_days=9) == 0
    assert late_payment_surcharge(FINE, DUE, after(5), excluded_days=9) == Decimal("0.00")


def test_the_surcharge_is_rounded_to_the_fen_half_up():
    assert late_payment_surcharge(Decimal("333.33"), DUE, after(1)) == Decimal("10.00")  # 9.9999
    assert late_payment_surcharge(Decimal("1.50"), DUE, after(1)) == Decimal("0.05")  # 0.045: half-up, not half-even
    assert late_payment_surcharge(Decimal("0.10"), DUE, after(1)) == Decimal("0.00")  # 0.003


def test_the_surcharge_has_two_decimal_places():
    assert late_payment_surcharge(Decimal("500"), DUE, after(3)).as_tuple().exponent == -2


def test_a_negative_fine_is_refused_in_chinese():
    with pytest.raises(ValueError, match="罚款数额不能为负数"):
        late_payment_surcharge(Decimal("-1.00"), DUE, after(3))


def test_negative_excluded_days_are_refused_in_chinese():
    with pytest.raises(ValueError, match="不计算加处罚款的天数不能为负数"):
        late_payment_surcharge(FINE, DUE, after(3), excluded_days=-1)


def test_a_fine_below_the_fen_is_refused():
    with pytest.raises(ValueError, match="应精确到分"):
        late_payment_surcharge(Decimal("100.005"), DUE, after(3))


def test_a_float_fine_is_refused():
    with pytest.raises(TypeError, match="浮点数"):
        late_payment_surcharge(1000.0, DUE, after(3))  # type: ignore[arg-type]


def test_a_datetime_is_not_taken_for_a_date():
    with pytest.raises(TypeError, match="日期"):
        late_payment_surcharge(FINE, DUE, dt.datetime(2026, 3, 30, 9, 0))


def test_the_rate_matches_the_penalty_table_row():
    row = violation("xzcf72_late_fine_payment")
    assert row.fine_unit is FineUnit.PERCENT_PER_DAY
    assert row.fine_min == row.fine_max == LATE_PAYMENT_DAILY_RATE * 100
    assert row.basis == f"行政处罚法 {LATE_PAYMENT_SURCHARGE_CITATION.article_label}"


def test_the_surcharge_citations_name_the_articles():
    assert LATE_PAYMENT_SURCHARGE_CITATION.label == "《行政处罚法》第七十二条第一款第（一）项"
    assert LATE_PAYMENT_EXCLUSION_CITATION.label == "《行政处罚法》第七十三条第三款"


fines = st.integers(min_value=0, max_value=10**10).map(lambda fen: Decimal(fen).scaleb(-2))
day_counts = st.integers(min_value=-30, max_value=3000)


def naive_surcharge(fine: Decimal, due_on: dt.date, as_of: dt.date, excluded_days: int) -> Decimal:
    """The reference: walk the calendar from the due date and add 3% for each day, stopping at the fine."""
    total, day, skip = Decimal(0), due_on, excluded_days
    while day < as_of:
        day += dt.timedelta(days=1)
        if skip:
            skip -= 1
            continue
        total = min(fine, total + fine * Decimal("0.03"))
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@given(fine=fines, days=day_counts, excluded=st.integers(min_value=0, max_value=100))
def test_the_surcharge_agrees_with_a_day_by_day_walk(fine, days, excluded):
    assert late_payment_surcharge(fine, DUE, after(days), excluded) == naive_surcharge(fine, DUE, after(days), excluded)


@given(fine=fines, days=day_counts, excluded=st.integers(min_value=0, max_value=100))
def test_the_surcharge_never_exceeds_the_fine(fine, days, excluded):
    surcharge = late_payment_surcharge(fine, DUE, after(days), excluded)
    assert Decimal(0) <= surcharge <= fine


@given(fine=fines, days=day_counts, more=st.integers(min_value=0, max_value=100))
def test_the_surcharge_never_falls_as_the_days_go_by(fine, days, more):
    assert late_payment_surcharge(fine, DUE, after(days)) <= late_payment_surcharge(fine, DUE, after(days + more))


@given(fine=fines, days=st.integers(min_value=0, max_value=400), excluded=st.integers(min_value=0, max_value=400))
def test_an_excluded_day_counts_as_a_day_not_late(fine, days, excluded):
    shifted = after(max(0, days - excluded))
    assert late_payment_surcharge(fine, DUE, after(days), excluded) == late_payment_surcharge(fine, DUE, shifted)


# --- 加付赔偿金 ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unpaid", "rate", "expected"),
    [
        ("10000.00", "0.5", "5000.00"),  # the lower bound is allowed (百分之五十以上)
        ("10000.00", "1.0", "10000.00"),  # the upper bound is allowed (百分之一百以下)
        ("10000.00", "0.8", "8000.00"),
        ("1234.57", "0.75", "925.93"),  # 925.9275
        ("0.05", "0.5", "0.03"),  # 0.025: half-up, not half-even
        ("0", "0.5", "0.00"),
    ],
)
def test_additional_compensation_is_the_unpaid_amount_times_the_rate(unpaid, rate, expected):
    assert additional_compensation(Decimal(unpaid), Decimal(rate)) == Decimal(expected)


@pytest.mark.parametrize("rate", ["0.49", "1.01", "0", "2", "-0.5", "NaN"])
def test_a_rate_outside_fifty_to_one_hundred_percent_is_refused_in_chinese(rate):
    with pytest.raises(ValueError, match="百分之五十至百分之一百"):
        additional_compensation(Decimal("1000.00"), Decimal(rate))


def test_a_negative_unpaid_amount_is_refused():
    with pytest.raises(ValueError, match="应付金额不能为负数"):
        additional_compensation(Decimal("-5.00"), Decimal("0.5"))


@pytest.mark.parametrize(("unpaid", "rate"), [(1000.0, Decimal("0.5")), (Decimal("1000.00"), 0.5)])
def test_float_money_or_rate_is_refused(unpaid, rate):
    with pytest.raises(TypeError, match="浮点数"):
        additional_compensation(unpaid, rate)


def test_the_rate_bounds_are_the_statutes():
    bounds = (ADDITIONAL_COMPENSATION_MIN_RATE, ADDITIONAL_COMPENSATION_MAX_RATE)
    assert bounds == (Decimal("0.5"), Decimal("1"))
    labels = [c.label for c in ADDITIONAL_COMPENSATION_CITATIONS]
    assert labels[:2] == ["《劳动合同法》第八十五条", "《劳动保障监察条例》第二十六条"]


@given(
    unpaid=fines,
    rate=st.decimals(min_value=Decimal("0.5"), max_value=Decimal("1"), places=4),
)
def test_additional_compensation_lies_between_half_and_all_of_the_unpaid_amount(unpaid, rate):
    amount = additional_compensation(unpaid, rate)
    assert (unpaid / 2).quantize(Decimal("0.01")) <= amount <= unpaid


# --- 加付赔偿金 on what was not paid by the deadline (legal review B10) --------------------------------------

DEADLINE = dt.date(2026, 4, 15)


def test_the_compensation_base_is_what_was_not_paid_by_the_deadline_per_labour_contract_law_article_85():
    """劳动合同法 第八十五条: 逾期不支付的，按应付金额…加付赔偿金 — a payment after the deadline does not shrink it."""
    payments = [
        Payment(dt.date(2026, 4, 1), Decimal("3000.00")),  # in time
        Payment(dt.date(2026, 4, 20), Decimal("5000.00")),  # late: still part of the base
    ]
    assert unpaid_by_deadline(Decimal("10000.00"), payments, DEADLINE) == Decimal("7000.00")
    assert additional_compensation_due(Decimal("10000.00"), payments, DEADLINE, Decimal("0.5")) == Decimal("3500.00")


def test_a_payment_on_the_deadline_is_in_time_per_inspection_regulation_article_26():
    """劳动保障监察条例 第二十六条 "逾期不支付的": the deadline is the last day to pay."""
    assert unpaid_by_deadline(Decimal("1000.00"), [(DEADLINE, Decimal("1000.00"))], DEADLINE) == Decimal("0.00")
    late = [(DEADLINE + dt.timedelta(days=1), Decimal("1000.00"))]
    assert unpaid_by_deadline(Decimal("1000.00"), late, DEADLINE) == Decimal("1000.00")


def test_overpayment_by_the_deadline_leaves_nothing_to_compensate():
    assert unpaid_by_deadline(Decimal("1000.00"), [(DEADLINE, Decimal("1200.00"))], DEADLINE) == Decimal("0.00")


def test_dated_payments_refuse_floats_and_datetimes():
    with pytest.raises(TypeError):
        unpaid_by_deadline(Decimal("1000.00"), [(DEADLINE, 10.5)], DEADLINE)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        unpaid_by_deadline(Decimal("1000.00"), [], dt.datetime(2026, 4, 15, 9))
