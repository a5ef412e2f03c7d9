"""The reply letter (司法建议回复函 / 检察建议回复函) in the organ's name, as PDF and Word, from one context: the
shipped templates `suggestions/reply_letter.html` (WeasyPrint, the documents' layout and fonts, GB/T 9704) and
`templates/suggestions/reply_letter.docx` (docxtpl); a deployment's FAZHI_DOCUMENT_TEMPLATE_DIR may hold its own
`suggestions/reply_letter.docx`. Rendered once, when the head approves the reply; the bytes and their SHA-256 are kept
on the suggestion."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings

from fazhi.documents.fonts import font_face_css
from fazhi.documents.organ import Organ, deciding_organ
from fazhi.documents.render import fill_docx, html_to_pdf
from fazhi.documents.wording import chinese_date, chinese_number
from fazhi.suggestions.models import Suggestion

HTML_TEMPLATE = "suggestions/reply_letter.html"
DOCX_NAME = "suggestions/reply_letter.docx"
SHIPPED_DOCX = Path(__file__).resolve().parent / "templates" / DOCX_NAME
LETTER_PREFIX = "函"  # 发文机关代字 + 函: the organ's letters (深人社函〔2026〕3号)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in "。！；" else text + "。"


def letter_number(organ: Organ, year: int, n: int) -> str:
    return f"{organ.prefix}{LETTER_PREFIX}〔{year}〕{n}号"


def context_for(suggestion: Suggestion, organ: Organ, number: str, issued_on: Any) -> dict[str, Any]:
    info = suggestion.kind_info
    title = info.reply_title if info else "回复函"
    faces, stack = font_face_css()
    points = [
        {
            "ordinal": chinese_number(point.number),
            "text": _sentence(point.text).rstrip("。"),
            "measures": _sentence(point.measures),
            "result": _sentence(point.result),
        }
        for point in suggestion.points.order_by("number")
    ]
    handler = suggestion.handler or suggestion.drafted_by
    return {
        "kind": {"title": title, "numbered": True},
        "organ": organ,
        "number": number,
        "date_cn": chinese_date(issued_on),
        "addressee": suggestion.organ,
        "suggestion_number": suggestion.number,
        "subject": suggestion.subject,
        "kind_name": info.name if info else "",
        "received_on_cn": chinese_date(suggestion.received_on),
        "opening": _sentence(suggestion.reply_text),
        "points": points,
        "handlers": handler.full_name if handler and handler.full_name else "",
        "font_faces": faces,
        "font_stack": stack,
    }


def docx_template() -> Path:
    if settings.FAZHI_DOCUMENT_TEMPLATE_DIR:
        own = Path(settings.FAZHI_DOCUMENT_TEMPLATE_DIR) / DOCX_NAME
        if own.is_file():
            return own
    return SHIPPED_DOCX


def render_letter(suggestion: Suggestion, number: str, issued_on: Any) -> tuple[bytes, bytes]:
    """(PDF, Word) of the reply letter. Raises `fazhi.documents.organ.OrganUnknown` when the unit has no organ."""
    context = context_for(suggestion, deciding_organ(suggestion.unit), number, issued_on)
    return html_to_pdf(HTML_TEMPLATE, context), fill_docx(docx_template(), context)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
