"""The staff pages of the standards and the powers list (the public pages in the staff layout), and the differences
between two versions of the standard for the legal division."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.accounts.access import require_roles, staff_user
from fazhi.law import pages, queries
from fazhi.law.actions import LOADERS
from fazhi.rules.violations import UnknownViolation, violation
from fazhi.staff.navigation import CASEWORK_VIEWERS

READERS = tuple(CASEWORK_VIEWERS)


@require_safe
@require_roles(*READERS)
def standards(request: HttpRequest) -> HttpResponse:
    return pages.standards(request, "staff", may_load=bool(staff_user(request).role_names & LOADERS))


@require_safe
@require_roles(*READERS)
def violation_page(request: HttpRequest, code: str) -> HttpResponse:
    return pages.violation_page(request, "staff", code)


@require_safe
@require_roles(*READERS)
def powers(request: HttpRequest) -> HttpResponse:
    return pages.powers(request, "staff")


@require_safe
@require_roles(*READERS)
def calculator(request: HttpRequest) -> HttpResponse:
    return pages.calculator(request, "staff")


@require_safe
@require_roles(*READERS)
def versions(request: HttpRequest) -> HttpResponse:
    """The versions and what changed between two of them (?old=KEY&new=KEY; by default the last two)."""
    keys = [s.key for s in queries.all_standards()]
    old = request.GET.get("old") or (keys[-2] if len(keys) > 1 else keys[0])
    new = request.GET.get("new") or keys[-1]
    found = queries.version_diff(old, new)
    rows = []
    for change in found.changes if found else []:
        try:
            name = violation(change.code).name
        except UnknownViolation:
            name = change.code
        rows.append({"change": change, "name": name, "tier_label": change.label})
    context = {
        "may_load": bool(staff_user(request).role_names & LOADERS),
        "standards": queries.all_standards(),
        "versions": queries.versions(),
        "old": old,
        "new": new,
        "diff": found,
        "rows": rows,
        "unknown": found is None,
    }
    return render(request, "law/versions.html", context)
