"""The staff page listing the loaded calendar years (/staff/calendar/), and the sysadmin's import of a year from the
installed python-holidays (/staff/calendar/import/): choose a year, see the preview and the cross-check, confirm.
The import is the same action as `load_calendar` (`load_calendar_year`, one journal entry)."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from fazhi.accounts.access import require_roles, staff_user
from fazhi.accounts.models import Role, User
from fazhi.calendars import packages, queries
from fazhi.calendars.actions import CalendarActionError, load_calendar_year
from fazhi.calendars.forms import PackageImportForm
from fazhi.calendars.loader import YearFile, YearFileError
from fazhi.journal.request import client_ip
from fazhi.rules.jurisdiction import chain, get_jurisdiction


@require_safe
@login_required
def years(request: HttpRequest) -> HttpResponse:
    code = queries.default_jurisdiction()
    calendar = queries.working_calendar(code)
    this_year = timezone.localdate().year
    user = request.user
    context = {
        "jurisdiction": get_jurisdiction(code),
        "chain": [get_jurisdiction(item) for item in chain(code)],
        "years": queries.loaded_years(),
        "first_year": calendar.years[0] if calendar.years else None,
        "last_year": calendar.years[-1] if calendar.years else None,
        "gaps": calendar.gaps,
        # The current and the next year are the ones open deadlines run into.
        "missing_soon": queries.missing_years(calendar.years, (this_year, this_year + 1)),
        "may_import": isinstance(user, User) and user.is_active and user.has_role(Role.SYSADMIN),
        "next_year": this_year + 1,
    }
    return render(request, "calendars/years.html", context)


def _year_file(form: PackageImportForm) -> YearFile | None:
    """The year from the package for a valid form; its refusal or format errors become the form's errors."""
    data = form.cleaned_data
    try:
        return packages.python_holidays_year(
            data["year"],
            notice_number=data["notice_number"] or "",
            notice_date=data["notice_date"],
            notice_url=data["notice_url"] or "",
        )
    except packages.PackageYearRefused as refusal:
        form.add_error(None, str(refusal))
    except YearFileError as error:
        for problem in error.errors:
            form.add_error(None, problem)
    return None


def _preview(context: dict[str, Any], year_file: YearFile) -> None:
    context.update(
        stage="confirm",
        year_file=year_file,
        preview=packages.preview_lines(year_file),
        cross_check=packages.cross_check(year_file).lines(),
        replacing=year_file.year in {row.year for row in queries.loaded_years(year_file.jurisdiction)},
    )


@require_roles(Role.SYSADMIN)
@require_http_methods(["GET", "HEAD", "POST"])
def import_from_package(request: HttpRequest) -> HttpResponse:
    """GET: choose a year; GET ?year=YYYY: its preview, cross-check and the confirmation form; POST: the import."""
    user = staff_user(request)
    source = packages.package_label("holidays", packages.PYTHON_HOLIDAYS)
    context: dict[str, Any] = {"source": source, "stage": "choose"}
    if request.method != "POST" and "year" not in request.GET:
        context["form"] = PackageImportForm(initial={"year": timezone.localdate().year + 1})
        return render(request, "calendars/import.html", context)
    form = PackageImportForm(request.POST if request.method == "POST" else request.GET)
    context["form"] = form
    year_file = _year_file(form) if form.is_valid() else None
    if request.method != "POST":
        if year_file is not None:
            _preview(context, year_file)
        return render(request, "calendars/import.html", context)
    if year_file is not None:
        try:
            load_calendar_year(actor=user, year_file=year_file, ip=client_ip(request))
        except CalendarActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已从 {source} 导入 {year_file.year} 年的节假日安排，并记入全过程记录。")
            return redirect("calendars:years")
    # Refused: the same page again, with the preview of the year when the year itself is importable.
    if "year" not in form.errors and isinstance(form.cleaned_data.get("year"), int):
        with contextlib.suppress(packages.PackageYearRefused, YearFileError):
            _preview(context, packages.python_holidays_year(form.cleaned_data["year"]))
    return render(request, "calendars/import.html", context, status=422)
