"""The measures a proposal or a decision states, as the step's fields give them (行政处罚法 第九条、第二十八条).

A penalty is a list of measures — 警告, 罚款, 没收违法所得 with its amount, 吊销许可证件, 责令停产停业（项目停工）— and
always the order to correct (第二十八条第一款). The proposal's fields are `warning`, `proposed_fine`,
`confiscation_amount`, `revoke_licence`, `stop_work` and `correction`; the decision's the same with `fine_amount`
for the fine. A decision that names no measure takes the ones the party was notified of.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from fazhi.cases.procedure.common import amount
from fazhi.rules import measures as rules
from fazhi.rules import violations
from fazhi.rules.measures import AMOUNT_KINDS, PENALTY_KINDS, Measure, MeasureKind

# The fields naming a penalty measure (beyond the fine, whose field differs between proposal and decision).
PENALTY_FIELDS = ("warning", "confiscation_amount", "revoke_licence", "stop_work")
MEASURE_FIELDS = (*PENALTY_FIELDS, "correction")


def from_data(data: Mapping[str, Any], fine_field: str) -> list[Measure]:
    """The measures typed into a step, the order to correct first."""
    found = [Measure(MeasureKind.ORDER_CORRECTION, detail=str(data.get("correction") or "").strip())]
    if data.get("warning"):
        found.append(Measure(MeasureKind.WARNING))
    fine = amount(data.get(fine_field))
    if fine is not None:
        found.append(Measure(MeasureKind.FINE, amount=fine))
    confiscated = amount(data.get("confiscation_amount"))
    if confiscated is not None:
        found.append(Measure(MeasureKind.CONFISCATION, amount=confiscated))
    for kind, name in ((MeasureKind.REVOKE_LICENCE, "revoke_licence"), (MeasureKind.STOP_WORK, "stop_work")):
        detail = str(data.get(name) or "").strip()
        if detail:
            found.append(Measure(kind, detail=detail))
    return found


def names_a_penalty(data: Mapping[str, Any], fine_field: str) -> bool:
    return any(m.kind in PENALTY_KINDS for m in from_data(data, fine_field))


def penalties(measures: list[Measure]) -> list[Measure]:
    return [m for m in measures if m.kind in PENALTY_KINDS]


def problems(code: str, measures: list[Measure]) -> list[str]:
    """What is wrong with the measures of a penalty for violation `code` (行政处罚法 第九条、第二十八条)."""
    if not penalties(measures):
        return [
            "作出行政处罚的，请至少选择一种处罚：警告、罚款、没收违法所得、吊销许可证件或责令停产停业（行政处罚法第九条）。"
        ]
    if not code:
        return [f"{m.kind.label}须填写金额。" for m in measures if m.kind in AMOUNT_KINDS and not m.amount]
    try:
        return rules.measure_problems(code, measures)
    except violations.UnknownViolation:
        return ["请选择违法行为。"]


def fine_of(measures: list[Measure]) -> Decimal | None:
    return next((m.amount for m in measures if m.kind == MeasureKind.FINE), None)


def as_json(measures: list[Measure]) -> list[dict[str, str | None]]:
    return [m.as_json() for m in measures]


def loaded(raw: object) -> list[Measure]:
    return [Measure.from_json(item) for item in raw] if isinstance(raw, list) else []


def heavier_kinds(decided: list[Measure], notified: list[Measure]) -> list[str]:
    """The penalty kinds decided that the party was not notified of (行政处罚法 第四十四条)."""
    told = {m.kind for m in notified}
    return [m.kind.label for m in penalties(decided) if m.kind not in told]


def describe(measure: Measure) -> str:
    """A measure as a decision prints it: "罚款人民币 1,000.00 元", "吊销劳务派遣经营许可证", "责令改正：…"."""
    if measure.amount is not None:
        return f"{measure.kind.label}人民币 {measure.amount:,.2f} 元"
    if measure.kind == MeasureKind.ORDER_CORRECTION:
        return f"责令改正：{measure.detail}" if measure.detail else "责令改正"
    if measure.kind in (MeasureKind.REVOKE_LICENCE, MeasureKind.STOP_WORK) and measure.detail:
        return f"{measure.kind.label}（{measure.detail}）"
    return measure.kind.label
