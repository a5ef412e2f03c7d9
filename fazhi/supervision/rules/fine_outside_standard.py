"""Orange: a penalty whose fine lies outside the discretionary range (裁量基准的阶次幅度) its decision applied, with no
reasons recorded for the departure.

The decision keeps the range it applied (`Decision.range_min` / `range_max`, from the standard in force, 行政处罚法
第三十七条); a fine outside it needs written reasons and a legal review (`Case.fine_reasons`, the proposal step). The
decision step refuses a departure without reasons, so this finds data changed or imported afterwards. Cases decided
before the standards existed carry no range and are judged by `fine_out_of_range` (the statute's range) only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet

from fazhi.cases.models import Case
from fazhi.supervision.rules.base import Evidence, QueryRule, Row, Severity, lookback_start, yuan


class FineOutsideStandard(QueryRule):
    code = "fine_outside_standard"
    name = "罚款超出裁量基准幅度且未说明理由"
    citation = "行政处罚法 第三十四条、第五十八条；本局行政处罚裁量基准"
    severity = Severity.ORANGE
    explanation = "处罚决定的罚款金额不在其适用的裁量阶次幅度内，案卷中却没有记录偏离裁量基准的理由。"
    model = Case
    order = "decided_on"
    columns = ("fine_amount", "decision__range_min", "decision__range_max")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        outside = Q(fine_amount__lt=F("decision__range_min")) | Q(fine_amount__gt=F("decision__range_max"))
        return Case.objects.filter(
            outside,
            decision_outcome="penalty",
            fine_amount__isnull=False,
            fine_reasons="",
            decided_on__lte=as_of,
            decided_on__gte=lookback_start(as_of),
        )

    def describe(self, row: Row) -> str:
        low = yuan(row["decision__range_min"]) or "—"
        high = yuan(row["decision__range_max"]) or "—"
        return f"罚款 {yuan(row['fine_amount'])}，适用的裁量幅度 {low}至{high}，未记录偏离理由"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        return Evidence(journal_actions=("cases.propose", "cases.decide"))


RULE = FineOutsideStandard()
