"""The second factor of staff sign-in (TOTP, `fazhi.rules.totp`): enrolment, recovery codes, reset. ADR 0017.

等保2.0 (GB/T 22239-2019) 8.1.4.1 d): two or more combined authentication techniques, one of them at least based
on cryptography. Each action writes one journal entry; no payload ever holds the secret or a code (only counts).

- `enrol_second_factor`: a user turns on their own authenticator, confirmed by a first valid code; returns the
  recovery codes, shown once.
- `regenerate_recovery_codes`: the user, with a current code, replaces their recovery codes.
- `check_sign_in_code`: the code step of sign-in. A TOTP code moves the last accepted time step forward (its journal
  entry is the sign-in's, `accounts.login` with `second_factor: totp`, written when the session is signed in); a
  recovery code is spent, journaled by itself (`accounts.recovery_code_use`).
- `reset_second_factor`: the security administrator removes a business user's authenticator (a lost phone); the
  user enrols again at their next sign-in if their role requires it. A 三员's own factor is not reset by one person.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.actions.change_kinds import ChangeKind, register_change_kind
from fazhi.accounts.actions.common import TWO_PERSON_MESSAGE, InvalidAccountInput, refuse
from fazhi.accounts.models import RecoveryCode, Role, SecondFactor, User
from fazhi.accounts.roles import ADMIN_ROLES
from fazhi.journal.actions import record_entry
from fazhi.rules import totp

WRONG_CODE = "验证码不正确或已使用过，请输入认证器应用中当前显示的 6 位数字。"


class WrongCode(InvalidAccountInput):
    """The code typed is not the authenticator's current one (or was used already)."""


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of a sign-in code: `method` is "totp" or "recovery"; `recovery_codes_left` after a recovery code."""

    method: str
    recovery_codes_left: int | None = None


def _store_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = totp.new_recovery_codes()
    now = timezone.now()
    rows = []
    for code in codes:
        hashed = totp.hash_recovery_code(code)
        rows.append(RecoveryCode(user=user, salt=hashed.salt, digest=hashed.digest, created_at=now))
    RecoveryCode.objects.bulk_create(rows)
    return codes


def enrol_second_factor(
    *, actor: User, secret: str, code: str, ip: str | None = None, at: float | None = None
) -> list[str]:
    """Turn on `actor`'s authenticator holding `secret` once `code` shows the app has it; return the recovery codes.

    The secret was generated for this enrolment (`fazhi.rules.totp.new_secret`) and shown to the user only; once
    enrolled it is never shown again."""
    moment = time.time() if at is None else at
    try:
        counter = totp.matching_counter(secret, code, moment, last_counter=None)
    except totp.SecretInvalid as error:
        raise InvalidAccountInput("启用失败：密钥无效，请刷新页面重新开始。") from error
    if counter is None:
        raise WrongCode(WRONG_CODE)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=actor.pk).first()
        if not actor.is_active:
            raise InvalidAccountInput("账户已停用，不能执行此操作。")
        if SecondFactor.objects.filter(user=actor).exists():
            raise InvalidAccountInput("您已启用动态验证码。如需更换手机，请联系安全管理员重置。")
        now = timezone.now()
        SecondFactor.objects.create(
            user=actor, secret=secret, confirmed_at=now, last_counter=counter, last_used_at=now, recovery_codes_at=now
        )
        codes = _store_recovery_codes(actor)
        record_entry(
            actor=actor,
            action="accounts.second_factor_enrol",
            object_type="accounts.user",
            object_id=actor.pk,
            after={"username": actor.username, "method": "totp", "recovery_codes": len(codes)},
            ip=ip,
        )
    return codes


def _locked_factor(user: User) -> SecondFactor:
    factor = SecondFactor.objects.select_for_update().filter(user=user).first()
    if factor is None:
        raise InvalidAccountInput("您尚未启用动态验证码。")
    return factor


def regenerate_recovery_codes(*, actor: User, code: str, ip: str | None = None, at: float | None = None) -> list[str]:
    """Replace `actor`'s recovery codes (the old ones stop working) once a current code shows they hold the app."""
    moment = time.time() if at is None else at
    with transaction.atomic():
        factor = _locked_factor(actor)
        counter = totp.matching_counter(factor.secret, code, moment, last_counter=factor.last_counter)
        if counter is None:
            raise WrongCode(WRONG_CODE)
        now = timezone.now()
        factor.last_counter, factor.last_used_at, factor.recovery_codes_at = counter, now, now
        factor.save(update_fields=["last_counter", "last_used_at", "recovery_codes_at"])
        codes = _store_recovery_codes(actor)
        record_entry(
            actor=actor,
            action="accounts.recovery_codes_regenerate",
            object_type="accounts.user",
            object_id=actor.pk,
            after={"username": actor.username, "recovery_codes": len(codes)},
            ip=ip,
        )
    return codes


def check_sign_in_code(*, user: User, code: str, ip: str | None = None, at: float | None = None) -> CodeCheck | None:
    """The code step of `user`'s sign-in: a current authenticator code, or one unused recovery code. None when wrong
    (the caller counts and journals the failure as a failed sign-in)."""
    moment = time.time() if at is None else at
    with transaction.atomic():
        factor = SecondFactor.objects.select_for_update().filter(user=user).first()
        if factor is None:
            return None
        now = timezone.now()
        if totp.looks_like_code(code):
            counter = totp.matching_counter(factor.secret, code, moment, last_counter=factor.last_counter)
            if counter is None:
                return None
            # Bookkeeping of the replay rule, not a change of the account: the sign-in's journal entry records it.
            factor.last_counter, factor.last_used_at = counter, now
            factor.save(update_fields=["last_counter", "last_used_at"])
            return CodeCheck("totp")
        if not totp.looks_like_recovery_code(code):
            return None
        unused = list(RecoveryCode.objects.select_for_update().filter(user=user, used_at__isnull=True))
        for row in unused:
            if totp.recovery_code_matches(code, totp.HashedRecoveryCode(row.salt, row.digest)):
                row.used_at = now
                row.save(update_fields=["used_at"])
                left = len(unused) - 1
                factor.last_used_at = now
                factor.save(update_fields=["last_used_at"])
                record_entry(
                    actor=user,
                    action="accounts.recovery_code_use",
                    object_type="accounts.user",
                    object_id=user.pk,
                    after={"username": user.username, "recovery_codes_left": left},
                    ip=ip,
                )
                return CodeCheck("recovery", recovery_codes_left=left)
        return None


def _reset_problem(actor: User, target: User) -> str | None:
    if not actor.is_active:
        return "账户已停用，不能执行此操作。"
    if not actor.has_role(Role.SECADMIN):
        return "只有安全管理员可以重置其他工作人员的动态验证码。"
    if target.role_names & ADMIN_ROLES:
        # 三员分立 (ADR 0018): no one of the three administrators alone takes over another's account; the reset is
        # requested by one 三员 and confirmed by another (the change kind below).
        return TWO_PERSON_MESSAGE
    return None


def reset_second_factor(*, actor: User, user: User, ip: str | None = None) -> None:
    """Remove `user`'s authenticator and recovery codes (the security administrator, for a business user)."""
    with transaction.atomic():
        target = User.objects.select_for_update().filter(pk=user.pk).first()
        if target is None:
            raise InvalidAccountInput("该工作人员不存在。")
        problem = _reset_problem(actor, target)
        factor = SecondFactor.objects.select_for_update().filter(user=target).first()
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.second_factor_reset",
                object_type="accounts.user",
                object_id=target.pk,
                reason=problem,
                attempted={"username": target.username},
                ip=ip,
            )
        else:
            if factor is None:
                raise InvalidAccountInput(f"{target.display_name}尚未启用动态验证码，无需重置。")
            before, after = _remove_factor(target, factor)
            record_entry(
                actor=actor,
                action="accounts.second_factor_reset",
                object_type="accounts.user",
                object_id=target.pk,
                before=before,
                after=after,
                ip=ip,
                role=str(Role.SECADMIN),
            )
            return
    raise refusal


def _remove_factor(target: User, factor: SecondFactor) -> tuple[dict[str, Any], dict[str, Any]]:
    """Delete `target`'s authenticator and recovery codes; what the reset's journal entry says before and after."""
    left = RecoveryCode.objects.filter(user=target, used_at__isnull=True).count()
    before = {
        "username": target.username,
        "enrolled": True,
        "confirmed_at": factor.confirmed_at.isoformat(),
        "recovery_codes_left": left,
    }
    factor.delete()
    RecoveryCode.objects.filter(user=target).delete()
    return before, {"username": target.username, "enrolled": False}


def _check_reset(target: User, params: Mapping[str, Any]) -> str | None:
    if not SecondFactor.objects.filter(user=target).exists():
        raise InvalidAccountInput(f"{target.display_name}尚未启用动态验证码，无需重置。")
    return None


def _apply_reset(target: User, params: Mapping[str, Any], secret: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return _remove_factor(target, SecondFactor.objects.select_for_update().get(user=target))


# A 三员's second factor is reset only by the two-person rule: one 三员 asks, another confirms (ADR 0017, ADR 0018).
register_change_kind(
    ChangeKind("reset_second_factor", "重置动态验证码（须重新绑定认证器）", _check_reset, _apply_reset)
)
