"""{% case_major_violation case %}: the case page's section on major-violation publication."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.major_violations.queries import case_major_violation

register = template.Library()


@register.inclusion_tag("major_violations/_case_major_violation.html", takes_context=True)
def case_major_violation_section(context: template.Context, case: Case) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"case": case, "info": None}
    return {"case": case, "info": case_major_violation(user, case), "csrf_token": context.get("csrf_token")}
