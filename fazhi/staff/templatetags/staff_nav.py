"""{% staff_nav %}: the navigation of staff/base.html, so every staff page gets it without a context processor."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.accounts.models import User
from fazhi.staff.navigation import navigation_for

register = template.Library()


@register.inclusion_tag("staff/_nav.html", takes_context=True)
def staff_nav(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not isinstance(user, User):
        return {"items": []}
    return {"items": navigation_for(user, request.path)}
