"""The second factor's pages (ADR 0017): the code step of sign-in, enrolment, recovery codes, "my security", and the
security administrator's page of who has enrolled.

The code step and the forced enrolment serve a session that is *not* signed in yet (`fazhi.accounts.signin`): they
find the user from the pending marker, never from the URL or a form.
"""

from __future__ import annotations

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from fazhi.accounts import signin
from fazhi.accounts.access import require_roles, staff_user
from fazhi.accounts.actions import (
    AccountActionError,
    WrongCode,
    check_sign_in_code,
    enrol_second_factor,
    regenerate_recovery_codes,
    reset_second_factor,
)
from fazhi.accounts.forms import AuthenticatorCodeForm, SignInCodeForm
from fazhi.accounts.models import Role, User
from fazhi.accounts.queries import second_factor_rows, second_factor_status
from fazhi.accounts.roles import ADMIN_ROLES
from fazhi.journal.request import client_ip
from fazhi.ratelimit import attempt, attempts_so_far
from fazhi.rules import totp

SIGN_IN_AGAIN = "登录等待时间已过或已中断，请重新输入用户名和密码。"
FEW_RECOVERY_CODES = 3
WRONG_SIGN_IN_CODE = "验证码不正确或已使用过，请输入认证器应用中当前显示的 6 位数字，或一个未用过的恢复码。"


def _qr_svg(uri: str) -> str:
    # segno writes a plain <svg> with paths only (no script, no style attribute): shown inline, allowed by the CSP.
    return str(segno.make(uri, error="m").svg_inline(scale=5, dark="#000", light="#fff", omitsize=False))


def _limited(request: HttpRequest) -> HttpResponse | None:
    """The per-address limit of the password step (FAZHI_LOGIN_RATE_LIMIT): an address over it may not try a code
    either; each wrong code counts one more attempt (`_wrong_code`)."""
    window = settings.FAZHI_LOGIN_RATE_WINDOW_SECONDS
    if attempts_so_far("login", client_ip(request)) > settings.FAZHI_LOGIN_RATE_LIMIT:
        signin.end_pending(request)
        context = {"window_minutes": max(1, round(window / 60))}
        return render(request, "accounts/login_limited.html", context, status=429)
    return None


def _wrong_code(request: HttpRequest, user: User) -> HttpResponse | None:
    """Count a wrong code: one more attempt of this address (FAZHI_LOGIN_RATE_LIMIT), journaled as a failed sign-in
    (with `step: second_factor`) and counted by django-axes for this user name from this address; five in a row end
    the pending sign-in. Returns the response that ends it."""
    attempt("login", client_ip(request), window_seconds=settings.FAZHI_LOGIN_RATE_WINDOW_SECONDS)
    request.fazhi_second_factor_failed = True  # type: ignore[attr-defined]  # read by the failure receiver
    user_login_failed.send(sender=__name__, credentials={"username": user.username}, request=request)
    wrong = signin.count_wrong_code(request)
    if wrong >= signin.WRONG_CODES_LIMIT or getattr(request, "axes_locked_out", False):
        signin.end_pending(request)
        messages.error(request, f"连续 {signin.WRONG_CODES_LIMIT} 次验证码错误，本次登录已终止，请重新登录。")
        return redirect("accounts:login")
    return None


def _locked(request: HttpRequest, user: User) -> bool:
    return bool(AxesProxyHandler.is_locked(request, {"username": user.username}))


def _after_sign_in(next_url: str) -> str:
    return next_url or resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """/staff/login/code/: the second step of a sign-in."""
    user = signin.pending_user(request)
    if user is None:
        if request.user.is_authenticated:
            return redirect("staff:home")
        messages.error(request, SIGN_IN_AGAIN)
        return redirect("accounts:login")
    if not signin.has_second_factor(user):
        if signin.second_factor_required(user):
            return redirect("accounts:second_factor_enrol")
        signin.end_pending(request)  # reset meanwhile and not required: the password step decides again
        messages.error(request, SIGN_IN_AGAIN)
        return redirect("accounts:login")
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST":
        limited = _limited(request)
        if limited:
            return limited
        if _locked(request, user):
            signin.end_pending(request)
            messages.error(request, "该账户在本机上的登录已被暂时锁定，请稍后再试。")
            return redirect("accounts:login")
        if form.is_valid():
            check = check_sign_in_code(user=user, code=form.cleaned_data["code"], ip=client_ip(request))
            if check is None:
                ended = _wrong_code(request, user)
                if ended:
                    return ended
                form.add_error("code", WRONG_SIGN_IN_CODE)
            else:
                next_url = signin.complete_sign_in(request, user, method=check.method)
                if check.recovery_codes_left is not None:
                    left = check.recovery_codes_left
                    text = f"您使用了一个恢复码，还剩 {left} 个未用。"
                    if left <= FEW_RECOVERY_CODES:
                        text += "请尽快在“账户安全”页面重新生成恢复码。"
                    messages.warning(request, text)
                return redirect(_after_sign_in(next_url))
    return render(request, "accounts/sign_in_code.html", {"form": form, "pending_user": user})


def _enrol_secret(request: HttpRequest, user: User) -> str:
    """The secret offered to `user` in this session, made once and kept until the enrolment is confirmed."""
    kept = request.session.get(signin.ENROL_SECRET_KEY)
    if isinstance(kept, dict) and kept.get("user_id") == user.pk and isinstance(kept.get("secret"), str):
        return str(kept["secret"])
    secret = totp.new_secret()
    request.session[signin.ENROL_SECRET_KEY] = {"user_id": user.pk, "secret": secret}
    return secret


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """/staff/security/enrol/: turn on the authenticator — signed in (of one's own accord), or as the second step of
    a sign-in that requires it (the 三员 and FAZHI_TOTP_REQUIRED_ROLES)."""
    at_sign_in = not request.user.is_authenticated
    if at_sign_in:
        pending = signin.pending_user(request)
        if pending is None:
            messages.error(request, SIGN_IN_AGAIN)
            return redirect("accounts:login")
        user = pending
    else:
        user = staff_user(request)
    if signin.has_second_factor(user):
        if at_sign_in:
            return redirect("accounts:second_factor")
        messages.info(request, "您已启用动态验证码。")
        return redirect("accounts:security")
    secret = _enrol_secret(request, user)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST":
        if at_sign_in:
            limited = _limited(request)
            if limited:
                return limited
        if form.is_valid():
            try:
                code = form.cleaned_data["code"]
                codes = enrol_second_factor(actor=user, secret=secret, code=code, ip=client_ip(request))
            except WrongCode as error:
                if at_sign_in:
                    ended = _wrong_code(request, user)
                    if ended:
                        return ended
                form.add_error("code", error.message)
            except AccountActionError as error:
                form.add_error("code", error.message)
            else:
                request.session.pop(signin.ENROL_SECRET_KEY, None)
                next_url = signin.complete_sign_in(request, user, method="enrolment") if at_sign_in else ""
                return _show_recovery_codes(request, codes, next_url=_after_sign_in(next_url), enrolled=True)
    uri = totp.provisioning_uri(secret, account=user.username, issuer=settings.FAZHI_TOTP_ISSUER)
    context = {
        "form": form,
        "qr_svg": mark_safe(_qr_svg(uri)),  # noqa: S308  (segno's own markup, built from our URI only)
        "grouped_secret": totp.grouped_secret(secret),
        "at_sign_in": at_sign_in,
        "enrolling_user": user,
        "base_template": "base.html" if at_sign_in else "staff/base.html",
    }
    return render(request, "accounts/second_factor_enrol.html", context)


def _show_recovery_codes(request: HttpRequest, codes: list[str], *, next_url: str, enrolled: bool) -> HttpResponse:
    """The recovery codes, this once: the page is the answer to the POST, never stored, not cached (no-store)."""
    context = {"codes": codes, "next_url": next_url, "enrolled": enrolled}
    return render(request, "accounts/recovery_codes.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    """/staff/security/: "my security" — whether the authenticator is on, and regenerating the recovery codes."""
    user = staff_user(request)
    form = AuthenticatorCodeForm(request.POST or None)
    window = settings.FAZHI_LOGIN_RATE_WINDOW_SECONDS
    if request.method == "POST" and form.is_valid():
        # A stolen session must not guess its way to fresh recovery codes: a few wrong codes per user and window.
        if attempts_so_far("recovery_codes", str(user.pk)) >= signin.WRONG_CODES_LIMIT:
            form.add_error("code", f"验证码错误次数过多，请 {max(1, round(window / 60))} 分钟后再试。")
        else:
            try:
                codes = regenerate_recovery_codes(actor=user, code=form.cleaned_data["code"], ip=client_ip(request))
            except WrongCode as error:
                attempt("recovery_codes", str(user.pk), window_seconds=window)
                form.add_error("code", error.message)
            except AccountActionError as error:
                form.add_error("code", error.message)
            else:
                url = resolve_url("accounts:security")
                return _show_recovery_codes(request, codes, next_url=url, enrolled=False)
    is_separated_admin = bool(user.role_names & ADMIN_ROLES)
    context = {"form": form, "status": second_factor_status(user), "is_separated_admin": is_separated_admin}
    return render(request, "accounts/security.html", context)


@require_roles(Role.SECADMIN)
@require_safe
def second_factors(request: HttpRequest) -> HttpResponse:
    """/staff/accounts/second-factors/: the security administrator sees who has enrolled, and resets one."""
    return render(request, "accounts/second_factors.html", {"rows": second_factor_rows()})


@require_roles(Role.SECADMIN)
@require_POST
def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    target = User.objects.filter(pk=user_id).first()
    if target is None:
        messages.error(request, "该工作人员不存在。")
        return redirect("accounts:second_factors")
    try:
        reset_second_factor(actor=staff_user(request), user=target, ip=client_ip(request))
    except AccountActionError as error:
        messages.error(request, error.message)
    else:
        name = target.display_name
        messages.success(request, f"已重置{name}的动态验证码，并记入全过程记录。其下次登录时须重新绑定。")
    return redirect("accounts:second_factors")
