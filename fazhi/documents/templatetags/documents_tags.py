"""{% case_documents_section case %}: the case page's section of the case's documents, their issue forms and the
dossier export. The documents app owns it, so that the case page (fazhi.cases) imports nothing of this app; a failed
issue (`document_failure` in the page's context, set by `documents.views.issue`) is shown again with what was typed."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.documents.queries import IssueFailure, documents_of_case, issue_options, may_export_dossier

register = template.Library()


@register.inclusion_tag("documents/_case_documents.html", takes_context=True)
def case_documents_section(context: template.Context, case: Case) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    if not isinstance(user, User):
        return {"case": case, "case_documents": [], "document_options": [], "dossier_allowed": False}
    failure = context.get("document_failure")
    return {
        "case": case,
        "case_documents": documents_of_case(user, case.pk),
        "document_options": issue_options(user, case, failure if isinstance(failure, IssueFailure) else None),
        "dossier_allowed": may_export_dossier(user),
        "csrf_token": context.get("csrf_token"),
    }
