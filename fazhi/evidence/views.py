"""The evidence screens: the upload form of a case, and the download of one file (to authorised users only)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from fazhi.accounts.access import refuse, require_roles, staff_user
from fazhi.accounts.models import Role, User
from fazhi.cases import queries as case_queries
from fazhi.cases.models import Case
from fazhi.evidence import queries
from fazhi.evidence.actions import EvidenceRefused, InvalidEvidence, add_evidence
from fazhi.journal.request import client_ip

READERS = (Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL, Role.SUPERVISOR)
MAX_ID = 2**63 - 1


def _case_or_404(user: User, pk: int) -> Case:
    case = case_queries.case_for(user, pk) if pk <= MAX_ID else None
    if case is None:
        raise Http404("没有这个案件，或者您无权查看。")
    return case


def _page(request: HttpRequest, case: Case, status: int = 200, **form: str) -> HttpResponse:
    context = queries.case_evidence_context(staff_user(request), case, **form)
    return render(request, "evidence/add.html", context, status=status)


@require_roles(*READERS)
@require_http_methods(["GET", "HEAD", "POST"])
def add(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    case = _case_or_404(user, pk)
    if request.method != "POST":
        return _page(request, case)
    title = request.POST.get("title", "")
    kind = request.POST.get("kind", "")
    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, case, 400, error="请选择要上传的文件。", title=title, kind=kind)
    try:
        add_evidence(actor=user, case=case, upload=upload, title=title, kind=kind, ip=client_ip(request))
    except EvidenceRefused as refused:
        return render(request, "403.html", {"reason": refused.message}, status=403)
    except InvalidEvidence as wrong:
        return _page(request, case, 422, error=wrong.message, title=title, kind=kind)
    return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]) + "#evidence")


@require_safe
def download(request: HttpRequest, pk: int) -> HttpResponseBase:
    # As `require_roles(*READERS)`, which is typed for views that answer an HttpResponse (a FileResponse streams).
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return redirect_to_login(request.get_full_path())
    assert isinstance(user, User)
    if not user.role_names & frozenset(READERS):
        return refuse(request, required_roles=tuple(sorted(READERS)))
    evidence = queries.evidence_for(user, pk) if pk <= MAX_ID else None
    if evidence is None:
        raise Http404("没有这个证据文件，或者您无权查看。")
    if not queries.may_download(user, evidence):
        return refuse(request, reason=queries.HANDLERS_ONLY)
    try:
        handle = queries.stored_path(evidence).open("rb")
    except FileNotFoundError as missing:
        raise Http404("证据文件不在存储目录中，请联系系统管理员。") from missing
    response = FileResponse(handle, as_attachment=True, filename=evidence.original_name or evidence.stored_name)
    response["Content-Type"] = evidence.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
