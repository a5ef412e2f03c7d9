"""A proposed or decided fine against the calculator's assessment: what is wrong with it, and whether it needs the
legal review because it leaves the standard's range or goes below the statutory minimum.

- Above the statutory maximum: never (行政处罚法 第十一条至第十四条 set the ranges; 第三十八条 a penalty without
  basis is void).
- Below the statutory minimum: only as 减轻处罚, where the facts give a ground that makes it lawful (第三十二条; 广东省
  劳动保障监察条例 第四十二条第二款、第三款), with written reasons; it then needs the legal review (第五十八条第一款:
  the bureau's reviewers check "行政处罚的种类、幅度" — `needs_legal_review`).
- Outside the tier of the standard (裁量基准, 第三十四条) but within the statute: with written reasons, and the legal
  review.
- Where the law sets no fine or forbids a penalty (measures only; 第三十三条; limitation, 第三十六条), or the standard's
  tier is 不予处罚: no fine.
- Other penalties than the tier gives (a fine where it gives 警告 alone, no fine where it gives 警告 and 罚款): with
  written reasons, and the legal review, as a fine outside the tier.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from fazhi.rules.measures import LABELS, PENALTY_KINDS, MeasureKind
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


def check_fine(
    assessment: Assessment, fine: Decimal | None, reasons: str, kinds: Iterable[MeasureKind] | None = None
) -> FineCheck:
    """Whether `fine` (yuan; None: no fine) may be proposed or decided under `assessment`, with the written `reasons`
    given; with `kinds`, the penalties proposed, checked against those the standard's tier gives."""
    found = assessment.violation
    if fine is not None:
        if assessment.outcome is Outcome.MEASURES_ONLY:
            return FineCheck((f"“{found.name}”法律未规定罚款（{found.basis}），不能处以罚款。",))
        if assessment.outcome in (Outcome.NO_PENALTY, Outcome.TIME_BARRED):
            return FineCheck((f"{assessment.outcome.label}：{assessment.explanation[-1]}",))
    checked = _check_amount(assessment, fine, reasons) if fine is not None else FineCheck(())
    other = _other_kinds(assessment, kinds, fine)
    if not other or checked.problems:
        return checked
    if not reasons.strip():
        return FineCheck(
            (
                f"拟作出的处罚（{other}）与裁量基准该阶次（{'、'.join(_tier_kinds(assessment))}）不同，"
                "须写明理由，并经法制审核。",
            )
        )
    return FineCheck((), outside_tier=True, below_minimum=checked.below_minimum)


def _tier_kinds(assessment: Assessment) -> list[str]:
    tier = assessment.tier
    return [LABELS[kind] for kind in tier.measures if kind in PENALTY_KINDS] if tier is not None else []


def _other_kinds(assessment: Assessment, kinds: Iterable[MeasureKind] | None, fine: Decimal | None) -> str:
    """The penalties proposed, in words, when they differ from those the tier lists (empty: the same, or the tier
    lists none)."""
    tier = assessment.tier
    if kinds is None or tier is None or not tier.measures or not assessment.has_range:
        return ""
    proposed = {kind for kind in kinds if kind in PENALTY_KINDS}
    if fine is not None:
        proposed.add(MeasureKind.FINE)
    if proposed == {kind for kind in tier.measures if kind in PENALTY_KINDS}:
        return ""
    return "、".join(LABELS[kind] for kind in MeasureKind if kind in proposed) or "无"


def _check_amount(assessment: Assessment, fine: Decimal, reasons: str) -> FineCheck:
    found = assessment.violation
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
