"""{% case_evidence_section case %}: the case page's section of the case's evidence files and their upload form. The
evidence app owns it, so that the case page (fazhi.cases) imports nothing of this app."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.evidence.queries import case_evidence_context

register = template.Library()


@register.inclusion_tag("evidence/_case_evidence.html", takes_context=True)
def case_evidence_section(context: template.Context, case: Case) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    if not isinstance(user, User):
        return {"case": case, "evidence_files": [], "can_add_evidence": False}
    return {**case_evidence_context(user, case), "csrf_token": context.get("csrf_token")}
