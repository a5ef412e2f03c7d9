"""Rendering a document: its template (an editable file under templates/documents/) to PDF bytes with WeasyPrint."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from fazhi.cases.models import Case
from fazhi.cases.outcomes import OUTCOMES
from fazhi.documents.fonts import font_face_css
from fazhi.documents.types import DocumentType
from fazhi.rules import violations

DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals, as dates write them (十, 十一, 二十, 三十一)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + ("" if ones == 0 else DIGITS[ones])


def chinese_date(day: dt.date) -> str:
    """2026-03-09 → 二〇二六年三月九日 (GB/T 9704: the date of the document in Chinese numerals)."""
    year = "".join(DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def yuan(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:,.2f}"


def context_for(kind: DocumentType, case: Case, number: str, issued_on: dt.date) -> dict[str, Any]:
    violation = None
    if case.violation_code:
        try:
            violation = violations.violation(case.violation_code)
        except violations.UnknownViolation:
            violation = None
    outcome = case.decision_outcome or case.proposed_outcome
    fine = case.fine_amount if case.fine_amount is not None else case.notified_fine or case.proposed_fine
    font_faces, font_stack = font_face_css()
    return {
        "kind": kind,
        "case": case,
        "employer": case.employer,
        "bureau": settings.FAZHI_BUREAU_NAME,
        "number": number,
        "date_cn": chinese_date(issued_on),
        "violation": violation,
        "outcome_label": OUTCOMES.get(outcome, ""),
        "fine": yuan(fine),
        "comply_by_cn": chinese_date(case.comply_by) if case.comply_by else "",
        "filed_on_cn": chinese_date(case.filed_on) if case.filed_on else "",
        "workers": [
            {"name": w.name, "owed": yuan(w.amount_owed), "paid": yuan(w.amount_paid), "unpaid": yuan(w.unpaid)}
            for w in case.worker_lines.order_by("pk")
        ],
        "total_unpaid": yuan(case.total_unpaid),
        "font_faces": font_faces,
        "font_stack": font_stack,
    }


def render_pdf(kind: DocumentType, case: Case, number: str, issued_on: dt.date) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]  # (no type information shipped)

    html = render_to_string(kind.template, context_for(kind, case, number, issued_on))
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
