"""Staff accounts: creating users, granting and revoking roles, deactivating, changing passwords."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.accounts.actions.common import (
    InvalidAccountInput,
    actor_problem,
    actor_role,
    current_roles,
    forget_cached_roles,
    is_last_active_sysadmin,
    refuse,
    two_person_problem,
    user_snapshot,
)
from fazhi.accounts.models import Role, RoleGrant, Unit, User
from fazhi.accounts.roles import ADMIN_ROLES, role_label, role_problems, unknown_roles
from fazhi.journal.actions import record_entry

_DB_SESSION_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}


# Django's own messages for these are not all translated; say them in Chinese here.
_PASSWORD_MESSAGES = {
    "password_too_short": "至少需要 {min_length} 个字符",
    "password_too_common": "过于常见",
    "password_entirely_numeric": "不能全为数字",
    "password_too_similar": "与用户名或姓名过于相近",
}


def check_password(password: str, user: User) -> None:
    """AUTH_PASSWORD_VALIDATORS, with the reasons in Chinese."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        reasons = []
        for error in exc.error_list:
            template = _PASSWORD_MESSAGES.get(error.code or "")
            reasons.append(template.format(**(error.params or {})) if template else " ".join(error.messages))
        raise InvalidAccountInput("密码不符合要求：" + "；".join(reasons) + "。") from exc


def _validate_new_user(
    *,
    username: str,
    password: str,
    full_name: str,
    unit: Unit | None,
    roles: set[str],
    enforcement_certificate_number: str,
) -> None:
    if not username or len(username) > 150:
        raise InvalidAccountInput("用户名不能为空，且不超过 150 个字符。")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as exc:
        raise InvalidAccountInput("用户名只能包含字母、数字和 @ . + - _ 字符。") from exc
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidAccountInput(f"用户名 {username} 已被使用。")
    if not full_name or len(full_name) > 50:
        raise InvalidAccountInput("姓名不能为空，且不超过 50 个字符。")
    if unit is None or unit.pk is None or not Unit.objects.filter(pk=unit.pk).exists():
        raise InvalidAccountInput("请指定所属机构。")
    if len(enforcement_certificate_number) > 32:
        raise InvalidAccountInput("执法证号不超过 32 个字符。")
    unknown = unknown_roles(roles)
    if unknown:
        raise InvalidAccountInput(f"未知的角色：{'、'.join(unknown)}。")
    check_password(password, User(username=username, full_name=full_name))


def create_user(
    *,
    actor: User | None,
    username: str,
    password: str,
    full_name: str,
    unit: Unit | None,
    roles: Iterable[str],
    enforcement_certificate_number: str = "",
    has_legal_qualification: bool = False,
    ip: str | None = None,
) -> User:
    """Create a staff member in `unit` holding `roles`. The password is checked against AUTH_PASSWORD_VALIDATORS."""
    username, full_name = username.strip(), full_name.strip()
    enforcement_certificate_number = enforcement_certificate_number.strip()
    wanted = {str(role) for role in roles}
    attempted = {"username": username, "unit": unit.code if unit else None, "roles": sorted(wanted)}
    with transaction.atomic():
        problem = actor_problem(actor)
        if problem is None:
            _validate_new_user(
                username=username,
                password=password,
                full_name=full_name,
                unit=unit,
                roles=wanted,
                enforcement_certificate_number=enforcement_certificate_number,
            )
            problems = role_problems(
                wanted,
                enforcement_certificate_number=enforcement_certificate_number,
                has_legal_qualification=has_legal_qualification,
            )
            problem = " ".join(problems) or None
        if problem is None and actor is not None and wanted & ADMIN_ROLES:
            problem = (
                "三员分立：新建账户时不能直接授予三员角色。请先新建账户，"
                "再在“三员账户变更”页面申请授予角色，经另一名三员确认后生效。"
            )
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.user_create",
                object_type="accounts.user",
                object_id=None,
                reason=problem,
                attempted=attempted,
                ip=ip,
            )
        else:
            user = User(
                username=username,
                full_name=full_name,
                unit=unit,
                enforcement_certificate_number=enforcement_certificate_number,
                has_legal_qualification=has_legal_qualification,
                is_staff=Role.SYSADMIN in wanted,
            )
            user.set_password(password)
            user.save()
            RoleGrant.objects.bulk_create([RoleGrant(user=user, role=role) for role in sorted(wanted)])
            forget_cached_roles(user)
            record_entry(
                actor=actor,
                action="accounts.user_create",
                object_type="accounts.user",
                object_id=user.pk,
                after=user_snapshot(user, wanted),
                ip=ip,
                role=actor_role(actor),
            )
            return user
    raise refusal


def _locked(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


# --- The rules and effects of each change, shared with the two-person requests (`change_kinds`) -------------------
# A rule raises InvalidAccountInput for a change that makes no sense now (already done), and returns the refusal of a
# change the rules forbid (journaled by the caller). An effect changes the locked row and journals nothing.


def grant_problem(target: User, role: str, before: set[str]) -> str | None:
    if not target.is_active:
        raise InvalidAccountInput("该账户已停用。")
    if role in before:
        raise InvalidAccountInput(f"{target.display_name}已具有{role_label(role)}角色。")
    problems = role_problems(
        before | {role},
        enforcement_certificate_number=target.enforcement_certificate_number,
        has_legal_qualification=target.has_legal_qualification,
    )
    return " ".join(problems) or None


def revoke_problem(target: User, role: str, before: set[str]) -> str | None:
    if role not in before:
        raise InvalidAccountInput(f"{target.display_name}不具有{role_label(role)}角色。")
    if role == Role.SYSADMIN and is_last_active_sysadmin(target):
        return "不能撤销最后一名系统管理员的角色。"
    return None


def deactivation_problem(target: User) -> str | None:
    if not target.is_active:
        raise InvalidAccountInput(f"{target.display_name}的账户已停用。")
    if is_last_active_sysadmin(target):
        return "不能停用最后一名系统管理员。"
    return None


def add_role(target: User, role: str) -> None:
    """Grant `role` to the locked `target` (the `sysadmin` role and `is_staff` go together)."""
    RoleGrant.objects.create(user=target, role=role)
    if role == Role.SYSADMIN:
        User.objects.filter(pk=target.pk).update(is_staff=True)
        target.is_staff = True
    forget_cached_roles(target)


def remove_role(target: User, role: str) -> None:
    RoleGrant.objects.filter(user=target, role=role).delete()
    if role == Role.SYSADMIN:
        User.objects.filter(pk=target.pk).update(is_staff=False)
        target.is_staff = False
    forget_cached_roles(target)


def set_inactive(target: User) -> int:
    """Disable the locked `target` and end their sessions; returns how many were ended."""
    User.objects.filter(pk=target.pk).update(is_active=False)
    target.is_active = False
    return end_sessions_of(target)


def set_active(target: User) -> None:
    User.objects.filter(pk=target.pk).update(is_active=True)
    target.is_active = True


def grant_role(*, actor: User | None, user: User, role: str, ip: str | None = None) -> None:
    """Give `user` one more role, if the role rules allow the new combination."""
    role = str(role)
    if unknown_roles([role]):
        raise InvalidAccountInput(f"未知的角色：{role}。")
    with transaction.atomic():
        target = _locked(user)
        before = current_roles(target)
        problem = actor_problem(actor)
        if problem is None and actor is not None and actor.pk == target.pk:
            problem = "不能变更本人的角色。"
        if problem is None:
            problem = two_person_problem(actor, target, role=role)
        if problem is None:
            problem = grant_problem(target, role, before)
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.role_grant",
                object_type="accounts.user",
                object_id=target.pk,
                reason=problem,
                attempted={"username": target.username, "role": role, "roles": sorted(before)},
                ip=ip,
            )
        else:
            add_role(target, role)
            user.is_staff = target.is_staff
            forget_cached_roles(user)
            record_entry(
                actor=actor,
                action="accounts.role_grant",
                object_type="accounts.user",
                object_id=target.pk,
                before={"username": target.username, "roles": sorted(before)},
                after={"username": target.username, "roles": sorted(before | {role}), "granted": role},
                ip=ip,
                role=actor_role(actor),
            )
            return
    raise refusal


def revoke_role(*, actor: User | None, user: User, role: str, ip: str | None = None) -> None:
    """Take one role away from `user`."""
    role = str(role)
    if unknown_roles([role]):
        raise InvalidAccountInput(f"未知的角色：{role}。")
    with transaction.atomic():
        target = _locked(user)
        before = current_roles(target)
        problem = actor_problem(actor)
        if problem is None and actor is not None and actor.pk == target.pk:
            problem = "不能变更本人的角色。"
        if problem is None:
            problem = two_person_problem(actor, target)
        if problem is None:
            problem = revoke_problem(target, role, before)
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.role_revoke",
                object_type="accounts.user",
                object_id=target.pk,
                reason=problem,
                attempted={"username": target.username, "role": role, "roles": sorted(before)},
                ip=ip,
            )
        else:
            remove_role(target, role)
            user.is_staff = target.is_staff
            forget_cached_roles(user)
            record_entry(
                actor=actor,
                action="accounts.role_revoke",
                object_type="accounts.user",
                object_id=target.pk,
                before={"username": target.username, "roles": sorted(before)},
                after={"username": target.username, "roles": sorted(before - {role}), "revoked": role},
                ip=ip,
                role=actor_role(actor),
            )
            return
    raise refusal


def end_sessions_of(user: User) -> int:
    """Delete every live session of `user`; returns how many.

    Only database-backed session engines can be searched. With another engine the sessions stay, but they die at the
    next request anyway: the authentication backend does not load an inactive user.
    """
    engine = settings.SESSION_ENGINE
    if engine not in _DB_SESSION_ENGINES:
        return 0
    store_class = import_module(engine).SessionStore
    user_key = str(user.pk)
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY, "")) == user_key
    ]
    for key in keys:
        store_class(session_key=key).delete()
    return len(keys)


def deactivate_user(*, actor: User | None, user: User, ip: str | None = None) -> int:
    """Disable `user`'s account and end their sessions (security.md: "disabling a user ends their sessions").

    Returns the number of sessions ended.
    """
    with transaction.atomic():
        target = _locked(user)
        problem = actor_problem(actor)
        if problem is None and actor is not None and actor.pk == target.pk:
            problem = "不能停用本人的账户。"
        if problem is None:
            problem = two_person_problem(actor, target)
        if problem is None:
            problem = deactivation_problem(target)
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.user_deactivate",
                object_type="accounts.user",
                object_id=target.pk,
                reason=problem,
                attempted={"username": target.username},
                ip=ip,
            )
        else:
            ended = set_inactive(target)
            user.is_active = False
            record_entry(
                actor=actor,
                action="accounts.user_deactivate",
                object_type="accounts.user",
                object_id=target.pk,
                before={"username": target.username, "is_active": True},
                after={"username": target.username, "is_active": False, "sessions_ended": ended},
                ip=ip,
                role=actor_role(actor),
            )
            return ended
    raise refusal


def change_password(*, actor: User | None, user: User, new_password: str, ip: str | None = None) -> None:
    """Set `user`'s password: by themselves, or reset by the system administrator.

    The password is checked against AUTH_PASSWORD_VALIDATORS and never journaled. Changing it ends the user's other
    sessions (Django ties each session to a hash of the password); a view keeps the current one with
    update_session_auth_hash.
    """
    with transaction.atomic():
        target = _locked(user)
        by_self = actor is not None and actor.pk == target.pk and actor.is_active
        problem = None if by_self else actor_problem(actor)
        if problem is None and not by_self:
            problem = two_person_problem(actor, target)
        if problem is None:
            if not target.is_active:
                raise InvalidAccountInput(f"{target.display_name}的账户已停用。")
            check_password(new_password, target)
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.password_change",
                object_type="accounts.user",
                object_id=target.pk,
                reason=problem,
                attempted={"username": target.username},
                ip=ip,
            )
        else:
            target.set_password(new_password)
            target.save(update_fields=["password"])
            user.password = target.password
            record_entry(
                actor=actor,
                action="accounts.password_change",
                object_type="accounts.user",
                object_id=target.pk,
                after={"username": target.username, "by": "self" if by_self else "administrator"},
                ip=ip,
                role="" if by_self else actor_role(actor),
            )
            return
    raise refusal


def reactivate_user(*, actor: User | None, user: User, ip: str | None = None) -> None:
    """Enable a disabled account again (a 三员's only through a confirmed request, `change_requests`)."""
    with transaction.atomic():
        target = _locked(user)
        problem = actor_problem(actor)
        if problem is None:
            problem = two_person_problem(actor, target)
        if problem is None and target.is_active:
            raise InvalidAccountInput(f"{target.display_name}的账户未停用。")
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.user_reactivate",
                object_type="accounts.user",
                object_id=target.pk,
                reason=problem,
                attempted={"username": target.username},
                ip=ip,
            )
        else:
            set_active(target)
            user.is_active = True
            record_entry(
                actor=actor,
                action="accounts.user_reactivate",
                object_type="accounts.user",
                object_id=target.pk,
                before={"username": target.username, "is_active": False},
                after={"username": target.username, "is_active": True},
                ip=ip,
                role=actor_role(actor),
            )
            return
    raise refusal


def end_user_sessions(*, actor: User | None, user: User, ip: str | None = None) -> int:
    """Sign `user` out everywhere; returns how many sessions were ended (a 三员's only through a confirmed request)."""
    with transaction.atomic():
        target = _locked(user)
        problem = actor_problem(actor)
        if problem is None and actor is not None and actor.pk == target.pk:
            problem = "请用“退出登录”结束本人的会话。"
        if problem is None:
            problem = two_person_problem(actor, target)
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.sessions_end",
                object_type="accounts.user",
                object_id=target.pk,
                reason=problem,
                attempted={"username": target.username},
                ip=ip,
            )
        else:
            ended = end_sessions_of(target)
            record_entry(
                actor=actor,
                action="accounts.sessions_end",
                object_type="accounts.user",
                object_id=target.pk,
                after={"username": target.username, "sessions_ended": ended},
                ip=ip,
                role=actor_role(actor),
            )
            return ended
    raise refusal
