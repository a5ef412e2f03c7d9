"""Issuing documents: the one path that numbers, renders, stores and journals a 文书."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import NoReturn

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.cases.models import Case, InvestigationRecord
from fazhi.cases.queries import case_for
from fazhi.documents.dossier import EXPORT_ACTION, build_dossier
from fazhi.documents.models import Document
from fazhi.documents.numbering import next_number
from fazhi.documents.render import context_for, render_docx, render_pdf
from fazhi.documents.types import BY_CODE, ISSUERS, DocumentType, clean_inputs
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.journal.hashing import sm3_available

# Who may take a case's dossier away: the staff who work cases (in their scope). The supervisor reads on screen.
DOSSIER_READERS = ISSUERS


class DocumentError(ActionError):
    """Base of the errors of these actions; `message` is Chinese and safe to show."""


class DocumentRefused(DocumentError):
    """The actor may not issue documents on this case (no business role, or the case is outside their scope)."""


class DocumentNotIssuable(DocumentError):
    """Not in the case's present stage, for its outcome, or before the facts it prints exist."""


class DocumentInputInvalid(DocumentError):
    """What the issuer typed is incomplete or malformed; `problems` names each input."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("；".join(self.problems.values()) + "。")


def allowed_now(kind: DocumentType, case: Case) -> bool:
    """May `kind` be issued in the case's present state (and outcome), its data being there?"""
    return not kind.not_ready(case)


def _record(kind: DocumentType, case: Case, record_id: object) -> InvestigationRecord:
    try:
        pk = int(str(record_id))
    except ValueError:
        pk = 0
    record = InvestigationRecord.objects.filter(case=case, kind=kind.record_kind, pk=pk).first() if pk > 0 else None
    if record is None:
        raise DocumentInputInvalid({"record": f"请选择本案的一份{kind.title.removesuffix('笔录')}记录"})
    return record


def _acting_role(actor: User) -> str:
    return next((role for role in sorted(ISSUERS) if actor.has_role(role)), "")


def issue_document(
    *,
    actor: User,
    case: Case,
    doc_type: str,
    reason: str = "",
    inputs: Mapping[str, object] | None = None,
    record_id: object = None,
    ip: str | None = None,
) -> Document:
    """Number, render (PDF and Word) and store one document of `doc_type` for `case`, with one journal entry.

    `inputs` are the values the type asks the issuer for (`DocumentType.inputs`); `record_id` names the investigation
    record a 笔录 is made from. Issuing a type again (for the same record) makes a new version that supersedes the
    previous one (a correction): it needs a reason. The number is drawn first because the documents print it; the
    sequence row stays locked until the commit."""
    if not actor.role_names & ISSUERS or case_for(actor, case.pk) is None:
        _journal_refusal(actor, "documents.issue", case, "您无权为该案件制发文书。", ip)
    return _issue(actor, case, doc_type, reason, inputs or {}, record_id, ip)


def _journal_refusal(actor: User, action: str, case: Case, reason: str, ip: str | None) -> NoReturn:
    """A refused attempt is journaled (in its own transaction, so the refusal stays) and raised."""
    record_refusal(actor=actor, action=action, reason=reason, object_type="cases.case", object_id=case.pk, ip=ip)
    raise DocumentRefused(reason)


@transaction.atomic
def _issue(
    actor: User,
    case: Case,
    doc_type: str,
    reason: str,
    inputs: Mapping[str, object],
    record_id: object,
    ip: str | None,
) -> Document:
    kind = BY_CODE.get(doc_type)
    if kind is None:
        raise DocumentError(f"未知的文书种类：{doc_type}")
    locked = (
        Case.objects.select_for_update(of=("self",)).select_related("employer", "handler", "co_handler").get(pk=case.pk)
    )
    problem = kind.not_ready(locked)
    if problem:
        raise DocumentNotIssuable(problem)
    issued_at = timezone.now()
    issued_on = timezone.localdate(issued_at)
    values, problems = clean_inputs(kind, inputs, issued_on)
    if problems:
        raise DocumentInputInvalid(problems)
    record = _record(kind, locked, record_id) if kind.record_kind else None
    previous = Document.objects.filter(case=locked, doc_type=kind.code, record=record).order_by("-version").first()
    reason = reason.strip()
    if previous is not None and not reason:
        raise DocumentError(f"{kind.title}已制发（{previous.number}），重新制发须说明更正理由。")
    number = kind.number(issued_on.year, next_number(kind.prefix, issued_on.year))
    context = context_for(kind, locked, number, issued_on, values, record)
    pdf = render_pdf(kind, context)
    docx = render_docx(kind, context)
    digest = hashlib.sha256(pdf).hexdigest()
    docx_digest = hashlib.sha256(docx).hexdigest()
    document = Document.objects.create(
        case=locked,
        doc_type=kind.code,
        number=number,
        version=previous.version + 1 if previous else 1,
        issued_by=actor,
        issued_at=issued_at,
        record=record,
        inputs=values,
        pdf=pdf,
        sha256=digest,
        docx=docx,
        docx_sha256=docx_digest,
        supersedes=previous,
        reason=reason,
    )
    record_entry(
        actor=actor,
        action="documents.issue",
        object_type="document",
        object_id=document.pk,
        before={"number": previous.number, "sha256": previous.sha256, "version": previous.version}
        if previous
        else None,
        after={
            "case": locked.pk,
            "number": number,
            "type": kind.code,
            "sha256": digest,
            **({"sm3": hashlib.new("sm3", pdf).hexdigest()} if sm3_available() else {}),
            "docx_sha256": docx_digest,
            "version": document.version,
            **({"record": record.pk} if record else {}),
            **({"inputs": values} if values else {}),
            **({"reason": reason} if reason else {}),
        },
        ip=ip,
        role=_acting_role(actor),
    )
    return document


def export_dossier(*, actor: User | None, case: Case, ip: str | None = None) -> bytes:
    """The case's dossier (卷宗) as ZIP bytes, with one journal entry naming its hash. `actor` None: the system (the
    export command run by the operator); a user must have the case in scope. Raises DossierError (a missing or
    changed evidence file) before anything is journaled."""
    if actor is not None and (not actor.role_names & DOSSIER_READERS or case_for(actor, case.pk) is None):
        _journal_refusal(actor, EXPORT_ACTION, case, "您无权导出该案件的卷宗。", ip)
    data = build_dossier(case)
    with transaction.atomic():
        record_entry(
            actor=actor,
            action=EXPORT_ACTION,
            object_type="cases.case",
            object_id=case.pk,
            after={"case": case.display_number, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)},
            ip=ip,
            role=_acting_role(actor) if actor else "",
        )
    return data
