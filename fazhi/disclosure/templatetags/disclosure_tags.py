"""{% case_disclosure_section case %}: the case page's section on the public disclosure of its penalty decision. The
disclosure app owns it, so that the case page (fazhi.cases) imports nothing of this app."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.disclosure.queries import case_disclosure

register = template.Library()


@register.inclusion_tag("disclosure/_case_disclosure.html", takes_context=True)
def case_disclosure_section(context: template.Context, case: Case) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    disclosure = case_disclosure(user, case) if isinstance(user, User) else None
    return {"case": case, "disclosure": disclosure, "csrf_token": context.get("csrf_token")}
