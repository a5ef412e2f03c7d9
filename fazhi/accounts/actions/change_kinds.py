"""The kinds of change to a 三员 account that need a request and a second 三员's confirmation (ADR 0018).

A registry: another module adds its kind at import with `register_change_kind` (the second factor's reset does), and
`fazhi/accounts/actions/__init__.py` imports every module that registers. Each kind says:
- `check(target, params)`: the refusal the rules give this change now, or None; raises `InvalidAccountInput` when the
  change makes no sense now (already done). Run when the request is made and again, on the locked row, at confirmation.
- `apply(target, params, secret)`: the change on the locked `target`, returning (before, after) for the confirmation's
  one journal entry. It journals nothing itself and never returns the secret.
- `takes_role`: the request names a role (`params["role"]`); `grants`: that role is given, so a request to give a 三员
  role to an account without one is a change to a 三员 account too.
- `secret_from(target, typed)`: for a kind that takes a secret (a new password): checks what was typed and returns
  what the request keeps until it is settled (the password's hash), never shown nor journaled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password

from fazhi.accounts.actions.common import InvalidAccountInput, current_roles
from fazhi.accounts.actions.security import clear_lockouts_of
from fazhi.accounts.actions.users import (
    add_role,
    check_password,
    deactivation_problem,
    end_sessions_of,
    grant_problem,
    remove_role,
    revoke_problem,
    set_active,
    set_inactive,
)
from fazhi.accounts.models import User
from fazhi.accounts.roles import role_label, unknown_roles

Payload = dict[str, Any]


@dataclass(frozen=True)
class ChangeKind:
    code: str
    label: str  # what is asked, for the pages: 停用账户
    check: Callable[[User, Mapping[str, Any]], str | None]
    apply: Callable[[User, Mapping[str, Any], str], tuple[Payload, Payload]]
    takes_role: bool = False
    grants: bool = False
    secret_from: Callable[[User, str], str] | None = None
    secret_label: str = ""  # the form field's label, for a kind with a secret

    def describe(self, params: Mapping[str, Any]) -> str:
        """The change in words: 停用账户, 授予角色：安全管理员."""
        role = params.get("role")
        return f"{self.label}：{role_label(str(role))}" if self.takes_role and role else self.label


CHANGE_KINDS: dict[str, ChangeKind] = {}


def register_change_kind(kind: ChangeKind) -> ChangeKind:
    """Add `kind` to the registry (once per code)."""
    known = CHANGE_KINDS.get(kind.code)
    if known is not None and known != kind:
        raise ValueError(f"change kind {kind.code!r} is registered twice")
    CHANGE_KINDS[kind.code] = kind
    return kind


def change_kind(code: str) -> ChangeKind:
    kind = CHANGE_KINDS.get(code)
    if kind is None:
        raise InvalidAccountInput("没有这种变更事项。")
    return kind


def describe_change(kind: str, params: Mapping[str, Any]) -> str:
    """A request's change in words, for the pages (the code itself when its kind is no longer registered)."""
    known = CHANGE_KINDS.get(kind)
    return known.describe(params) if known else kind


def _role(params: Mapping[str, Any]) -> str:
    role = str(params.get("role") or "")
    if not role:
        raise InvalidAccountInput("请选择角色。")
    if unknown_roles([role]):
        raise InvalidAccountInput("没有这个角色。")
    return role


def _fresh(target: User) -> None:
    """Forget the roles the instance cached (the caller passes the row it has just locked)."""
    target.__dict__.pop("_role_names", None)


def _check_deactivate(target: User, params: Mapping[str, Any]) -> str | None:
    _fresh(target)
    return deactivation_problem(target)


def _apply_deactivate(target: User, params: Mapping[str, Any], secret: str) -> tuple[Payload, Payload]:
    ended = set_inactive(target)
    return {"is_active": True}, {"is_active": False, "sessions_ended": ended}


def _check_reactivate(target: User, params: Mapping[str, Any]) -> str | None:
    _fresh(target)
    if target.is_active:
        raise InvalidAccountInput(f"{target.display_name}的账户未停用。")
    return None


def _apply_reactivate(target: User, params: Mapping[str, Any], secret: str) -> tuple[Payload, Payload]:
    set_active(target)
    return {"is_active": False}, {"is_active": True}


def _check_grant(target: User, params: Mapping[str, Any]) -> str | None:
    _fresh(target)
    return grant_problem(target, _role(params), current_roles(target))


def _apply_grant(target: User, params: Mapping[str, Any], secret: str) -> tuple[Payload, Payload]:
    role, before = _role(params), current_roles(target)
    add_role(target, role)
    return {"roles": sorted(before)}, {"roles": sorted(before | {role}), "granted": role}


def _check_revoke(target: User, params: Mapping[str, Any]) -> str | None:
    _fresh(target)
    return revoke_problem(target, _role(params), current_roles(target))


def _apply_revoke(target: User, params: Mapping[str, Any], secret: str) -> tuple[Payload, Payload]:
    role, before = _role(params), current_roles(target)
    remove_role(target, role)
    return {"roles": sorted(before)}, {"roles": sorted(before - {role}), "revoked": role}


def _check_active(target: User, params: Mapping[str, Any]) -> str | None:
    _fresh(target)
    if not target.is_active:
        raise InvalidAccountInput(f"{target.display_name}的账户已停用。")
    return None


def _password_hash(target: User, typed: str) -> str:
    if not typed:
        raise InvalidAccountInput("请填写新密码。")
    check_password(typed, target)
    return make_password(typed)


def _apply_password(target: User, params: Mapping[str, Any], secret: str) -> tuple[Payload, Payload]:
    if not secret:
        raise InvalidAccountInput("该申请没有保存新密码，请重新提出。")
    User.objects.filter(pk=target.pk).update(password=secret)
    target.password = secret
    ended = end_sessions_of(target)
    return {}, {"password": "reset", "sessions_ended": ended}


def _check_any(target: User, params: Mapping[str, Any]) -> str | None:
    return None


def _apply_end_sessions(target: User, params: Mapping[str, Any], secret: str) -> tuple[Payload, Payload]:
    return {}, {"sessions_ended": end_sessions_of(target)}


def _check_lockout(target: User, params: Mapping[str, Any]) -> str | None:
    if not AccessAttempt.objects.filter(username=target.username).exists():
        raise InvalidAccountInput(f"{target.display_name}的账户没有登录失败记录，无须解除。")
    return None


def _apply_lockout(target: User, params: Mapping[str, Any], secret: str) -> tuple[Payload, Payload]:
    return {}, {"failure_records_cleared": clear_lockouts_of(target.username)}


for _kind in (
    ChangeKind("deactivate", "停用账户（并结束其会话）", _check_deactivate, _apply_deactivate),
    ChangeKind("reactivate", "恢复启用账户", _check_reactivate, _apply_reactivate),
    ChangeKind("grant_role", "授予角色", _check_grant, _apply_grant, takes_role=True, grants=True),
    ChangeKind("revoke_role", "撤销角色", _check_revoke, _apply_revoke, takes_role=True),
    ChangeKind(
        "reset_password",
        "重置密码（并结束其会话）",
        _check_active,
        _apply_password,
        secret_from=_password_hash,
        secret_label="新密码",  # noqa: S106  (the label of a form field, not a password)
    ),
    ChangeKind("end_sessions", "结束其全部会话（强制退出登录）", _check_any, _apply_end_sessions),
    ChangeKind("clear_lockout", "解除登录锁定（清除各地址的登录失败记录）", _check_lockout, _apply_lockout),
):
    register_change_kind(_kind)
