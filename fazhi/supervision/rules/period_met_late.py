"""Orange: a statutory period met after its due date (办理超期): the step was taken, but late.

`period_breached` shows a period while it runs past its due date; once the step is taken the period is met and that
alert ends. This rule keeps the breach: every period whose met date lies after its due date, from the day it was met,
for the look-back (FAZHI_SUPERVISION_LOOKBACK_DAYS), so the late acceptance, filing, decision or notice stays in the
counts and on the units' rows however it ended. Each alert cites the period's own article (its `citation`, from
fazhi/rules/data/periods.toml). A period suspended and resumed carries its recomputed due date, an extended one its
extended due date: neither is late for the time it was lawfully stopped or extended.

Read through the index on (met date, unit, due date): the periods met in the look-back, the late ones among them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import F, QuerySet

from fazhi.cases.models import Period
from fazhi.supervision.rules.base import QueryRule, Row, Severity, as_date, day, lookback_start


class PeriodMetLate(QueryRule):
    code = "period_met_late"
    name = "逾期办理（期限届满后才完成）"
    citation = "各期限的依据见期限本身"
    severity = Severity.ORANGE
    explanation = "法定期限届满后才办理相应步骤（办理超期）；步骤办理后，该预警仍在回溯期内保留并计入统计。"
    note = "按期限的完成日期与届满日期判断；中止、延长后的期限按重新计算的届满日期判断。"
    model = Period
    case_field = "case"
    order = "met_on"
    columns = ("due_on",)
    later_columns = ("name", "citation")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        return Period.objects.filter(
            met_on__lte=as_of, met_on__gte=lookback_start(as_of), due_on__isnull=False, due_on__lt=F("met_on")
        )

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        return as_date(value)  # late from the day the step was taken

    def sinces(self, rows: Sequence[Sequence[Any]], index: dict[str, int], as_of: dt.date) -> list[dt.date]:
        met = index[self.order]
        return [as_date(values[met]) for values in rows]

    def describe(self, row: Row) -> str:
        due, met = as_date(row["due_on"]), as_date(row["met_on"])
        return (
            f"{row['name']}应于 {day(due)} 届满前办理，{day(met)} 才完成，逾期 {(met - due).days} 日"
            f"（{row['citation']}）"
        )


RULE = PeriodMetLate()
