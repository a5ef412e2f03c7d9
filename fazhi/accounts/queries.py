"""Reads of units and users, and the one place where data scope is applied.

The scope rule (product.md, security.md "Access"):
- staff with a business role see their own unit and the units below it (a prefix match on `Unit.path`);
- the supervisor (电子监察) sees everything, read-only (writes are refused by `access.can_write`);
- the three administrators (三员) see the whole organisation tree and its members, because administering accounts and
  reading the journal needs names, but no business data: `scope_by_unit` gives them nothing. The audit administrator
  reads the journal through the journal's own queries.
- anonymous and inactive users, and staff without a unit, see nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from fazhi import sql
from fazhi.accounts.models import (
    SEPARATED_ADMIN_ROLES,
    AccountChangeRequest,
    ChangeRequestStatus,
    RecoveryCode,
    Role,
    SecondFactor,
    Unit,
    UnitKind,
    User,
)
from fazhi.accounts.roles import BUSINESS_ROLE_NAMES
from fazhi.accounts.signin import required_roles, second_factor_required

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

M = TypeVar("M", bound=models.Model)

_ALL = "all"
_NONE = "none"


def _active_staff(user: User | AnonymousUser | None) -> User | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    assert isinstance(user, User)
    return user


def business_scope(user: User | AnonymousUser | None) -> str:
    """Where the user's view of business data reaches: "all", "none", or a unit path prefix such as "/1/4/"."""
    staff = _active_staff(user)
    if staff is None:
        return _NONE
    if staff.has_role(Role.SUPERVISOR):
        return _ALL
    if not staff.role_names & BUSINESS_ROLE_NAMES:
        return _NONE
    if staff.unit is None:
        return _NONE
    return staff.unit.path


def _organisation_scope(user: User | AnonymousUser | None) -> str:
    """Like `business_scope`, except that the 三员 also see the whole organisation tree and its members."""
    staff = _active_staff(user)
    if staff is not None and staff.role_names & SEPARATED_ADMIN_ROLES:
        return _ALL
    return business_scope(user)


def _apply(queryset: models.QuerySet[M], scope: str, unit_lookup: str) -> models.QuerySet[M]:
    if scope == _ALL:
        return queryset
    if scope == _NONE:
        return queryset.none()
    # A sub-select on the indexed `path` keeps the filter on the scoped table's own unit column (one index lookup),
    # instead of a join per row; the trailing slash of the path keeps "/1/" from matching "/14/".
    units = Unit.objects.filter(path__startswith=scope).values("pk")
    lookup: dict[str, Any] = {f"{unit_lookup}__in": units}
    return queryset.filter(**lookup)


def scope_by_unit(
    queryset: models.QuerySet[M], user: User | AnonymousUser | None, unit_field: str = "unit"
) -> models.QuerySet[M]:
    """Keep the rows of business data (cases, documents, …) that `user` may see.

    `unit_field` names the row's unit, possibly across relations ("case__unit"). Use this in every queries.py that
    reads business data, so the scope rule lives here only.
    """
    return _apply(queryset, business_scope(user), unit_field)


def business_scope_condition(
    user: User | AnonymousUser | None, unit_column: str, connection: BaseDatabaseWrapper
) -> tuple[str, list[Any]] | None:
    """`scope_by_unit` as SQL for a hand-written statement: a condition on the quoted `unit_column` and its
    parameters ("" when the user sees every unit), or None when the user sees nothing. The same sub-select on the
    indexed path as `_apply`, so a statement built with it reads the same rows through the same indexes."""
    scope = business_scope(user)
    if scope == _NONE:
        return None
    if scope == _ALL:
        return "", []
    like = connection.operators["startswith"]
    _, units = sql.statement(Unit, "SELECT {id} FROM {table} WHERE {path} " + like, connection.alias)  # noqa: S608
    return f"{unit_column} IN ({units})", [connection.ops.prep_for_like_query(scope) + "%"]


def in_business_scope(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """Whether a row of `unit` is within `user`'s business scope: the rule of `scope_by_unit`, decided from the
    unit's path in memory (no query), for an action that has already loaded the row."""
    scope = business_scope(user)
    return scope == _ALL or (scope != _NONE and unit.path.startswith(scope))


def visible_units(user: User | AnonymousUser | None) -> models.QuerySet[Unit]:
    """The units `user` may see: their own and the ones below, or all of them for the supervisor and the 三员."""
    return _apply(Unit.objects.all(), _organisation_scope(user), "pk").order_by("path")


def visible_users(user: User | AnonymousUser | None) -> models.QuerySet[User]:
    """The staff members `user` may see: members of `visible_units(user)`."""
    queryset = User.objects.select_related("unit").order_by("unit__path", "username")
    return _apply(queryset, _organisation_scope(user), "unit")


def unit_by_code(code: str) -> Unit | None:
    return Unit.objects.filter(code=code).first()


def unit_lineage(unit: Unit) -> list[Unit]:
    """`unit` and its ancestors, from the root down (one query, from the materialised path)."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return list(Unit.objects.filter(pk__in=ids).order_by("path"))


# The units that are administrative organs of their own (a district or the city bureau): a brigade or squad acts in
# its bureau's name (fazhi.documents.organ names the organ of a document; this is the same walk, for the lower apps).
ORGAN_KINDS = frozenset({UnitKind.DISTRICT_BUREAU, UnitKind.CITY_BUREAU})


def organ_unit(unit: Unit) -> Unit:
    """The district or city bureau at or above `unit` (the unit itself when the tree has none above it)."""
    for candidate in reversed(unit_lineage(unit)):
        if candidate.kind in ORGAN_KINDS:
            return candidate
    return unit


def is_principal_of(user: User | None, unit: Unit) -> bool:
    """`user` is the 正职负责人 (or the 负责人 presiding over its work) of the organ `unit` acts for
    (行政执法机关移送涉嫌犯罪案件的规定 第五条)."""
    organ = organ_unit(unit)
    return user is not None and user.is_active and organ.principal_id is not None and organ.principal_id == user.pk


@dataclass(frozen=True)
class SecondFactorStatus:
    """What a user's "account security" page says of their second factor (never the secret)."""

    user: User
    required: bool
    enrolled: bool
    confirmed_at: datetime | None
    last_used_at: datetime | None
    recovery_codes_at: datetime | None
    recovery_codes_left: int


def second_factor_status(user: User) -> SecondFactorStatus:
    factor = SecondFactor.objects.filter(user=user).first()
    left = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count() if factor else 0
    return SecondFactorStatus(
        user=user,
        required=second_factor_required(user),
        enrolled=factor is not None,
        confirmed_at=factor.confirmed_at if factor else None,
        last_used_at=factor.last_used_at if factor else None,
        recovery_codes_at=factor.recovery_codes_at if factor else None,
        recovery_codes_left=left,
    )


def second_factor_rows() -> list[SecondFactorStatus]:
    """Every active staff member with their second factor, for the security administrator: the 三员 first, then by
    user name. The secadmin administers access, so sees the whole staff list (no business data)."""
    required = required_roles()
    factors = {factor.user_id: factor for factor in SecondFactor.objects.all()}
    left = dict(
        RecoveryCode.objects.filter(used_at__isnull=True)
        .values("user_id")
        .annotate(n=models.Count("id"))
        .values_list("user_id", "n")
    )
    users = User.objects.filter(is_active=True).prefetch_related("role_grants").select_related("unit")
    rows = []
    for user in users:
        user._role_names = frozenset(grant.role for grant in user.role_grants.all())
        factor = factors.get(user.pk)
        rows.append(
            SecondFactorStatus(
                user=user,
                required=bool(user.role_names & required),
                enrolled=factor is not None,
                confirmed_at=factor.confirmed_at if factor else None,
                last_used_at=factor.last_used_at if factor else None,
                recovery_codes_at=factor.recovery_codes_at if factor else None,
                recovery_codes_left=left.get(user.pk, 0),
            )
        )
    admin_roles = frozenset(str(role) for role in SEPARATED_ADMIN_ROLES)
    rows.sort(key=lambda row: (not (row.user.role_names & admin_roles), row.user.username))
    return rows


# --- Requests to change a 三员 account (two-person rule, ADR 0018) ----------------------------------------------------


def _change_requests() -> models.QuerySet[AccountChangeRequest]:
    return AccountChangeRequest.objects.select_related("target", "target__unit", "requested_by", "settled_by")


def pending_account_changes(now: dt.datetime | None = None) -> models.QuerySet[AccountChangeRequest]:
    """Requests still waiting for a confirmation (a request past its time counts as expired, swept or not)."""
    now = now or timezone.now()
    return _change_requests().filter(status=ChangeRequestStatus.PENDING, expires_at__gt=now).order_by("expires_at")


def account_changes_awaiting(user: User, now: dt.datetime | None = None) -> models.QuerySet[AccountChangeRequest]:
    """The pending requests `user` may confirm or refuse: not their own, not about their account, and made by a 三员
    of another role (the rule `change_requests._confirmer_problem` enforces)."""
    roles = user.role_names & SEPARATED_ADMIN_ROLES
    if not user.is_active or not roles:
        return AccountChangeRequest.objects.none()
    return (
        pending_account_changes(now)
        .exclude(requested_by=user)
        .exclude(target=user)
        .exclude(requested_by__role_grants__role__in=roles)
    )


def recent_account_changes(limit: int = 50) -> list[AccountChangeRequest]:
    """The latest settled requests, newest first."""
    settled = _change_requests().exclude(status=ChangeRequestStatus.PENDING).order_by("-settled_at", "-pk")
    return list(settled[:limit])


def expired_unswept(now: dt.datetime | None = None) -> list[AccountChangeRequest]:
    """Pending requests past their time that the daily sweep has not marked yet (shown as expired)."""
    now = now or timezone.now()
    return list(_change_requests().filter(status=ChangeRequestStatus.PENDING, expires_at__lte=now).order_by("-pk"))


def administrator_accounts() -> models.QuerySet[User]:
    """The accounts a request may concern: the 三员's, and accounts without any role (which may be given one)."""
    return (
        User.objects.filter(models.Q(role_grants__role__in=SEPARATED_ADMIN_ROLES) | models.Q(role_grants__isnull=True))
        .select_related("unit")
        .distinct()
        .order_by("username")
    )


def administrator_usernames() -> set[str]:
    """The user names of the 三员 (whose lockouts are cleared by request)."""
    return set(
        User.objects.filter(role_grants__role__in=SEPARATED_ADMIN_ROLES).values_list("username", flat=True).distinct()
    )
