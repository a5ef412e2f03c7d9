"""A proposed or decided fine against the calculator's assessment: what is wrong with it, and whether it needs the
legal review because it leaves the standard's range or goes below the statutory minimum.

- Above the statutory maximum: never (行政处罚法 第十一条至第十四条 set the ranges; 第三十八条 a penalty without
  basis is void).
- Below the statutory minimum: only as 减轻处罚, where the facts give a ground that makes it lawful (第三十二条; 广东省
  劳动保障监察条例 第四十二条第二款、第三款), with written reasons; it then needs the legal review (第五十八条第一款:
  the bureau's reviewers check "行政处罚的种类、幅度" — `needs_legal_review`).
- Outside the tier of the standard (裁量基准, 第三十四条) but within the statute: with written reasons, and the legal
  review.
- Where the law sets no fine or forbids a penalty (measures only; 第三十三条; limitation, 第三十六条): no fine.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fazhi.rules.penalties import Assessment, Outcome

__all__ = ["FineCheck", "check_fine"]


@dataclass(frozen=True)
class FineCheck:
    problems: tuple[str, ...]  # Chinese, empty when the fine may be proposed or decided
    outside_tier: bool = False  # outside the standard's tier, within the statute (reasons given)
    below_minimum: bool = False  # 减轻处罚 below the statutory minimum (reasons given)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def needs_legal_review(self) -> bool:
        """A fine outside the standard's range or below the statutory minimum is reviewed before the decision."""
        return self.ok and (self.outside_tier or self.below_minimum)


def _yuan(amount: Decimal | None) -> str:
    return f"{amount if amount is not None else Decimal('0.00')} 元"


def check_fine(assessment: Assessment, fine: Decimal, reasons: str) -> FineCheck:
    """Whether `fine` (yuan) may be proposed or decided under `assessment`, with the written `reasons` given."""
    found = assessment.violation
    if assessment.outcome is Outcome.MEASURES_ONLY:
        return FineCheck((f"“{found.name}”法律未规定罚款（{found.basis}），不能处以罚款。",))
    if assessment.outcome in (Outcome.NO_PENALTY, Outcome.TIME_BARRED):
        return FineCheck((f"{assessment.outcome.label}：{assessment.explanation[-1]}",))
    if fine <= 0:
        return FineCheck(("罚款金额应大于零；不予处罚的，请选择不予行政处罚。",))
    low, high = assessment.statutory_min, assessment.statutory_max
    span = f"{_yuan(low)}至{_yuan(high)}" if high is not None else f"{_yuan(low)}以上"
    if high is not None and fine > high:
        return FineCheck((f"罚款不得高于法定最高额 {high} 元（{found.basis}，法定幅度 {span}）。",))
    written = bool(reasons.strip())
    if low is not None and fine < low:
        if not assessment.may_reduce:
            return FineCheck(
                (
                    f"罚款不得低于法定最低额 {low} 元（{found.basis}，法定幅度 {span}）；"
                    "只有具备行政处罚法第三十二条规定的应当从轻或者减轻处罚情形的，才可以减轻处罚。",
                )
            )
        if not written:
            return FineCheck(
                (
                    f"拟罚款 {fine} 元低于法定最低额 {low} 元，属减轻处罚，"
                    "须书面写明理由（行政处罚法第三十二条），并经法制审核。",
                )
            )
        return FineCheck((), outside_tier=True, below_minimum=True)
    if not assessment.allows(fine):
        if not written:
            return FineCheck(
                (
                    f"拟罚款 {fine} 元超出裁量幅度（{assessment.range_label}），须写明理由，并经法制审核。"
                    f"计算过程：{''.join(assessment.explanation[1:])}",
                )
            )
        return FineCheck((), outside_tier=True)
    return FineCheck(())
