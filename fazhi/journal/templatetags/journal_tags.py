from __future__ import annotations

from django import template

from fazhi.accounts.roles import role_label
from fazhi.journal import labels

register = template.Library()


@register.filter
def role_labels(value: str) -> str:
    """Comma-separated role names ("inspector,lead") as their Chinese labels ("监察员、科长/中队长")."""
    return "、".join(role_label(role) for role in value.split(",") if role)


@register.filter
def role_name(value: str) -> str:
    return role_label(value) if value else ""


@register.filter
def action_name(value: str) -> str:
    """An action code ("accounts.login") as its Chinese name ("登录"); unknown codes as they are."""
    return labels.action_label(value)


@register.filter
def object_name(value: str) -> str:
    return labels.object_label(value)
