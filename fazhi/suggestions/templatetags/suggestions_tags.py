"""{% case_suggestions_section case %}: the case page's section on the judicial and procuratorial suggestions that
concern the case. This app owns it, so that the case page (fazhi.cases) imports nothing of this app."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.suggestions.queries import case_suggestions, may_register

register = template.Library()


@register.inclusion_tag("suggestions/_case_suggestions.html", takes_context=True)
def case_suggestions_section(context: template.Context, case: Case) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    if not isinstance(user, User):
        return {"case": case, "info": None, "may_register": False}
    today = context.get("today") or timezone.localdate()
    return {"case": case, "info": case_suggestions(user, case, today), "may_register": may_register(user)}
