"""The supervisor's screens (/staff/supervision/): the live dashboard, an alert's page, the Excel export, and the
supervision orders. Views parse input, call one query or action, and render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from fazhi.accounts.access import require_roles, staff_user
from fazhi.accounts.models import Role, User
from fazhi.calendars.queries import working_calendar
from fazhi.cases.queries import case_for
from fazhi.supervision import actions, queries
from fazhi.supervision.charts import Bar, rate_bars, stacked_bars
from fazhi.supervision.export import workbook
from fazhi.supervision.forms import RaiseOrderForm, TextForm
from fazhi.supervision.models import SupervisionOrder
from fazhi.supervision.remedy_figures import remedy_figures
from fazhi.supervision.rules import SEVERITY_ORDER

VIEWERS = queries.VIEWER_ROLES
ORDER_READERS = (Role.SUPERVISOR, Role.DIRECTOR, Role.LEADER, Role.LEAD)


def _as_of(request: HttpRequest) -> dt.date:
    """The day the board replays (`as_of`), today when not given. A day that is not a date or lies outside the loaded
    holiday years cannot be replayed (its periods have no due dates): today is shown instead, with a message saying
    why (security review L2: `0001-01-01` and `9999-12-31` were a 500)."""
    raw = request.GET.get("as_of", "")
    today = timezone.localdate()
    if not raw:
        return today
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        problem = f"回放日期“{raw[:20]}”不是有效的日期（格式如 2026-03-31）"
    else:
        years = working_calendar().years or (today.year,)
        first, last = dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
        if first <= day <= last:
            return day
        problem = f"回放日期须在已导入节假日数据的年度内（{first:%Y-%m-%d} 至 {last:%Y-%m-%d}）"
    if not request.headers.get("HX-Request"):
        messages.warning(request, f"{problem}，下面显示的是今天的情况。")
    return today


def _board_context(request: HttpRequest, as_of: dt.date) -> dict[str, object]:
    board = queries.dashboard(as_of, staff_user(request))
    bars = [Bar(row.unit.name, [(s.value, row.by_severity[s]) for s in SEVERITY_ORDER]) for row in board.units]
    return {
        "board": board,
        "severities": [(s, board.by_severity[s]) for s in SEVERITY_ORDER],
        "alerts_chart": stacked_bars(bars, title="各机构预警数（红、橙、黄）"),
        "rate_chart": rate_bars([(r.unit.name, r.on_time_rate) for r in board.units], title="各机构按期办结率"),
        "as_of_param": request.GET.get("as_of", ""),
    }


@require_safe
@require_roles(*VIEWERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    if request.headers.get("HX-Request"):
        return render(request, "supervision/_board.html", _board_context(request, _as_of(request)))
    as_of = _as_of(request)  # once: a day it cannot replay is said once
    figures = remedy_figures(staff_user(request), as_of)
    context = {
        **_board_context(request, as_of),
        "figures": figures,
        "correction_chart": rate_bars(
            [(row.label, row.rate) for row in figures.by_organ] or [("合计", None)],
            title="各机关行政复议、行政诉讼纠错率",
            lower_is_better=True,
        ),
        "appearance_chart": rate_bars(
            [
                ("负责人出庭应诉率", figures.head_appearance_rate),
                ("建议按期回复率", figures.suggestions_total.on_time_rate),
            ],
            title="负责人出庭应诉率与司法建议、检察建议按期回复率",
        ),
    }
    return render(request, "supervision/dashboard.html", context)


@require_safe
@require_roles(*VIEWERS)
def alert_detail(request: HttpRequest, rule: str, case_id: int) -> HttpResponse:
    as_of = _as_of(request)
    detail = queries.alert_detail(rule, case_id, as_of, staff_user(request))
    if detail is None:
        raise Http404("没有这条预警，或者您无权查看。")
    return render(request, "supervision/alert.html", {"detail": detail, "as_of": as_of, "form": RaiseOrderForm()})


@require_safe
@require_roles(*VIEWERS)
def export(request: HttpRequest) -> HttpResponse:
    as_of = _as_of(request)
    response = HttpResponse(
        workbook(as_of, staff_user(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="supervision-{as_of:%Y%m%d}.xlsx"'
    return response


@require_safe
@require_roles(*ORDER_READERS)
def orders(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    return render(
        request,
        "supervision/orders.html",
        {
            "orders": queries.visible_orders(user)[:200],
            "form": RaiseOrderForm(),
            "may_raise": user.has_role(Role.SUPERVISOR),
        },
    )


@require_http_methods(["POST"])
@require_roles(Role.SUPERVISOR)
def raise_order(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = RaiseOrderForm(request.POST)
    case_id = request.POST.get("case", "")
    case = case_for(user, int(case_id)) if case_id.isascii() and case_id.isdigit() else None
    if form.is_valid():
        try:
            order = actions.raise_order(
                actor=user,
                subject=form.cleaned_data["subject"],
                case=case,
                unit=None if case is not None else form.cleaned_data["unit"],
                respond_by=form.cleaned_data["respond_by"],
                rule=form.cleaned_data["rule"],
            )
        except actions.OrderError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已发出督办单 {order.number}。")
            return redirect("supervision:order", pk=order.pk)
    return render(
        request,
        "supervision/orders.html",
        {"orders": queries.visible_orders(user)[:200], "form": form, "may_raise": True},
        status=400,
    )


@require_safe
@require_roles(*ORDER_READERS)
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    order = queries.order_for(user, pk)
    if order is None:
        raise Http404("没有这个督办单，或者您无权查看。")
    return render(request, "supervision/order.html", _order_context(user, order, TextForm()))


def _order_context(user: User, order: SupervisionOrder, form: TextForm) -> dict[str, object]:
    return {
        "order": order,
        "entries": queries.order_entries(order),
        "form": form,
        "is_supervisor": user.has_role(Role.SUPERVISOR),
        "may_answer": bool(user.role_names & actions.ANSWERING_ROLES) and order.state == "open",
    }


@require_POST
@require_roles(*ORDER_READERS)
def order_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = staff_user(request)
    order = queries.order_for(user, pk)
    if order is None or step not in ("answer", "close", "escalate"):
        raise Http404("没有这个督办单，或者您无权查看。")
    form = TextForm(request.POST)
    if form.is_valid():
        text = form.cleaned_data["text"]
        try:
            if step == "answer":
                actions.answer_order(actor=user, order=order, response=text)
            elif step == "close":
                actions.close_order(actor=user, order=order, conclusion=text)
            else:
                actions.escalate_order(actor=user, order=order, reason=text, respond_by=form.cleaned_data["respond_by"])
        except actions.OrderError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已办理。")
            return redirect("supervision:order", pk=order.pk)
    return render(request, "supervision/order.html", _order_context(user, order, form), status=400)
