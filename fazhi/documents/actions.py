"""Issuing documents: the one path that numbers, renders, stores and journals a 文书."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.queries import case_for
from fazhi.documents.models import Document
from fazhi.documents.numbering import next_number
from fazhi.documents.render import render_pdf
from fazhi.documents.types import BY_CODE, ISSUERS, DocumentType
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry


class DocumentError(ActionError):
    """Base of the errors of these actions; `message` is Chinese and safe to show."""


class DocumentRefused(DocumentError):
    """The actor may not issue documents on this case (no business role, or the case is outside their scope)."""


def allowed_now(kind: DocumentType, case: Case) -> bool:
    """May `kind` be issued in the case's present state (and outcome)?"""
    if case.state not in kind.states:
        return False
    outcome = case.decision_outcome or case.proposed_outcome
    return not kind.outcomes or outcome in kind.outcomes


def _acting_role(actor: User) -> str:
    return next((role for role in sorted(ISSUERS) if actor.has_role(role)), "")


@transaction.atomic
def issue_document(*, actor: User, case: Case, doc_type: str, reason: str = "", ip: str | None = None) -> Document:
    """Number, render and store one document of `doc_type` for `case`, with one journal entry.

    Issuing a type again makes a new version that supersedes the previous one (a correction): it needs a reason.
    The number is drawn first because the PDF prints it; the sequence row stays locked until the commit."""
    kind = BY_CODE.get(doc_type)
    if kind is None:
        raise DocumentError(f"未知的文书种类：{doc_type}")
    if not actor.role_names & ISSUERS or case_for(actor, case.pk) is None:
        raise DocumentRefused("您无权为该案件制发文书。")
    locked = (
        Case.objects.select_for_update(of=("self",)).select_related("employer", "handler", "co_handler").get(pk=case.pk)
    )
    if not allowed_now(kind, locked):
        raise DocumentError(f"案件当前阶段不能制发{kind.title}。")
    previous = Document.objects.filter(case=locked, doc_type=kind.code).order_by("-version").first()
    reason = reason.strip()
    if previous is not None and not reason:
        raise DocumentError(f"{kind.title}已制发（{previous.number}），重新制发须说明更正理由。")
    issued_at = timezone.now()
    issued_on = timezone.localdate(issued_at)
    number = kind.number(issued_on.year, next_number(kind.prefix, issued_on.year))
    pdf = render_pdf(kind, locked, number, issued_on)
    digest = hashlib.sha256(pdf).hexdigest()
    document = Document.objects.create(
        case=locked,
        doc_type=kind.code,
        number=number,
        version=previous.version + 1 if previous else 1,
        issued_by=actor,
        issued_at=issued_at,
        pdf=pdf,
        sha256=digest,
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
            "version": document.version,
            **({"reason": reason} if reason else {}),
        },
        ip=ip,
        role=_acting_role(actor),
    )
    return document
