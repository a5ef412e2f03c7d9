"""Making and revoking API tokens: one transaction and one journal entry each. The token itself is never journaled
and never stored; only its SHA-256 is."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.api.models import ApiToken
from fazhi.journal.actions import record_entry

TOKEN_PREFIX = "fz_"  # noqa: S105  (a prefix that marks our tokens, not a secret)
OBJECT_TYPE = "api.token"


class TokenActionError(Exception):
    """`message` is Chinese and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


MAX_TOKEN_DAYS = 3650


@transaction.atomic
def create_api_token(
    *,
    actor: User | None,
    user: User,
    name: str = "",
    read_only: bool = False,
    days: int | None = None,
    ip: str | None = None,
) -> tuple[ApiToken, str]:
    """Make a token for `user`. Returns the row and the token, which the caller shows once and forgets.

    It lapses after `days` (FAZHI_API_TOKEN_DAYS by default; 0: never), stops working when the user's password
    changes, and with `read_only` may only read (security review L3)."""
    name = name.strip()
    if not user.is_active:
        raise TokenActionError(f"账户 {user.username} 已停用，不能为其创建接口令牌。")
    if len(name) > 100:
        raise TokenActionError("令牌用途不能超过 100 个字符。")
    days = settings.FAZHI_API_TOKEN_DAYS if days is None else days
    if not 0 <= days <= MAX_TOKEN_DAYS:
        raise TokenActionError(f"有效天数应在 0 至 {MAX_TOKEN_DAYS} 之间（0 表示长期有效）。")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(days=days) if days else None
    row = ApiToken.objects.create(
        user=user,
        name=name,
        token_hash=token_hash(token),
        expires_at=expires_at,
        password_stamp=user.get_session_auth_hash(),
        read_only=read_only,
    )
    after: dict[str, object] = {"user": user.username, "name": name, "read_only": read_only}
    after["expires_at"] = expires_at.isoformat(timespec="seconds") if expires_at else None
    record_entry(
        actor=actor,
        action="api.token_create",
        object_type=OBJECT_TYPE,
        object_id=row.pk,
        after=after,
        ip=ip,
    )
    return row, token


@transaction.atomic
def revoke_api_token(*, actor: User | None, token: ApiToken, ip: str | None = None) -> ApiToken:
    """Revoke `token` at once: the next request that presents it gets 401."""
    now = timezone.now()
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    if revoked != 1:
        raise TokenActionError("该令牌已被吊销。")
    record_entry(
        actor=actor,
        action="api.token_revoke",
        object_type=OBJECT_TYPE,
        object_id=token.pk,
        before={"revoked": False},
        after={"revoked": True, "user": token.user.username, "name": token.name},
        ip=ip,
    )
    token.refresh_from_db()
    return token
