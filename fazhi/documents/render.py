"""Rendering a document from its editable templates: the HTML (templates/documents/<type>.html) to PDF bytes with
WeasyPrint, the Word file (templates/documents/<type>.docx) with docxtpl. Both see the same context
(docs/documents.md lists it); a deployment's FAZHI_DOCUMENT_TEMPLATE_DIR is searched first."""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from fazhi.cases.models import Case, InvestigationRecord
from fazhi.cases.outcomes import OUTCOMES, SERVICE_METHODS
from fazhi.documents.fonts import font_face_css
from fazhi.documents.types import DocumentType
from fazhi.rules import violations
from fazhi.rules.redaction import redact

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


def _paragraphs(text: str) -> list[str]:
    """Typed text as paragraphs (one per non-empty line): a 笔录's questions and answers each start a line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _cn(day: dt.date | None) -> str:
    return chinese_date(day) if day else ""


# The bureau's own approval forms and the transfer to the police; every other type is handed to the employer.
INTERNAL_TYPES = frozenset({"filing_approval", "revocation_approval", "closing_approval", "crime_transfer"})


def for_the_employer(case: Case, workers: set[str]) -> Case:
    """A copy of `case` whose free text keeps the complainant's identity from the employer (劳动保障监察条例 第九条;
    广东条例 第三十五条): the complainant's name (unless they are a worker the document lists anyway), ID numbers,
    phone numbers, bank accounts and home addresses the complaint's facts may carry. `workers`: the names of the
    case's workers. Never saved."""
    employer = case.employer
    names = [case.complainant_name] if case.complainant_name and case.complainant_name not in workers else []
    keep = [employer.name, employer.credit_code or "", employer.legal_representative, employer.address, *workers]
    shown = copy.copy(case)
    shown.summary = redact(case.summary, names=names, keep=keep)
    shown.proposal = redact(case.proposal, names=names, keep=keep)
    return shown


def context_for(
    kind: DocumentType,
    case: Case,
    number: str,
    issued_on: dt.date,
    inputs: Mapping[str, str] | None = None,
    record: InvestigationRecord | None = None,
) -> dict[str, Any]:
    violation = None
    if case.violation_code:
        try:
            violation = violations.violation(case.violation_code)
        except violations.UnknownViolation:
            violation = None
    outcome = case.decision_outcome or case.proposed_outcome
    fine = case.fine_amount if case.fine_amount is not None else case.notified_fine or case.proposed_fine
    font_faces, font_stack = font_face_css()
    lines = list(case.worker_lines.order_by("pk"))
    return {
        "kind": kind,
        "case": case if kind.code in INTERNAL_TYPES else for_the_employer(case, {line.name for line in lines}),
        "employer": case.employer,
        "bureau": settings.FAZHI_BUREAU_NAME,
        "number": number,
        "date_cn": chinese_date(issued_on),
        "violation": violation,
        "outcome_label": OUTCOMES.get(outcome, ""),
        "service_method_label": SERVICE_METHODS.get(case.service_method, "　　　　"),
        "fine": yuan(fine),
        "comply_by_cn": _cn(case.comply_by),
        "filed_on_cn": _cn(case.filed_on),
        "decided_on_cn": _cn(case.decided_on),
        "hearing_on_cn": _cn(case.hearing_on),
        "hearing_held_on_cn": _cn(case.hearing_held_on),
        "inputs": dict(inputs or {}),
        # The case's dates as YYYY-MM-DD ("" when not yet), for the Word templates (Jinja has no |date filter).
        "dates": {
            name: day.isoformat() if (day := getattr(case, name)) else ""
            for name in (
                "received_on",
                "filed_on",
                "decided_on",
                "served_on",
                "closed_on",
                "fine_paid_on",
                "correction_verified_on",
                "court_enforcement_applied_on",
            )
        },
        "attend_on_cn": _cn(dt.date.fromisoformat(inputs["attend_on"])) if inputs and inputs.get("attend_on") else "",
        "record": record,
        "record_paragraphs": _paragraphs(record.content if record else ""),
        "hearing_paragraphs": _paragraphs(case.hearing_record),
        "record_held_on_cn": _cn(record.held_on) if record else "",
        "workers": [
            {"name": w.name, "owed": yuan(w.amount_owed), "paid": yuan(w.amount_paid), "unpaid": yuan(w.unpaid)}
            for w in lines
        ],
        "total_unpaid": yuan(case.total_unpaid),
        "font_faces": font_faces,
        "font_stack": font_stack,
    }


def render_pdf(kind: DocumentType, context: Mapping[str, Any]) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]  # (no type information shipped)

    html = render_to_string(kind.template, dict(context))
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


SHIPPED_TEMPLATES = Path(__file__).resolve().parent / "templates"


def docx_template_path(kind: DocumentType) -> Path:
    """The Word template of `kind`: the deployment's own (FAZHI_DOCUMENT_TEMPLATE_DIR) when it has one."""
    if settings.FAZHI_DOCUMENT_TEMPLATE_DIR:
        own = Path(settings.FAZHI_DOCUMENT_TEMPLATE_DIR) / kind.docx_template
        if own.is_file():
            return own
    return SHIPPED_TEMPLATES / kind.docx_template


def render_docx(kind: DocumentType, context: Mapping[str, Any]) -> bytes:
    """The Word file of a document; values are XML-escaped (autoescape), so typed text cannot break the file."""
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]  # (no type information shipped)

    template = DocxTemplate(str(docx_template_path(kind)))
    template.render(dict(context), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
