"""The journal's screens (/staff/journal/): for the audit administrator and the supervisor only, read-only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.accounts.access import require_roles
from fazhi.accounts.models import Role
from fazhi.journal import queries
from fazhi.journal.forms import EntryFilterForm

READERS = (Role.AUDITADMIN, Role.SUPERVISOR)
MAX_SEQ = 2**63 - 1  # a bigger number in the URL is no entry, not a database overflow


@require_roles(*READERS)
@require_safe
def entries(request: HttpRequest) -> HttpResponse:
    form = EntryFilterForm(request.GET or None)
    action = username = ""
    if form.is_bound and form.is_valid():
        action = form.cleaned_data["action"]
        username = form.cleaned_data["username"]
    paginator = Paginator(queries.entries_for_reader(action=action, username=username), queries.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    filters = {key: value for key, value in (("action", action), ("username", username)) if value}
    context = {
        "form": form,
        "page": page,
        "filtered": bool(filters),
        "filter_query": urlencode(filters),
    }
    return render(request, "journal/entries.html", context)


@require_roles(*READERS)
@require_safe
def entry_detail(request: HttpRequest, seq: int) -> HttpResponse:
    entry = queries.entry_by_seq(seq) if seq <= MAX_SEQ else None
    if entry is None:
        raise Http404(f"没有第 {seq} 号记录。")
    context = {
        "entry": entry,
        "before": queries.payload_for_reader(entry.action, entry.before),
        "after": queries.payload_for_reader(entry.action, entry.after),
        "integrity": queries.entry_integrity(entry),
        "has_next": queries.entry_by_seq(entry.seq + 1) is not None,
    }
    return render(request, "journal/entry_detail.html", context)
