"""Staff screens for documents: download an issued PDF, issue one. Thin: parse, call one query or action, answer."""

from __future__ import annotations

import tempfile
from urllib.parse import quote

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from fazhi.accounts.access import can_write, refuse, require_roles, staff_user
from fazhi.accounts.models import Role
from fazhi.cases.queries import case_for
from fazhi.cases.views import render_case
from fazhi.documents import queries
from fazhi.documents.actions import (
    DOSSIER_READERS,
    DocumentError,
    DocumentInputInvalid,
    DocumentRefused,
    export_dossier_to,
    issue_document,
)
from fazhi.documents.dossier import DossierError, safe_name
from fazhi.documents.models import Document
from fazhi.documents.queries import IssueFailure
from fazhi.documents.types import BY_CODE, ISSUERS
from fazhi.journal.request import client_ip

READERS = (*sorted(ISSUERS), Role.SUPERVISOR)
MAX_PK = 2**63 - 1
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _downloadable(request: HttpRequest, pk: int, document_id: int) -> Document | HttpResponse:
    """The document, if `request`'s user may have its file; a 404 when they do not see it, a journaled refusal when
    they see the case but not its people (ADR 0016)."""
    user = staff_user(request)
    document = queries.document_for(user, pk, document_id) if max(pk, document_id) <= MAX_PK else None
    if document is None:  # not there, or not in the user's scope: the same answer
        raise Http404("没有这份文书，或者您无权查看。")
    if not queries.may_download(user, document):
        return refuse(request, reason=queries.NOT_THE_EMPLOYERS_COPY)
    return document


@require_safe
@require_roles(*READERS)
def download(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    document = _downloadable(request, pk, document_id)
    if isinstance(document, HttpResponse):
        return document
    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    filename = f"{document.number}.pdf"
    response["Content-Disposition"] = (
        f"attachment; filename=\"document-{document.pk}.pdf\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


@require_safe
@require_roles(*READERS)
def download_docx(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    """The Word file made with the PDF at issue (for the bureau's own editing and printing; the PDF is the record)."""
    document = _downloadable(request, pk, document_id)
    if isinstance(document, HttpResponse):
        return document
    if not document.docx:
        raise Http404("没有这份文书，或者您无权查看。")
    response = HttpResponse(bytes(document.docx), content_type=DOCX_TYPE)
    filename = f"{document.number}.docx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"document-{document.pk}.docx\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


@require_POST
@require_roles(*READERS)
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    case = case_for(user, pk) if pk <= MAX_PK else None
    if case is None:
        raise Http404("没有这个案件，或者您无权查看。")
    if not can_write(user):
        return refuse(request, reason="您的角色只能查阅案件，不能制发文书。")
    doc_type = request.POST.get("doc_type", "")
    kind = BY_CODE.get(doc_type)
    typed = {spec.name: request.POST.get(spec.name, "") for spec in kind.inputs} if kind else {}
    try:
        document = issue_document(
            actor=user,
            case=case,
            doc_type=doc_type,
            reason=request.POST.get("reason", "")[:500],
            inputs=typed,
            record_id=request.POST.get("record") or None,
            decision_id=request.POST.get("decision") or None,
            served_id=request.POST.get("served") or None,
            ip=client_ip(request),
        )
    except DocumentRefused as error:  # journaled by the action
        return render(request, "403.html", {"reason": error.message}, status=403)
    except DocumentInputInvalid as error:  # shown again with what was typed
        failure = IssueFailure(doc_type, typed, error.problems, error.message)
        return render_case(request, case, document_failure=failure, status=400)
    except DocumentError as error:
        messages.error(request, error.message)
    else:
        title = BY_CODE[document.doc_type]
        messages.success(request, f"已制发 {document.number}。" if title.numbered else f"已制作{title.title}。")
    return redirect("cases:detail", pk=case.pk)


@require_POST
@require_roles(*sorted(DOSSIER_READERS))
def dossier(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """The case's dossier (卷宗) as a ZIP download; a POST because every export is journaled."""
    user = staff_user(request)
    case = case_for(user, pk) if pk <= MAX_PK else None
    if case is None:
        raise Http404("没有这个案件，或者您无权查看。")
    # Written to a temporary file and streamed from it (security review L5); the file goes when the response closes.
    out = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the response)
    try:
        export_dossier_to(actor=user, case=case, out=out, ip=client_ip(request))
    except DocumentRefused as error:  # journaled by the action
        out.close()
        return render(request, "403.html", {"reason": error.message}, status=403)
    except DossierError as error:
        out.close()
        messages.error(request, f"卷宗无法导出：{error}")
        return redirect("cases:detail", pk=case.pk)
    response = FileResponse(out, content_type="application/zip")
    filename = f"卷宗-{safe_name(case.display_number)}.zip"
    response["Content-Disposition"] = (
        f"attachment; filename=\"dossier-{case.pk}.zip\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
