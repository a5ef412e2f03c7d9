"""Template helpers of the supervision screens, and {% supervision_orders_waiting %} for the work list."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.accounts.models import User
from fazhi.supervision.queries import orders_waiting_for
from fazhi.supervision.rules import BY_CODE

register = template.Library()


@register.filter
def rule_name(code: str) -> str:
    rule = BY_CODE.get(code)
    return rule.name if rule else code


@register.filter
def percent(rate: float | None) -> str:
    """A rate as a whole percentage, "—" when there is nothing to rate."""
    return "—" if rate is None else f"{rate:.0%}"


@register.filter
def lookup(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, "") if mapping else ""


@register.inclusion_tag("supervision/_orders_waiting.html", takes_context=True)
def supervision_orders_waiting(context: template.Context) -> dict[str, Any]:
    """The open supervision orders addressed to the user's units (for leads, directors and leaders)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"orders": []}
    return {"orders": list(orders_waiting_for(user)[:50])}
