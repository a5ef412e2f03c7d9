"""Staff screens of disclosure: publish a case's penalty decision, withdraw it. Thin: parse, call one action, answer."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.accounts.access import require_roles
from fazhi.accounts.models import User
from fazhi.cases.queries import case_for
from fazhi.disclosure.actions import (
    DECISION_CHANGES,
    PUBLISHERS,
    DisclosureError,
    publish_decision,
    record_decision_change,
    withdraw_decision,
)
from fazhi.disclosure.models import PublishedDecision
from fazhi.journal.request import client_ip

MAX_PK = 2**63 - 1


def _case(request: HttpRequest, pk: int) -> tuple[User, int]:
    user = request.user
    assert isinstance(user, User)  # require_roles let only staff through
    if pk > MAX_PK or case_for(user, pk) is None:
        raise Http404("没有这个案件，或者您无权查看。")
    return user, pk


@require_POST
@require_roles(*sorted(PUBLISHERS))
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    user, pk = _case(request, pk)
    case = case_for(user, pk)
    assert case is not None
    try:
        published = publish_decision(actor=user, case=case, ip=client_ip(request))
    except DisclosureError as error:
        messages.error(request, f"未能公示：{error.message}")
    else:
        messages.success(request, f"已在门户网站公示处罚决定 {published.document_number}。")
    return redirect("cases:detail", pk=pk)


@require_POST
@require_roles(*sorted(PUBLISHERS))
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user, pk = _case(request, pk)
    publication = PublishedDecision.objects.filter(case_id=pk).first()
    if publication is None:
        raise Http404("该案件的处罚决定尚未公示。")
    reason = request.POST.get("reason", "")[:1000]
    try:
        withdraw_decision(actor=user, publication=publication, reason=reason, ip=client_ip(request))
    except DisclosureError as error:
        return render(
            request,
            "disclosure/withdraw_failed.html",
            {"case_pk": pk, "publication": publication, "reason": reason, "error": error.message},
            status=400,
        )
    messages.success(request, "已撤回公示，并向社会公开撤回说明。")
    return redirect("cases:detail", pk=pk)


@require_POST
@require_roles(*sorted(PUBLISHERS))
def decision_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the published decision was changed, revoked, or confirmed unlawful or void: the three working days
    to withdraw the publication start."""
    user, pk = _case(request, pk)
    publication = PublishedDecision.objects.filter(case_id=pk).first()
    if publication is None:
        raise Http404("该案件的处罚决定尚未公示。")
    typed = {name: request.POST.get(name, "")[:200] for name in ("kind", "changed_on", "instrument")}
    try:
        changed_on = dt.date.fromisoformat(typed["changed_on"])
    except ValueError:
        error = "请按“年-月-日”填写变更或撤销的日期。"
    else:
        try:
            period = record_decision_change(
                actor=user,
                publication=publication,
                kind=typed["kind"],
                changed_on=changed_on,
                instrument=typed["instrument"],
                ip=client_ip(request),
            )
        except DisclosureError as failure:
            error = failure.message
        else:
            if period.due_on:
                due = f"，请于 {period.due_on:%Y-%m-%d} 前撤回公示"
            else:
                due = "，撤回期限待导入节假日数据后计算"
                if period.provisional_due_on:  # fazhi.rules.provisional: shown, never counted from
                    due += f"（预计 {period.provisional_due_on:%Y-%m-%d}，不是法定期限）"
            messages.success(request, f"已登记处罚决定{DECISION_CHANGES[typed['kind']]}{due}。")
            return redirect("cases:detail", pk=pk)
    return render(
        request,
        "disclosure/decision_change_failed.html",
        {"case_pk": pk, "publication": publication, "typed": typed, "error": error, "kinds": DECISION_CHANGES},
        status=400,
    )
