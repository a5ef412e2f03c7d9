"""Helpers for tests (the personas in the root conftest.py use them): build staff through the real actions."""

from __future__ import annotations

from fazhi.accounts.actions import create_unit, create_user
from fazhi.accounts.models import Unit, User

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
