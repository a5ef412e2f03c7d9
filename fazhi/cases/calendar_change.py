"""When a loaded calendar year is replaced and some days change from working to rest or back, the live periods whose
span touches such a day are counted again (`fazhi.rules.calendar_change.redated_due`); the load's journal entry
records each one that moved (`fazhi.cases.receivers`), so a due date never changes without a trace.

Met periods are history and stay as they were. A breach recorded by the daily sweep (`breached_on`) is cleared when
the new due date is on or after the day it was recorded: that day was not past the due date after all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import Q

from fazhi.cases import enforcement
from fazhi.cases.models import Period, PeriodState
from fazhi.rules import periods as rules
from fazhi.rules.calendar import CalendarYearMissing, WorkingCalendar
from fazhi.rules.calendar_change import StoredPeriod, redated_due


def _rule(code: str) -> rules.PeriodRule | None:
    try:
        return rules.period_rule(code, str(settings.FAZHI_JURISDICTION))
    except rules.UnknownPeriod:
        return None


def _record(period: Period, before: dt.date, after: dt.date | None) -> dict[str, Any]:
    return {
        "case": period.case.display_number,
        "period": period.pk,
        "code": period.code,
        "name": period.name,
        "due_on_before": before.isoformat(),
        "due_on_after": after.isoformat() if after is not None else None,
    }


def redate_periods(
    *, changed: Sequence[dt.date], previous: WorkingCalendar, current: WorkingCalendar
) -> dict[str, list[dict[str, Any]]]:
    """Count again the live periods (running or suspended, with a due date) whose span touches a `changed` day.

    Returns what the load's journal entry records: `periods_moved` (due date before and after) and
    `periods_to_check` (rows the rule alone does not explain, left as they were for a person to check)."""
    moved: list[dict[str, Any]] = []
    to_check: list[dict[str, Any]] = []
    if not changed:
        return {"periods_moved": moved, "periods_to_check": to_check}
    first, last = min(changed), max(changed)
    spanning = Q(started_on__lte=last, due_on__gte=first) | Q(due_on__lte=last, started_on__gte=first)
    live = (
        Period.objects.select_for_update(of=("self",))
        .filter(spanning, state__in=(PeriodState.RUNNING, PeriodState.SUSPENDED), due_on__isnull=False)
        .select_related("case")
        .order_by("pk")
    )
    for period in live:
        before = period.due_on
        assert before is not None
        if period.code == enforcement.CODE:
            # The court-enforcement window follows its own facts (the remedies, a payment plan): counted again whole.
            refreshed = enforcement.refresh_enforcement_period(period.case)
            after = refreshed.due_on if refreshed is not None else before
            if after != before:
                moved.append(_record(period, before, after))
            continue
        stored = StoredPeriod(started_on=period.started_on, due_on=before, days=period.days, unit=period.day_unit)
        try:
            due = redated_due(stored, rule=_rule(period.code), old=previous, new=current, changed=changed)
        except CalendarYearMissing:
            due = None
        if due is None:
            to_check.append(_record(period, before, None))
            continue
        if due == before:
            continue
        period.due_on = due
        fields = ["due_on"]
        if period.breached_on is not None and due >= period.breached_on:
            period.breached_on = None
            fields.append("breached_on")
        period.save(update_fields=fields)
        moved.append(_record(period, before, due))
    return {"periods_moved": moved, "periods_to_check": to_check}
