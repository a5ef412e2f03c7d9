"""The demo's second factor: the three administrators (三员) enrolled with one published demo secret (ADR 0017).

The 三员 must give a code at every sign-in. So that anyone trying the demo can sign in as them, `seed_demo` enrols them
with DEMO_TOTP_SECRET, printed by the command and in the README: add it to any authenticator app, or print the current
code with `manage.py demo_totp_code`. A published secret protects nothing — demo data only, never a real installation
(a real 三员 enrols their own phone at their first sign-in). The business demo accounts sign in with the password
alone unless FAZHI_TOTP_REQUIRED_ROLES names their role; then they enrol at their first sign-in.
"""

from __future__ import annotations

import time

from django.conf import settings

from fazhi.accounts.actions import enrol_second_factor
from fazhi.accounts.models import SecondFactor, User
from fazhi.accounts.roles import ADMIN_ROLES
from fazhi.rules import totp

DEMO_TOTP_SECRET = "FAZHIDEMOSECRETFORTHETHREEADMINS"  # noqa: S105  (published: demo data only)


def demo_code(at: float | None = None) -> str:
    """The code an authenticator holding the demo secret shows now."""
    return totp.totp(totp.secret_bytes(DEMO_TOTP_SECRET), time.time() if at is None else at)


def demo_otpauth_uri() -> str:
    return totp.provisioning_uri(DEMO_TOTP_SECRET, account="演示三员", issuer=settings.FAZHI_TOTP_ISSUER)


def enrol_demo_administrators(usernames: list[str]) -> list[str]:
    """Enrol the demo's 三员 among `usernames` that have no authenticator yet; returns those enrolled."""
    enrolled = []
    now = time.time()
    users = User.objects.filter(username__in=usernames, is_active=True).order_by("username")
    for user in users:
        if not (user.role_names & ADMIN_ROLES) or SecondFactor.objects.filter(user=user).exists():
            continue
        enrol_second_factor(actor=user, secret=DEMO_TOTP_SECRET, code=demo_code(now), at=now)
        enrolled.append(user.username)
    return enrolled
