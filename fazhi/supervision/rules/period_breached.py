"""Red: a statutory period that ran past its due date while the step that meets it was not taken."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from fazhi.cases.models import Period
from fazhi.supervision.rules.base import QueryRule, Row, Severity, as_date, day, period_running_on

ONE_DAY = dt.timedelta(days=1)


class PeriodBreached(QueryRule):
    code = "period_breached"
    name = "法定期限已超期"
    citation = "各期限的依据见期限本身；行政处罚法 第六十条；劳动保障监察条例 第十七条"
    severity = Severity.RED
    explanation = "法定期限届满之日已过，相应步骤仍未办理。"
    note = "包括处罚决定公示（七个工作日）与撤回（三个工作日）期限，以及失信联合惩戒名单管理各期限。"
    model = Period
    case_field = "case"
    order = "due_on"
    read_in_order = True  # cases_period_running_due: due date, case, period
    columns = ()
    later_columns = ("name", "citation")
    text_dates = ("due_on",)

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        return Period.objects.filter(period_running_on(as_of), due_on__lt=as_of)

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        return as_date(value) + ONE_DAY  # overdue from the day after the last day

    def sinces(self, rows: Sequence[Sequence[Any]], index: dict[str, int], as_of: dt.date) -> list[dt.date]:
        due = index[self.order]
        since = {value: as_date(value) + ONE_DAY for value in {values[due] for values in rows}}
        return [since[values[due]] for values in rows]

    def describe(self, row: Row) -> str:
        return f"{row['name']}已于 {day(row['due_on'])} 届满（{row['citation']}）"


RULE = PeriodBreached()
