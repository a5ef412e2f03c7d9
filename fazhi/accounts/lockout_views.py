"""The security administrator's page of sign-in lockouts (/staff/accounts/lockouts/): list them, clear one."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from fazhi.accounts.access import require_roles, staff_user
from fazhi.accounts.actions import AccountActionError, clear_lockout
from fazhi.accounts.models import Role
from fazhi.accounts.queries import administrator_usernames
from fazhi.accounts.views import lockout_minutes
from fazhi.journal.request import client_ip

MAX_ROWS = 500


@require_roles(Role.SECADMIN)
@require_safe
def lockouts(request: HttpRequest) -> HttpResponse:
    limit = settings.AXES_FAILURE_LIMIT
    minutes = lockout_minutes() or 0
    since = timezone.now() - timedelta(minutes=minutes)
    rows = []
    for attempt in AccessAttempt.objects.order_by("-attempt_time")[:MAX_ROWS]:
        locked = attempt.failures_since_start >= limit and (minutes == 0 or attempt.attempt_time >= since)
        rows.append({"attempt": attempt, "locked": locked})
    # A 三员's lockout is cleared by a request another 三员 confirms (ADR 0018): their rows link to it instead.
    administrators = administrator_usernames()
    for row in rows:
        row["administrator"] = row["attempt"].username in administrators
    context = {"rows": rows, "failure_limit": limit, "lockout_minutes": minutes, "shown_max": MAX_ROWS}
    return render(request, "accounts/lockouts.html", context)


@require_roles(Role.SECADMIN)
@require_POST
def clear(request: HttpRequest, attempt_id: int) -> HttpResponse:
    try:
        clear_lockout(actor=staff_user(request), attempt_id=attempt_id, ip=client_ip(request))
    except AccountActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已解除该登录锁定，并记入全过程记录。")
    return redirect("accounts:lockouts")
