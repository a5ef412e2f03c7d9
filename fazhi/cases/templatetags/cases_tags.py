"""Template helpers of the case screens: due dates with their countdown, amounts in yuan, Chinese names of codes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from fazhi.cases.case_page import DueStatus, Reading
from fazhi.cases.outcomes import OUTCOMES
from fazhi.cases.procedure import measures
from fazhi.journal import labels
from fazhi.rules.provisional import NOTE

register = template.Library()


@register.simple_tag
def provisional_due(day: dt.date | None) -> SafeString:
    """The provisional date beside a due date that waits for a year's holidays, never in its place: "· 预计
    2027-02-09", muted and in italics, with the note as its title; nothing when there is no such date."""
    if day is None:
        return mark_safe("")
    return format_html('<span class="due-provisional" title="{}"> · 预计 {}</span>', NOTE, day.isoformat())


@register.simple_tag
def due_badge(status: DueStatus | None, *, with_date: bool = True) -> SafeString:
    """A due date and what is left of it: "2026-03-16 · 剩 5 个工作日", red when overdue, "待导入节假日" when the date
    waits for a calendar year (with the provisional date, labelled 预计, when there is one). The words carry the
    meaning, not only the colour."""
    if status is None or (status.due is None and not status.awaiting):
        return mark_safe('<span class="due due-none">—</span>')
    if status.due is None:
        awaiting = mark_safe(
            '<span class="due due-awaiting" title="届满日所在年度的节假日安排尚未导入">待导入节假日</span>'
        )
        if status.provisional is None:
            return awaiting
        # The pair may wrap between its two parts in a narrow column; each part stays on one line.
        return format_html('<span class="due-pair">{}{}</span>', awaiting, provisional_due(status.provisional))
    unit = "个工作日" if status.working else "日"
    date = status.due.isoformat() if with_date else ""
    if status.overdue:
        late = f"已超期 {-status.left} {unit}" if status.left else "已超期"
        css, text = "due due-overdue", late
    elif status.left == 0:
        css, text = "due due-today", "今日届满"
    elif status.left is None:
        css, text = "due", ""
    else:
        css = "due due-soon" if status.working and status.left <= 5 else "due"
        text = f"剩 {status.left} {unit}"
    if date and text:
        return format_html(
            '<span class="{}"><span class="due-date">{}</span> <span class="due-left">{}</span></span>', css, date, text
        )
    return format_html('<span class="{}">{}</span>', css, date or text)


@register.filter
def yuan(value: Decimal | int | None) -> str:
    """12000.5 → "12,000.50"."""
    if value is None:
        return ""
    return f"{Decimal(value):,.2f}"


@register.filter
def action_name(code: str) -> str:
    return labels.action_label(code)


@register.filter
def seen_by(text: str, seen: Reading | None) -> str:
    """Free text of the case (summary, proposal, facts found) as the reader may see it: the people masked unless they
    handle the case (`case_page.reading`); masked when no reading is given."""
    return text if seen is not None and seen.full else (seen or Reading(full=False)).text(text or "")


@register.filter
def outcome_name(code: str) -> str:
    return OUTCOMES.get(code, code)


@register.filter
def measures_text(raw: object) -> str:
    """The measures of a decision (its JSON list) in the words the decision prints, "；"-separated."""
    return "；".join(measures.describe(m) for m in measures.loaded(raw))
