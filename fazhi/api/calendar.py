"""Calendar endpoints: statutory due dates in Chinese working days, and which years' holiday data are loaded.

Public (no authentication): the answers are arithmetic over the State Council's published holiday arrangements.
Parameters are taken as text and checked here, so that every bad input gets a Chinese message (422), never a 500.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from fazhi.calendars import queries
from fazhi.calendars.inputs import MAX_DAYS, BadPeriodInput, parse_days, parse_start, parse_unit
from fazhi.rules import provisional
from fazhi.rules.calendar import CalendarError, CalendarYearMissing
from fazhi.rules.jurisdiction import JURISDICTIONS, UnknownJurisdiction, get_jurisdiction

router = Router(tags=["calendar"])

_JURISDICTION_CODES = list(JURISDICTIONS)


class DueDateOut(Schema):
    start: dt.date
    days: int
    unit: Literal["working", "calendar"]
    due_date: dt.date
    jurisdiction: str
    jurisdiction_name: str


class CalendarErrorOut(Schema):
    message: str  # the API-wide error field (fazhi.api.errors)
    detail: str
    missing_year: int | None = None
    provisional_due_date: dt.date | None = Field(
        None,
        description=(
            "缺少年度时的预计届满日（不是法定期限）：缺少的年度仅按周末和固定日期节假日（元旦、劳动节、国庆节）推算，"
            "供参考；推算不了时为空。 With missing_year: a provisional date counting the missing year's weekends and"
            " fixed-date holidays only. NOT the legal deadline; null when it cannot be estimated either."
        ),
    )


class CalendarYearOut(Schema):
    jurisdiction: str
    jurisdiction_name: str
    year: int
    notice_title: str
    notice_number: str
    notice_date: dt.date | None
    notice_url: str
    source: str
    loaded_at: dt.datetime
    days_off: int
    makeup_days: int
    holidays: list[str]


class CalendarYearsOut(Schema):
    jurisdiction: str
    first_year: int | None
    last_year: int | None
    gaps: list[int]
    years: list[CalendarYearOut]


def _required_start_and_days(schema: dict[str, Any]) -> None:
    # The fields are optional so that a missing one gets our Chinese message, but the document says they are required.
    schema["required"] = ["start", "days"]


def _documented_as(**documented: Any) -> Callable[[dict[str, Any]], None]:
    """Replace a field's JSON schema with what the endpoint accepts (the values arrive as text and are parsed here)."""

    def replace(schema: dict[str, Any]) -> None:
        schema.clear()
        schema.update(documented)

    return replace


class DueDateQuery(Schema):
    model_config = ConfigDict(json_schema_extra=_required_start_and_days)

    start: str | None = Field(
        None,
        json_schema_extra=_documented_as(
            type="string",
            format="date",
            description="起算日期 YYYY-MM-DD（当天不计入）. Start date, not counted.",
            example="2026-01-04",
        ),
    )
    days: str | None = Field(
        None,
        json_schema_extra=_documented_as(
            type="integer",
            minimum=1,
            maximum=MAX_DAYS,
            description=f"期间天数，1 至 {MAX_DAYS} 的整数. Number of days.",
            example=5,
        ),
    )
    unit: str | None = Field(
        None,
        json_schema_extra=_documented_as(
            type="string",
            enum=["working", "calendar"],
            default="working",
            description="working = 工作日（默认）, calendar = 自然日. Working or calendar days.",
        ),
    )
    jurisdiction: str | None = Field(
        None,
        json_schema_extra=_documented_as(
            type="string",
            enum=_JURISDICTION_CODES,
            description="管辖区域代码（默认为本系统的管辖区域）. Jurisdiction code, default: the deployment's.",
        ),
    )


DUE_DATE_DESCRIPTION = f"""
计算法定期限的届满日。Computes the last day of a statutory period.

- **起算日不计入**（期间开始之日不计算在内，民事诉讼法第八十五条）: the start day is not counted.
- `unit=working`（默认）: N 个工作日后的第 N 个工作日，无论起算日是否为工作日。工作日 = 周一至周五中未放假的日子，
  以及国务院通知安排的调休上班日（周六、周日）。The N-th working day after `start`, whatever `start` is.
- `unit=calendar`: 起算日后第 N 日；该日为周末或节假日（调休上班日除外）的，顺延至其后第一个工作日
  （民事诉讼法第八十五条，行政诉讼法第一百零一条）。`start` + N days, moved to the next working day if it is a rest day.
- `days` 为 1 至 {MAX_DAYS} 的整数。`days` is an integer from 1 to {MAX_DAYS}.
- `jurisdiction` 默认为本系统的管辖区域；节假日安排目前全国统一。Defaults to the deployment's jurisdiction.

错误 Errors: 参数无效返回 422，`message`（与 `detail` 相同）为中文说明；期限进入尚未导入节假日数据的年度时也返回 422，
`detail` 指明缺少的年度，`missing_year` 为该年度（需用 `manage.py load_calendar` 导入），`provisional_due_date`
为仅按周末和固定日期节假日推算的预计日期（不是法定期限，供参考）。With `missing_year`, `provisional_due_date` is an
estimate that counts the missing year's weekends and fixed-date holidays only: not the legal deadline.
"""


def _error(
    message: str, missing_year: int | None = None, provisional_due_date: dt.date | None = None
) -> Status[CalendarErrorOut]:
    return Status(
        422,
        CalendarErrorOut(
            message=message, detail=message, missing_year=missing_year, provisional_due_date=provisional_due_date
        ),
    )


@router.get(
    "/due-date",
    response={200: DueDateOut, 422: CalendarErrorOut},
    auth=None,
    summary="期限届满日 Due date of a period in working or calendar days",
    description=DUE_DATE_DESCRIPTION,
    operation_id="calendar_due_date",
)
def due_date(request: HttpRequest, params: Query[DueDateQuery]) -> Any:
    lacking = [name for name in ("start", "days") if getattr(params, name) is None]
    if lacking:
        return _error(f"缺少必填参数：{'、'.join(lacking)}（start 为起算日期 YYYY-MM-DD，days 为天数）")
    start, days, unit, jurisdiction = params.start, params.days, params.unit or "working", params.jurisdiction
    try:
        start_date = parse_start(start)
        count = parse_days(days)
        period_unit = parse_unit(unit)
        code = queries.resolve_jurisdiction(jurisdiction)
        due = queries.due_date(start_date, count, unit=period_unit, jurisdiction=code)
    except CalendarYearMissing as absent:
        estimate = provisional.estimate(
            queries.working_calendar(code), lambda calendar: calendar.due_date(start_date, count, period_unit)
        )
        return _error(str(absent), absent.year, estimate)
    except (BadPeriodInput, UnknownJurisdiction, CalendarError) as exc:
        return _error(str(exc))
    return Status(
        200,
        DueDateOut(
            start=start_date,
            days=count,
            unit=period_unit.value,
            due_date=due,
            jurisdiction=code,
            jurisdiction_name=get_jurisdiction(code).name,
        ),
    )


@router.get(
    "/years",
    response={200: CalendarYearsOut},
    auth=None,
    summary="已导入的节假日年度 Loaded holiday years",
    description=(
        "列出已导入法定节假日与调休上班安排的年度（每个管辖区域、每年一条），以及本系统管辖区域可计算期限的年度范围与缺口。"
        "Lists every loaded year (per jurisdiction) and, for the deployment's jurisdiction, the range of years periods "
        "can be computed in and the gaps. A period that runs into a year not listed here is answered with 422."
    ),
    operation_id="calendar_years",
)
def years(request: HttpRequest) -> Any:
    code = queries.default_jurisdiction()
    calendar = queries.working_calendar(code)
    rows = [
        CalendarYearOut(
            jurisdiction=row.jurisdiction,
            jurisdiction_name=row.jurisdiction_name,
            year=row.year,
            notice_title=row.notice_title,
            notice_number=row.notice_number,
            notice_date=row.notice_date,
            notice_url=row.notice_url,
            source=row.source,
            loaded_at=row.loaded_at,
            days_off=row.days_off,
            makeup_days=row.makeup_days,
            holidays=list(row.holidays),
        )
        for row in queries.loaded_years()
    ]
    return CalendarYearsOut(
        jurisdiction=code,
        first_year=calendar.years[0] if calendar.years else None,
        last_year=calendar.years[-1] if calendar.years else None,
        gaps=list(calendar.gaps),
        years=rows,
    )
