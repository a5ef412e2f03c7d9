"""Evidence endpoints of a case: the list (with each file's SHA-256) and the upload, through the same action as the
case page (fazhi.evidence.actions.add_evidence: role, scope, content checked by magic bytes, one journal entry).

A case outside the caller's scope answers 404, as if it did not exist. Files are downloaded through the staff view
(`download_url`), which serves them as attachments to authorised users only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status, UploadedFile
from ninja.params.functions import File as file_param
from ninja.params.functions import Form as form_param

from fazhi.api.auth import API_AUTH, require_case_reader, visible_case
from fazhi.api.case_schemas import LINE, ErrorOut, case_id_path, error
from fazhi.cases.case_page import Reading, reading
from fazhi.evidence import queries
from fazhi.evidence.actions import TITLE_MAX, EvidenceRefused, InvalidEvidence, add_evidence
from fazhi.evidence.models import EvidenceFile, Kind
from fazhi.journal.request import client_ip

router = Router(tags=["evidence"], auth=API_AUTH)

KindCode = Literal[
    "documentary",
    "physical",
    "audiovisual",
    "electronic",
    "witness",
    "party_statement",
    "expert_opinion",
    "inspection_record",
]
assert set(get_args(KindCode)) == set(Kind.values), "KindCode must list fazhi.evidence.models.Kind"

_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
_ERRORS_DESCRIPTION = (
    "\n\n错误 Errors: 401 未登录或令牌无效 not authenticated; 403 无权（角色或范围） not allowed; "
    "404 案件不存在或不在您的范围内 unknown case or not in your scope; "
    "422 参数或文件有误 invalid input (`message` 中文)."
)


class EvidenceOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: dt.datetime
    download_url: str


def _out(item: EvidenceFile, seen: Reading | None = None) -> EvidenceOut:
    """`seen`: how the caller sees the case's people (ADR 0016); None for the one who just uploaded the file."""
    full = seen is None or seen.full
    return EvidenceOut(
        id=item.pk,
        title=item.title if seen is None else seen.text(item.title),
        kind=item.kind,
        kind_label=Kind(item.kind).label,
        original_name=item.original_name if full else "",
        content_type=item.content_type,
        size=item.size,
        sha256=item.sha256,
        uploaded_by=item.uploaded_by.username,
        uploaded_at=item.uploaded_at,
        download_url=reverse("evidence:download", args=[item.pk]),
    )


_FILE: Any = file_param(..., description="证据文件 The file")


def _title() -> Any:
    return form_param(..., min_length=1, max_length=TITLE_MAX, pattern=LINE, description="证据名称 Title")


_KIND: Any = form_param(..., description="证据种类 Kind of evidence")


@router.get(
    "/{id}/evidence",
    response={200: list[EvidenceOut], **_ERRORS},
    summary="证据列表 List a case's evidence",
    description="案件的证据文件（含 SHA-256）。 The case's evidence files, with their SHA-256." + _ERRORS_DESCRIPTION,
    operation_id="evidence_list",
)
def list_evidence(request: HttpRequest, id: int = case_id_path()) -> Any:
    user = require_case_reader(request)
    case = visible_case(user, id)
    seen = reading(user, case)
    return [_out(item, seen) for item in queries.evidence_of_case(user, case)]


@router.post(
    "/{id}/evidence",
    response={201: EvidenceOut, **_ERRORS},
    summary="上传证据 Add an evidence file",
    description=(
        "multipart/form-data：`file`、`title`（证据名称）、`kind`（证据种类）。只接受 PDF、JPEG、PNG、MP3、MP4、DOCX、"
        "XLSX，按文件内容核对（扩展名须与内容一致）；空文件和超过上限的文件不接受。只有本机构及下级机构的监察员、"
        "科长可以上传。 Only the allowed types, checked by content; the name's extension must match."
        + _ERRORS_DESCRIPTION
    ),
    operation_id="evidence_add",
)
def create_evidence(
    request: HttpRequest,
    id: int = case_id_path(),
    file: UploadedFile = _FILE,
    title: str = _title(),
    kind: KindCode = _KIND,
) -> Any:
    user = require_case_reader(request)
    case = visible_case(user, id)
    try:
        item = add_evidence(actor=user, case=case, upload=file, title=title, kind=kind, ip=client_ip(request))
    except EvidenceRefused as refused:
        return Status(403, error(refused.message))
    except InvalidEvidence as wrong:
        return Status(422, error(wrong.message))
    return Status(201, _out(item))
