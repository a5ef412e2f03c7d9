"""Helpers for tests (the personas in the root conftest.py use them): build staff through the real actions."""

from __future__ import annotations

import time
from dataclasses import dataclass

from fazhi.accounts.actions import create_unit, create_user, enrol_second_factor
from fazhi.accounts.models import SecondFactor, Unit, User
from fazhi.rules import totp

PERSONA_PASSWORD = "fazhi-demo"  # noqa: S105  (test personas only)
# The personas of the root conftest.py, each a fixture of that name.
PERSONA_NAMES = (
    "inspector",
    "inspector2",
    "lead",
    "director",
    "leader",
    "legal",
    "supervisor",
    "sysadmin",
    "secadmin",
    "auditadmin",
    "outsider",
)


def make_unit(code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    return create_unit(actor=None, code=code, name=name, kind=kind, parent=parent)


def make_user(
    username: str,
    full_name: str,
    unit: Unit,
    *roles: str,
    certificate: str = "",
    legal_qualification: bool = False,
) -> User:
    """A staff member created by the system through `create_user`, with PERSONA_PASSWORD."""
    return create_user(
        actor=None,
        username=username,
        password=PERSONA_PASSWORD,
        full_name=full_name,
        unit=unit,
        roles=roles,
        enforcement_certificate_number=certificate,
        has_legal_qualification=legal_qualification,
    )


@dataclass(frozen=True)
class Enrolment:
    """A user's authenticator as a test holds it: the secret (to compute codes) and the recovery codes."""

    secret: str
    recovery_codes: list[str]

    def code(self, user: User) -> str:
        """A code the app would show now that has not been accepted yet (the step after the last one accepted)."""
        factor = SecondFactor.objects.get(user=user)
        now = totp.counter_at(time.time())
        return totp.hotp(totp.secret_bytes(self.secret), max(now - 1, factor.last_counter + 1))


def enrol(user: User) -> Enrolment:
    """Turn on `user`'s authenticator through the real action, confirmed with a code of two steps ago (so the codes
    of the current window are still unused for the sign-ins a test makes)."""
    secret = totp.new_secret()
    earlier = time.time() - 2 * totp.STEP_SECONDS
    codes = enrol_second_factor(
        actor=user, secret=secret, code=totp.totp(totp.secret_bytes(secret), earlier), at=earlier
    )
    return Enrolment(secret, codes)
