"""What every account action shares: the errors, who may act, journaling a refusal, snapshots for the journal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.accounts.models import Role, RoleGrant, Unit, User
from fazhi.accounts.roles import ADMIN_ROLES
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry


class AccountActionError(ActionError):
    """Base of the errors raised by these actions; `message` is Chinese and safe to show to the user."""


class ActionRefused(AccountActionError, PermissionDenied):
    """The actor may not do this, or the result would break a role rule. Journaled with outcome "refused"."""


class InvalidAccountInput(AccountActionError, ValueError):
    """The input is wrong (unknown role, duplicate name, …). Nothing is written."""


def actor_role(actor: User | None) -> str:
    return str(Role.SYSADMIN) if actor is not None and actor.has_role(Role.SYSADMIN) else ""


def actor_problem(actor: User | None) -> str | None:
    if actor is None:
        return None
    if not actor.is_active:
        return "账户已停用，不能执行此操作。"
    if not actor.has_role(Role.SYSADMIN):
        return "只有系统管理员可以管理机构和账户。"
    return None


# 三员分立 (GB/T 22239-2019 8.1.4.2 c), 8.1.7.3 [S]; ADR 0018): a change to an administrator's account is a
# request by one 三员 that another confirms (`fazhi.accounts.actions.change_requests`), never one person's act.
TWO_PERSON_MESSAGE = (
    "三员分立：系统管理员、安全管理员、审计管理员的账户不能由一人直接变更。"
    "请在“三员账户变更”页面提出申请，经另一名三员确认后生效。"
)


def admin_roles_of(user: User) -> set[str]:
    """The 三员 roles `user` holds now (read from the database, not the instance's cache)."""
    return current_roles(user) & ADMIN_ROLES


def admin_role(user: User | None) -> str:
    """The 三员 role an administrator acts in, for the journal ("" for others)."""
    if user is None:
        return ""
    held = sorted(user.role_names & ADMIN_ROLES)
    return held[0] if held else ""


def two_person_problem(actor: User | None, target: User, *, role: str | None = None) -> str | None:
    """Why `actor` may not change `target` directly: `target` is a 三员, or the change would make them one.

    The system itself (`actor=None`: the command line at the first deployment, `seed_demo`) is not held to it.
    """
    if actor is None:
        return None
    if admin_roles_of(target) or (role is not None and role in ADMIN_ROLES):
        return TWO_PERSON_MESSAGE
    return None


def refuse(
    *,
    actor: User | None,
    action: str,
    object_type: str,
    object_id: int | str | None,
    reason: str,
    attempted: Mapping[str, Any],
    ip: str | None,
    role: str | None = None,
) -> ActionRefused:
    """Journal a refused attempt (inside the caller's transaction) and return the error to raise once it commits."""
    record_entry(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        after={**attempted, "reason": reason},
        outcome="refused",
        ip=ip,
        role=actor_role(actor) if role is None else role,
    )
    return ActionRefused(reason)


def forget_cached_roles(user: User) -> None:
    user.__dict__.pop("_role_names", None)


def current_roles(user: User) -> set[str]:
    return set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))


def is_last_active_sysadmin(user: User) -> bool:
    others = User.objects.filter(is_active=True, role_grants__role=Role.SYSADMIN).exclude(pk=user.pk)
    return user.is_active and Role.SYSADMIN in current_roles(user) and not others.exists()


def unit_snapshot(unit: Unit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent.code if unit.parent else None,
        "path": unit.path,
    }


def user_snapshot(user: User, roles: Iterable[str]) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "unit": user.unit.code if user.unit else None,
        "roles": sorted(roles),
        "enforcement_certificate_number": user.enforcement_certificate_number,
        "has_legal_qualification": user.has_legal_qualification,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
    }
