"""Staff screens of disclosure: publish a case's penalty decision, withdraw it. Thin: parse, call one action, answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.accounts.access import require_roles
from fazhi.accounts.models import User
from fazhi.cases.queries import case_for
from fazhi.disclosure.actions import PUBLISHERS, DisclosureError, publish_decision, withdraw_decision
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
