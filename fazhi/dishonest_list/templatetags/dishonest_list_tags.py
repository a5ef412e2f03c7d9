"""{% case_listing_section case %}: the case page's section on the wage-arrears dishonest list. The dishonest-list app
owns it, so that the case page (fazhi.cases) imports nothing of this app."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.dishonest_list.queries import case_listing

register = template.Library()


@register.inclusion_tag("dishonest_list/_case_listing.html", takes_context=True)
def case_listing_section(context: template.Context, case: Case) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    today = context.get("today") or timezone.localdate()
    dishonest = case_listing(user, case, today) if isinstance(user, User) else None
    return {"case": case, "dishonest": dishonest, "csrf_token": context.get("csrf_token")}
