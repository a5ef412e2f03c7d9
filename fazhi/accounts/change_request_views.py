"""The 三员's page of account changes (/staff/accounts/changes/): the requests waiting, a new request, and confirming,
refusing or withdrawing one (two-person rule, ADR 0018). Each POST calls one action."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from fazhi.accounts import queries
from fazhi.accounts.access import require_roles, staff_user
from fazhi.accounts.actions import (
    CHANGE_KINDS,
    AccountActionError,
    confirm_account_change,
    refuse_account_change,
    request_account_change,
    withdraw_account_change,
)
from fazhi.accounts.actions.change_kinds import describe_change
from fazhi.accounts.forms import AccountChangeRequestForm
from fazhi.accounts.models import AccountChangeRequest, Role, User
from fazhi.accounts.roles import ordered_role_labels, role_label
from fazhi.journal.request import client_ip

ADMINISTRATORS = (Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN)


def _describe(request: AccountChangeRequest) -> str:
    return describe_change(request.kind, request.params)


def _row(request: AccountChangeRequest, user: User, awaiting: set[int]) -> dict[str, object]:
    return {
        "request": request,
        "what": _describe(request),
        "may_settle": request.pk in awaiting,
        "may_withdraw": request.requested_by_id == user.pk,
    }


@require_roles(*ADMINISTRATORS)
@require_safe
def changes(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    awaiting = set(queries.account_changes_awaiting(user).values_list("pk", flat=True))
    context = {
        "pending": [_row(item, user, awaiting) for item in queries.pending_account_changes()],
        "lapsed": [{"request": item, "what": _describe(item)} for item in queries.expired_unswept()],
        "recent": [{"request": item, "what": _describe(item)} for item in queries.recent_account_changes()],
        "awaiting_count": len(awaiting),
    }
    return render(request, "accounts/changes.html", context)


def _form(request: HttpRequest) -> AccountChangeRequestForm:
    targets = [
        (
            account.username,
            f"{account.display_name}（{account.username}；"
            f"{'、'.join(ordered_role_labels(account.role_names)) or '无角色'}"
            f"{'' if account.is_active else '；已停用'}）",
        )
        for account in queries.administrator_accounts()
    ]
    kinds = [(code, kind.label) for code, kind in CHANGE_KINDS.items()]
    roles = [(str(role), role_label(str(role))) for role in Role]
    options = {"targets": targets, "kinds": kinds, "roles": roles}
    if request.method == "POST":
        return AccountChangeRequestForm(request.POST, **options)
    initial = {name: request.GET.get(name, "")[:150] for name in ("target", "kind", "role")}
    return AccountChangeRequestForm(initial=initial, **options)


@require_roles(*ADMINISTRATORS)
@require_http_methods(["GET", "HEAD", "POST"])
def new_change(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = User.objects.filter(username=data["target"]).first()
        if target is None:
            form.add_error("target", "没有这个账户。")
        else:
            try:
                made = request_account_change(
                    actor=staff_user(request),
                    target=target,
                    kind=data["kind"],
                    reason=data["reason"],
                    params={"role": data.get("role") or ""},
                    secret=data.get("new_password1") or "",
                    ip=client_ip(request),
                )
            except AccountActionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, f"已提出第 {made.pk} 号申请，须由另一名三员（非申请人、非该账户本人）确认后生效。"
                )
                return redirect("accounts:changes")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/change_new.html", {"form": form}, status=status)


def _request_or_404(pk: int) -> AccountChangeRequest:
    found = AccountChangeRequest.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("没有这份申请。")
    return found


@require_roles(*ADMINISTRATORS)
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        confirm_account_change(actor=staff_user(request), request=_request_or_404(pk), ip=client_ip(request))
    except AccountActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已确认第 {pk} 号申请，变更已生效，并记入全过程记录。")
    return redirect("accounts:changes")


@require_roles(*ADMINISTRATORS)
@require_POST
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    note = str(request.POST.get("note", ""))
    try:
        refuse_account_change(actor=staff_user(request), request=_request_or_404(pk), note=note, ip=client_ip(request))
    except AccountActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已拒绝第 {pk} 号申请。")
    return redirect("accounts:changes")


@require_roles(*ADMINISTRATORS)
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        withdraw_account_change(actor=staff_user(request), request=_request_or_404(pk), ip=client_ip(request))
    except AccountActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已撤回第 {pk} 号申请。")
    return redirect("accounts:changes")
