"""When a calendar year is loaded, the due dates that waited for it are computed, public notices that end in it take
effect, and the live periods whose span touches a day the load changed are counted again (same transaction). The
periods moved are returned to the load, whose one journal entry records them."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from fazhi.calendars.signals import calendar_year_loaded
from fazhi.cases.calendar_change import redate_periods
from fazhi.cases.periods import recompute_awaiting, start_after_public_notices
from fazhi.rules.calendar import WorkingCalendar


@receiver(calendar_year_loaded, dispatch_uid="cases.redate_periods")
def redate_moved_periods(
    sender: Any,
    *,
    changed_days: tuple[Any, ...] = (),
    previous: WorkingCalendar | None = None,
    current: WorkingCalendar | None = None,
    **kwargs: Any,
) -> dict[str, Any] | None:
    # First, so that it sees only the due dates the old calendar gave (not those the new year completes next).
    if not changed_days or previous is None or current is None:
        return None
    return redate_periods(changed=changed_days, previous=previous, current=current)


@receiver(calendar_year_loaded, dispatch_uid="cases.recompute_awaiting")
def compute_waiting_due_dates(sender: Any, *, year: int, **kwargs: Any) -> None:
    recompute_awaiting(year)
    start_after_public_notices()
