"""Staff screens of judicial and procuratorial suggestions (/staff/suggestions/): the list in scope with the deadline
(overdue ones marked), registration, one suggestion with its points answered one by one and the steps the user may
take, and the reply letter's PDF and Word. Thin: parse a form, call one action, answer (a failed form is shown again
with what was typed and why)."""

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
from fazhi.accounts.models import Role, Unit, User
from fazhi.cases.queries import case_for
from fazhi.journal.request import client_ip
from fazhi.suggestions import actions, queries
from fazhi.suggestions.forms import STEP_FORMS, AnswerForm, AssignForm, ReceiveForm
from fazhi.suggestions.models import Kind, Suggestion
from fazhi.suggestions.workflow import BY_ACTION, CLERKS, STATE_LABELS

READERS = (Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL, Role.SUPERVISOR)
MAX_PK = 2**63 - 1
PAGE_SIZE = 50

Call = Callable[[User, Suggestion, dict[str, Any], str | None], Suggestion]
CALLS: dict[str, Call] = {
    "assign": lambda u, s, d, ip: actions.assign_suggestion(
        actor=u, suggestion=s, handler=User.objects.filter(pk=d["handler"]).first(), ip=ip
    ),
    "answer_point": lambda u, s, d, ip: actions.answer_point(actor=u, suggestion=s, ip=ip, **d),
    "submit_reply": lambda u, s, d, ip: actions.submit_reply(actor=u, suggestion=s, ip=ip, **d),
    "return_reply": lambda u, s, d, ip: actions.return_reply(actor=u, suggestion=s, ip=ip, **d),
    "approve_reply": lambda u, s, d, ip: actions.approve_reply(actor=u, suggestion=s, ip=ip),
    "send_reply": lambda u, s, d, ip: actions.send_reply(actor=u, suggestion=s, ip=ip, **d),
    "record_feedback": lambda u, s, d, ip: actions.record_feedback(actor=u, suggestion=s, ip=ip, **d),
}


def _suggestion(user: User, pk: int) -> Suggestion:
    found = queries.suggestion_for(user, pk) if pk <= MAX_PK else None
    if found is None:
        raise Http404("没有这条建议记录，或者您无权查看。")
    return found


@require_roles(*READERS)
@require_safe
def suggestion_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    today = timezone.localdate()
    state = request.GET.get("state", "")[:20]
    kind = request.GET.get("kind", "")[:20]
    kind = kind if kind in Kind.values else ""
    rows = queries.suggestions(user, today=today, state=state, kind=kind)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    states = [
        (queries.OPEN_FILTER, "未答复"),
        (queries.OVERDUE, "已超期未答复"),
        *((s.value, label) for s, label in STATE_LABELS.items()),
    ]
    context = {
        "page": page,
        "state": state,
        "kind": kind,
        "states": states,
        "kinds": Kind.choices,
        "today": today,
        "may_register": queries.may_register(user),
        "defaults": actions.default_wording(),
        "figures": queries.suggestion_statistics(user, as_of=today, year=today.year, by=("kind",)),
    }
    return render(request, "suggestions/list.html", context)


def _receive_page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "suggestions/new.html", {**context, "defaults": actions.default_wording()}, status=status)


@require_roles(*sorted(CLERKS))
@require_http_methods(["GET", "POST"])
def receive(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not queries.may_register(user):
        return refuse(request, reason="您的角色不能登记司法建议和检察建议。")
    units = queries.unit_choices(user)
    if request.method == "GET":
        initial: dict[str, Any] = {"received_on": timezone.localdate(), "unit": user.unit_id}
        raw = request.GET.get("case", "")
        case = case_for(user, int(raw)) if raw.isascii() and raw.isdigit() and int(raw) <= MAX_PK else None
        if case is not None:
            initial.update({"case_number": case.case_number or case.reference, "unit": case.unit_id})
        return _receive_page(request, {"form": ReceiveForm(initial=initial, units=units), "errors": []})
    form = ReceiveForm(request.POST, units=units)
    if not form.is_valid():
        return _receive_page(request, {"form": form, "errors": ["请按提示更正后再提交。"]}, status=400)
    data = form.cleaned_data
    case = queries.case_by_number(user, data["case_number"])
    if data["case_number"].strip() and case is None:
        form.add_error("case_number", "您的范围内没有这个案号的案件。")
        return _receive_page(request, {"form": form, "errors": ["请按提示更正后再提交。"]}, status=400)
    try:
        suggestion = actions.receive_suggestion(
            actor=user,
            kind=data["kind"],
            organ=data["organ"],
            number=data["number"],
            subject=data["subject"],
            received_on=data["received_on"],
            unit=Unit.objects.filter(pk=data["unit"]).first(),
            points=data["points"].splitlines(),
            case=case,
            other_cases=data["other_cases"],
            stated_deadline=data["stated_deadline"],
            ip=client_ip(request),
        )
    except actions.SuggestionRefused as error:
        return refuse(request, reason=error.message)
    except actions.SuggestionBlocked as error:
        for name in error.fields:
            if name in form.fields:
                form.add_error(name, "请核对此项。")
        return _receive_page(request, {"form": form, "errors": error.reasons}, status=400)
    messages.success(request, f"已登记，答复期限 {suggestion.reply_due_on:%Y-%m-%d}。")
    return redirect("suggestions:detail", pk=suggestion.pk)


def _handler_choices(user: User, suggestion: Suggestion) -> list[tuple[int, str]]:
    return [
        (u.pk, f"{u.display_name}（{u.unit.name if u.unit else ''}）")
        for u in queries.handler_choices(user, suggestion)
    ]


def _blank(user: User, suggestion: Suggestion, action: str) -> forms.Form:
    if action == "assign":
        return AssignForm(prefix=action, handlers=_handler_choices(user, suggestion))
    return STEP_FORMS[action](prefix=action)


def render_suggestion(
    request: HttpRequest,
    suggestion: Suggestion,
    failed: tuple[str, forms.Form, list[str], int | None] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = staff_user(request)
    steps = []
    answering = False
    for step in queries.steps_for(user, suggestion):
        if step.action == "answer_point":
            answering = True
            continue
        if failed is not None and failed[0] == step.action:
            steps.append({"step": step, "form": failed[1], "errors": failed[2]})
        else:
            steps.append({"step": step, "form": _blank(user, suggestion, step.action), "errors": []})
    points = []
    for point in queries.points_of(suggestion):
        item: dict[str, Any] = {"point": point, "form": None, "errors": []}
        if answering:
            if failed is not None and failed[0] == "answer_point" and failed[3] == point.number:
                item["form"], item["errors"] = failed[1], failed[2]
            else:
                initial = {"point": point.number, "measures": point.measures, "result": point.result}
                item["form"] = AnswerForm(prefix=f"answer_point-{point.number}", initial=initial)
        points.append(item)
    context = {
        "suggestion": suggestion,
        "points": points,
        "steps": steps,
        "today": timezone.localdate(),
        "answer_step": BY_ACTION["answer_point"],
        "unanswered": actions.unanswered_points(suggestion),
    }
    return render(request, "suggestions/detail.html", context, status=status)


@require_roles(*READERS)
@require_safe
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_suggestion(request, _suggestion(staff_user(request), pk))


@require_roles(*READERS)
@require_POST
def take_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = staff_user(request)
    if not can_write(user):
        return refuse(request, reason="您的角色只能查阅，不能办理。")
    suggestion = _suggestion(user, pk)
    step = BY_ACTION.get(action)
    if step is None or action not in CALLS:
        raise Http404("没有这个步骤。")
    point: int | None = None
    if action == "answer_point":
        raw = request.POST.get("point", "")
        point = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 5 else None
        if point is None:
            messages.error(request, "未能保存：请在要答复的条目下填写并提交。")
            return redirect("suggestions:detail", pk=pk)
        form: forms.Form = AnswerForm(request.POST, prefix=f"answer_point-{point}")
    elif action == "assign":
        form = AssignForm(request.POST, prefix=action, handlers=_handler_choices(user, suggestion))
    else:
        form = STEP_FORMS[action](request.POST, prefix=action)
    if not form.is_valid():
        return render_suggestion(request, suggestion, (action, form, ["请按提示更正后再提交。"], point), status=400)
    data = dict(form.cleaned_data)
    try:
        CALLS[action](user, suggestion, data, client_ip(request))
    except actions.SuggestionRefused as error:
        return refuse(request, reason=error.message)
    except actions.SuggestionBlocked as error:
        for name in error.fields:
            if name in form.fields:
                form.add_error(name, "请核对此项。")
        return render_suggestion(request, suggestion, (action, form, error.reasons, point), status=400)
    except actions.SuggestionError as error:
        messages.error(request, error.message)
        return redirect("suggestions:detail", pk=pk)
    label = f"{step.label}（第{point}条）" if point else step.label
    messages.success(request, f"已办理：{label}。")
    return redirect("suggestions:detail", pk=pk)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@require_roles(*READERS)
@require_safe
def reply_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The approved reply letter as PDF or Word (an attachment)."""
    suggestion = _suggestion(staff_user(request), pk)
    column = "reply_docx" if fmt == "docx" else "reply_pdf"
    data = Suggestion.objects.filter(pk=suggestion.pk).values_list(column, flat=True).first()
    if not data:
        raise Http404("回复函尚未批准。")
    response = HttpResponse(bytes(data), content_type=CONTENT_TYPES[fmt])
    name = f"{suggestion.reply_number or 'reply'}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
