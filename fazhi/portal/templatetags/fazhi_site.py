from __future__ import annotations

from django import template

from fazhi.portal import site

register = template.Library()


@register.simple_tag
def bureau_name() -> str:
    return site.bureau_name()


@register.simple_tag
def system_name() -> str:
    return site.SYSTEM_NAME
