"""The measures a decision imposes: the kinds of administrative penalty (行政处罚法 第九条) and the order to correct
that always goes with a penalty (第二十八条第一款), each with its Chinese name and the article that defines it.

A decided penalty is a list of measures (`Measure`), drawn from the violation's `measures` column
(`fazhi/rules/data/penalty_items.csv`); the decision document prints them in this order. Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class MeasureKind(StrEnum):
    ORDER_CORRECTION = (
        "order_correction"  # 责令改正（限期改正）: not a penalty, always ordered with one (第二十八条第一款)
    )
    WARNING = "warning"  # 警告 (第九条第（一）项)
    FINE = "fine"  # 罚款 (第九条第（二）项)
    CONFISCATION = "confiscation"  # 没收违法所得 (第九条第（二）项; 第二十八条第二款)
    REVOKE_LICENCE = "revoke_licence"  # 吊销许可证件 (第九条第（三）项)
    STOP_WORK = "stop_work"  # 责令停产停业 / 责令项目停工 (第九条第（四）项)

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS: dict[MeasureKind, str] = {
    MeasureKind.ORDER_CORRECTION: "责令改正",
    MeasureKind.WARNING: "警告",
    MeasureKind.FINE: "罚款",
    MeasureKind.CONFISCATION: "没收违法所得",
    MeasureKind.REVOKE_LICENCE: "吊销许可证件",
    MeasureKind.STOP_WORK: "责令停产停业（项目停工）",
}

# The kinds that are administrative penalties (行政处罚法 第九条); the order to correct is not one (第二十八条).
PENALTY_KINDS = frozenset(
    {
        MeasureKind.WARNING,
        MeasureKind.FINE,
        MeasureKind.CONFISCATION,
        MeasureKind.REVOKE_LICENCE,
        MeasureKind.STOP_WORK,
    }
)
# Kinds that carry an amount in yuan.
AMOUNT_KINDS = frozenset({MeasureKind.FINE, MeasureKind.CONFISCATION})


@dataclass(frozen=True)
class Measure:
    """One measure of a decision. `amount` for a fine or confiscation (yuan), `detail` the words the document prints
    after the measure's name (which licence, which project, what to correct and by when)."""

    kind: MeasureKind
    amount: Decimal | None = None
    detail: str = ""

    def as_json(self) -> dict[str, str | None]:
        return {
            "kind": self.kind.value,
            "amount": None if self.amount is None else str(self.amount),
            "detail": self.detail,
        }

    @classmethod
    def from_json(cls, raw: dict[str, str | None]) -> Measure:
        amount = raw.get("amount")
        return cls(
            MeasureKind(str(raw["kind"])),
            Decimal(amount) if amount else None,
            str(raw.get("detail") or ""),
        )
