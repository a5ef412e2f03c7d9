"""The staff page listing the loaded calendar years (/staff/calendar/)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.calendars import queries
from fazhi.rules.jurisdiction import chain, get_jurisdiction


@login_required
def years(request: HttpRequest) -> HttpResponse:
    code = queries.default_jurisdiction()
    calendar = queries.working_calendar(code)
    this_year = timezone.localdate().year
    context = {
        "jurisdiction": get_jurisdiction(code),
        "chain": [get_jurisdiction(item) for item in chain(code)],
        "years": queries.loaded_years(),
        "first_year": calendar.years[0] if calendar.years else None,
        "last_year": calendar.years[-1] if calendar.years else None,
        "gaps": calendar.gaps,
        # The current and the next year are the ones open deadlines run into.
        "missing_soon": queries.missing_years(calendar.years, (this_year, this_year + 1)),
    }
    return render(request, "calendars/years.html", context)
