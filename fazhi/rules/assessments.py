"""The calculator's answer (`Assessment`): the outcome, the range in yuan, the measures, the tier and the facts it
waits for, the citations and the explanation; `as_json` is what a decision stores and the API answers. Made by
`fazhi.rules.penalties`.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from fazhi.rules.facts import FACT_LABELS, Facts
from fazhi.rules.periods import Citation
from fazhi.rules.standards import Standard, TierRule
from fazhi.rules.violations import Violation

__all__ = ["OUTCOME_LABELS", "Assessment", "Outcome"]


class Outcome(StrEnum):
    PENALTY = "penalty"  # 给予行政处罚 within the range
    MAY_WAIVE = "may_waive"  # 可以不予行政处罚 (第三十三条第一款后句)
    NO_PENALTY = "no_penalty"  # 不予行政处罚 (第三十三条)
    MEASURES_ONLY = "measures_only"  # the statute sets no fine
    TIME_BARRED = "time_barred"  # 超过二年，不再查处

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.PENALTY: "依法给予行政处罚",
    Outcome.MAY_WAIVE: "可以不予行政处罚",
    Outcome.NO_PENALTY: "不予行政处罚",
    Outcome.MEASURES_ONLY: "法律未规定罚款，依法责令改正或者采取其他措施",
    Outcome.TIME_BARRED: "超过追责期限，不再查处",
}


@dataclass(frozen=True)
class Assessment:
    violation: Violation
    outcome: Outcome
    fine_min: Decimal | None  # yuan; None: the statute sets no bound the calculator can state
    fine_max: Decimal | None
    statutory_min: Decimal | None
    statutory_max: Decimal | None
    measures: tuple[str, ...]
    tier: TierRule | None
    standard: Standard
    citations: tuple[Citation, ...]
    explanation: tuple[str, ...]
    facts: Facts
    # 减轻处罚 (行政处罚法 第三十二条): a fine below the statutory minimum is lawful, with written reasons and a
    # legal review (`fazhi.rules.fines.check_fine`).
    may_reduce: bool = False
    requested: str = ""  # the code asked for, when it was retired and `violation` is its replacement
    # The facts not yet stated that the standard's tiers wait for (no tier is chosen until they are).
    needs: tuple[str, ...] = ()

    @property
    def has_range(self) -> bool:
        return self.outcome in (Outcome.PENALTY, Outcome.MAY_WAIVE)

    @property
    def fines(self) -> bool:
        """Whether a fine is within the assessment: a range, and a tier that gives one (not 警告 alone)."""
        return self.has_range and (self.tier is None or self.tier.fines)

    def allows(self, fine: Decimal) -> bool:
        """Whether a fine of `fine` yuan lies inside the range (a bound that is not set does not limit)."""
        if not self.fines:
            return False
        return (self.fine_min is None or fine >= self.fine_min) and (self.fine_max is None or fine <= self.fine_max)

    @property
    def range_label(self) -> str:
        if not self.has_range:
            return self.outcome.label
        if not self.fines:
            return f"该阶次不处罚款（{'、'.join(self.tier.measure_labels) if self.tier else ''}）"
        if self.fine_min is None and self.fine_max is None:
            return "法律授权罚款但未规定数额"
        if self.fine_max is None:
            return f"不低于 {self.fine_min} 元"
        return f"{self.fine_min or Decimal('0.00')} 元至 {self.fine_max} 元"

    def as_json(self) -> dict[str, Any]:
        """What a decision stores and the API answers (amounts as strings of yuan, citations as parts)."""
        return {
            "violation": self.violation.code,
            "violation_name": self.violation.name,
            "outcome": self.outcome.value,
            "outcome_label": self.outcome.label,
            "fine_unit": self.violation.fine_unit.value,
            "fine_min": None if self.fine_min is None else str(self.fine_min),
            "fine_max": None if self.fine_max is None else str(self.fine_max),
            "statutory_min": None if self.statutory_min is None else str(self.statutory_min),
            "statutory_max": None if self.statutory_max is None else str(self.statutory_max),
            "measures": list(self.measures),
            "tier": None if self.tier is None else self.tier.tier,
            "tier_label": None if self.tier is None else self.tier.label,
            "standard": self.standard.key,
            "standard_name": self.standard.name,
            "standard_example": self.standard.example,
            "standard_effective_from": self.standard.effective_from.isoformat(),
            "citations": [
                {"statute": c.statute, "article": c.article, "paragraph": c.paragraph, "item": c.item, "label": c.label}
                for c in self.citations
            ],
            "explanation": "\n".join(self.explanation),
            "facts": self.facts.as_json(),
            "may_reduce": self.may_reduce,
            "requested_violation": self.requested or self.violation.code,
            "order_first": self.violation.order_first,
            "needs": [{"fact": name, "label": FACT_LABELS[name]} for name in self.needs],
            "tier_facts": None if self.tier is None else self.tier.facts,
            "tier_conditions": [] if self.tier is None else [c.label for c in self.tier.when],
            "tier_description": None if self.tier is None else self.tier.description,
            "tier_outcome": None if self.tier is None else (self.tier.outcome or "penalty"),
            "tier_measures": [] if self.tier is None else [kind.value for kind in self.tier.measures],
            "fine_allowed": self.fines,
        }
