"""Orange: a quarter has ended, its time to publish has run, and a major violation selected for its list is still not
published (重大劳动保障违法行为社会公布: city- and county-level departments publish quarterly, 人社部令第29号 [S]).

29号 sets no deadline after the quarter (its articles beyond 第五条 are not verified either): the rule counts
FAZHI_MAJOR_VIOLATION_PUBLICATION_WORKING_DAYS working days (default 20, the general limit for proactive disclosure
of 政府信息公开条例 第二十六条) from the quarter's last day. A quarter whose deadline falls in a year whose holidays are
not loaded yet stays quiet until the year is loaded (no guessed deadline, as for the case periods).

Replayed for a past date: a selection counts from the day it was made until its list was published; a selection
removed from its list since is not replayed (its removal has a time, but a list without it was the bureau's decision).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.calendars.queries import working_calendar
from fazhi.major_violations.models import Selection, SelectionState
from fazhi.rules.calendar import CalendarYearMissing, WorkingCalendar
from fazhi.rules.major_violations import Quarter, quarter_of
from fazhi.supervision.rules.base import Evidence, QueryRule, Row, Severity, day, replaying, setting_int, start_of_day

ONE_DAY = dt.timedelta(days=1)
SETTING = "FAZHI_MAJOR_VIOLATION_PUBLICATION_WORKING_DAYS"
QUARTERS_BACK = 8  # how far back the rule looks for the newest quarter whose time to publish has run


def publication_due(quarter: Quarter, calendar: WorkingCalendar | None = None) -> dt.date | None:
    """The last day to publish `quarter`'s list, or None while the holidays it needs are not loaded."""
    try:
        return (calendar or working_calendar()).add_working_days(quarter.end, setting_int(SETTING))
    except CalendarYearMissing:
        return None


def last_quarter_due(as_of: dt.date, calendar: WorkingCalendar) -> Quarter | None:
    """The newest quarter whose time to publish ran out before `as_of` (every earlier quarter's did too)."""
    quarter = quarter_of(as_of).previous
    for _ in range(QUARTERS_BACK):
        due = publication_due(quarter, calendar)
        if due is not None and due < as_of:
            return quarter
        quarter = quarter.previous
    return None


class MajorViolationsUnpublished(QueryRule):
    code = "major_violations_unpublished"
    name = "重大劳动保障违法行为未按季度公布"
    citation = (
        "劳动保障监察条例 第二十二条；广东省劳动保障监察条例 第十八条第二款；"
        "重大劳动保障违法行为社会公布办法（人社部令第29号，条号未核实）；政府信息公开条例 第二十六条"
    )
    severity = Severity.ORANGE
    explanation = "季度结束后规定的工作日内，已选定列入该季度名单的重大劳动保障违法行为仍未公布。"
    note = (
        "29号令未规定季度结束后的公布期限：按配置项 FAZHI_MAJOR_VIOLATION_PUBLICATION_WORKING_DAYS"
        "（默认 20 个工作日，参照政府信息公开条例第二十六条）计算；期限所在年度的节假日未导入时暂不提示；"
        "已移出名单的选定不回放。"
    )
    model = Selection
    case_field = "case"
    order = "selected_at"
    columns = ("batch__year", "batch__quarter")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        quarter = last_quarter_due(as_of, working_calendar())
        if quarter is None:
            return Selection.objects.none()
        due = Q(batch__year__lt=quarter.year) | Q(batch__year=quarter.year, batch__quarter__lte=quarter.number)
        if not replaying(as_of):
            return Selection.objects.filter(due, state=SelectionState.SELECTED)
        unpublished = Q(state=SelectionState.SELECTED) | Q(
            state__in=[SelectionState.PUBLISHED, SelectionState.WITHDRAWN], batch__published_on__gt=as_of
        )
        return Selection.objects.filter(due, unpublished, selected_at__lt=start_of_day(as_of + ONE_DAY))

    def context(self, as_of: dt.date) -> Any:
        return working_calendar()

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        due = publication_due(Quarter(row["batch__year"], row["batch__quarter"]), context)
        return due + ONE_DAY if due is not None else as_of

    def describe(self, row: Row) -> str:
        quarter = Quarter(row["batch__year"], row["batch__quarter"])
        due = publication_due(quarter)
        return f"已选定列入{quarter.label}公布名单，应于 {day(due)} 前公布，至今未公布"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        return Evidence(journal_actions=("cases.decide", "major_violations.select", "major_violations.publish_batch"))


RULE = MajorViolationsUnpublished()
