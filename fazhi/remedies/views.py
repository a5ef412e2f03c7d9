"""Staff screens of reconsideration and litigation (/staff/remedies/): the records in scope with their next deadline,
one record with the steps the user may take and its documents, and the registration forms from a case. Thin: parse a
form, call one action, answer (a failed form is shown again with what was typed and why, never a 500)."""

from __future__ import annotations

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
from fazhi.journal.request import client_ip
from fazhi.remedies import actions, documents, queries
from fazhi.remedies.calls import LITIGATION_CALLS, RECONSIDERATION_CALLS
from fazhi.remedies.forms import LITIGATION_FORMS, RECONSIDERATION_FORMS, LitigationForm, ReconsiderationForm
from fazhi.remedies.models import Litigation, Reconsideration
from fazhi.remedies.workflow import LITIGATION_BY_ACTION, RECONSIDERATION_BY_ACTION, STATE_LABELS

READERS = (Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL, Role.SUPERVISOR)
MAX_PK = 2**63 - 1
PAGE_SIZE = 50
KINDS = {"reconsideration": "行政复议", "litigation": "行政诉讼"}


def _record(user: User, kind: str, pk: int) -> Reconsideration | Litigation:
    record: Reconsideration | Litigation | None = None
    if pk <= MAX_PK and kind in KINDS:
        record = (
            queries.reconsideration_for(user, pk) if kind == "reconsideration" else queries.litigation_for(user, pk)
        )
    if record is None:
        raise Http404("没有这条记录，或者您无权查看。")
    return record


@require_roles(*READERS)
@require_safe
def record_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else ""
    state = request.GET.get("state", "")
    state = state if state in {s.value for s in STATE_LABELS} else ""
    rows = queries.records(staff_user(request), kind, state)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kind": kind,
        "kinds": KINDS,
        "state": state,
        "states": [(s.value, label) for s, label in STATE_LABELS.items()],
        "today": timezone.localdate(),
    }
    return render(request, "remedies/list.html", context)


def render_record(
    request: HttpRequest,
    record: Reconsideration | Litigation,
    failed: tuple[str, forms.Form, list[str]] | None = None,
    status: int = 200,
    typed: tuple[str, dict[str, str]] = ("", {}),
) -> HttpResponse:
    user = staff_user(request)
    kind = "reconsideration" if isinstance(record, Reconsideration) else "litigation"
    step_forms = RECONSIDERATION_FORMS if kind == "reconsideration" else LITIGATION_FORMS
    steps = []
    for step in queries.steps_for(user, record):
        if failed is not None and failed[0] == step.action:
            steps.append({"step": step, "form": failed[1], "errors": failed[2]})
        else:
            steps.append({"step": step, "form": step_forms[step.action](prefix=step.action), "errors": []})
    issued = documents.documents_of(record)
    context = {
        "record": record,
        "kind": kind,
        "periods": queries.record_periods(record),
        "steps": steps,
        "today": timezone.localdate(),
        "expected_decision_on": queries.expected_decision_on(record) if isinstance(record, Reconsideration) else None,
        "appeals": list(record.appeals.order_by("pk")) if isinstance(record, Litigation) else [],
        "documents": issued,
        "doc_forms": [
            {
                "kind": kind,
                "fields": [
                    (spec, typed[1].get(spec.name, spec.default) if typed[0] == kind.code else spec.default)
                    for spec in kind.inputs
                ],
                "errors": failed[2] if failed is not None and failed[0] == "issue" and typed[0] == kind.code else [],
                "reissue": any(document.doc_type == kind.code for document in issued),
                "reason": typed[1].get("reason", "") if typed[0] == kind.code else "",
            }
            for kind in documents.issuable(user, record)
        ],
    }
    return render(request, "remedies/detail.html", context, status=status)


@require_roles(*READERS)
@require_safe
def record_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return render_record(request, _record(staff_user(request), kind, pk))


@require_roles(*READERS)
@require_POST
def take_step(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    user = staff_user(request)
    if not can_write(user):
        return refuse(request, reason="您的角色只能查阅，不能办理。")
    record = _record(user, kind, pk)
    table = RECONSIDERATION_BY_ACTION if kind == "reconsideration" else LITIGATION_BY_ACTION
    calls = RECONSIDERATION_CALLS if kind == "reconsideration" else LITIGATION_CALLS
    step_forms = RECONSIDERATION_FORMS if kind == "reconsideration" else LITIGATION_FORMS
    step = table.get(action)
    if step is None or action not in calls:
        raise Http404("没有这个步骤。")
    form = step_forms[action](request.POST, prefix=action)
    if not form.is_valid():
        return render_record(request, record, (action, form, ["请按提示更正后再提交。"]), status=400)
    try:
        result = calls[action](user, record, dict(form.cleaned_data), client_ip(request))
    except actions.RemedyRefused as error:
        return refuse(request, reason=error.message)
    except actions.RemedyBlocked as error:
        for name in error.fields:
            if name in form.fields:
                form.add_error(name, "请核对此项。")
        return render_record(request, record, (action, form, error.reasons), status=400)
    except actions.RemedyError as error:
        messages.error(request, error.message)
        return redirect("remedies:detail", kind=kind, pk=pk)
    messages.success(request, f"已办理：{step.label}。")
    if action == "register_appeal":
        return redirect("remedies:detail", kind="litigation", pk=result.pk)
    return redirect("remedies:detail", kind=kind, pk=pk)


@require_roles(Role.LEGAL)
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, case_pk: int, kind: str) -> HttpResponse:
    """登记行政复议 / 行政诉讼 from a case (the legal reviewer, on receiving the copy)."""
    user = staff_user(request)
    case = case_for(user, case_pk) if case_pk <= MAX_PK and kind in KINDS else None
    if case is None:
        raise Http404("没有这个案件，或者您无权查看。")
    form_class: type[ReconsiderationForm] | type[LitigationForm] = (
        ReconsiderationForm if kind == "reconsideration" else LitigationForm
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, case=case)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if kind == "reconsideration":
                    record: Reconsideration | Litigation = actions.register_reconsideration(
                        actor=user, case=case, ip=client_ip(request), **data
                    )
                else:
                    record = actions.register_litigation(actor=user, case=case, ip=client_ip(request), **data)
            except actions.RemedyRefused as error:
                return refuse(request, reason=error.message)
            except actions.RemedyBlocked as error:
                errors = error.reasons
                for name in error.fields:
                    if name in form.fields:
                        form.add_error(name, "请核对此项。")
            except actions.RemedyError as error:
                errors = [error.message]
            else:
                period = "书面答复期限" if kind == "reconsideration" else "答辩期限"
                messages.success(request, f"已登记{KINDS[kind]}，{period}开始计算。")
                return redirect("remedies:detail", kind=kind, pk=record.pk)
        else:
            errors = ["请按提示更正后再提交。"]
        status = 400
    else:
        form = form_class(case=case)
    context = {"case": case, "form": form, "errors": errors, "kind": kind, "title": f"登记{KINDS[kind]}"}
    return render(request, "remedies/register.html", context, status=status)


@require_roles(*READERS)
@require_POST
def issue(request: HttpRequest, kind: str, pk: int, doc_type: str) -> HttpResponse:
    """制发 a document of the record (答复书, 答辩状, 出庭应诉情况登记表) through the documents app."""
    user = staff_user(request)
    if not can_write(user):
        return refuse(request, reason="您的角色只能查阅，不能办理。")
    record = _record(user, kind, pk)
    try:
        document = documents.issue_for(user, record, doc_type, request.POST, client_ip(request))
    except documents.IssueRefused as error:
        return refuse(request, reason=error.message)
    except documents.IssueFailed as error:
        typed = {name: str(value)[:2000] for name, value in request.POST.items() if name != "csrfmiddlewaretoken"}
        return render_record(request, record, ("issue", forms.Form(), error.reasons), 400, (doc_type, typed))
    messages.success(request, f"已制发{document.title}。")
    return redirect("remedies:detail", kind=kind, pk=pk)
