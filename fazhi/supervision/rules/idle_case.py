"""Yellow: an open case that has not moved for N working days (default 20), unless it is suspended.

An internal warning ahead of the time limits: "及时" is 劳动保障监察条例 第十四条第二款 (及时立案); 第十七条 is the
60-working-day limit of the investigation (广东: 第四十四条, 45), 行政处罚法 第六十条 the 90 days of a penalty case.

"Moved" is the case's last step (`Case.updated_at`, set by every step). Replayed for a past date, a case that moved
again since is not seen as idle then: only its last movement is kept on the row (its journal has the whole story).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.calendars.queries import working_calendar
from fazhi.cases.models import OPEN_STATES, Case
from fazhi.rules.calendar import CalendarError
from fazhi.supervision.rules.base import (
    CST,
    QueryRule,
    Row,
    Severity,
    open_on,
    replaying,
    setting_int,
    start_of_day,
    working_days_before,
)


def _idle_days() -> int:
    return setting_int("FAZHI_SUPERVISION_IDLE_WORKING_DAYS")


class IdleCase(QueryRule):
    code = "idle_case"
    name = "案件长期未办理"
    citation = (
        "劳动保障监察条例 第十四条第二款（及时立案）、第十七条（调查期限）；行政处罚法 第六十条；内部控制：案件停滞预警"
    )
    severity = Severity.YELLOW
    explanation = "未结、未中止的案件，连续若干个工作日（默认 20 个）没有任何办理步骤。"
    note = "按案件最后一次办理的时间判断；回放过去的日期时，此后又办理过的案件不再显示为当时停滞。"
    model = Case
    order = "updated_at"

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        try:
            cutoff = working_days_before(working_calendar(), as_of, _idle_days() - 1)
        except CalendarError:
            cutoff = as_of - dt.timedelta(days=_idle_days() * 7 // 5)
        idle = Q(suspended=False, updated_at__lt=start_of_day(cutoff))
        if not replaying(as_of):  # today: the open cases, through their index by last movement (nothing else to pick)
            return Case.objects.filter(idle, state__in=OPEN_STATES)
        return Case.objects.filter(idle, open_on(as_of))

    def context(self, as_of: dt.date) -> Any:
        return working_calendar()

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        moved = value.astimezone(CST).date()
        try:
            return (context or working_calendar()).add_working_days(moved, _idle_days())
        except CalendarError:
            return as_of

    def describe(self, row: Row) -> str:
        return f"自 {row['updated_at'].astimezone(CST):%Y-%m-%d} 起未办理任何步骤"


RULE = IdleCase()
