"""Yellow: a running statutory period with the warning number of working days or fewer left (default 5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from fazhi.calendars.queries import working_calendar
from fazhi.cases.models import Period
from fazhi.rules.calendar import CalendarError
from fazhi.supervision.rules.base import (
    QueryRule,
    Row,
    Severity,
    as_date,
    day,
    period_running_on,
    setting_int,
    working_days_before,
)


class PeriodDueSoon(QueryRule):
    code = "period_due_soon"
    name = "法定期限即将届满"
    citation = "各期限的依据见期限本身；劳动保障监察条例 第十七条；广东省劳动保障监察条例 第四十四条"
    severity = Severity.YELLOW
    explanation = "正在计算的法定期限剩余不超过预警工作日数（默认 5 个工作日）。"
    note = "包括处罚决定公示（七个工作日）与撤回（三个工作日）期限，以及失信联合惩戒名单管理各期限。"
    model = Period
    case_field = "case"
    order = "due_on"
    read_in_order = True  # cases_period_running_due: due date, case, period
    columns = ("started_on",)
    later_columns = ("name", "citation")
    text_dates = ("due_on", "started_on")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        try:
            limit = working_calendar().add_working_days(as_of, setting_int("FAZHI_SUPERVISION_WARNING_WORKING_DAYS"))
        except CalendarError:  # the calendar does not reach that far: every period due from today on is close
            limit = as_of + dt.timedelta(days=366)
        return Period.objects.filter(period_running_on(as_of), due_on__gte=as_of, due_on__lte=limit)

    def window(self, due: dt.date, as_of: dt.date) -> dt.date:
        """The first day of the warning window before `due`."""
        try:
            return working_days_before(working_calendar(), due, setting_int("FAZHI_SUPERVISION_WARNING_WORKING_DAYS"))
        except CalendarError:
            return as_of

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        started: dt.date = row["started_on"]
        return max(self.window(as_date(value), as_of), started)

    def sinces(self, rows: Sequence[Sequence[Any]], index: dict[str, int], as_of: dt.date) -> list[dt.date]:
        """Each due date's window worked out once (a few dozen dates for thousands of periods)."""
        due, started = index[self.order], index["started_on"]
        windows = {value: self.window(as_date(value), as_of) for value in {values[due] for values in rows}}
        starts = {value: as_date(value) for value in {values[started] for values in rows}}
        return [max(windows[values[due]], starts[values[started]]) for values in rows]

    def describe(self, row: Row) -> str:
        return f"{row['name']}将于 {day(row['due_on'])} 届满（{row['citation']}）"


RULE = PeriodDueSoon()
