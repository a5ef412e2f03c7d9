"""Staff login and logout. Throttling is django-axes' (settings.AXES_*); journaling is in receivers.py."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from fazhi.accounts.actions import AccountActionError, change_password, record_login_flood
from fazhi.accounts.forms import LoginForm, PasswordChangeForm
from fazhi.accounts.middleware import EXPIRED_PARAMETER, EXPIRY_MESSAGES
from fazhi.accounts.models import User
from fazhi.accounts.signin import has_second_factor, needs_code_step, start_pending
from fazhi.journal.request import client_ip
from fazhi.ratelimit import attempt


def lockout_minutes() -> int | None:
    """AXES_COOLOFF_TIME in minutes (axes takes hours as a number, or a timedelta); None if it is computed."""
    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    if isinstance(cooloff, timedelta):
        return max(1, round(cooloff.total_seconds() / 60))
    if isinstance(cooloff, int | float):
        return max(1, round(cooloff * 60))
    return None


class StaffLoginView(LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["expiry_message"] = EXPIRY_MESSAGES.get(self.request.GET.get(EXPIRED_PARAMETER, ""), "")
        context["failure_limit"] = settings.AXES_FAILURE_LIMIT
        context["lockout_minutes"] = lockout_minutes()
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        """The password is right. Those who must give a second factor, or have one, are not signed in yet: the
        session waits for the code (`fazhi.accounts.signin`, ADR 0017)."""
        user = form.get_user()
        if needs_code_step(user):
            start_pending(self.request, user, self.get_success_url())
            if has_second_factor(user):
                return redirect("accounts:second_factor")
            return redirect("accounts:second_factor_enrol")
        return super().form_valid(form)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Per client address, whatever user names it tries (security review M7): refused before any password hash
        # is computed, and journaled once per window, not once per attempt.
        address = client_ip(request)
        limit, window = settings.FAZHI_LOGIN_RATE_LIMIT, settings.FAZHI_LOGIN_RATE_WINDOW_SECONDS
        count = attempt("login", address, window_seconds=window)
        if count > limit:
            if count == limit + 1:
                record_login_flood(address=address, limit=limit, window_seconds=window)
            context = {"window_minutes": max(1, round(window / 60))}
            return render(request, "accounts/login_limited.html", context, status=429)
        return super().post(request, *args, **kwargs)


login_view = StaffLoginView.as_view()


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    """GET asks for confirmation (a link must not sign anyone out); POST signs out."""
    if request.method == "POST":
        was_signed_in = request.user.is_authenticated
        logout(request)
        if was_signed_in:
            messages.success(request, "您已安全退出。")
        return redirect("accounts:login")
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return render(request, "accounts/logout_confirm.html")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change_password(
                actor=user, user=user, new_password=form.cleaned_data["new_password1"], ip=client_ip(request)
            )
        except AccountActionError as error:
            form.add_error("new_password1", error.message)
        else:
            update_session_auth_hash(request, user)  # keep this session; the others end with the old password
            messages.success(request, "密码已修改。")
            return redirect("staff:home")
    return render(request, "accounts/password_change.html", {"form": form})
