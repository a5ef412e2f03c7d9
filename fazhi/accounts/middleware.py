"""Session idle timeout and absolute lifetime (等保2.0 8.1.4.1; ASVS 7.3.1, 7.3.2).

The session remembers when its user signed in and when they were last active. When either
SESSION_IDLE_TIMEOUT_SECONDS of inactivity or SESSION_ABSOLUTE_LIFETIME_SECONDS since sign-in have passed, the user is
signed out (journaled by the logout receiver) and sent to the login page with a Chinese message; API requests get a
401 JSON answer and htmx requests an HX-Redirect to the login page.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import resolve_url

LOGIN_AT_KEY = "fazhi_login_at"
LAST_ACTIVITY_KEY = "fazhi_last_activity"
# Query parameter telling the login page why the user is there.
EXPIRED_PARAMETER = "expired"
EXPIRY_MESSAGES = {
    "idle": "您长时间未操作，为保护数据安全已自动退出，请重新登录。",
    "lifetime": "本次登录已达到最长有效时间，为保护数据安全已自动退出，请重新登录。",
}


def mark_login(request: HttpRequest) -> None:
    """Start the clocks of a freshly signed-in session."""
    now = int(time.time())
    request.session[LOGIN_AT_KEY] = now
    request.session[LAST_ACTIVITY_KEY] = now


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            expired = self._expiry(request)
            if expired:
                return self._sign_out(request, expired)
        return self.get_response(request)

    def _expiry(self, request: HttpRequest) -> str | None:
        session = request.session
        now = int(time.time())
        login_at = session.get(LOGIN_AT_KEY)
        last_activity = session.get(LAST_ACTIVITY_KEY)
        if not isinstance(login_at, int) or not isinstance(last_activity, int):
            mark_login(request)
            return None
        idle = settings.SESSION_IDLE_TIMEOUT_SECONDS
        if now - login_at >= settings.SESSION_ABSOLUTE_LIFETIME_SECONDS:
            return "lifetime"
        if now - last_activity >= idle:
            return "idle"
        # Save the session at most every minute (or a tenth of the timeout), not on every request.
        if now - last_activity >= min(60, max(1, idle // 10)):
            session[LAST_ACTIVITY_KEY] = now
        return None

    def _sign_out(self, request: HttpRequest, reason: str) -> HttpResponse:
        request.fazhi_logout_reason = reason  # type: ignore[attr-defined]  # read by the logout receiver
        logout(request)
        message = EXPIRY_MESSAGES[reason]
        if _is_api(request):
            return JsonResponse({"detail": message, "code": f"session_{reason}"}, status=401)
        login_url = f"{resolve_url(settings.LOGIN_URL)}?{EXPIRED_PARAMETER}={reason}"
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login_url
            return response
        next_path = request.get_full_path() if request.method == "GET" else resolve_url(settings.LOGIN_REDIRECT_URL)
        return redirect_to_login(next_path, login_url=login_url)
