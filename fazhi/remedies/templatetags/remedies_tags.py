"""{% case_remedies_section case %}: the case page's section on reconsideration and litigation. The remedies app owns
it, so that the case page (fazhi.cases) imports nothing of this app."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.remedies.queries import case_remedies

register = template.Library()


@register.inclusion_tag("remedies/_case_remedies.html", takes_context=True)
def case_remedies_section(context: template.Context, case: Case) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    remedies = case_remedies(user, case) if isinstance(user, User) else None
    return {"case": case, "remedies": remedies}
