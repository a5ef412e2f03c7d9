"""Staff screens of major-violation publication: a quarter's candidates and lists, a list's page (publish, remove,
withdraw), and the selection form of a case. Thin: parse, call one action or query, answer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from fazhi.accounts.access import require_roles, staff_user
from fazhi.accounts.models import Role, User
from fazhi.cases.queries import case_for
from fazhi.journal.request import client_ip
from fazhi.major_violations import queries
from fazhi.major_violations.actions import (
    APPROVERS,
    SELECTORS,
    MajorViolationError,
    may_approve,
    publish_batch,
    remove_selection,
    select_case,
    update_selection,
    withdraw_publication,
)
from fazhi.major_violations.forms import SelectionForm
from fazhi.major_violations.models import BatchState, Selection
from fazhi.rules.major_violations import Quarter, quarter_of

READERS = (Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL, Role.SUPERVISOR)
CHANGERS = tuple(sorted(SELECTORS))
MAX_PK = 2**63 - 1


@require_roles(*READERS)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    current = quarter_of(timezone.localdate())
    quarter = Quarter.parse(request.GET.get("quarter", "")[:10]) or current
    return render(
        request,
        "major_violations/index.html",
        {
            "quarter": quarter,
            "previous": quarter.previous,
            "next": quarter.next if quarter < current else None,
            "candidates": queries.candidates(user, quarter),
            "batches": queries.batches(user)[:40],
            "may_select": bool(user.role_names & SELECTORS),
        },
    )


@require_roles(*READERS)
@require_safe
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    found = queries.batch_for(user, pk) if pk <= MAX_PK else None
    if found is None:
        raise Http404("没有这个公布批次，或者您无权查看。")
    approves = may_approve(user, found.unit)
    return render(
        request,
        "major_violations/batch.html",
        {
            "batch": found,
            "selections": queries.selections_of(user, found),
            "may_approve": approves,
            "may_select": bool(user.role_names & SELECTORS),
            # What the approver is about to publish, redacted, with what to check first (security review M2).
            "previews": queries.previews(found) if approves and found.state == BatchState.DRAFT else [],
        },
    )


def _form_page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "major_violations/select.html", context, status=status)


@require_roles(*CHANGERS)
@require_http_methods(["GET", "POST"])
def select(request: HttpRequest, case_pk: int) -> HttpResponse:
    user = staff_user(request)
    case = case_for(user, case_pk) if case_pk <= MAX_PK else None
    if case is None:
        raise Http404("没有这个案件，或者您无权查看。")
    suggested = queries.suggestions(case) if case.decided_on else []
    context: dict[str, Any] = {"case": case, "suggestions": suggested, "selection": None}
    if request.method == "GET":
        facts, handling = queries.prefill(case)
        first = suggested[0].category.code if suggested else None
        context["form"] = SelectionForm(initial={"category": first, "facts": facts, "handling": handling})
        return _form_page(request, context)
    form = SelectionForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return _form_page(request, context, status=400)
    try:
        selection = select_case(actor=user, case=case, ip=client_ip(request), **form.cleaned_data)
    except MajorViolationError as error:
        context["error"] = error.message
        return _form_page(request, context, status=400)
    messages.success(request, f"已选定为重大劳动保障违法行为，列入{selection.batch.period.label}公布名单。")
    return redirect(reverse("cases:detail", args=[case.pk]) + "#major-violation")


def _selection(request: HttpRequest, pk: int) -> tuple[User, Selection]:
    user = staff_user(request)
    found = queries.selection_for(user, pk) if pk <= MAX_PK else None
    if found is None:
        raise Http404("没有这条选定记录，或者您无权查看。")
    return user, found


@require_roles(*CHANGERS)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user, selection = _selection(request, pk)
    context: dict[str, Any] = {"case": selection.case, "suggestions": [], "selection": selection}
    if request.method == "GET":
        initial = {"category": selection.category, "facts": selection.facts, "handling": selection.handling}
        context["form"] = SelectionForm(initial=initial)
        return _form_page(request, context)
    form = SelectionForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return _form_page(request, context, status=400)
    try:
        update_selection(actor=user, selection=selection, ip=client_ip(request), **form.cleaned_data)
    except MajorViolationError as error:
        context["error"] = error.message
        return _form_page(request, context, status=400)
    messages.success(request, "已保存修改。")
    return redirect("major_violations:batch", pk=selection.batch_id)


@require_roles(*CHANGERS)
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    user, selection = _selection(request, pk)
    try:
        remove_selection(
            actor=user, selection=selection, reason=request.POST.get("reason", "")[:1000], ip=client_ip(request)
        )
    except MajorViolationError as error:
        messages.error(request, f"未能移出：{error.message}")
    else:
        messages.success(request, f"已将 {selection.case.employer.name} 移出{selection.batch.period.label}公布名单。")
    return redirect("major_violations:batch", pk=selection.batch_id)


@require_roles(*sorted(APPROVERS))
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    found = queries.batch_for(user, pk) if pk <= MAX_PK else None
    if found is None:
        raise Http404("没有这个公布批次，或者您无权查看。")
    try:
        count = publish_batch(actor=user, batch=found, ip=client_ip(request))
    except MajorViolationError as error:
        messages.error(request, f"未能公布：{error.message}")
    else:
        messages.success(request, f"已在门户网站公布{found.period.label}重大劳动保障违法行为 {count} 件。")
    return redirect("major_violations:batch", pk=found.pk)


@require_roles(*sorted(APPROVERS))
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user, selection = _selection(request, pk)
    reason = request.POST.get("reason", "")[:2000]
    try:
        withdraw_publication(actor=user, selection=selection, reason=reason, ip=client_ip(request))
    except MajorViolationError as error:
        return render(
            request,
            "major_violations/withdraw_failed.html",
            {"selection": selection, "reason": reason, "error": error.message},
            status=400,
        )
    messages.success(request, "已撤回该条公布，并向社会公开撤回说明。")
    return redirect("major_violations:batch", pk=selection.batch_id)
