"""Journal sign-ins, failed sign-ins and sign-outs (全过程记录; 等保2.0 8.1.4.3 security audit).

Connected in AccountsConfig.ready(). record_entry needs a transaction, so each receiver opens one.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest

from fazhi.accounts.middleware import mark_login
from fazhi.accounts.models import User
from fazhi.journal.actions import record_entry
from fazhi.journal.request import client_ip

# Longest attempted user name kept in the journal: enough for any real one, not a dump of whatever was typed.
MAX_ATTEMPTED_USERNAME = 150


def _ip(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="fazhi.accounts.journal_login")
def journal_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        mark_login(request)
    after: dict[str, Any] = {"username": user.username}
    # How the second factor was given (ADR 0017): "totp", "recovery" or "enrolment"; absent when none was asked.
    method = getattr(request, "fazhi_second_factor", None)
    if method:
        after["second_factor"] = method
    with transaction.atomic():
        record_entry(
            actor=user,
            action="accounts.login",
            object_type="accounts.user",
            object_id=user.pk,
            after=after,
            ip=_ip(request),
        )


@receiver(user_login_failed, dispatch_uid="fazhi.accounts.journal_login_failure")
def journal_login_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Never the password: Django already masks it in `credentials`, and we keep only the user name.
    username = str(credentials.get("username", ""))[:MAX_ATTEMPTED_USERNAME]
    after: dict[str, Any] = {"username": username}
    if request is not None and getattr(request, "fazhi_second_factor_failed", False):
        after["step"] = "second_factor"  # the password was right, the code was not (never the code itself)
    if request is not None and getattr(request, "axes_locked_out", False):
        after["locked_out"] = True
    with transaction.atomic():
        record_entry(
            actor=None,
            action="accounts.login",
            object_type="accounts.user",
            after=after,
            outcome="failure",
            ip=_ip(request),
        )


@receiver(user_logged_out, dispatch_uid="fazhi.accounts.journal_logout")
def journal_logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is None:  # signing out of a session that had no user: nothing happened
        return
    after: dict[str, Any] = {"username": user.username}
    reason = getattr(request, "fazhi_logout_reason", None)
    if reason:
        after["reason"] = reason
    with transaction.atomic():
        record_entry(
            actor=user,
            action="accounts.logout",
            object_type="accounts.user",
            object_id=user.pk,
            after=after,
            ip=_ip(request),
        )
