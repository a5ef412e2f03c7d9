"""Reads of the calendar: the working-day arithmetic the rest of Fazhi uses, and the list of loaded years.

`due_date(start, days, unit=..., jurisdiction=...)` is the helper for everyone else; `working_calendar()` gives the
pure `WorkingCalendar` itself (fetch it once for bulk work, e.g. recomputing many deadlines).

Caching: each process keeps the calendars it has built, keyed by jurisdiction and stamped with the calendar version
(`CalendarVersion`, bumped by every load). Each call compares the stamp with the database row (one primary-key read),
so a year loaded by another process is used from the next call on.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from fazhi import sql
from fazhi.calendars.loader import render_year_file
from fazhi.calendars.models import CalendarDay, CalendarVersion, CalendarYear, DayKind
from fazhi.rules.calendar import InvalidPeriod, PeriodUnit, WorkingCalendar, YearData
from fazhi.rules.jurisdiction import chain, get_jurisdiction, normalize_code

__all__ = [
    "LoadedYear",
    "calendar_version",
    "clear_cache",
    "default_jurisdiction",
    "due_date",
    "export_year",
    "loaded_years",
    "missing_years",
    "resolve_jurisdiction",
    "working_calendar",
    "year_days",
]

_cache: dict[str, tuple[int, WorkingCalendar]] = {}
_cache_lock = threading.Lock()


def default_jurisdiction() -> str:
    """The deployment's jurisdiction (settings.FAZHI_JURISDICTION), normalised; raises UnknownJurisdiction."""
    return normalize_code(getattr(settings, "FAZHI_JURISDICTION", "CN"))


def resolve_jurisdiction(jurisdiction: str | None) -> str:
    """The given code normalised, or the deployment's default when None; raises UnknownJurisdiction."""
    return default_jurisdiction() if jurisdiction is None else normalize_code(jurisdiction)


def calendar_version() -> int:
    # Every due date computed reads this row first (a step that opens a period does), so it is one statement built
    # once per connection rather than an ORM query composed anew each time.
    connection, statement = sql.statement(CalendarVersion, "SELECT {version} FROM {table} WHERE {id} = 1")
    with connection.cursor() as cursor:
        cursor.execute(statement)
        row = cursor.fetchone()
    return int(row[0]) if row is not None else 0


def clear_cache() -> None:
    """Forget this process's built calendars (the load action calls it; other processes notice the version)."""
    with _cache_lock:
        _cache.clear()


def _build(code: str) -> WorkingCalendar:
    """The calendar for `code`: for every year, the tightest jurisdiction along the chain that has loaded it."""
    codes = chain(code)
    rank = {candidate: position for position, candidate in enumerate(codes)}
    chosen: dict[int, tuple[int, int]] = {}  # year -> (rank, calendar_year id)
    for pk, jurisdiction, year in CalendarYear.objects.filter(jurisdiction__in=codes).values_list(
        "id", "jurisdiction", "year"
    ):
        if year not in chosen or rank[jurisdiction] < chosen[year][0]:
            chosen[year] = (rank[jurisdiction], pk)
    year_of = {pk: year for year, (_, pk) in chosen.items()}
    days_off: dict[int, set[dt.date]] = {year: set() for year in chosen}
    makeup: dict[int, set[dt.date]] = {year: set() for year in chosen}
    for calendar_year_id, day, kind in CalendarDay.objects.filter(calendar_year_id__in=year_of).values_list(
        "calendar_year_id", "date", "kind"
    ):
        (makeup if kind == DayKind.MAKEUP else days_off)[year_of[calendar_year_id]].add(day)
    return WorkingCalendar(
        YearData(year=year, days_off=frozenset(days_off[year]), makeup_days=frozenset(makeup[year])) for year in chosen
    )


def working_calendar(jurisdiction: str | None = None) -> WorkingCalendar:
    """The working-day calendar for a jurisdiction (default: the deployment's), built once per calendar version."""
    code = resolve_jurisdiction(jurisdiction)
    version = calendar_version()  # read before the rows: a load in between only makes the next call rebuild
    cached = _cache.get(code)
    if cached is not None and cached[0] == version:
        return cached[1]
    calendar = _build(code)
    with _cache_lock:
        _cache[code] = (version, calendar)
    return calendar


def due_date(
    start: dt.date,
    days: int,
    *,
    unit: PeriodUnit | str = PeriodUnit.WORKING,
    jurisdiction: str | None = None,
) -> dt.date:
    """The last day of a period of `days` (≥ 1) working or calendar days from `start`, start not counted.

    Raises InvalidPeriod (days < 1, unknown unit), UnknownJurisdiction, or CalendarYearMissing naming the year to load.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise InvalidPeriod(f"期间天数应为正整数：{days!r}")
    return working_calendar(jurisdiction).due_date(start, days, unit)


@dataclass(frozen=True)
class LoadedYear:
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
    holidays: tuple[str, ...]


def loaded_years(jurisdiction: str | None = None) -> list[LoadedYear]:
    """Every loaded year (of one jurisdiction, if given), by jurisdiction then year."""
    rows = CalendarYear.objects.annotate(
        off_count=Count("days", filter=Q(days__kind=DayKind.DAY_OFF)),
        makeup_count=Count("days", filter=Q(days__kind=DayKind.MAKEUP)),
    ).order_by("jurisdiction", "year")
    if jurisdiction is not None:
        rows = rows.filter(jurisdiction=normalize_code(jurisdiction))
    names: dict[int, list[str]] = {}
    for calendar_year_id, holiday in (
        CalendarDay.objects.filter(calendar_year__in=rows).order_by("date").values_list("calendar_year_id", "holiday")
    ):
        listed = names.setdefault(calendar_year_id, [])
        if holiday not in listed:
            listed.append(holiday)
    return [
        LoadedYear(
            jurisdiction=row.jurisdiction,
            jurisdiction_name=_jurisdiction_name(row.jurisdiction),
            year=row.year,
            notice_title=row.notice_title,
            notice_number=row.notice_number,
            notice_date=row.notice_date,
            notice_url=row.notice_url,
            source=row.source,
            loaded_at=row.loaded_at,
            days_off=row.off_count,
            makeup_days=row.makeup_count,
            holidays=tuple(names.get(row.pk, ())),
        )
        for row in rows
    ]


def _jurisdiction_name(code: str) -> str:
    try:
        return get_jurisdiction(code).name
    except ValueError:
        return code


def year_days(calendar_year: CalendarYear) -> list[tuple[dt.date, str, str]]:
    """(date, kind, holiday) of one loaded year, in date order."""
    return list(calendar_year.days.order_by("date").values_list("date", "kind", "holiday"))


def export_year(year: int, jurisdiction: str = "CN") -> str | None:
    """A loaded year written in the year-file format, or None if that year is not loaded."""
    row = CalendarYear.objects.filter(jurisdiction=normalize_code(jurisdiction), year=year).first()
    if row is None:
        return None
    return render_year_file(
        year=row.year,
        jurisdiction=row.jurisdiction,
        notice_title=row.notice_title,
        notice_number=row.notice_number,
        notice_date=row.notice_date,
        notice_url=row.notice_url,
        days=year_days(row),
    )


def missing_years(years: Iterable[int], wanted: Iterable[int]) -> list[int]:
    """The years of `wanted` not in `years`."""
    have = set(years)
    return [year for year in wanted if year not in have]
