"""The staff screens of labour-inspection cases (/staff/cases/): my work, the case list, the case page with the steps
the user may take now, and the intake form. Views parse input, call one query or action, and render; everything
works without JavaScript."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from fazhi.accounts.access import can_write, refuse, require_roles, staff_user
from fazhi.accounts.models import Role, User
from fazhi.calendars.queries import working_calendar
from fazhi.cases import case_page, queries
from fazhi.cases.actions import (
    InvalidCaseInput,
    TransitionBlocked,
    TransitionConflict,
    TransitionRefused,
    WorkerInput,
    register_case,
    transition,
)
from fazhi.cases.forms import CaseFilterForm, IntakeForm, StepForm, worker_formset
from fazhi.cases.intake import Intake, InvalidIntake
from fazhi.cases.models import INTAKE_SOURCES, Case, Source
from fazhi.cases.workflow import BY_ACTION
from fazhi.journal.request import client_ip
from fazhi.rules.provisional import NOTE_IN_FULL

READERS = (Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL, Role.SUPERVISOR)
REGISTRARS = (Role.INSPECTOR, Role.LEAD)
PAGE_SIZE = 50
MORE_WORKER_ROWS = 3


def _case_or_404(user: User, pk: int) -> Case:
    case = queries.case_for(user, pk) if pk <= 2**63 - 1 else None
    if case is None:  # not there, or not in the user's scope: the same answer, so nothing leaks
        raise Http404("没有这个案件，或者您无权查看。")
    return case


@dataclass(frozen=True)
class CaseRow:
    case: Case
    due: case_page.DueStatus


def _rows(cases: list[Case], today: dt.date) -> list[CaseRow]:
    calendar = working_calendar()
    # The provisional date shows only where no due date does: the cases whose every running period waits for a year.
    undated = [c.pk for c in cases if getattr(c, "awaiting_calendar", False) and not getattr(c, "next_due", None)]
    provisional = queries.provisional_dates(undated) if undated else {}
    return [
        CaseRow(
            case,
            case_page.due_status(
                getattr(case, "next_due", None),
                today,
                awaiting=bool(getattr(case, "awaiting_calendar", False)),
                calendar=calendar,
                provisional=provisional.get(case.pk),
            ),
        )
        for case in cases
    ]


def _provisional_note(statuses: list[case_page.DueStatus]) -> str:
    """The note a page prints below its due dates when one of them is a provisional date ("" when none is)."""
    return NOTE_IN_FULL if any(status.provisional for status in statuses) else ""


def _query_without_page(request: HttpRequest) -> str:
    return urlencode([(key, value) for key, value in request.GET.items() if key != "page" and value])


@require_roles(*READERS)
@require_safe
def worklist(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    today = timezone.localdate()
    page = Paginator(queries.with_awaiting_calendar(queries.worklist(user)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = _rows(list(page.object_list), today)
    context = {
        "page": page,
        "rows": rows,
        "provisional_note": _provisional_note([row.due for row in rows]),
        "today": today,
        "may_register": bool(user.role_names & set(REGISTRARS)),
        "reads_only": not can_write(user),
    }
    return render(request, "cases/worklist.html", context)


@require_roles(*READERS)
@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    today = timezone.localdate()
    form = CaseFilterForm(request.GET or None, user=user)
    chosen: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # the valid filters apply; the others show their error
        chosen = form.cleaned_data
    cases = queries.filtered_cases(
        user,
        today=today,
        state=chosen.get("state") or "",
        source=chosen.get("source") or "",
        unit=chosen.get("unit"),
        handler=chosen.get("handler"),
        due=chosen.get("due") or "",
        employer=chosen.get("q") or "",
        violation=chosen.get("violation") or "",
        person=chosen.get("person") or "",
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _rows(list(page.object_list), today)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "provisional_note": _provisional_note([row.due for row in rows]),
        "filtered": any(chosen.values()),
        "filter_query": _query_without_page(request),
        "may_register": bool(user.role_names & set(REGISTRARS)),
        "has_worklist": can_write(user),
        "sees_delegations": bool(user.role_names & {Role.LEADER, Role.DIRECTOR, Role.LEAD, Role.SUPERVISOR}),
    }
    return render(request, "cases/list.html", context)


def render_case(
    request: HttpRequest,
    case: Case,
    *,
    failed: StepForm | None = None,
    errors: list[str] | None = None,
    document_failure: object = None,
    status: int = 200,
) -> HttpResponse:
    """The case page; a failed step form or document issue is shown again with what was typed and why.

    The sections of later apps (routing, documents, disclosure, dishonest list, major violations, evidence) are their
    own inclusion tags in `cases/detail.html`; `document_failure` (a `documents.queries.IssueFailure`) is passed on
    to the documents section through the context."""
    user = staff_user(request)
    today = timezone.localdate()
    calendar = working_calendar()
    acts = can_write(user)
    seen = case_page.reading(user, case)
    steps = []
    for option in queries.step_options(user, case, today):
        if failed is not None and failed.step.action == option.step.action:
            form = failed
        else:
            form = StepForm(step=option.step, case=case, seen=seen)
        steps.append({"option": option, "form": form, "failed": form is failed})
    failed_shown = any(item["failed"] for item in steps)
    statuses = [
        (period, case_page.period_status(period, today, calendar))
        for period in case.periods.order_by("started_on", "pk")
    ]
    periods = [
        {"period": period, "status": status, "starts": queries.period_starts(period, calendar)}
        for period, status in statuses
    ]
    workers = case_page.worker_rows(user, case, seen)
    context = {
        "case": case,
        "today": today,
        "acts": acts,
        "complainant": case_page.complainant(user, case, seen),
        "seen": seen,
        "workers": workers,
        "total_owed": case.total_owed,
        "total_paid": case.total_paid,
        "total_compensation": sum((row.line.additional_compensation for row in workers), Decimal("0")),
        "total_outstanding": sum((row.line.outstanding for row in workers), Decimal("0")),
        "facts": case_page.case_facts(case, today),
        "document_failure": document_failure,
        "periods": periods,
        "provisional_note": _provisional_note([status for _, status in statuses]),
        "timeline": case_page.timeline(case, seen),
        "steps": steps,
        # Errors of a step no longer offered (someone moved the case first) are shown above the steps.
        "step_errors": errors or [],
        "failed_step": failed.step if failed is not None else None,
        "failed_shown": failed_shown,
    }
    return render(request, "cases/detail.html", context, status=status)


@require_roles(*READERS)
@require_safe
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_case(request, _case_or_404(staff_user(request), pk))


@require_roles(*READERS)
@require_POST
def take_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = staff_user(request)
    if not can_write(user):
        return refuse(request, reason="您的角色只能查阅案件，不能办理。")
    case = _case_or_404(user, pk)
    step = BY_ACTION.get(action)
    if step is None:
        raise Http404("没有这个办案步骤。")
    form = StepForm(request.POST, step=step, case=case, seen=case_page.reading(user, case))
    if not form.is_valid():
        return render_case(request, case, failed=form, status=400)
    try:
        transition(
            actor=user,
            case=case,
            action=action,
            data=form.step_data(),
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            ip=client_ip(request),
        )
    except TransitionBlocked as blocked:
        errors, status = blocked.reasons, 422
    except TransitionConflict as conflict:
        errors, status = [conflict.message], 409
    except TransitionRefused as refused:
        errors, status = [refused.message], 403
    except InvalidCaseInput as invalid:
        errors, status = [invalid.message], 400
    else:
        messages.success(request, f"已办理“{step.label}”。")
        return redirect("cases:detail", pk=case.pk)
    return render_case(request, _case_or_404(user, pk), failed=form, errors=errors, status=status)


@require_roles(*REGISTRARS)
@require_http_methods(["GET", "HEAD", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if user.unit is None:
        return refuse(request, reason="您尚未分配所属机构，不能登记案件。")
    status = 200
    adding_rows = False
    if request.method == "POST":
        adding_rows = "more_workers" in request.POST
        workers = worker_formset(request.POST, more_rows=MORE_WORKER_ROWS if adding_rows else 0)
        form = IntakeForm(request.POST, user=user, workers=workers)
        # "More rows" only shows the form again with empty rows added, as typed, without judging it yet.
        if not adding_rows:
            if not (form.is_valid() and workers.is_valid()) or form.intake is None:
                status = 400
            else:
                case, status = _register(request, user, form, form.intake)
                if case is not None:
                    messages.success(request, f"已登记案件，登记号 {case.reference}。")
                    return redirect("cases:detail", pk=case.pk)
    else:
        form = IntakeForm(user=user)
        workers = worker_formset()
    context = {"form": form, "workers": workers, "adding_rows": adding_rows, "own_discovery": _own_discovery_note()}
    return render(request, "cases/intake.html", context, status=status)


def _register(request: HttpRequest, user: User, form: IntakeForm, typed: Intake) -> tuple[Case | None, int]:
    """Register the case the valid form describes (`typed`, as `fazhi.cases.intake` cleaned it); (the case, 302) or
    (None, the status of the error put on the form)."""
    assert user.unit is not None
    assert typed.received_on is not None
    try:
        case = register_case(
            actor=user,
            source=typed.source,
            unit=user.unit,
            employer_name=typed.employer_name,
            employer_credit_code=typed.employer_credit_code,
            employer_address=typed.employer_address,
            legal_representative=typed.legal_representative,
            summary=typed.summary,
            received_on=typed.received_on,
            complainant_name=typed.complainant_name,
            complainant_id_number=typed.complainant_id_number,
            complainant_phone=typed.complainant_phone,
            anonymous=typed.anonymous,
            workers=[
                WorkerInput(name=w.name, amount_owed=w.amount_owed, id_number=w.id_number)
                for w in typed.workers
                if w.amount_owed is not None  # always, once cleaned
            ],
            handler=typed.handler,
            co_handler=typed.co_handler,
            ip=client_ip(request),
        )
    except TransitionRefused as refused:
        form.add_error(None, refused.message)
        return None, 403
    except (InvalidCaseInput, InvalidIntake) as invalid:
        form.add_error(None, invalid.message)
        return None, 400
    return case, 302


def _own_discovery_note() -> str:
    own = "、".join(str(label) for value, label in Source.choices if value not in INTAKE_SOURCES)
    return f"{own}属于自行发现的案件，登记后直接进入立案审批（广东省劳动保障监察条例第三十二条）。"
