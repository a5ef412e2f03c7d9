"""The tiers (裁量阶次) of a discretionary standard and how the facts choose one, as the bureau published them.

Tiers are tried in the file's order; the first whose conditions all hold is chosen. A tier naming a fact that is not
yet stated cannot be chosen yet, nor can any tier after it: `choose_tier` then says which facts it waits for (`needs`).
The tier without conditions — published tables' 「其他情形」 — applies when no other tier does, once every fact the
tiers before it name is stated. So a standard tiered by workers, amounts or duration applies without any harm being
stated, and the example set, whose tiers name the harm (危害后果), chooses none until the harm is stated.

A tier may also set the outcome: 不予处罚 (a minor first violation corrected in time, 行政处罚法 第三十三条第一款),
可以不予处罚, or 减轻处罚 below the statutory minimum (第三十二条), and the measures it gives (警告 alone, 警告 and
罚款 …, `fazhi.rules.measures`).

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from fazhi.rules.conditions import COUNTS, Condition, candidates, describe
from fazhi.rules.facts import Facts
from fazhi.rules.measures import LABELS, MeasureKind
from fazhi.rules.violations import FineUnit, Violation

__all__ = [
    "OUTCOMES",
    "TIERS",
    "NoExample",
    "Standard",
    "TierChoice",
    "TierRule",
    "choose_tier",
    "example_facts",
    "select_tier",
]

# The tiers, lightest first (their order is what 从重 and 从轻 move along).
TIERS: dict[str, str] = {"minor": "轻微", "general": "一般", "serious": "较重", "grave": "严重"}
# What a tier decides beyond a fine within its range ("": a penalty within the range).
OUTCOMES: dict[str, str] = {
    "": "给予行政处罚",
    "no_penalty": "不予行政处罚",  # 行政处罚法 第三十三条第一款
    "may_waive": "可以不予行政处罚",  # 第三十三条第一款后句
    "reduced": "减轻处罚",  # 第三十二条: below the statutory minimum
}
_DEFAULTS: dict[str, Any] = {field.name: field.default for field in fields(Facts)}
# The most facts combined when looking for a worked example (a standard names a handful per violation).
_SEARCH_LIMIT = 20_000


@dataclass(frozen=True)
class TierRule:
    tier: str  # a key of TIERS
    when: tuple[Condition, ...]  # all must hold; none: the default tier
    low: Decimal | None  # in the violation's unit; None: no lower bound beyond the statute's (0 when reduced)
    high: Decimal | None  # None: the statute's maximum (or none set)
    facts: str  # the facts in words, as published
    outcome: str = ""  # a key of OUTCOMES
    measures: tuple[MeasureKind, ...] = ()  # the penalties the tier gives; empty: as the article says

    @property
    def label(self) -> str:
        """「一般」, or with the outcome it sets: 「轻微（不予行政处罚）」「轻微（减轻处罚）」."""
        return TIERS[self.tier] + (f"（{OUTCOMES[self.outcome]}）" if self.outcome else "")

    @property
    def tier_label(self) -> str:
        return TIERS[self.tier]

    @property
    def rank(self) -> int:
        return list(TIERS).index(self.tier)

    @property
    def description(self) -> str:
        """The conditions in words (「受侵害劳动者 11 至 30 人，在责令改正期限内改正」; 「其他情形」)."""
        return describe(self.when)

    @property
    def fines(self) -> bool:
        """Whether the tier allows a fine (no measures listed: as the article says)."""
        return self.outcome != "no_penalty" and (not self.measures or MeasureKind.FINE in self.measures)

    @property
    def measure_labels(self) -> tuple[str, ...]:
        return tuple(LABELS[kind] for kind in self.measures)

    def mentions(self, fact: str) -> bool:
        return any(condition.fact == fact for condition in self.when)

    @property
    def named(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(condition.fact for condition in self.when))


@dataclass(frozen=True)
class Standard:
    key: str  # "example", or the version's identifier in the database
    name: str
    effective_from: dt.date
    example: bool
    rules: Mapping[str, tuple[TierRule, ...]]  # violation code → tiers, in the order they are tried
    note: str = ""

    def tiers_of(self, code: str) -> tuple[TierRule, ...]:
        return self.rules.get(code, ())

    def named_facts(self, code: str | None = None) -> frozenset[str]:
        """The facts the tiers name: of one violation, or of all."""
        groups = [self.tiers_of(code)] if code is not None else list(self.rules.values())
        return frozenset(fact for tiers in groups for rule in tiers for fact in rule.named)


@dataclass(frozen=True)
class TierChoice:
    tier: TierRule | None
    needs: tuple[str, ...] = ()  # facts not yet stated that the choice waits for (names of FACT_LABELS)


def choose_tier(rules: Sequence[TierRule], facts: Facts) -> TierChoice:
    """The first tier, in order, whose conditions all hold; none while a tier before it names a fact not yet stated
    (`needs` says which); the default tier when no other holds and nothing is missing."""
    needs: list[str] = []
    for rule in rules:
        if not rule.when:
            continue
        states = [condition.state(facts) for condition in rule.when]
        if any(state is False for state in states):
            continue
        if any(state is None for state in states):
            needs.extend(c.fact for c, state in zip(rule.when, states, strict=True) if state is None)
            continue
        if not needs:
            return TierChoice(rule)
        break  # it holds, but a tier before it may too once its facts are stated
    if needs:
        return TierChoice(None, tuple(dict.fromkeys(needs)))
    return TierChoice(next((rule for rule in rules if not rule.when), None))


def select_tier(rules: Sequence[TierRule], facts: Facts) -> TierRule | None:
    """The tier chosen (`choose_tier`), or None."""
    return choose_tier(rules, facts).tier


class NoExample(ValueError):
    """No facts were found that choose a tier; `proven` when none exist (every combination that matters was tried)."""

    def __init__(self, message: str, *, proven: bool) -> None:
        super().__init__(message)
        self.proven = proven


def _unit_facts(violation: Violation | None) -> dict[str, Any]:
    """What the violation's fine unit multiplies by, at a value easy to follow, for a worked example."""
    unit = violation.fine_unit if violation is not None else FineUnit.FIXED
    facts: dict[FineUnit, dict[str, Any]] = {
        FineUnit.PER_WORKER: {"workers": 1},
        FineUnit.PER_CHILD_MONTH: {"child_months": 1},
        FineUnit.MULTIPLE_OF_AMOUNT: {"base_amount": Decimal("10000.00")},
        FineUnit.PERCENT_PER_DAY: {"base_amount": Decimal("10000.00"), "days": 10},
    }
    return facts.get(unit, {})


def _consistent(values: Mapping[str, Any]) -> bool:
    first = values.get("first_violation")
    return not (first and (values.get("repeat_within_year") or values.get("earlier_violations")))


def _fewest(facts: Facts, tier: TierRule, rules: Sequence[TierRule], *, keep: set[str]) -> Facts:
    """`facts` without those the choice of `tier` does not need (left at their default: not stated, not ticked)."""
    for name in dict.fromkeys(c.fact for rule in rules for c in rule.when):
        if name in keep or tier.mentions(name):
            continue
        fewer = replace(facts, **{name: _DEFAULTS[name]})
        if choose_tier(rules, fewer).tier == tier:
            facts = fewer
    return facts


def example_facts(tier: TierRule, tiers: Sequence[TierRule] = (), *, violation: Violation | None = None) -> Facts:
    """Facts under which `tier` is chosen among `tiers` (its violation's, in order; the tier alone when not given), for
    a worked example: every fact a tier names is stated, at the first value that works — a tier's own bound where it
    can. With `violation`, what its fine unit multiplies by is stated too (1 worker, 10,000 yuan …) unless a tier names
    it. NoExample (a ValueError, Chinese) when no facts choose the tier — `proven`: the tiers before it take all its
    cases, or its conditions contradict each other; not `proven`: too many combinations to try (not seen in a
    published table)."""
    rules = tuple(tiers) or (tier,)
    if tier not in rules:
        raise NoExample("该阶次不在所给的阶次之中", proven=True)
    unit = _unit_facts(violation)
    # A tier with conditions is chosen or not by the tiers up to it; the default, by all the others.
    deciding = rules[: rules.index(tier) + 1] if tier.when else rules
    conditions = [condition for rule in deciding for condition in rule.when]
    named = list(dict.fromkeys(condition.fact for condition in conditions))
    options: list[list[Any]] = []
    for fact in named:
        own = [condition for condition in tier.when if condition.fact == fact]
        values = [
            value
            for value in candidates(fact, conditions)
            if all(condition.state(Facts(**{fact: value})) for condition in own)
            and not (fact in unit and not value)  # the fine unit needs at least 1 (worker, yuan …)
        ]
        bounds = {Decimal(condition.values[0]) for condition in own if condition.fact in COUNTS}
        options.append([v for v in values if v in bounds] + [v for v in values if v not in bounds])
    for count, combination in enumerate(itertools.product(*options)):
        if count >= _SEARCH_LIMIT:
            raise NoExample("情节的组合过多，未能找出适用该阶次的示例情节", proven=False)
        chosen = dict(zip(named, combination, strict=True))
        if not _consistent(chosen):
            continue
        facts = Facts(**{**unit, **chosen})
        if choose_tier(rules, facts).tier == tier:
            return _fewest(facts, tier, rules, keep=set(unit))
    raise NoExample("没有任何情节会适用该阶次：排在它前面的阶次已涵盖它的全部情形，或者它的条件互相矛盾", proven=True)
