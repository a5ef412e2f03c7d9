"""{% case_documents_section case %}: the case page's section of the case's documents, their issue forms and the
dossier export. The documents app owns it, so that the case page (fazhi.cases) imports nothing of this app; a failed
issue (`document_failure` in the page's context, set by `documents.views.issue`) is shown again with what was typed."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.accounts.models import User
from fazhi.cases.case_page import Reading, reading
from fazhi.cases.models import Case
from fazhi.documents.queries import IssueFailure, documents_of_case, issue_options, may_download, may_export_dossier

register = template.Library()


@register.inclusion_tag("documents/_case_documents.html", takes_context=True)
def case_documents_section(context: template.Context, case: Case) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    if not isinstance(user, User):
        return {"case": case, "case_documents": [], "document_options": [], "dossier_allowed": False}
    failure = context.get("document_failure")
    documents = list(documents_of_case(user, case.pk))
    return {
        "case": case,
        "case_documents": documents,
        # ADR 0016: who does not handle the case downloads the employer's copies only, and reads people masked.
        "downloadable": {document.pk for document in documents if may_download(user, document)},
        "seen": reading(user, case),
        "document_options": issue_options(user, case, failure if isinstance(failure, IssueFailure) else None),
        "dossier_allowed": may_export_dossier(user),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def as_seen(text: str, seen: Reading | None) -> str:
    """Free text as the reader may see the people in it (`case_page.Reading`); as it is without a reading."""
    return seen.text(str(text)) if isinstance(seen, Reading) else str(text)
