"""Document (文书) endpoints of a case: the list (number, version, SHA-256 of the PDF and the Word file) and issuing
one, through the same action as the case page (fazhi.documents.actions.issue_document: role, scope, state, the
values typed, one journal entry).

A case outside the caller's scope answers 404, as if it did not exist. The files are downloaded through the staff
views (`pdf_url`, `docx_url`), which serve them as attachments to authorised users only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from fazhi.api.auth import API_AUTH, require_case_reader, visible_case
from fazhi.api.case_schemas import MAX_ID, ErrorOut, case_id_path, error
from fazhi.documents import queries
from fazhi.documents.actions import (
    DocumentError,
    DocumentInputInvalid,
    DocumentNotIssuable,
    DocumentRefused,
    issue_document,
)
from fazhi.documents.models import Document
from fazhi.documents.types import DOCUMENT_TYPES
from fazhi.journal.request import client_ip

router = Router(tags=["documents"], auth=API_AUTH)

_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
_ERRORS_DESCRIPTION = (
    "\n\n错误 Errors: 400 请求内容不是有效的 JSON (POST) malformed body; "
    "401 未登录或令牌无效 not authenticated; 403 无权（角色或范围） not allowed; "
    "404 案件不存在或不在您的范围内 unknown case or not in your scope; "
    "409 案件当前阶段不能制发该文书 not issuable in the case's present stage; "
    "422 参数有误 invalid input (`message` 中文; `fields` names each input)."
)
TYPE_CODES = ", ".join(f"`{kind.code}` {kind.title}" for kind in DOCUMENT_TYPES)


class DocumentOut(Schema):
    id: int
    type: str
    title: str
    number: str
    version: int
    record: int | None
    reason: str
    issued_by: str
    issued_at: dt.datetime
    sha256: str
    docx_sha256: str
    pdf_url: str
    docx_url: str | None


class IssueIn(Schema):
    type: str = Field(..., max_length=40, description="文书种类 Document type: " + TYPE_CODES)
    inputs: dict[str, str] = Field(default_factory=dict, description="制发时填写的内容 Values the type asks for")
    record: int | None = Field(None, ge=1, le=MAX_ID, description="笔录据以制作的调查记录 id (询问/检查笔录)")
    reason: str = Field("", max_length=500, description="更正理由（重新制发时必填） Reason for a new version")


def _out(document: Document) -> DocumentOut:
    args = [document.case_id, document.pk]
    return DocumentOut(
        id=document.pk,
        type=document.doc_type,
        title=document.title,
        number=document.number,
        version=document.version,
        record=document.record_id,
        reason=document.reason,
        issued_by=document.issued_by.username,
        issued_at=document.issued_at,
        sha256=document.sha256,
        docx_sha256=document.docx_sha256,
        pdf_url=reverse("documents:download", args=args),
        docx_url=reverse("documents:download_docx", args=args) if document.docx_sha256 else None,
    )


@router.get(
    "/{id}/documents",
    response={200: list[DocumentOut], **_ERRORS},
    summary="文书列表 List a case's documents",
    description="案件已制发的文书（每种的各个版本，含 SHA-256）。 The case's issued documents." + _ERRORS_DESCRIPTION,
    operation_id="documents_list",
)
def list_documents(request: HttpRequest, id: int = case_id_path()) -> Any:
    user = require_case_reader(request)
    visible_case(user, id)
    return [_out(document) for document in queries.documents_of_case(user, id)]


@router.post(
    "/{id}/documents",
    response={201: DocumentOut, 400: ErrorOut, **_ERRORS},
    summary="制发文书 Issue a document",
    description=(
        "按案件当前数据生成 PDF 和 Word 文书，编文号，记入全过程记录。`inputs` 为该种文书须填写的内容（如询问通知书的"
        "`attend_on`、`place`），见 docs/documents.md；询问笔录、现场检查笔录须给出 `record`。重新制发同种文书为更正，"
        "须填写 `reason`。 Renders, numbers and journals a document from the case's data." + _ERRORS_DESCRIPTION
    ),
    operation_id="documents_issue",
)
def create_document(request: HttpRequest, payload: IssueIn, id: int = case_id_path()) -> Any:
    user = require_case_reader(request)
    case = visible_case(user, id)
    try:
        document = issue_document(
            actor=user,
            case=case,
            doc_type=payload.type,
            reason=payload.reason,
            inputs=payload.inputs,
            record_id=payload.record,
            ip=client_ip(request),
        )
    except DocumentRefused as refused:
        return Status(403, error(refused.message))
    except DocumentNotIssuable as early:
        return Status(409, error(early.message))
    except DocumentInputInvalid as wrong:
        return Status(422, error(wrong.message, wrong.problems))
    except DocumentError as wrong:  # an unknown type, a correction without its reason
        return Status(422, error(wrong.message))
    return Status(201, _out(document))
