"""Staff screens for documents: download an issued PDF, issue one. Thin: parse, call one query or action, answer."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST, require_safe

from fazhi.accounts.access import can_write, refuse, require_roles
from fazhi.accounts.models import Role, User
from fazhi.cases.queries import case_for
from fazhi.documents import queries
from fazhi.documents.actions import DocumentError, DocumentRefused, issue_document
from fazhi.documents.types import ISSUERS
from fazhi.journal.request import client_ip

READERS = (*sorted(ISSUERS), Role.SUPERVISOR)
MAX_PK = 2**63 - 1


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # require_roles let only staff through
    return user


@require_safe
@require_roles(*READERS)
def download(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    document = queries.document_for(_user(request), pk, document_id) if max(pk, document_id) <= MAX_PK else None
    if document is None:  # not there, or not in the user's scope: the same answer
        raise Http404("没有这份文书，或者您无权查看。")
    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    filename = f"{document.number}.pdf"
    response["Content-Disposition"] = (
        f"attachment; filename=\"document-{document.pk}.pdf\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


@require_POST
@require_roles(*READERS)
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = case_for(user, pk) if pk <= MAX_PK else None
    if case is None:
        raise Http404("没有这个案件，或者您无权查看。")
    if not can_write(user):
        return refuse(request, reason="您的角色只能查阅案件，不能制发文书。")
    try:
        document = issue_document(
            actor=user,
            case=case,
            doc_type=request.POST.get("doc_type", ""),
            reason=request.POST.get("reason", "")[:500],
            ip=client_ip(request),
        )
    except DocumentRefused as error:
        return refuse(request, reason=error.message)
    except DocumentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已制发 {document.number}。")
    return redirect("cases:detail", pk=case.pk)
