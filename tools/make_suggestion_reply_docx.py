"""Writes the shipped Word template of the reply letter to a judicial or procuratorial suggestion
(fazhi/suggestions/templates/suggestions/reply_letter.docx), in the layout of tools/make_docx_templates.py.

Run once (`.venv/bin/python tools/make_suggestion_reply_docx.py`); after that the .docx is the source, which the bureau
may edit in Word (keeping the {{ … }} fields) or replace under FAZHI_DOCUMENT_TEMPLATE_DIR/suggestions/.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from make_docx_templates import RED, TITLE_FONT, _font, _paragraph, _red_rule

OUT = Path(__file__).resolve().parent.parent / "fazhi" / "suggestions" / "templates" / "suggestions"


def build() -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    organ = doc.add_paragraph()
    organ.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(organ.add_run("{{ organ.name }}"), TITLE_FONT, 26, bold=True, color=RED)
    _red_rule(_paragraph(doc, "{{ number }}", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER))
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(16)
    title.paragraph_format.space_after = Pt(16)
    _font(title.add_run("{{ kind.title }}"), TITLE_FONT, 22, bold=True)
    _paragraph(doc, "{{ addressee }}：", indent=False)
    _paragraph(
        doc,
        "你院《{{ subject }}》（{{ suggestion_number }}）于{{ received_on_cn }}收悉。{{ opening }}"
        "现将{{ kind_name }}落实情况逐条回复如下：",
        indent=True,
    )
    _paragraph(doc, "{%p for point in points %}", indent=False)
    _paragraph(doc, "{{ point.ordinal }}、关于“{{ point.text }}”的建议", indent=True)
    _paragraph(doc, "{{ point.measures }}{{ point.result }}", indent=True)
    _paragraph(doc, "{%p endfor %}", indent=False)
    _paragraph(doc, "特此函复。", indent=True)
    doc.add_paragraph()
    for line in ("（印章）", "{{ organ.name }}", "{{ date_cn }}"):
        _paragraph(doc, line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(
        doc, "联系人：{{ handlers }}{% if organ.phone %}　　联系电话：{{ organ.phone }}{% endif %}", indent=False
    )
    path = OUT / "reply_letter.docx"
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
