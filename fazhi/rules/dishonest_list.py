"""The wage-arrears dishonest list (拖欠农民工工资失信联合惩戒对象名单), 人力资源社会保障部令第45号 (in force
2022-01-01; law digest §5; the text is shared/domain/statutes/tuoqian-nongmingong-gongzi-shixin-mingdan-banfa.md).

What this module decides, each with its article:
- the trigger (第五条): wages of migrant workers in arrears at the amount of 拒不支付劳动报酬罪 (法释〔2013〕3号
  第三条, `fazhi.rules.crime`) or a mass or extreme incident with serious social impact, AND an order to pay by a
  deadline (法释〔2013〕3号 第四条: 限期整改指令书, 行政处理决定书) whose deadline passed unpaid;
- the exemption (第七条): corrected before the listing decision and a written credit commitment → may not list;
- the listing term (第十一条): 3 years from the day of the listing decision (36 months, 民法典 第二百零一条、
  第二百零二条: the start day is not counted, the term's last day is the corresponding day, or the month's last day);
- early removal (第十二、十三条): corrected, on the list 6 full months since the correction, a written commitment, and
  none of the bars;
- the texts a 列入决定书 must carry (第八条第二款): the sanctions (第十条第二款), the early-removal conditions and
  procedure (第十二条至第十四条) and the remedies (第十八条).

The time limits (objection 5 WD, its verification 5 WD, decision 20 WD (+20), early-removal decision 15 WD, removal
10 WD) are rows of data/periods.toml.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from fazhi.rules.crime import Threshold, WageLine, check_wage_crime
from fazhi.rules.periods import Citation

__all__ = [
    "BANFA",
    "BARS",
    "EARLY_REMOVAL_MONTHS",
    "LISTING_MONTHS",
    "SANCTIONS",
    "Ground",
    "Trigger",
    "add_months",
    "check_trigger",
    "early_removal_from",
    "early_removal_problems",
    "listing_ends_on",
    "may_exempt",
]

BANFA = "拖欠农民工工资失信联合惩戒对象名单管理暂行办法"
LISTING_MONTHS = 36  # 第十一条: 3 years
EARLY_REMOVAL_MONTHS = 6  # 第十二条第（二）项
# The outcomes of a case that order payment by a deadline (法释〔2013〕3号 第四条: 限期整改指令书、行政处理决定书).
ORDERS_TO_PAY = frozenset({"handling_decision", "rectification"})


class Ground(StrEnum):
    """第五条: the two situations that, with an unpaid order, require listing."""

    AMOUNT = "amount"
    INCIDENT = "incident"

    @property
    def label(self) -> str:
        return GROUND_LABELS[self]

    @property
    def citation(self) -> Citation:
        return Citation(BANFA, 5, item=1 if self is Ground.AMOUNT else 2)

    @property
    def reason(self) -> str:
        """The listing reason (列入事由) as published: the statute's words, no free text."""
        return f"{self.label}，经人力资源社会保障行政部门依法责令限期支付工资，逾期未支付"


GROUND_LABELS = {
    Ground.AMOUNT: "克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准",
    Ground.INCIDENT: "因拖欠农民工工资违法行为引发群体性事件、极端事件造成严重不良社会影响",
}

# 第十条第二款, word for word.
SANCTIONS = (
    "对被列入失信联合惩戒名单的当事人，由相关部门在政府资金支持、政府采购、招投标、融资贷款、市场准入、税收优惠、"
    "评优评先、交通出行等方面依法依规予以限制。"
)
SANCTIONS_CITATION = Citation(BANFA, 10, 2)
BASIS = f"《{BANFA}》第五条、第八条、第十一条；《保障农民工工资支付条例》第四十八条"
# 第十二条至第十四条, in the words the 列入决定书 gives them (第八条第二款: 提前移出条件和程序).
EARLY_REMOVAL_TERMS = (
    "用人单位已经改正拖欠农民工工资违法行为，自改正之日起被列入失信联合惩戒名单满6个月，并作出不再拖欠农民工工资"
    "书面信用承诺的，可以向作出列入决定的人力资源社会保障行政部门提交书面申请、已经改正的证据和书面信用承诺，申请"
    "提前移出失信联合惩戒名单；列入期限内再次发生拖欠农民工工资违法行为，或者因涉嫌拒不支付劳动报酬犯罪正在刑事诉讼"
    "期间或者已经被追究刑事责任的，不得提前移出。人力资源社会保障行政部门自收到申请之日起15个工作日内予以核实并作出"
    "决定；准予提前移出的，其他当事人一并移出。"
)
# 第十八条.
REMEDIES = "当事人对列入失信联合惩戒名单决定不服的，可以依法申请行政复议或者提起行政诉讼。"


class Bar(StrEnum):
    """第十三条: what stops an early removal although 第十二条's conditions are met."""

    NEW_ARREARS = "new_arrears"
    CRIMINAL = "criminal"
    OTHER = "other"

    @property
    def label(self) -> str:
        return BARS[self]


BARS = {
    Bar.NEW_ARREARS: "列入失信联合惩戒名单期限内再次发生拖欠农民工工资违法行为（第十三条第（一）项）",
    Bar.CRIMINAL: "因涉嫌拒不支付劳动报酬犯罪正在刑事诉讼期间或者已经被追究刑事责任（第十三条第（二）项）",
    Bar.OTHER: "法律、法规和党中央、国务院政策文件规定的其他情形（第十三条第（三）项）",
}


@dataclass(frozen=True)
class Trigger:
    met: bool
    problems: tuple[str, ...]  # why not (Chinese); empty when met
    reasons: tuple[str, ...] = ()  # why (Chinese), when met


def check_trigger(
    *,
    ground: Ground,
    order_outcome: str,
    order_deadline: dt.date | None,
    today: dt.date,
    arrears: Sequence[WageLine],
    threshold: Threshold,
    unpaid_at_deadline: bool,
    incident: str = "",
) -> Trigger:
    """第五条: whether the employer is to be listed. `arrears`: each worker's wages in arrears as found (the amount
    owed, not what is left after later payments: the arrears "达到" the amount when the order was given);
    `unpaid_at_deadline`: the officer confirms the wages were not paid by the order's deadline (a payment has no date
    of its own); `incident`: what happened, for the second ground."""
    problems: list[str] = []
    reasons: list[str] = []
    if order_outcome not in ORDERS_TO_PAY or order_deadline is None:
        problems.append("本案没有责令限期支付工资的行政处理决定或限期整改指令（第五条）。")
    elif today <= order_deadline:
        problems.append(f"责令支付工资的期限至 {order_deadline:%Y-%m-%d} 届满，届满后仍未支付的方可列入（第五条）。")
    if not unpaid_at_deadline:
        problems.append("请核实并确认用人单位在责令支付期限届满时仍未支付工资（第五条）。")
    if ground is Ground.AMOUNT:
        check = check_wage_crime(arrears, threshold)
        if check.reached:
            reasons.extend(check.reasons)
        else:
            problems.append(f"{check.reasons[0]}，不符合第五条第（一）项。")
    elif not incident.strip():
        problems.append("请写明引发的群体性事件、极端事件及其造成的严重不良社会影响（第五条第（二）项）。")
    else:
        reasons.append(GROUND_LABELS[Ground.INCIDENT])
    if problems:
        return Trigger(False, tuple(problems))
    return Trigger(True, (), tuple(reasons))


def may_exempt(*, corrected_on: dt.date | None, commitment_on: dt.date | None, today: dt.date) -> list[str]:
    """第七条: why the employer may not be spared the listing (empty: it may). Both the correction and the written
    credit commitment must come before the listing decision, i.e. by today."""
    problems = []
    if corrected_on is None or corrected_on > today:
        problems.append("请填写用人单位改正拖欠农民工工资违法行为的日期（不晚于今天）。")
    if commitment_on is None or commitment_on > today:
        problems.append("请填写用人单位作出不再拖欠农民工工资书面信用承诺的日期（不晚于今天）。")
    return problems


def add_months(start: dt.date, months: int) -> dt.date:
    """The corresponding day `months` months after `start`, or that month's last day when it has none (民法典
    第二百零二条). Not rolled to a working day: a term on a list is not a time to act."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(start.day, (following - dt.timedelta(days=1)).day))


def listing_ends_on(decided_on: dt.date) -> dt.date:
    """The last day on the list (第十一条: 3 years from the day of the decision; the start day not counted, 民法典
    第二百零一条): 2026-03-09 → 2029-03-09. From the day after, the listing has expired."""
    return add_months(decided_on, LISTING_MONTHS)


def early_removal_from(*, decided_on: dt.date, corrected_on: dt.date) -> dt.date:
    """The first day an early removal may be granted (第十二条第（二）项: on the list 6 full months since the
    correction): the 6 months run from the later of the listing decision and the correction; they are full at the end
    of their last day (民法典 第二百零二条), so the day after."""
    start = max(decided_on, corrected_on)
    return add_months(start, EARLY_REMOVAL_MONTHS) + dt.timedelta(days=1)


def early_removal_problems(
    *,
    decided_on: dt.date,
    corrected_on: dt.date | None,
    commitment: bool,
    on: dt.date,
    bars: Sequence[Bar] = (),
) -> list[str]:
    """Why an early removal may not be granted on `on` (empty: it may). 第十二条 conditions, then 第十三条 bars."""
    problems = []
    if corrected_on is None or corrected_on > on:
        problems.append("用人单位尚未改正拖欠农民工工资违法行为（第十二条第（一）项）。")
    else:
        first = early_removal_from(decided_on=decided_on, corrected_on=corrected_on)
        if on < first:
            problems.append(f"自改正之日起被列入名单未满6个月，{first:%Y-%m-%d} 起方可提前移出（第十二条第（二）项）。")
    if not commitment:
        problems.append("用人单位未作出不再拖欠农民工工资的书面信用承诺（第十二条第（三）项）。")
    problems.extend(f"不得提前移出：{BARS[bar]}。" for bar in bars)
    return problems
