"""{% case_routing_section case %}: the case page's section for sending a complaint not yet accepted to the competent
unit. The complaints app owns it, so that the case page (fazhi.cases) imports nothing of this app."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.complaints.queries import case_routing

register = template.Library()


@register.inclusion_tag("complaints/_case_routing.html", takes_context=True)
def case_routing_section(context: template.Context, case: Case) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    routing = case_routing(user, case) if isinstance(user, User) else None
    return {"case": case, "routing": routing, "csrf_token": context.get("csrf_token")}
