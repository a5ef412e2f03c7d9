"""The two-person rule for the 三员's accounts (security review M4, ADR 0018).

三员分立 (GB/T 22239-2019 等保2.0 三级: 8.1.4.2 访问控制 c) 管理用户的权限分离; 8.1.5 安全管理中心; 8.1.7.3
授权和审批 — clause numbers [S], ADR 0018): the system, security and audit administrators are separate people, so none
of them alone may deactivate, re-enable, re-role, reset, sign out or unlock another — nor their own account this way.
A change to a 三员 account is a *request* by one 三员 that takes effect only when a *different* 三员 confirms it: not
the requester, not the account's holder, and not one who holds the requester's 三员 role (two system administrators
together are still one of the three). Business users stay the system administrator's alone (`users.py`).

Each of request, confirm, refuse, withdraw and expire is one action with one journal entry; a refused attempt changes
nothing and is journaled with outcome "refused" (its own transaction holds only that entry, and the error is raised
after it commits). Input that is simply wrong raises `InvalidAccountInput` and writes nothing. A request lapses
`FAZHI_ACCOUNT_CHANGE_REQUEST_DAYS` after it was made: the screens treat it as expired at once, and
`expire_account_change_requests` (daily) marks it, one entry per request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.accounts.actions.change_kinds import ChangeKind, change_kind
from fazhi.accounts.actions.common import InvalidAccountInput, admin_role, admin_roles_of, refuse
from fazhi.accounts.models import AccountChangeRequest, ChangeRequestStatus, User
from fazhi.accounts.roles import ADMIN_ROLES, role_label
from fazhi.journal.actions import record_entry
from fazhi.text import text_problem

OBJECT_TYPE = "accounts.change_request"
MAX_NOTE = 500


def request_lifetime() -> dt.timedelta:
    return dt.timedelta(days=settings.FAZHI_ACCOUNT_CHANGE_REQUEST_DAYS)


def _administrator_problem(actor: User) -> str | None:
    if not actor.is_active:
        return "账户已停用，不能执行此操作。"
    if not admin_roles_of(actor):
        return "只有系统管理员、安全管理员和审计管理员可以办理三员账户变更。"
    return None


def concerns_administrator(target: User, kind: ChangeKind, params: Mapping[str, Any]) -> bool:
    """The change is one to a 三员 account: its holder is a 三员, or it gives them a 三员 role."""
    return bool(admin_roles_of(target)) or (kind.grants and str(params.get("role") or "") in ADMIN_ROLES)


def _note(text: str, *, what: str, required: bool) -> str:
    text = text.strip()
    if required and not text:
        raise InvalidAccountInput(f"请填写{what}。")
    if len(text) > MAX_NOTE:
        raise InvalidAccountInput(f"{what}不超过 {MAX_NOTE} 个字。")
    problem = text_problem(text)
    if problem:
        raise InvalidAccountInput(f"{what}{problem}。")
    return text


def _locked_request(request: AccountChangeRequest) -> AccountChangeRequest:
    found = (
        AccountChangeRequest.objects.select_for_update()
        .select_related("target", "requested_by")
        .filter(pk=request.pk)
        .first()
    )
    if found is None:
        raise InvalidAccountInput("没有这份申请。")
    return found


def _still_pending(request: AccountChangeRequest, now: dt.datetime) -> None:
    if request.status != ChangeRequestStatus.PENDING:
        raise InvalidAccountInput(f"该申请{request.get_status_display()}，不能再办理。")
    if request.expires_at <= now:
        raise InvalidAccountInput("该申请已过期，请重新提出。")


def _settle(request: AccountChangeRequest, status: str, *, by: User | None, now: dt.datetime, note: str = "") -> None:
    """Compare-and-swap from pending: two confirmations at once yield one."""
    changed = AccountChangeRequest.objects.filter(pk=request.pk, status=ChangeRequestStatus.PENDING).update(
        status=status, settled_by=by, settled_at=now, settle_note=note, secret=""
    )
    if changed != 1:
        raise InvalidAccountInput("该申请已由他人办理，请刷新页面。")
    request.status, request.settled_by, request.settled_at, request.settle_note, request.secret = (
        status,
        by,
        now,
        note,
        "",
    )


def _what(request: AccountChangeRequest) -> dict[str, Any]:
    """The request as the journal records it (never its secret)."""
    return {
        "request": request.pk,
        "username": request.target.username,
        "kind": request.kind,
        "params": dict(request.params),
        "requested_by": request.requested_by.username,
    }


def _confirmer_problem(actor: User, request: AccountChangeRequest) -> str | None:
    """Why `actor` may neither confirm nor refuse `request`."""
    problem = _administrator_problem(actor)
    if problem:
        return problem
    if actor.pk == request.requested_by_id:
        return "不能确认或拒绝本人提出的申请，须由另一名三员办理。"
    if actor.pk == request.target_id:
        return "不能确认或拒绝关于本人账户的申请。"
    requester_roles = admin_roles_of(request.requested_by)
    if not request.requested_by.is_active or not requester_roles:
        return "申请人已不再担任在职的三员，该申请不能再确认；如仍需变更，请重新提出。"
    shared = admin_roles_of(actor) & requester_roles
    if shared:
        names = "、".join(role_label(role) for role in sorted(shared))
        return f"三员分立：确认人须与申请人担任不同的三员角色（双方均为{names}）。"
    return None


def request_account_change(
    *,
    actor: User,
    target: User,
    kind: str,
    reason: str,
    params: Mapping[str, Any] | None = None,
    secret: str = "",
    ip: str | None = None,
) -> AccountChangeRequest:
    """Ask for a change to a 三员 account; it waits for another 三员's confirmation.

    `secret` is what the kind keeps until then (a new password, typed twice by the form), checked here and stored only
    as the kind makes it (a hash).
    """
    change = change_kind(kind)
    wanted = {"role": str(params.get("role") or "")} if change.takes_role and params else {}
    reason = _note(reason, what="申请理由", required=True)
    now = timezone.now()
    with transaction.atomic():
        locked = User.objects.select_for_update().filter(pk=target.pk).first()
        if locked is None:
            raise InvalidAccountInput("没有这个账户。")
        attempted = {"username": locked.username, "kind": kind, "params": wanted}
        problem = _administrator_problem(actor)
        if problem is None and actor.pk == locked.pk:
            problem = "三员不能为本人的账户提出变更申请（本人的密码请在“修改密码”页面修改）。"
        if problem is None:
            if not concerns_administrator(locked, change, wanted):
                raise InvalidAccountInput("业务人员的账户由系统管理员直接管理，无须申请。")
            problem = change.check(locked, wanted)
        if problem is None:
            stored = change.secret_from(locked, secret) if change.secret_from else ""
            duplicate = AccountChangeRequest.objects.filter(
                target=locked, kind=kind, params=wanted, status=ChangeRequestStatus.PENDING, expires_at__gt=now
            ).first()
            if duplicate is not None:
                raise InvalidAccountInput(f"已有一份相同的待确认申请（第 {duplicate.pk} 号），请勿重复提出。")
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.change_request",
                object_type=OBJECT_TYPE,
                object_id=None,
                reason=problem,
                attempted=attempted,
                ip=ip,
                role=admin_role(actor),
            )
        else:
            request = AccountChangeRequest.objects.create(
                kind=kind,
                target=locked,
                params=wanted,
                secret=stored,
                reason=reason,
                requested_by=actor,
                requested_at=now,
                expires_at=now + request_lifetime(),
            )
            record_entry(
                actor=actor,
                action="accounts.change_request",
                object_type=OBJECT_TYPE,
                object_id=request.pk,
                after={**_what(request), "reason": reason, "expires_at": request.expires_at.isoformat()},
                ip=ip,
                role=admin_role(actor),
            )
            return request
    raise refusal


def confirm_account_change(*, actor: User, request: AccountChangeRequest, ip: str | None = None) -> None:
    """Confirm another 三员's request: the change takes effect now, in this action's one journal entry."""
    now = timezone.now()
    with transaction.atomic():
        locked = _locked_request(request)
        _still_pending(locked, now)
        change = change_kind(locked.kind)
        target = User.objects.select_for_update().get(pk=locked.target_id)
        problem = _confirmer_problem(actor, locked)
        if problem is None:
            problem = change.check(target, locked.params)
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.change_confirm",
                object_type=OBJECT_TYPE,
                object_id=locked.pk,
                reason=problem,
                attempted=_what(locked),
                ip=ip,
                role=admin_role(actor),
            )
        else:
            secret = locked.secret
            _settle(locked, ChangeRequestStatus.CONFIRMED, by=actor, now=now)
            before, after = change.apply(target, locked.params, secret)
            record_entry(
                actor=actor,
                action="accounts.change_confirm",
                object_type=OBJECT_TYPE,
                object_id=locked.pk,
                before={"username": target.username, **before},
                after={**_what(locked), **after},
                ip=ip,
                role=admin_role(actor),
            )
            request.status = locked.status
            return
    raise refusal


def refuse_account_change(*, actor: User, request: AccountChangeRequest, note: str = "", ip: str | None = None) -> None:
    """Refuse another 三员's request (one who could have confirmed it); nothing changes on the account."""
    note = _note(note, what="拒绝理由", required=False)
    now = timezone.now()
    with transaction.atomic():
        locked = _locked_request(request)
        _still_pending(locked, now)
        problem = _confirmer_problem(actor, locked)
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.change_refuse",
                object_type=OBJECT_TYPE,
                object_id=locked.pk,
                reason=problem,
                attempted=_what(locked),
                ip=ip,
                role=admin_role(actor),
            )
        else:
            _settle(locked, ChangeRequestStatus.REFUSED, by=actor, now=now, note=note)
            record_entry(
                actor=actor,
                action="accounts.change_refuse",
                object_type=OBJECT_TYPE,
                object_id=locked.pk,
                after={**_what(locked), "note": note},
                ip=ip,
                role=admin_role(actor),
            )
            request.status = locked.status
            return
    raise refusal


def withdraw_account_change(*, actor: User, request: AccountChangeRequest, ip: str | None = None) -> None:
    """The requester takes their request back before it is settled."""
    now = timezone.now()
    with transaction.atomic():
        locked = _locked_request(request)
        _still_pending(locked, now)
        problem = None if actor.pk == locked.requested_by_id else "只有申请人本人可以撤回申请。"
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.change_withdraw",
                object_type=OBJECT_TYPE,
                object_id=locked.pk,
                reason=problem,
                attempted=_what(locked),
                ip=ip,
                role=admin_role(actor),
            )
        else:
            _settle(locked, ChangeRequestStatus.WITHDRAWN, by=actor, now=now)
            record_entry(
                actor=actor,
                action="accounts.change_withdraw",
                object_type=OBJECT_TYPE,
                object_id=locked.pk,
                after=_what(locked),
                ip=ip,
                role=admin_role(actor),
            )
            request.status = locked.status
            return
    raise refusal


def expire_account_change(*, request: AccountChangeRequest, now: dt.datetime | None = None) -> bool:
    """Mark a pending request past its time as expired (the system's act); False when it is not (or no longer)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_request(request)
        if locked.status != ChangeRequestStatus.PENDING or locked.expires_at > now:
            return False
        _settle(locked, ChangeRequestStatus.EXPIRED, by=None, now=now)
        record_entry(
            actor=None,
            action="accounts.change_expire",
            object_type=OBJECT_TYPE,
            object_id=locked.pk,
            after={**_what(locked), "expires_at": locked.expires_at.isoformat()},
        )
        request.status = locked.status
        return True


def expire_account_changes(*, now: dt.datetime | None = None) -> int:
    """Expire every pending request past its time, each in its own action; returns how many."""
    now = now or timezone.now()
    overdue = AccountChangeRequest.objects.filter(status=ChangeRequestStatus.PENDING, expires_at__lte=now)
    return sum(expire_account_change(request=request, now=now) for request in overdue.order_by("pk"))
