"""Reads of issued documents; the case scope is applied through fazhi.cases.queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from fazhi.accounts.access import can_write
from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.queries import visible_cases
from fazhi.documents.actions import allowed_now
from fazhi.documents.models import Document
from fazhi.documents.types import BY_CODE, DOCUMENT_TYPES, ISSUERS, DocumentType


def documents_of_case(user: User | AnonymousUser | None, case_pk: int) -> QuerySet[Document]:
    """The documents of a case the user may see, newest version first within each type; without the PDF bytes."""
    return (
        Document.objects.filter(case__in=visible_cases(user).filter(pk=case_pk))
        .defer("pdf")
        .select_related("issued_by")
        .order_by("doc_type", "-version")
    )


def document_for(user: User | AnonymousUser | None, case_pk: int, document_pk: int) -> Document | None:
    return Document.objects.filter(pk=document_pk, case__in=visible_cases(user).filter(pk=case_pk)).first()


@dataclass(frozen=True)
class IssueOption:
    kind: DocumentType
    issued: bool  # issuing again is a correction and asks for a reason


def issue_options(user: User, case: Case) -> list[IssueOption]:
    """The document types `user` may issue on `case` now."""
    if not can_write(user) or not user.role_names & ISSUERS:
        return []
    issued = set(Document.objects.filter(case=case).values_list("doc_type", flat=True))
    return [IssueOption(kind, kind.code in issued) for kind in DOCUMENT_TYPES if allowed_now(kind, case)]


def type_title(code: str) -> str:
    kind = BY_CODE.get(code)
    return kind.title if kind else code
