"""Issuing documents: the one path that numbers, renders, stores and journals a 文书."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from typing import BinaryIO, NoReturn

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.cases.case_page import handles
from fazhi.cases.models import Case, Decision, InvestigationRecord
from fazhi.cases.queries import case_for
from fazhi.crypto import cipher
from fazhi.documents.dossier import EXPORT_ACTION, write_dossier
from fazhi.documents.models import Document
from fazhi.documents.numbering import next_number
from fazhi.documents.organ import OrganUnknown, deciding_organ
from fazhi.documents.readiness import servable
from fazhi.documents.render import Subject, context_for, render_docx, render_pdf
from fazhi.documents.types import BY_CODE, ISSUERS, DocumentType, clean_inputs
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.journal.hashing import sm3_available
from fazhi.rules.identifiers import mask_id_number, mask_mobile

# Who may take a case's dossier away: the staff who work cases (in their scope). The supervisor reads on screen.
DOSSIER_READERS = ISSUERS
DOSSIER_HANDLERS_ONLY = "卷宗载有投诉人、劳动者等个人的身份信息，只有本案的承办人员和审批、审核、决定人员可以导出。"


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


# The identifiers typed at issue (被询问人身份证号码, 联系电话 of a 笔录) are kept encrypted with the document, like the
# case's own (ADR 0019): the rendered PDF and Word file are the record; nothing reads them back. The journal entry
# names them masked (4403**********123X, 138****5678): a journal entry is never rewritten, so a clear value there
# would outlive every key rotation.
_MASKS = {"id_number": mask_id_number, "phone": mask_mobile}


def protected_inputs(kind: DocumentType, values: Mapping[str, object]) -> dict[str, object]:
    kinds = {spec.name: spec.kind for spec in kind.inputs}
    return {
        name: cipher.encrypt(str(value), context=f"documents_document.inputs.{name}")
        if kinds.get(name) in _MASKS and value
        else value
        for name, value in values.items()
    }


def journaled_inputs(kind: DocumentType, values: Mapping[str, object]) -> dict[str, object]:
    kinds = {spec.name: spec.kind for spec in kind.inputs}
    return {
        name: _MASKS[kinds[name]](value) if kinds.get(name) in _MASKS and value else value
        for name, value in values.items()
    }


def allowed_now(kind: DocumentType, case: Case) -> bool:
    """May `kind` be issued in the case's present state (and outcome), its data being there?"""
    return not kind.not_ready(case)


def _pk(raw: object) -> int:
    try:
        return max(int(str(raw)), 0) if raw not in (None, "") else 0
    except ValueError:
        return -1


def _record(kind: DocumentType, case: Case, record_id: object) -> InvestigationRecord:
    pk = _pk(record_id)
    record = InvestigationRecord.objects.filter(case=case, kind=kind.record_kind, pk=pk).first() if pk > 0 else None
    if record is None:
        raise DocumentInputInvalid({"record": f"请选择本案的一份{kind.title.removesuffix('笔录')}记录"})
    return record


def _decision(kind: DocumentType, case: Case, decision_id: object) -> Decision:
    """The decision a decision document renders: the one chosen, else the latest of the type's outcomes."""
    pk = _pk(decision_id)
    decisions = kind.decisions(case)
    decision = decisions.filter(pk=pk).first() if pk else decisions.last()
    if decision is None:
        raise DocumentInputInvalid({"decision": f"请选择本案需要制发{kind.title}的一项决定"})
    return decision


def _served(case: Case, served_id: object) -> Document:
    """The document a 送达回证 is for: the one chosen, else the newest served document without a receipt yet."""
    pk = _pk(served_id)
    documents = servable(case)
    if pk:
        chosen = next((d for d in documents if d.pk == pk), None)
    else:
        received = set(Document.objects.filter(case=case, served__isnull=False).values_list("served_id", flat=True))
        waiting = [d for d in documents if d.pk not in received]
        candidates = waiting or documents
        chosen = candidates[-1] if candidates else None
    if chosen is None:
        raise DocumentInputInvalid({"served": "请选择本案已制发、须送达当事人的一份文书"})
    return chosen


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
    decision_id: object = None,
    served_id: object = None,
    ip: str | None = None,
) -> Document:
    """Number, render (PDF and Word) and store one document of `doc_type` for `case`, with one journal entry.

    `inputs` are the values the type asks the issuer for (`DocumentType.inputs`); `record_id` names the investigation
    record a 笔录 is made from, `decision_id` the decision a decision document renders (default: the latest of its
    outcome), `served_id` the document a 送达回证 is for (default: the newest one without a receipt). Issuing a type
    again for the same subject makes a new version that supersedes the previous one (a correction): it needs a reason.
    The number is drawn first because the documents print it; the sequence row stays locked until the commit."""
    if not actor.role_names & ISSUERS or case_for(actor, case.pk) is None:
        _journal_refusal(actor, "documents.issue", case, "您无权为该案件制发文书。", ip)
    subject_ids = {"record": record_id, "decision": decision_id, "served": served_id}
    return _issue(actor, case, doc_type, reason, inputs or {}, subject_ids, ip)


def internal_reference(kind: DocumentType, case: Case, subject: Subject, version: int) -> str:
    """What identifies an unnumbered form or record in the file (it is not a 文号 and the document does not print
    it): the case's registration reference, the title, which record, decision or served document, the version."""
    parts = [case.reference, kind.title]
    if subject.record is not None:
        earlier = InvestigationRecord.objects.filter(case=case, kind=subject.record.kind, pk__lte=subject.record.pk)
        parts.append(f"第{earlier.count()}份")
    if subject.decision is not None:
        parts.append(f"第{subject.decision.sequence}项决定")
    if subject.served is not None:
        parts.append(subject.served.number)
    if version > 1:
        parts.append(f"第{version}版")
    return "·".join(parts)


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
    subject_ids: Mapping[str, object],
    ip: str | None,
) -> Document:
    kind = BY_CODE.get(doc_type)
    if kind is None:
        raise DocumentError(f"未知的文书种类：{doc_type}")
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("employer", "handler", "co_handler", "unit")
        .get(pk=case.pk)
    )
    problem = kind.not_ready(locked)
    if problem:
        raise DocumentNotIssuable(problem)
    try:
        organ = deciding_organ(locked.unit)
    except OrganUnknown as unknown:
        raise DocumentNotIssuable(str(unknown)) from unknown
    issued_at = timezone.now()
    issued_on = timezone.localdate(issued_at)
    values, problems = clean_inputs(kind, inputs, issued_on)
    if problems:
        raise DocumentInputInvalid(problems)
    subject = Subject(
        record=_record(kind, locked, subject_ids.get("record")) if kind.record_kind else None,
        decision=_decision(kind, locked, subject_ids.get("decision")) if kind.per_decision else None,
        served=_served(locked, subject_ids.get("served")) if kind.of_service else None,
    )
    previous = (
        Document.objects.filter(
            case=locked, doc_type=kind.code, record=subject.record, decision=subject.decision, served=subject.served
        )
        .order_by("-version")
        .first()
    )
    reason = reason.strip()
    if previous is not None and not reason:
        shown = f"（{previous.number}）" if kind.numbered else ""
        raise DocumentError(f"{kind.title}已制发{shown}，重新制发须说明更正理由。")
    version = previous.version + 1 if previous else 1
    if kind.numbered:
        pattern = organ.prefix + kind.prefix
        number = kind.number(organ.prefix, issued_on.year, next_number(pattern, issued_on.year))
    else:
        number = internal_reference(kind, locked, subject, version)
    context = context_for(kind, locked, number, issued_on, values, subject, organ)
    pdf = render_pdf(kind, context)
    docx = render_docx(kind, context)
    digest = hashlib.sha256(pdf).hexdigest()
    docx_digest = hashlib.sha256(docx).hexdigest()
    document = Document.objects.create(
        case=locked,
        doc_type=kind.code,
        number=number,
        version=version,
        issued_by=actor,
        issued_at=issued_at,
        record=subject.record,
        decision=subject.decision,
        served=subject.served,
        inputs=protected_inputs(kind, values),
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
            **({"record": subject.record.pk} if subject.record else {}),
            **({"decision": subject.decision.sequence} if subject.decision else {}),
            **({"served": subject.served.number} if subject.served else {}),
            **({"inputs": journaled_inputs(kind, values)} if values else {}),
            **({"reason": reason} if reason else {}),
        },
        ip=ip,
        role=_acting_role(actor),
    )
    return document


def export_dossier(*, actor: User | None, case: Case, ip: str | None = None) -> bytes:
    """The case's dossier (卷宗) as ZIP bytes; see `export_dossier_to`."""
    buffer = io.BytesIO()
    export_dossier_to(actor=actor, case=case, out=buffer, ip=ip)
    return buffer.getvalue()


def export_dossier_to(*, actor: User | None, case: Case, out: BinaryIO, ip: str | None = None) -> str:
    """Write the case's dossier (卷宗) as a ZIP into `out` (a file the caller opened for writing and reading: it is read
    back to hash it), with one journal entry naming its SHA-256, which is returned. `actor` None: the system (the
    export command run by the operator); a user must have the case in scope. Raises DossierError (a missing or
    changed evidence file) before anything is journaled; `out` then holds a partial ZIP to discard."""
    if actor is not None and (not actor.role_names & DOSSIER_READERS or case_for(actor, case.pk) is None):
        _journal_refusal(actor, EXPORT_ACTION, case, "您无权导出该案件的卷宗。", ip)
    if actor is not None and not handles(actor, case):
        # The dossier holds every document and evidence file in full: only for those who see its people (ADR 0016).
        _journal_refusal(actor, EXPORT_ACTION, case, DOSSIER_HANDLERS_ONLY, ip)
    start = out.tell()
    write_dossier(case, out)
    size = out.tell() - start
    out.seek(start)
    digest = hashlib.sha256()
    while chunk := out.read(1024 * 1024):
        digest.update(chunk)
    with transaction.atomic():
        record_entry(
            actor=actor,
            action=EXPORT_ACTION,
            object_type="cases.case",
            object_id=case.pk,
            after={"case": case.display_number, "sha256": digest.hexdigest(), "bytes": size},
            ip=ip,
            role=_acting_role(actor) if actor else "",
        )
    out.seek(start)
    return digest.hexdigest()
