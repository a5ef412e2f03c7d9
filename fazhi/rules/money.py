"""Arithmetic of payments in a labour-inspection case: the surcharge on a late fine and 加付赔偿金.

Money is `Decimal` in and out, never a float: a float argument raises TypeError. Amounts are yuan, exact to the fen;
results are rounded to the fen (0.01) half-up (ROUND_HALF_UP, the rounding a cashier does by hand).

- 加处罚款 (surcharge on a fine paid late): 行政处罚法 第七十二条第一款第（一）项 — 到期不缴纳罚款的，
  每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额; 第七十三条第三款 — 当事人申请行政复议或者
  提起行政诉讼的，加处罚款的数额在行政复议或者行政诉讼期间不予计算 (law digest §3.5; penalty-items row
  xzcf72_late_fine_payment).
- 加付赔偿金 (additional compensation paid to the worker, not a fine): 劳动合同法 第八十五条
  (按应付金额百分之五十以上百分之一百以下的标准); 劳动保障监察条例 第二十六条 (按照应付金额50%以上1倍以下的标准计算);
  restated for Guangdong by 广东省劳动保障监察条例 第五十一条第一款 and 广东省工资支付条例 第五十六条
  (百分之五十以上一倍以下) (law digest §12).

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from fazhi.rules.periods import Citation
from fazhi.rules.remedies import surcharge_excluded_days

__all__ = [
    "ADDITIONAL_COMPENSATION_CITATIONS",
    "ADDITIONAL_COMPENSATION_MAX_RATE",
    "ADDITIONAL_COMPENSATION_MIN_RATE",
    "FEN",
    "LATE_PAYMENT_DAILY_RATE",
    "LATE_PAYMENT_EXCLUSION_CITATION",
    "LATE_PAYMENT_SURCHARGE_CITATION",
    "Instalment",
    "Owed",
    "Payment",
    "additional_compensation",
    "additional_compensation_due",
    "days_late",
    "fine_owed",
    "late_payment_surcharge",
    "unpaid_by_deadline",
]

FEN = Decimal("0.01")

# 行政处罚法 第七十二条第一款第（一）项: 每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额.
LATE_PAYMENT_DAILY_RATE = Decimal("0.03")
LATE_PAYMENT_SURCHARGE_CITATION = Citation("行政处罚法", 72, paragraph=1, item=1)
# 行政处罚法 第七十三条第三款: 加处罚款的数额在行政复议或者行政诉讼期间不予计算.
LATE_PAYMENT_EXCLUSION_CITATION = Citation("行政处罚法", 73, paragraph=3)

# 劳动合同法 第八十五条: 按应付金额百分之五十以上百分之一百以下的标准向劳动者加付赔偿金;
# 劳动保障监察条例 第二十六条: 按照应付金额50%以上1倍以下的标准计算. Both bounds are included (以上、以下).
ADDITIONAL_COMPENSATION_MIN_RATE = Decimal("0.5")
ADDITIONAL_COMPENSATION_MAX_RATE = Decimal("1.0")
ADDITIONAL_COMPENSATION_CITATIONS: tuple[Citation, ...] = (
    Citation("劳动合同法", 85),
    Citation("劳动保障监察条例", 26),
    Citation("广东省劳动保障监察条例", 51, paragraph=1),
    Citation("广东省工资支付条例", 56),
)


def _amount(value: object, what: str) -> Decimal:
    """A finite, non-negative Decimal exact to the fen; TypeError for a float or any other type."""
    if isinstance(value, float):
        raise TypeError(f"{what}不能是浮点数（float），金额请用 Decimal：{value!r}")
    if not isinstance(value, Decimal):
        raise TypeError(f"{what}应为 Decimal，实为 {type(value).__name__}：{value!r}")
    if not value.is_finite():
        raise ValueError(f"{what}不是有效数额：{value}")
    if value < 0:
        raise ValueError(f"{what}不能为负数：{value}")
    if value != value.quantize(FEN, rounding=ROUND_HALF_UP):
        raise ValueError(f"{what}应精确到分：{value}")
    return value


def _to_fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def days_late(due_on: dt.date, as_of: dt.date, excluded_days: int = 0) -> int:
    """The days for which 加处罚款 accrues: calendar days after `due_on` up to and including `as_of`, less exclusions.

    第七十二条 charges the surcharge when the fine is not paid 到期 (by the due date), 每日: the due date itself is the
    last day of the payment period (第六十七条第三款: 十五日内), so the first day owed is the day after it. A fine paid
    on or before `due_on` owes nothing; paid the day after, one day. `due_on` is the last day as already computed
    (periods.due_date, rolled over past holidays). `excluded_days` are the days of reconsideration or litigation
    (第七十三条第三款), subtracted; the result is never negative.
    """
    for value, what in ((due_on, "缴款期限"), (as_of, "计算日")):
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise TypeError(f"{what}应为日期（date）：{value!r}")
    if isinstance(excluded_days, bool) or not isinstance(excluded_days, int):
        raise TypeError(f"不计算加处罚款的天数应为整数：{excluded_days!r}")
    if excluded_days < 0:
        raise ValueError(f"不计算加处罚款的天数不能为负数：{excluded_days}")
    return max(0, (as_of - due_on).days - excluded_days)


def late_payment_surcharge(fine: Decimal, due_on: dt.date, as_of: dt.date, excluded_days: int = 0) -> Decimal:
    """加处罚款 owed on `as_of` for `fine` due on `due_on`: 3% of the fine per day late, never more than the fine.

    行政处罚法 第七十二条第一款第（一）项: 到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，
    加处罚款的数额不得超出罚款的数额; 第七十三条第三款: days of reconsideration or litigation (`excluded_days`)
    are not counted. Days are counted by `days_late`. The cap bites from day 34 (33 × 3% = 99%; 34 × 3% = 102%
    → 100%). Rounded to the fen, half-up. Raises TypeError for a float (or non-Decimal) fine, ValueError for a
    negative fine, a fine not exact to the fen, or negative `excluded_days`.
    """
    amount = _amount(fine, "罚款数额")
    days = days_late(due_on, as_of, excluded_days)
    return _to_fen(min(amount, amount * LATE_PAYMENT_DAILY_RATE * days))


def additional_compensation(unpaid: Decimal, rate: Decimal) -> Decimal:
    """加付赔偿金: `unpaid` (应付金额 not paid by the ordered deadline) × `rate`, rounded to the fen, half-up.

    劳动合同法 第八十五条 and 劳动保障监察条例 第二十六条: 逾期不支付的，
    责令用人单位按应付金额百分之五十以上百分之一百以下 (50%以上1倍以下) 的标准向劳动者加付赔偿金.
    `rate` is chosen by the department within [0.5, 1.0], both ends included (以上、以下); outside it ValueError.
    Floats (or other non-Decimal values) raise TypeError.
    """
    amount = _amount(unpaid, "应付金额")
    if isinstance(rate, float):
        raise TypeError(f"加付赔偿金比例不能是浮点数（float），请用 Decimal：{rate!r}")
    if not isinstance(rate, Decimal):
        raise TypeError(f"加付赔偿金比例应为 Decimal，实为 {type(rate).__name__}：{rate!r}")
    if not rate.is_finite() or not ADDITIONAL_COMPENSATION_MIN_RATE <= rate <= ADDITIONAL_COMPENSATION_MAX_RATE:
        raise ValueError(f"加付赔偿金比例应在应付金额的百分之五十至百分之一百之间，实为 {rate}")
    return _to_fen(amount * rate)


class Payment(NamedTuple):
    """A payment of wages owed to one worker: the day it was made and its amount (yuan)."""

    paid_on: dt.date
    amount: Decimal


def unpaid_by_deadline(owed: Decimal, payments: Iterable[tuple[dt.date, Decimal]], deadline: dt.date) -> Decimal:
    """The 应付金额 not paid by the ordered deadline: `owed` less the payments made on or before `deadline`.

    劳动合同法 第八十五条 and 劳动保障监察条例 第二十六条: "逾期不支付的，责令用人单位按应付金额…加付赔偿金" — the
    base is what the employer failed to pay by the deadline the order set (legal review B10). A payment on the
    deadline itself is in time (the deadline is the last day to pay); payments after it do not shrink the base,
    however early they come before the order to pay additional compensation. Never negative. `deadline` is the
    order's 期限 (the handling decision's comply-by date)."""
    if isinstance(deadline, dt.datetime) or not isinstance(deadline, dt.date):
        raise TypeError(f"责令支付期限应为日期（date）：{deadline!r}")
    total = _amount(owed, "应付金额")
    paid = Decimal("0.00")
    for paid_on, amount in payments:
        if isinstance(paid_on, dt.datetime) or not isinstance(paid_on, dt.date):
            raise TypeError(f"支付日期应为日期（date）：{paid_on!r}")
        if paid_on <= deadline:
            paid += _amount(amount, "支付金额")
    return max(total - paid, Decimal("0.00"))


def additional_compensation_due(
    owed: Decimal, payments: Iterable[tuple[dt.date, Decimal]], deadline: dt.date, rate: Decimal
) -> Decimal:
    """加付赔偿金 on what was not paid by the deadline (`unpaid_by_deadline`) at `rate` (50 %–100 %,
    劳动合同法 第八十五条; 劳动保障监察条例 第二十六条), rounded to the fen."""
    return additional_compensation(unpaid_by_deadline(owed, payments, deadline), rate)


class Instalment(NamedTuple):
    """A part of a fine and the last day to pay it: the whole fine by the payment period (行政处罚法 第六十七条第三款)
    or an approved deferral, or one instalment of an approved plan (第六十六条第二款)."""

    due_on: dt.date
    amount: Decimal


class Owed(NamedTuple):
    """What is owed on a day of one instalment still unpaid: its amount and its surcharge (0 when not imposed)."""

    due_on: dt.date
    amount: Decimal
    surcharge: Decimal
    excluded_days: int

    @property
    def total(self) -> Decimal:
        return self.amount + self.surcharge


def fine_owed(
    schedule: Iterable[Instalment],
    fine_paid: Decimal,
    as_of: dt.date,
    *,
    pauses: Iterable[tuple[dt.date, dt.date | None]] = (),
    imposed: bool = True,
) -> list[Owed]:
    """The instalments of `schedule` not covered by `fine_paid` (paid in order, the earliest first), each with the
    surcharge owed on `as_of`.

    第七十二条第一款第（一）项 charges 3 % a day of "罚款数额" on a fine not paid 到期: with instalments
    (第六十六条第二款) the sum that fell due and was not paid is the instalment, so a late instalment carries the
    surcharge on its own amount from the day after its own due date, capped at that amount (the total never exceeds
    the fine); an instalment not yet due carries none. The days of a pending reconsideration or lawsuit (`pauses`)
    are not counted (第七十三条第三款). `imposed` false: the organ did not impose the surcharge (第七十二条 "可以"),
    none is owed.
    """
    left = _amount(fine_paid, "已缴罚款")
    owed: list[Owed] = []
    pauses = tuple(pauses)
    for due_on, amount in schedule:
        amount = _amount(amount, "分期金额")
        covered = min(left, amount)
        left -= covered
        unpaid = amount - covered
        if unpaid <= 0:
            continue
        excluded = surcharge_excluded_days(pauses, due_on, as_of)
        surcharge = late_payment_surcharge(unpaid, due_on, as_of, excluded) if imposed else Decimal("0.00")
        owed.append(Owed(due_on, unpaid, surcharge, excluded))
    return owed
