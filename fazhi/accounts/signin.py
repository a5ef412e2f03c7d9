"""Who must give a second factor at sign-in, and the half-finished sign-in kept in the session meanwhile (ADR 0017).

A correct password alone does not sign anyone in who must give a code: the login view keeps a *pending* marker in the
session (the user, the backend that checked the password, a hash of the password, when it started, how many wrong
codes so far) and does not call Django's `login`. So until the code is checked the session is anonymous: every
`/staff/`, `/admin/` and session-authenticated `/api/` request is refused as for anyone not signed in, whatever URL is
typed. The code page (or, for one who must enrol, the enrolment page) reads the marker, and only a right code calls
`login`, which gives the session a new key and journals the sign-in (`accounts.login`, with `second_factor`).
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest

from fazhi.accounts.models import SecondFactor, User
from fazhi.accounts.roles import ADMIN_ROLES

PENDING_KEY = "fazhi_second_factor_pending"
ENROL_SECRET_KEY = "fazhi_second_factor_enrol_secret"  # noqa: S105  (a session key's name, not a secret)
# Wrong codes in a row that end a pending sign-in (each one is also a failed sign-in for django-axes).
WRONG_CODES_LIMIT = 5


def required_roles() -> frozenset[str]:
    """The 三员 always (等保2.0 8.1.4.1 d), and the roles FAZHI_TOTP_REQUIRED_ROLES adds."""
    return ADMIN_ROLES | frozenset(settings.FAZHI_TOTP_REQUIRED_ROLES)


def second_factor_required(user: User) -> bool:
    return bool(user.role_names & required_roles())


def has_second_factor(user: User) -> bool:
    return SecondFactor.objects.filter(user=user).exists()


def needs_code_step(user: User) -> bool:
    """Those who must have a second factor, and those who turned it on of their own accord."""
    return second_factor_required(user) or has_second_factor(user)


def start_pending(request: HttpRequest, user: User, next_url: str) -> None:
    """The password was right: remember whose sign-in waits for a code, without signing the session in."""
    request.session.cycle_key()  # a new session key already, so a planted key does not carry the pending marker
    request.session.pop(ENROL_SECRET_KEY, None)
    request.session[PENDING_KEY] = {
        "user_id": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[0]),
        "auth_hash": user.get_session_auth_hash(),
        "started_at": int(time.time()),
        "wrong_codes": 0,
        "next": next_url,
    }


def _pending(request: HttpRequest) -> dict[str, Any] | None:
    pending = request.session.get(PENDING_KEY)
    return pending if isinstance(pending, dict) else None


def end_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)
    request.session.pop(ENROL_SECRET_KEY, None)


def pending_user(request: HttpRequest) -> User | None:
    """The user whose sign-in waits for a code in this session, if the wait is still valid (not expired, the account
    active, the password unchanged); otherwise the marker is dropped and None returned."""
    if request.user.is_authenticated:
        return None
    pending = _pending(request)
    if pending is None:
        return None
    started, user_id = pending.get("started_at"), pending.get("user_id")
    user = User.objects.filter(pk=user_id, is_active=True).first() if isinstance(user_id, int) else None
    if (
        user is None
        or not isinstance(started, int)
        or time.time() - started > settings.FAZHI_TOTP_PENDING_SECONDS
        or pending.get("auth_hash") != user.get_session_auth_hash()
    ):
        end_pending(request)
        return None
    return user


def pending_next(request: HttpRequest) -> str:
    pending = _pending(request) or {}
    return str(pending.get("next") or "")


def count_wrong_code(request: HttpRequest) -> int:
    """One more wrong code in this pending sign-in; returns how many in a row."""
    pending = _pending(request)
    if pending is None:
        return WRONG_CODES_LIMIT
    pending["wrong_codes"] = int(pending.get("wrong_codes", 0)) + 1
    request.session[PENDING_KEY] = pending
    return int(pending["wrong_codes"])


def complete_sign_in(request: HttpRequest, user: User, *, method: str) -> str:
    """Sign the session in now that the second factor is checked; returns where the user was going."""
    pending = _pending(request) or {}
    next_url = str(pending.get("next") or "")
    backend = str(pending.get("backend") or settings.AUTHENTICATION_BACKENDS[0])
    end_pending(request)
    request.fazhi_second_factor = method  # type: ignore[attr-defined]  # read by the login receiver
    login(request, user, backend=backend)
    return next_url
