"""Orange: a penalty decision whose fine lies outside the statutory range of its violation.

The range is the statute's (fazhi/rules/data/penalty_items.csv, through `fazhi.rules.violations`): fixed amounts, or
per worker for the violations fined per worker. When the discretionary standards (裁量基准, issue 5) land, the range
becomes the standard's tier and a departure with recorded reasons stops raising the alert; until then every decision
outside the statutory range does (the decision step refuses such fines, so this finds imported or corrected data).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from fazhi.cases.models import Case, WorkerLine
from fazhi.rules import violations
from fazhi.supervision.rules.base import QueryRule, Row, Severity, lookback_start, yuan


@cache
def _outside() -> tuple[Q, Q]:
    """(fixed-range violations outside their range, per-worker violations outside theirs given `workers`).

    The violations that share a range are asked together: `violation_code IN (…) AND fine_amount < low` is one seek
    of the index of penalty decisions on (violation code, fine), so the fines in range are never read."""
    fixed, per_worker = Q(pk__in=[]), Q(pk__in=[])
    fixed_ranges: dict[tuple[Decimal | None, Decimal | None], list[str]] = {}
    worker_ranges: dict[tuple[Decimal | None, Decimal | None], list[str]] = {}
    unfined: list[str] = []
    for item in violations.all_violations():
        if item.fine_unit is violations.FineUnit.FIXED:
            fixed_ranges.setdefault((item.fine_min, item.fine_max), []).append(item.code)
        elif item.fine_unit is violations.FineUnit.PER_WORKER:
            worker_ranges.setdefault((item.fine_min, item.fine_max), []).append(item.code)
        elif item.fine_unit is violations.FineUnit.NONE:
            unfined.append(item.code)
    for (low, high), codes in sorted(fixed_ranges.items(), key=str):
        if low is not None:
            fixed |= Q(violation_code__in=codes, fine_amount__lt=low)
        if high is not None:
            fixed |= Q(violation_code__in=codes, fine_amount__gt=high)
    if unfined:
        fixed |= Q(violation_code__in=unfined, fine_amount__gt=0)
    for (low, high), codes in sorted(worker_ranges.items(), key=str):
        outside = Q(pk__in=[])
        if low is not None:
            outside |= Q(fine_amount__lt=F("workers") * low)
        if high is not None:
            outside |= Q(fine_amount__gt=F("workers") * high)
        per_worker |= Q(violation_code__in=codes) & outside
    return fixed, per_worker


def _per_worker_codes() -> list[str]:
    return [v.code for v in violations.all_violations() if v.fine_unit is violations.FineUnit.PER_WORKER]


class FineOutOfRange(QueryRule):
    code = "fine_out_of_range"
    name = "罚款超出法定幅度"
    citation = "行政处罚法 第五条、第三十四条；处罚幅度见各违法行为的依据（penalty_items.csv）"
    severity = Severity.ORANGE
    explanation = "处罚决定的罚款金额低于或高于该违法行为法定罚款幅度（按人计罚的按受侵害人数计算）。"
    note = "裁量基准（issue 5）建立后改按基准阶次判断，并排除已记录理由的偏离。"
    model = Case
    order = "decided_on"
    columns = ("fine_amount", "violation_code")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        fixed, per_worker = _outside()
        decided = Case.objects.filter(
            decision_outcome="penalty",
            fine_amount__isnull=False,
            decided_on__lte=as_of,
            decided_on__gte=lookback_start(as_of),
        )
        workers = (
            WorkerLine.objects.filter(case=OuterRef("pk")).order_by().values("case").annotate(n=Count("*")).values("n")
        )
        # One OR of terms each led by `violation_code IN (…)`: the database unions seeks of the penalty index and counts
        # the workers only of the few cases of violations fined per worker.
        return decided.alias(workers=Coalesce(Subquery(workers), 1)).filter(fixed | per_worker)

    def describe(self, row: Row) -> str:
        code = str(row["violation_code"])
        try:
            item = violations.violation(code)
        except violations.UnknownViolation:
            return f"罚款 {yuan(row['fine_amount'])}，违法行为 {code}"
        low = yuan(item.fine_min) or "—"
        high = yuan(item.fine_max) or "—"
        unit = "（每人）" if item.fine_unit is violations.FineUnit.PER_WORKER else ""
        return f"罚款 {yuan(row['fine_amount'])}，“{item.name}”法定幅度 {low}至{high}{unit}（{item.basis}）"


RULE = FineOutOfRange()
