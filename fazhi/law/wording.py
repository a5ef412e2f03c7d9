"""The standards in words, as the pages and the load preview show them: ranges in the violation's unit, tiers in order
of severity, conditions and facts as sentences (no codes, no English)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from fazhi.rules.facts import FACT_LABELS, MITIGATION_GROUNDS, Facts
from fazhi.rules.standards import TierRule
from fazhi.rules.violations import FineUnit, Violation

# How the unit of a fine range reads: what comes before the amounts and after each of them.
UNIT_WORDS: dict[FineUnit, tuple[str, str]] = {
    FineUnit.FIXED: ("", "元"),
    FineUnit.PER_WORKER: ("按受侵害的劳动者每人", "元"),
    FineUnit.PER_CHILD_MONTH: ("按每使用一名童工每月", "元"),
    FineUnit.MULTIPLE_OF_AMOUNT: ("按计罚基数的", "倍"),
    FineUnit.PERCENT_PER_DAY: ("按计罚基数每日", "%"),
}


def number(value: Decimal) -> str:
    """12000.00 → "12000", 0.50 → "0.5"."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def unit_range(violation: Violation, low: Decimal | None, high: Decimal | None) -> str:
    """A range in the violation's unit: "按受侵害的劳动者每人 1000 元至 5000 元"."""
    if violation.fine_unit is FineUnit.NONE:
        return "不罚款"
    if low is None and high is None:
        return "法律授权罚款但未规定数额"
    before, after = UNIT_WORDS[violation.fine_unit]
    lead = f"{before} " if before else ""
    low_text = number(low if low is not None else Decimal(0))
    if high is None:
        return f"{lead}{low_text} {after}以上"
    if low is not None and low == high:
        return f"{lead}{number(high)} {after}"
    return f"{lead}{low_text} {after}至 {number(high)} {after}"


def statutory_range(violation: Violation) -> str:
    return unit_range(violation, violation.fine_min, violation.fine_max)


def tier_range(violation: Violation, tier: TierRule) -> str:
    """The tier's range; a bound the tier leaves blank is the statute's (a 减轻 row's lower bound: 0)."""
    if tier.outcome == "no_penalty":
        return "不予处罚"
    if not tier.fines:
        return "不处罚款"
    low = tier.low if tier.low is not None else (Decimal(0) if tier.outcome == "reduced" else violation.fine_min)
    high = tier.high if tier.high is not None else violation.fine_max
    return unit_range(violation, low, high)


# Within one tier, the lightest outcome first: 不予处罚, 可以不予处罚, 减轻处罚, then a penalty within the range.
_OUTCOME_ORDER = ("no_penalty", "may_waive", "reduced", "")


def by_severity(tiers: Iterable[TierRule]) -> list[TierRule]:
    """The tiers lightest first (轻微、一般、较重、严重), whatever order the file tries them in."""
    return sorted(tiers, key=lambda tier: (tier.rank, _OUTCOME_ORDER.index(tier.outcome)))


def facts_in_words(facts: Facts, *, stated: Iterable[str] = ()) -> list[str]:
    """What the facts say, one phrase each: "造成严重危害后果"、"受侵害的劳动者 3 人"、"未及时改正". A yes-or-no fact
    that is "no" is said only when named in `stated` (a tier's conditions weigh it)."""
    stated = set(stated)
    words = []
    if facts.harm is not None:
        words.append(facts.harm.label)
    if facts.workers is not None:
        words.append(f"受侵害的劳动者 {facts.workers} 人")
    if facts.child_months is not None:
        words.append(f"使用童工 {facts.child_months} 人月")
    if facts.base_amount is not None:
        words.append(f"计罚基数 {number(facts.base_amount)} 元")
    if facts.days is not None:
        words.append(f"按日计算 {facts.days} 天")
    if facts.amount_owed is not None:
        words.append(f"拖欠金额 {number(facts.amount_owed)} 元")
    if facts.duration_months is not None:
        words.append(f"持续 {facts.duration_months} 个月")
    if facts.duration_days is not None:
        words.append(f"持续 {facts.duration_days} 天")
    if facts.earlier_violations is not None:
        earlier = facts.earlier_violations
        words.append(f"此前同类违法 {earlier} 次" if earlier else "此前无同类违法记录")
    if facts.corrected_in_time is not None:
        words.append("在责令改正期限内改正" if facts.corrected_in_time else "未在责令改正期限内改正")
    if facts.occurred_on is not None:
        ended = f"至 {facts.ended_on:%Y-%m-%d}" if facts.ended_on is not None else ""
        words.append(f"违法行为自 {facts.occurred_on:%Y-%m-%d} {ended}".strip())
    flags = {
        "first_violation": ("首次违法", "非首次违法"),
        "corrected_promptly": ("已及时改正", "未及时改正"),
        "repeat_within_year": (FACT_LABELS["repeat_within_year"], "一年内未因同类违法行为受过行政处罚"),
        "no_fault": (FACT_LABELS["no_fault"], "不能证明没有主观过错"),
    }
    for fact, (yes, no) in flags.items():
        if getattr(facts, fact):
            words.append(yes)
        elif fact in stated:
            words.append(no)
    words.extend(MITIGATION_GROUNDS[ground][1] for ground in facts.mitigation)
    return words


@dataclass(frozen=True)
class TierRow:
    """A tier as a page shows it."""

    label: str  # 轻微, or with the outcome it sets: 轻微（不予行政处罚）
    conditions: str  # in words; 「其他情形」 for the default tier
    range: str
    measures: str  # the penalties it gives ("": as the article says)
    facts: str


def tier_rows(violation: Violation, tiers: Iterable[TierRule]) -> list[TierRow]:
    """The violation's tiers in order of severity, in words."""
    return [
        TierRow(tier.label, tier.description, tier_range(violation, tier), "、".join(tier.measure_labels), tier.facts)
        for tier in by_severity(tiers)
    ]


def article(violation: Violation) -> str:
    """The basis without the statute's name, within the statute's section: "第四十九条"."""
    first, _, rest = violation.basis.partition(" ")
    return rest if first == violation.statute and rest else violation.basis
