"""The security administrator's actions on sign-in protection: clearing a lockout; journaling a sign-in flood.

django-axes locks a user name *from one client address* after `AXES_FAILURE_LIMIT` failures (settings.py), so an
attacker elsewhere cannot lock the account for its owner (security review H1). The security administrator
(安全管理员, 等保2.0 三员分立) may clear a lockout before it expires; each clearing is one journal entry.
"""

from __future__ import annotations

from axes.models import AccessAttempt
from django.db import transaction

from fazhi.accounts.actions.common import TWO_PERSON_MESSAGE, InvalidAccountInput, admin_roles_of, refuse
from fazhi.accounts.models import Role, User
from fazhi.journal.actions import record_entry


def _problem(actor: User) -> str | None:
    if not actor.is_active:
        return "账户已停用，不能执行此操作。"
    if not actor.has_role(Role.SECADMIN):
        return "只有安全管理员可以解除登录锁定。"
    return None


def _is_administrator(username: str) -> bool:
    user = User.objects.filter(username=username).first()
    return user is not None and bool(admin_roles_of(user))


def clear_lockouts_of(username: str) -> int:
    """Forget every failed sign-in of `username`, from every address; returns how many records went (an effect for
    `change_kinds`: journals nothing)."""
    deleted: int = AccessAttempt.objects.filter(username=username).delete()[0]
    return deleted


def clear_lockout(*, actor: User, attempt_id: int, ip: str | None = None) -> None:
    """Forget the failed sign-ins of one user name from one address (its lockout, if any, ends at once)."""
    with transaction.atomic():
        attempt = AccessAttempt.objects.select_for_update().filter(pk=attempt_id).first()
        if attempt is None:
            raise InvalidAccountInput("该登录失败记录已不存在（可能已过期或已被解除）。")
        what = {"username": attempt.username, "address": attempt.ip_address, "failures": attempt.failures_since_start}
        problem = _problem(actor)
        if problem is None and attempt.username and _is_administrator(attempt.username):
            # A 三员's lockout is cleared by two of them (ADR 0018): its kind "clear_lockout" in change_kinds.
            problem = TWO_PERSON_MESSAGE
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.lockout_clear",
                object_type="accounts.lockout",
                object_id=attempt.pk,
                reason=problem,
                attempted=what,
                ip=ip,
            )
        else:
            attempt.delete()
            record_entry(
                actor=actor,
                action="accounts.lockout_clear",
                object_type="accounts.lockout",
                object_id=attempt_id,
                before=what,
                after={"username": what["username"], "address": what["address"], "failures": 0},
                ip=ip,
                role=str(Role.SECADMIN),
            )
            return
    raise refusal


def record_login_flood(*, address: str | None, limit: int, window_seconds: int) -> None:
    """Journal once that `address` went over the sign-in limit in this window (the attempts beyond it are not)."""
    with transaction.atomic():
        record_entry(
            actor=None,
            action="accounts.login_flood",
            object_type="accounts.user",
            after={"limit": limit, "window_seconds": window_seconds},
            outcome="refused",
            ip=address,
        )
