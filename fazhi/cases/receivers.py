"""When a calendar year is loaded, the due dates that waited for it are computed, and public notices that end in it
take effect (same transaction)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from fazhi.calendars.signals import calendar_year_loaded
from fazhi.cases.periods import recompute_awaiting, start_after_public_notices


@receiver(calendar_year_loaded, dispatch_uid="cases.recompute_awaiting")
def compute_waiting_due_dates(sender: Any, *, year: int, **kwargs: Any) -> None:
    recompute_awaiting(year)
    start_after_public_notices()
