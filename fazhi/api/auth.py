"""Who is calling: a bearer token (`Authorization: Bearer <token>`, made with `manage.py create_api_token`) or the
staff session of the browser (with Django's CSRF check on unsafe methods).

Operations say `auth=API_AUTH`; ninja tries the token first, then the session. A request that presents a bearer token
is judged by that token alone: a wrong, revoked, lapsed or inactive user's token, or one made before the user's
password changed, answers 401 even if a session cookie came along; a read-only token that tries to write, 403.
Which roles may use which endpoint is checked by the endpoints (`require_case_reader`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from fazhi.accounts.models import Role, User
from fazhi.accounts.roles import BUSINESS_ROLE_NAMES
from fazhi.api.actions import token_hash
from fazhi.api.models import ApiToken
from fazhi.cases.models import Case
from fazhi.cases.queries import case_for

LOGIN_FIRST = "请先登录：接口令牌无效、已吊销或其账户已停用。"
EXPIRED = "接口令牌已过有效期，请重新申请令牌。"
PASSWORD_CHANGED = "接口令牌已失效：其账户的密码在令牌创建后修改过，请重新申请令牌。"  # noqa: S105  (a message)
READ_ONLY = "这是只读接口令牌，只能查询，不能办理或修改。"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FAILED = "CSRF 校验失败：使用登录会话调用接口时，须在 X-CSRFToken 请求头中提供 CSRF 令牌。"
# A token is at most this long; anything longer is not one of ours (and is not worth hashing).
MAX_TOKEN_LENGTH = 200
# Remember the last use at most once a minute, so that reads do not each write a row.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def _same_password(row: ApiToken) -> bool:
    """Whether the user's password is the one the token was made under (the session hash, or one made with a
    fallback secret key after a key rotation)."""
    user = row.user
    stamps = [user.get_session_auth_hash(), *user.get_session_auth_fallback_hash()]
    return any(constant_time_compare(row.password_stamp, stamp) for stamp in stamps)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        token = token.strip()
        row = None
        if token and len(token) <= MAX_TOKEN_LENGTH:
            row = ApiToken.objects.select_related("user").filter(token_hash=token_hash(token)).first()
        if row is None or row.revoked_at is not None or not row.user.is_active:
            raise HttpError(401, LOGIN_FIRST)
        now = timezone.now()
        if row.expires_at is not None and row.expires_at <= now:
            raise HttpError(401, EXPIRED)
        if not _same_password(row):
            raise HttpError(401, PASSWORD_CHANGED)
        if row.read_only and request.method not in SAFE_METHODS:
            raise HttpError(403, READ_ONLY)
        if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return row.user


class SessionAuth(APIKeyCookie):
    """The staff session, like ninja's `django_auth`, except that a request without a session is told to log in (401)
    before any CSRF check, and a failed CSRF check is explained in Chinese (403)."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = request.user
        if not (user.is_authenticated and user.is_active):
            return None
        if check_csrf(request) is not None:  # None on safe methods, and when the token matches
            raise HttpError(403, CSRF_FAILED)
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # not used: __call__ decides
        return None


API_AUTH = [TokenAuth(), SessionAuth()]


def caller(request: HttpRequest) -> User:
    """The authenticated staff member (after `API_AUTH` has let the request in)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise HttpError(401, LOGIN_FIRST)
    return user


def require_case_reader(request: HttpRequest) -> User:
    """Case endpoints are for staff with a business role, and for the supervisor (who only reads: the actions
    refuse the supervisor's writes and journal the refusal). The 三员 see no business data (等保 8.1.4.2)."""
    user = caller(request)
    if not (user.role_names & BUSINESS_ROLE_NAMES or user.has_role(Role.SUPERVISOR)):
        raise HttpError(403, "只有办案人员和电子监察员可以使用案件接口。")
    return user


def visible_case(user: User, pk: int) -> Case:
    """The case `pk` if it is in the caller's scope; 404 otherwise, as if it did not exist."""
    case = case_for(user, pk)
    if case is None:
        raise HttpError(404, "未找到该案件，或该案件不在您的范围内。")
    return case
