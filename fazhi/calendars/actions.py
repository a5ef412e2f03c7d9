"""Loading (or reloading) a calendar year: the only write to the calendar tables.

Who may load: the system itself (`actor=None`, the `load_calendar` command run by the operator) or a system
administrator (configuration is theirs, 三员分立). A refused attempt changes nothing and is journaled with outcome
"refused"; a file marked as an example is refused without any write.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F

from fazhi.accounts.models import Role, User
from fazhi.calendars import queries
from fazhi.calendars.loader import YearFile, date_ranges
from fazhi.calendars.models import CalendarDay, CalendarVersion, CalendarYear, DayKind
from fazhi.calendars.signals import calendar_year_loaded
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.rules.calendar_change import changed_days

ACTION_LOAD = "calendars.year_load"
OBJECT_TYPE = "calendars.year"


class CalendarActionError(Exception):
    """Base of the errors raised here; str(error) is Chinese and safe to show."""


class CalendarLoadRefused(CalendarActionError, PermissionDenied):
    """The actor may not load calendar data."""


class ExampleFileRefused(CalendarActionError, ValueError):
    """The file is an example (example = true), not a real notice."""


class ConcurrentLoad(CalendarActionError):
    """Another transaction loaded the same year first."""


def _snapshot(year: CalendarYear) -> dict[str, Any]:
    """A JSON-able picture of a loaded year for the journal: notice fields and each holiday's days as ranges."""
    holidays: dict[str, tuple[list[Any], list[Any]]] = {}
    for day, kind, name in year.days.order_by("date").values_list("date", "kind", "holiday"):
        off, makeup = holidays.setdefault(name, ([], []))
        (off if kind == DayKind.DAY_OFF else makeup).append(day)
    return {
        "jurisdiction": year.jurisdiction,
        "year": year.year,
        "notice_title": year.notice_title,
        "notice_number": year.notice_number,
        "notice_date": year.notice_date.isoformat() if year.notice_date else None,
        "notice_url": year.notice_url,
        "source": year.source,
        "holidays": [
            {"name": name, "days_off": date_ranges(off), "makeup_days": date_ranges(makeup)}
            for name, (off, makeup) in holidays.items()
        ],
    }


def _refusal(actor: User | None) -> str | None:
    if actor is None:
        return None
    if not actor.is_active:
        return "账户已停用，不能导入节假日数据。"
    if not actor.has_role(Role.SYSADMIN):
        return "只有系统管理员可以导入节假日数据。"
    return None


def load_calendar_year(*, actor: User | None, year_file: YearFile, ip: str | None = None) -> CalendarYear:
    """Load a validated year file, replacing that year (of that jurisdiction) if it is already loaded.

    One transaction: the year's rows, the calendar version bump, the stored due dates the change completes or moves
    (`fazhi.calendars.signals.calendar_year_loaded`) and one journal entry ("calendars.year_load", with the replaced
    year as `before`; `after` also lists the days whose status changed and the periods they moved). Every process
    rebuilds its calendar on its next call.
    """
    problem = _refusal(actor)
    if problem is not None:
        record_refusal(
            actor=actor,
            action=ACTION_LOAD,
            reason=problem,
            object_type=OBJECT_TYPE,
            object_id=f"{year_file.jurisdiction}/{year_file.year}",
            details={"source": year_file.source},
            ip=ip,
        )
        raise CalendarLoadRefused(problem)
    if year_file.example:
        raise ExampleFileRefused("这是示例文件（example = true），不能导入；请按国务院正式通知填写年度文件。")
    try:
        return _replace_year(actor=actor, year_file=year_file, ip=ip)
    except IntegrityError:
        # Two first loads of the same year at once: the unique constraint let one through; this one changed nothing.
        raise ConcurrentLoad(f"{year_file.year} 年的数据正在被同时导入，请稍后重试。") from None


@transaction.atomic
def _replace_year(*, actor: User | None, year_file: YearFile, ip: str | None) -> CalendarYear:
    existing = (
        CalendarYear.objects.select_for_update()
        .filter(jurisdiction=year_file.jurisdiction, year=year_file.year)
        .first()
    )
    before = _snapshot(existing) if existing is not None else None
    previous = queries.working_calendar()  # the deployment's calendar as it stands, to see what the load changes
    year = existing or CalendarYear(jurisdiction=year_file.jurisdiction, year=year_file.year)
    year.notice_title = year_file.notice_title
    year.notice_number = year_file.notice_number
    year.notice_date = year_file.notice_date
    year.notice_url = year_file.notice_url
    year.source = year_file.source[:300]
    year.loaded_by = actor
    year.save()
    if existing is not None:
        CalendarDay.objects.filter(calendar_year=year).delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(calendar_year=year, date=day, kind=kind, holiday=name) for day, kind, name in year_file.days()
    )
    if not CalendarVersion.objects.filter(id=1).update(version=F("version") + 1):
        CalendarVersion.objects.create(id=1, version=1)
    # This process forgets its calendars now (and again after commit, in case one was rebuilt in between).
    queries.clear_cache()
    transaction.on_commit(queries.clear_cache)
    current = queries.working_calendar()
    changed = changed_days(previous, current, [year.year])
    after = _snapshot(year)
    after["changed_days"] = [day.isoformat() for day in changed]
    for _, response in calendar_year_loaded.send(
        sender=CalendarYear,
        year=year.year,
        jurisdiction=year.jurisdiction,
        changed_days=changed,
        previous=previous,
        current=current,
    ):
        if isinstance(response, dict):
            after.update(response)
    record_entry(
        actor=actor,
        action=ACTION_LOAD,
        object_type=OBJECT_TYPE,
        object_id=year.pk,
        before=before,
        after=after,
        ip=ip,
        role=str(Role.SYSADMIN) if actor is not None else "",
    )
    return year
