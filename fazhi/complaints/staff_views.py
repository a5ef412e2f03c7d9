"""The staff side of public complaints: send a complaint not yet accepted to the competent unit. Thin: parse, call one
action, answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.accounts.access import require_roles
from fazhi.accounts.models import Unit, User
from fazhi.cases.queries import case_for
from fazhi.complaints.actions import ROUTERS, ComplaintError, route_complaint, routing_targets
from fazhi.journal.request import client_ip

MAX_PK = 2**63 - 1


@require_POST
@require_roles(*sorted(ROUTERS))
def route(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # require_roles let only staff through
    case = case_for(user, pk) if pk <= MAX_PK else None
    if case is None:
        raise Http404("没有这个案件，或者您无权查看。")
    typed = {"unit": request.POST.get("unit", "")[:32], "reason": request.POST.get("reason", "")[:500]}
    unit = Unit.objects.filter(code=typed["unit"]).first() if typed["unit"] else None
    try:
        moved = route_complaint(actor=user, case=case, unit=unit, reason=typed["reason"], ip=client_ip(request))
    except ComplaintError as error:
        return render(
            request,
            "complaints/route_failed.html",
            {"case": case, "typed": typed, "error": error.message, "targets": routing_targets()},
            status=400,
        )
    messages.success(request, f"已将 {moved.reference} 移交{moved.unit.name}。")
    # The case may now be outside the user's scope (a district bureau beside theirs): back to the work list then.
    if case_for(user, pk) is None:
        return redirect("cases:worklist")
    return redirect("cases:detail", pk=pk)
