"""Orange: a penalty decision whose fine lies outside the statutory range of its violation.

The range is the statute's (fazhi/rules/data/penalty_items.csv, through `fazhi.rules.violations`): fixed amounts, or
per worker for the violations fined per worker. The discretionary standard's tier is judged by `fine_outside_standard`
(a departure with recorded reasons is allowed there; a fine outside the statute never is). The decision step refuses
such fines, so this finds imported or corrected data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from fazhi.cases.models import Case, WorkerLine
from fazhi.rules import violations
from fazhi.supervision.rules.base import QueryRule, Row, Severity, lookback_start, yuan


@cache
def _outside() -> Q:
    """The decisions on violations fined within a fixed range (or not fined) whose fine is outside it.

    The violations that share a range are asked together (`violation_code IN (…) AND fine_amount < low`): a score of
    terms, each a seek of the index on the violation (PostgreSQL unions them), or checked on each penalty decision of
    the look-back read from the index cases_case_penalty alone (SQLite)."""
    fixed = Q(pk__in=[])
    fixed_ranges: dict[tuple[Decimal | None, Decimal | None], list[str]] = {}
    unfined: list[str] = []
    for item in violations.all_violations():
        if item.fine_unit is violations.FineUnit.FIXED:
            fixed_ranges.setdefault((item.fine_min, item.fine_max), []).append(item.code)
        elif item.fine_unit is violations.FineUnit.NONE:
            unfined.append(item.code)
    for (low, high), codes in sorted(fixed_ranges.items(), key=str):
        if low is not None:
            fixed |= Q(violation_code__in=codes, fine_amount__lt=low)
        if high is not None:
            fixed |= Q(violation_code__in=codes, fine_amount__gt=high)
    if unfined:
        fixed |= Q(violation_code__in=unfined, fine_amount__gt=0)
    return fixed


def _per_worker_outside(decided: QuerySet[Case]) -> list[int]:
    """The decisions among `decided` on violations fined per worker whose fine is outside the range times the number
    of workers of the case (at least one)."""
    ranges = {v.code: v for v in violations.all_violations() if v.fine_unit is violations.FineUnit.PER_WORKER}
    workers = (
        WorkerLine.objects.filter(case=OuterRef("pk")).order_by().values("case").annotate(n=Count("*")).values("n")
    )
    rows = (
        decided.filter(violation_code__in=list(ranges))
        .annotate(workers=Coalesce(Subquery(workers), 1))
        .values_list("pk", "violation_code", "fine_amount", "workers")
    )
    outside = []
    for pk, code, fine, n in rows:
        item = ranges[code]
        if (item.fine_min is not None and fine < item.fine_min * n) or (
            item.fine_max is not None and fine > item.fine_max * n
        ):
            outside.append(pk)
    return outside


class FineOutOfRange(QueryRule):
    code = "fine_out_of_range"
    name = "罚款超出法定幅度"
    citation = "行政处罚法 第五条、第三十四条；处罚幅度见各违法行为的依据（penalty_items.csv）"
    severity = Severity.ORANGE
    explanation = "处罚决定的罚款金额低于或高于该违法行为法定罚款幅度（按人计罚的按受侵害人数计算）。"
    note = "裁量基准阶次幅度内的判断见“罚款超出裁量基准幅度且未说明理由”（fine_outside_standard）。"
    model = Case
    order = "decided_on"
    columns = ("fine_amount", "violation_code")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        fixed = _outside()
        decided = Case.objects.filter(
            decision_outcome="penalty",
            fine_amount__isnull=False,
            decided_on__lte=as_of,
            decided_on__gte=lookback_start(as_of),
        )
        # One OR of terms each led by `violation_code IN (…)`, and the few decisions on violations fined per worker,
        # judged here against their number of workers.
        return decided.filter(fixed | Q(pk__in=_per_worker_outside(decided)))

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
