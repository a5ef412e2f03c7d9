"""The amount threshold of 拒不支付劳动报酬罪 (刑法 第二百七十六条之一) and the flag for transfer to the police.

法释〔2013〕3号 第三条: "数额较大" is (一) one worker unpaid for three months' pay or more, 5,000–20,000 yuan or more;
(二) ten workers or more, 30,000–100,000 yuan or more in total; each province's high court fixes its figure within
those ranges. Guangdong's figures (粤高法发〔2015〕4号, law digest §14.8, [T-web]: Shenzhen and the other 一类 cities
20,000 / 100,000, the other cities 10,000 / 60,000) are the defaults of the settings
FAZHI_CRIME_THRESHOLD_ONE_WORKER and FAZHI_CRIME_THRESHOLD_MANY_WORKERS; a deployment elsewhere sets its province's
figures, which must lie in the ranges.
The crime needs also that the employer does not pay after the authority ordered payment (第四条: by 限期整改指令书,
行政处理决定书 or the like): only then is the case flagged for transfer (行政执法机关移送涉嫌犯罪案件的规定 第三条).

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from fazhi.rules.periods import Citation

__all__ = ["CITATIONS", "CrimeCheck", "Threshold", "WageLine", "check_wage_crime", "months_unpaid"]

INTERPRETATION = "最高人民法院关于审理拒不支付劳动报酬刑事案件适用法律若干问题的解释"
CITATIONS = (Citation("刑法", 276, 1, sub=1), Citation(INTERPRETATION, 3, 1, 1), Citation(INTERPRETATION, 3, 1, 2))
ORDER_CITATION = Citation(INTERPRETATION, 4)
TRANSFER_CITATION = Citation("行政执法机关移送涉嫌犯罪案件的规定", 3)
ONE_WORKER_RANGE = (Decimal(5000), Decimal(20000))
MANY_WORKERS_RANGE = (Decimal(30000), Decimal(100000))
MIN_MONTHS = 3
MIN_WORKERS = 10


@dataclass(frozen=True)
class Threshold:
    one_worker: Decimal
    many_workers: Decimal

    def __post_init__(self) -> None:
        low, high = ONE_WORKER_RANGE
        if not low <= self.one_worker <= high:
            raise ValueError(f"一名劳动者的数额标准应在 {low} 元至 {high} 元之间（法释〔2013〕3号第三条）")
        low, high = MANY_WORKERS_RANGE
        if not low <= self.many_workers <= high:
            raise ValueError(f"十名以上劳动者的数额标准应在 {low} 元至 {high} 元之间（法释〔2013〕3号第三条）")


@dataclass(frozen=True)
class WageLine:
    unpaid: Decimal  # yuan still unpaid
    months: int | None  # whole months of pay unpaid; None when the period is not known


@dataclass(frozen=True)
class CrimeCheck:
    reached: bool
    reasons: tuple[str, ...]  # why it was reached, or why not (Chinese)
    citations: tuple[Citation, ...] = CITATIONS


def months_unpaid(start: dt.date | None, end: dt.date | None) -> int | None:
    """Whole months from `start` to `end` inclusive (1 March – 31 May = 3); None when either is unknown."""
    if start is None or end is None or end < start:
        return None
    following = end + dt.timedelta(days=1)
    months = (following.year - start.year) * 12 + following.month - start.month
    return months if following.day >= start.day else months - 1


def check_wage_crime(lines: Sequence[WageLine], threshold: Threshold) -> CrimeCheck:
    """Whether the unpaid wages reach 数额较大 (法释〔2013〕3号 第三条)."""
    reasons = []
    for line in lines:
        if line.months is not None and line.months >= MIN_MONTHS and line.unpaid >= threshold.one_worker:
            reasons.append(
                f"拒不支付一名劳动者 {line.months} 个月的劳动报酬 {line.unpaid} 元，"
                f"达到 {threshold.one_worker} 元的标准"
                "（法释〔2013〕3号第三条第一款第（一）项）"
            )
            break
    unpaid = [line for line in lines if line.unpaid > 0]
    total = sum((line.unpaid for line in unpaid), Decimal(0))
    if len(unpaid) >= MIN_WORKERS and total >= threshold.many_workers:
        reasons.append(
            f"拒不支付 {len(unpaid)} 名劳动者的劳动报酬累计 {total} 元，达到 {threshold.many_workers} 元的标准"
            "（法释〔2013〕3号第三条第一款第（二）项）"
        )
    if reasons:
        return CrimeCheck(True, tuple(reasons))
    return CrimeCheck(
        False,
        (
            "未达到拒不支付劳动报酬罪的数额标准"
            f"（一名劳动者三个月以上且 {threshold.one_worker} 元，或十名以上劳动者累计 "
            f"{threshold.many_workers} 元；法释〔2013〕3号第三条）",
        ),
    )
