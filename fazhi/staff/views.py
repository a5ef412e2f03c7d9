from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.accounts.access import can_write
from fazhi.accounts.actions.change_kinds import describe_change
from fazhi.accounts.models import User
from fazhi.accounts.queries import account_changes_awaiting, unit_lineage
from fazhi.accounts.roles import ordered_role_labels
from fazhi.staff.navigation import navigation_for


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    context = {
        "lineage": unit_lineage(user.unit) if user.unit else [],
        "roles": ordered_role_labels(user.role_names),
        "read_only": not can_write(user),
        "sections": [item for item in navigation_for(user, request.path) if item.label != "工作台"],
        # The 三员 see the account changes waiting for their confirmation (two-person rule, ADR 0018).
        "awaiting_changes": [
            {"request": change, "what": describe_change(change.kind, change.params)}
            for change in account_changes_awaiting(user)[:20]
        ],
    }
    return render(request, "staff/home.html", context)
