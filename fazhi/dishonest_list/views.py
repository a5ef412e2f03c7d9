"""Staff screens of the dishonest list (/staff/dishonest-list/): the listings with their state and next deadline, a
listing with the steps the user may take, the prior notice from a case, and the decisions as printable pages. Thin:
parse a form, call one action, answer (a failed form is shown again with what was typed and why)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from fazhi.accounts.access import can_write, refuse, require_roles, staff_user
from fazhi.accounts.models import Role, User
from fazhi.cases.queries import case_for
from fazhi.dishonest_list import actions, queries
from fazhi.dishonest_list.forms import STEP_FORMS, NoticeForm
from fazhi.dishonest_list.models import Listing
from fazhi.dishonest_list.workflow import BY_ACTION, STATE_LABELS
from fazhi.journal.request import client_ip
from fazhi.rules import dishonest_list as rules

READERS = (Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL, Role.SUPERVISOR)
MAX_PK = 2**63 - 1
PAGE_SIZE = 50

Call = Callable[[User, Listing, dict[str, Any], str | None], Listing]
CALLS: dict[str, Call] = {
    "record_objection": lambda u, x, d, ip: actions.record_objection(actor=u, listing=x, ip=ip, **d),
    "answer_objection": lambda u, x, d, ip: actions.answer_objection(actor=u, listing=x, ip=ip, **d),
    "extend_decision_period": lambda u, x, d, ip: actions.extend_decision_period(actor=u, listing=x, ip=ip, **d),
    "exempt": lambda u, x, d, ip: actions.exempt(actor=u, listing=x, ip=ip, **d),
    "decide_listing": lambda u, x, d, ip: actions.decide_listing(actor=u, listing=x, ip=ip),
    "publish": lambda u, x, d, ip: actions.publish(actor=u, listing=x, ip=ip),
    "receive_application": lambda u, x, d, ip: actions.receive_application(actor=u, listing=x, ip=ip, **d),
    "grant_early_removal": lambda u, x, d, ip: actions.grant_early_removal(actor=u, listing=x, ip=ip),
    "refuse_early_removal": lambda u, x, d, ip: actions.refuse_early_removal(actor=u, listing=x, ip=ip, **d),
    "revoke": lambda u, x, d, ip: actions.revoke(actor=u, listing=x, ip=ip, **d),
    "remove": lambda u, x, d, ip: actions.remove(actor=u, listing=x, ip=ip),
    "restore": lambda u, x, d, ip: actions.restore(actor=u, listing=x, ip=ip, **d),
}


def _listing(user: User, pk: int) -> Listing:
    listing = queries.listing_for(user, pk) if pk <= MAX_PK else None
    if listing is None:
        raise Http404("没有这条名单记录，或者您无权查看。")
    return listing


@require_roles(*READERS)
@require_safe
def listing_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    state = state if state in {s.value for s in STATE_LABELS} else ""
    page = Paginator(queries.listings(staff_user(request), state), PAGE_SIZE).get_page(request.GET.get("page"))
    states = [(s.value, label) for s, label in STATE_LABELS.items()]
    context = {"page": page, "state": state, "states": states, "today": timezone.localdate()}
    return render(request, "dishonest_list/list.html", context)


def render_listing(
    request: HttpRequest, listing: Listing, failed: tuple[str, forms.Form, list[str]] | None = None, status: int = 200
) -> HttpResponse:
    user = staff_user(request)
    steps: list[dict[str, Any]] = []
    for step in queries.steps_for(user, listing):
        if failed is not None and failed[0] == step.action:
            steps.append({"step": step, "form": failed[1], "errors": failed[2]})
        else:
            steps.append({"step": step, "form": STEP_FORMS[step.action](prefix=step.action), "errors": []})
    context = {
        "listing": listing,
        "periods": queries.listing_periods(listing),
        "steps": steps,
        "today": timezone.localdate(),
        "sanctions": rules.SANCTIONS,
        # The address as it will be published, for the one who publishes to read first (security review M2).
        "address_preview": actions.published_address(listing)
        if any(item["step"].action == "publish" for item in steps)
        else None,
    }
    return render(request, "dishonest_list/detail.html", context, status=status)


@require_roles(*READERS)
@require_safe
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_listing(request, _listing(staff_user(request), pk))


@require_roles(*READERS)
@require_POST
def take_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = staff_user(request)
    if not can_write(user):
        return refuse(request, reason="您的角色只能查阅，不能办理。")
    listing = _listing(user, pk)
    step = BY_ACTION.get(action)
    if step is None or action not in CALLS:
        raise Http404("没有这个步骤。")
    form = STEP_FORMS[action](request.POST, prefix=action)
    if not form.is_valid():
        return render_listing(request, listing, (action, form, ["请按提示更正后再提交。"]), status=400)
    data = dict(form.cleaned_data)
    try:
        CALLS[action](user, listing, data, client_ip(request))
    except actions.ListingRefused as error:
        return refuse(request, reason=error.message)
    except actions.ListingBlocked as error:
        for name in error.fields:
            if name in form.fields:
                form.add_error(name, "请核对此项。")
        return render_listing(request, listing, (action, form, error.reasons), status=400)
    except actions.ListingError as error:
        messages.error(request, error.message)
        return redirect("dishonest_list:detail", pk=pk)
    messages.success(request, f"已办理：{step.label}。")
    return redirect("dishonest_list:detail", pk=pk)


@require_roles(Role.INSPECTOR, Role.LEAD)
@require_http_methods(["GET", "POST"])
def give_notice(request: HttpRequest, case_pk: int) -> HttpResponse:
    user = staff_user(request)
    case = case_for(user, case_pk) if case_pk <= MAX_PK else None
    if case is None:
        raise Http404("没有这个案件，或者您无权查看。")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = NoticeForm(request.POST)
        if form.is_valid():
            try:
                listing = actions.give_notice(actor=user, case=case, ip=client_ip(request), **form.cleaned_data)
            except actions.ListingRefused as error:
                return refuse(request, reason=error.message)
            except actions.ListingBlocked as error:
                errors = error.reasons
                for name in error.fields:
                    if name in form.fields:
                        form.add_error(name, "请核对此项。")
            except actions.ListingError as error:
                errors = [error.message]
            else:
                messages.success(request, "已登记拟列入告知，异议期和作出列入决定的期限开始计算。")
                return redirect("dishonest_list:detail", pk=listing.pk)
        else:
            errors = ["请按提示更正后再提交。"]
        status = 400
    else:
        form = NoticeForm(initial={"served_on": timezone.localdate()})
    order = queries.wage_order(case)
    context = {
        "case": case,
        "deadline": order.comply_by if order is not None else None,
        "form": form,
        "errors": errors,
        "grounds": rules.GROUND_LABELS,
    }
    return render(request, "dishonest_list/notice.html", context, status=status)


@require_roles(*READERS)
@require_safe
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """The 列入决定书 and the decision on early removal, as printable pages (第八条第二款、第十四条第二款)."""
    listing = _listing(staff_user(request), pk)
    if not listing.decision_number:
        raise Http404("尚未作出列入决定。")
    context = {
        "listing": listing,
        "basis": rules.BASIS,
        "sanctions": rules.SANCTIONS,
        "early_terms": rules.EARLY_REMOVAL_TERMS,
        "remedies": rules.REMEDIES,
    }
    return render(request, "dishonest_list/decision.html", context)
