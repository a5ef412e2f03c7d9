"""Writes the shipped Word templates (fazhi/documents/templates/documents/<type>.docx) from the outlines below.

Run once when a document type is added (`.venv/bin/python tools/make_docx_templates.py [TYPE ...]`); after that the
.docx files are the source: the bureau edits them in Word (keeping the {{ … }} fields, which are Jinja as docxtpl
reads it) or puts its own under FAZHI_DOCUMENT_TEMPLATE_DIR. The fields are listed in docs/documents.md.

Layout after GB/T 9704-2012: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the organ's name in red,
the 文号, a red rule, the title, the body in 仿宋_GB2312 三号 (16 pt) with a first-line indent of two characters, the
organ and the date in Chinese at the lower right with room for the seal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
django.setup()

from fazhi.documents.types import BY_CODE, DOCUMENT_TYPES  # noqa: E402  (needs the settings above)

OUT = Path(__file__).resolve().parent.parent / "fazhi" / "documents" / "templates" / "documents"
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
RED = RGBColor(0xCC, 0x00, 0x00)

Block = tuple[str, object]  # ("to" | "p", text), ("table", rows), ("workers" | "sign", None)

HANDLERS = (
    '{{ case.handler.full_name if case.handler else "" }}　{{ case.co_handler.full_name if case.co_handler else "" }}'
)
CONTACT = ("p", "联系地址：{{ bureau }}　　承办人：" + HANDLERS)
CASE_NO = "{{ case.case_number or case.reference }}"
VIOLATION = '{{ violation.name if violation else "涉嫌违法" }}'
BASIS = '{{ violation.basis if violation else "有关法律、法规" }}'
CREDIT = '{{ employer.credit_code or "" }}'
SIGN = ("sign", None)

OUTLINES: dict[str, list[Block]] = {
    "filing_approval": [
        (
            "table",
            [
                ["案号", '{{ case.case_number or "（立案后编号）" }}', "登记号", "{{ case.reference }}"],
                ["当事人", "{{ employer.name }}"],
                ["统一社会信用代码", CREDIT],
                ["地址", "{{ employer.address }}"],
                ["案件来源", "{{ case.get_source_display() }}", "收到日期", "{{ dates.received_on }}"],
                ["案情摘要", "{{ case.summary }}"],
                ["承办人意见", "经初步核查，有违法事实，属于本机关管辖，建议立案调查（劳动保障监察条例 第十七条）。"],
                ["承办人", HANDLERS, "审批意见", ""],
            ],
        ),
        SIGN,
    ],
    "inquiry_notice": [
        ("to", "{{ employer.name }}："),
        (
            "p",
            "因调查你单位"
            + VIOLATION
            + "一案（案号："
            + CASE_NO
            + "），依据《劳动保障监察条例》第十五条的规定，请你单位"
            "{{ inputs.person }}于{{ attend_on_cn }}{{ inputs.attend_time }}到{{ inputs.place }}接受调查询问，并携带下列材料：",
        ),
        ("p", "{{ inputs.materials }}"),
        (
            "p",
            "委托他人接受询问的，受托人须携带授权委托书及本人身份证件。无正当理由拒不接受询问、拒不提供材料或者提供虚假材料的，"
            "本机关将依据《劳动保障监察条例》第三十条的规定处理。",
        ),
        ("p", "联系人：" + HANDLERS + "　　联系地址：{{ bureau }}"),
        SIGN,
    ],
    "inquiry_record": [
        (
            "table",
            [
                ["案号", CASE_NO],
                ["询问时间", "{{ record_held_on_cn }}", "地点", "{{ record.place }}"],
                ["被询问人", "{{ record.subject }}（{{ employer.name }}）"],
                [
                    "询问人",
                    "{{ record.officer.full_name }}（执法证号 {{ record.officer.enforcement_certificate_number }}）　"
                    "{{ record.co_officer.full_name }}（执法证号 {{ record.co_officer.enforcement_certificate_number }}）",
                    "记录人",
                    "{{ record.recorded_by.full_name }}",
                ],
            ],
        ),
        (
            "p",
            "询问人：我们是{{ bureau }}的劳动保障监察员，这是我们的执法证件（出示）。现依法向你了解有关情况，你应当如实回答。"
            "你有权申请回避，对与本案无关的问题有权拒绝回答。听清楚了吗？",
        ),
        ("p", "{{ record.content }}"),
        ("p", "（以上笔录已向被询问人宣读（或者由其阅读），被询问人确认无误。）"),
        ("to", "被询问人签名：　　　　　　询问人签名：　　　　　　记录人签名："),
    ],
    "inspection_record": [
        (
            "table",
            [
                ["案号", CASE_NO],
                ["检查时间", "{{ record_held_on_cn }}", "检查地点", "{{ record.place }}"],
                ["被检查单位", "{{ employer.name }}（法定代表人：{{ employer.legal_representative }}）"],
                ["现场负责人", "{{ record.subject }}"],
                [
                    "检查人",
                    "{{ record.officer.full_name }}（执法证号 {{ record.officer.enforcement_certificate_number }}）　"
                    "{{ record.co_officer.full_name }}（执法证号 {{ record.co_officer.enforcement_certificate_number }}）",
                    "记录人",
                    "{{ record.recorded_by.full_name }}",
                ],
            ],
        ),
        ("p", "检查人员向现场负责人出示了执法证件，说明了检查的依据和事项。检查情况如下："),
        ("p", "{{ record.content }}"),
        ("p", "（以上笔录已交现场负责人核对，确认无误。）"),
        ("to", "现场负责人签名：　　　　　　检查人签名：　　　　　　记录人签名："),
    ],
    "preservation_notice": [
        ("to", "{{ employer.name }}："),
        (
            "p",
            "本机关在调查你单位" + VIOLATION + "一案（案号：" + CASE_NO + "）中，因证据可能灭失或者以后难以取得，"
            "经本机关负责人批准，依据《中华人民共和国行政处罚法》第五十六条的规定，对下列物品予以先行登记保存：",
        ),
        ("table", [["登记保存的证据（名称、数量、存放地点）"], ["{{ case.preservation_items }}"]]),
        ("p", "本机关将在七个工作日内对上述证据作出处理决定。在此期间，你单位及有关人员不得销毁或者转移上述证据。"),
        CONTACT,
        SIGN,
    ],
    "revocation_approval": [
        (
            "table",
            [
                ["案号", CASE_NO, "立案日期", "{{ dates.filed_on }}"],
                ["当事人", "{{ employer.name }}"],
                ["统一社会信用代码", CREDIT],
                ["地址", "{{ employer.address }}"],
                ["案件来源", "{{ case.get_source_display() }}", "收到日期", "{{ dates.received_on }}"],
                ["案情摘要", "{{ case.summary }}"],
                ["调查情况", "{{ case.proposal }}"],
                ["撤销立案理由", "{{ inputs.grounds }}"],
                ["撤销依据", "《广东省劳动保障监察条例》第四十六条"],
                ["承办人", HANDLERS, "审批意见", ""],
            ],
        ),
        SIGN,
    ],
    "penalty_notice": [
        ("to", "{{ employer.name }}："),
        (
            "p",
            "本机关对你单位"
            + VIOLATION
            + "一案（案号："
            + CASE_NO
            + "）进行了调查。经查：{{ case.summary }}{{ case.proposal }}",
        ),
        (
            "p",
            "你单位的上述行为违反了"
            + BASIS
            + "的规定。依据"
            + BASIS
            + "，本机关拟对你单位作出如下行政处罚：罚款人民币 {{ fine }} 元。",
        ),
        (
            "p",
            "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位有权进行陈述和申辩。根据第六十三条、第六十四条的规定，"
            "你单位有权要求举行听证；要求听证的，应当在收到本告知书之日起五个工作日内提出。逾期未提出陈述、申辩或者听证要求的，视为放弃上述权利。",
        ),
        CONTACT,
        SIGN,
    ],
    "hearing_notice": [
        ("to", "{{ employer.name }}："),
        (
            "p",
            "根据你单位的申请，本机关决定对你单位"
            + VIOLATION
            + "一案（案号："
            + CASE_NO
            + "）拟作出罚款人民币 {{ fine }} 元的行政处罚举行听证。"
            "现将有关事项通知如下：",
        ),
        ("p", "一、听证时间：{{ hearing_on_cn }}；听证地点：{{ bureau }}。"),
        (
            "p",
            '二、听证主持人：{{ case.hearing_presider.full_name if case.hearing_presider else "" }}（本机关指定的非本案调查人员）；'
            "调查人员：" + HANDLERS + "。",
        ),
        (
            "p",
            "三、除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行（《中华人民共和国行政处罚法》第六十四条）。",
        ),
        ("p", "四、你单位认为主持人与本案有直接利害关系的，有权申请回避。"),
        ("p", "五、你单位可以亲自参加听证，也可以委托一至二人代理；委托代理人参加的，应当提交授权委托书。"),
        (
            "p",
            "六、你单位及其代理人无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。",
        ),
        SIGN,
    ],
    "hearing_record": [
        (
            "table",
            [
                ["案号", CASE_NO],
                ["案由", '{{ violation.name if violation else "" }}（拟罚款人民币 {{ fine }} 元）'],
                ["听证时间", "{{ hearing_held_on_cn }}", "听证地点", "{{ bureau }}"],
                [
                    "主持人",
                    '{{ case.hearing_presider.full_name if case.hearing_presider else "" }}',
                    "调查人员",
                    HANDLERS,
                ],
                ["当事人", "{{ employer.name }}（法定代表人：{{ employer.legal_representative }}）"],
            ],
        ),
        (
            "p",
            "主持人宣布听证纪律，核对当事人及其代理人身份，告知当事人申请回避、陈述、申辩和质证的权利。调查人员提出当事人违法的事实、"
            "证据和行政处罚建议，当事人进行申辩和质证。听证情况如下：",
        ),
        ("p", "{{ case.hearing_record }}"),
        ("p", "（本笔录已交当事人及其代理人审核无误。）"),
        ("to", "当事人签名：　　　　　　主持人签名：　　　　　　记录人签名："),
    ],
    "penalty_decision": [
        ("to", "当事人：{{ employer.name }}"),
        ("to", "统一社会信用代码：" + CREDIT),
        ("to", "地址：{{ employer.address }}　　法定代表人：{{ employer.legal_representative }}"),
        (
            "p",
            "本机关于{{ filed_on_cn }}对你单位"
            + VIOLATION
            + "一案立案调查（案号："
            + CASE_NO
            + "），依法向你单位告知了拟作出行政处罚的事实、"
            "理由、依据及你单位依法享有的陈述、申辩和要求听证的权利。现已调查终结。",
        ),
        ("p", "经查明：{{ case.summary }}{{ case.proposal }}"),
        ("p", "以上事实有询问笔录、现场检查笔录、工资支付记录、劳动者投诉材料等证据证实。"),
        (
            "p",
            "本机关认为，你单位的上述行为违反了"
            + BASIS
            + "的规定。依据"
            + BASIS
            + "，本机关决定对你单位作出如下行政处罚：",
        ),
        ("p", "罚款人民币 {{ fine }} 元。"),
        (
            "p",
            "你单位应当自收到本决定书之日起十五日内，将罚款缴至指定银行或者通过电子支付系统缴纳（《中华人民共和国行政处罚法》第六十七条）。"
            "到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，并依法申请人民法院强制执行（第七十二条）。",
        ),
        (
            "p",
            "你单位如不服本决定，可以在收到本决定书之日起六十日内向深圳市人民政府申请行政复议，或者在六个月内直接向有管辖权的人民法院"
            "提起行政诉讼。行政复议或者行政诉讼期间，本决定不停止执行（第七十三条）。",
        ),
        SIGN,
    ],
    "handling_decision": [
        ("to", "当事人：{{ employer.name }}"),
        ("to", "统一社会信用代码：" + CREDIT + "　　地址：{{ employer.address }}"),
        (
            "p",
            "本机关对你单位"
            + '{{ violation.name if violation else "拖欠劳动者工资" }}'
            + "一案（案号："
            + CASE_NO
            + "）进行了调查。"
            "经查：{{ case.summary }}",
        ),
        (
            "p",
            "你单位的上述行为违反了"
            + '{{ violation.basis if violation else "《劳动保障监察条例》第二十六条" }}'
            + "的规定。依据《劳动保障监察条例》"
            "第二十六条、第三十条，本机关责令你单位{% if comply_by_cn %}于{{ comply_by_cn }}前{% else %}限期{% endif %}向下列劳动者支付拖欠的工资：",
        ),
        ("workers", None),
        (
            "p",
            "逾期不支付的，本机关将依法责令你单位按应付金额百分之五十以上一倍以下的标准向劳动者加付赔偿金（《中华人民共和国劳动合同法》第八十五条）。",
        ),
        (
            "p",
            "你单位如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内向有管辖权的人民法院提起行政诉讼。",
        ),
        SIGN,
    ],
    "rectification_order": [
        ("to", "{{ employer.name }}："),
        ("to", "统一社会信用代码：" + CREDIT + "　　地址：{{ employer.address }}"),
        (
            "p",
            "本机关对你单位"
            + VIOLATION
            + "一案（案号："
            + CASE_NO
            + "）进行了调查。经查：{{ case.summary }}{{ case.proposal }}",
        ),
        (
            "p",
            "你单位的上述行为违反了"
            + BASIS
            + "的规定。依据《劳动保障监察条例》第十八条第一款第（二）项、《中华人民共和国行政处罚法》"
            "第二十八条第一款的规定，现责令你单位{% if comply_by_cn %}于{{ comply_by_cn }}前{% else %}限期{% endif %}改正上述违法行为，"
            "并将整改情况书面报送本机关。",
        ),
        ("p", "逾期不改正的，本机关将依法作出行政处罚或者行政处理决定。"),
        (
            "p",
            "你单位如不服本指令，可以在收到本指令书之日起六十日内申请行政复议，或者在六个月内向有管辖权的人民法院提起行政诉讼。",
        ),
        CONTACT,
        SIGN,
    ],
    "service_receipt": [
        (
            "table",
            [
                ["案号", CASE_NO],
                ["送达文书", "{{ outcome_label }}决定书"],
                ["受送达人", "{{ employer.name }}"],
                ["送达地点", "{{ employer.address }}"],
                [
                    "送达方式",
                    "{{ service_method_label }}",
                    "送达人",
                    '{{ case.handler.full_name if case.handler else "" }}',
                ],
                ["受送达人签收", "　　　　　　年　　月　　日"],
                ["备注", ""],
            ],
        ),
        SIGN,
    ],
    "crime_transfer": [
        ("to", "{{ inputs.police }}："),
        (
            "p",
            "本机关在查处{{ employer.name }}（统一社会信用代码："
            + CREDIT
            + "；法定代表人：{{ employer.legal_representative }}）"
            + '{{ violation.name if violation else "违法" }}'
            + "一案（案号："
            + CASE_NO
            + "）中，发现其行为涉嫌犯罪。",
        ),
        ("p", "经查：{{ case.summary }}{{ case.proposal }}"),
        (
            "p",
            "{% if workers %}经本机关责令支付，截至本移送书发出之日，该单位仍拖欠 {{ workers|length }} 名劳动者劳动报酬合计人民币 "
            "{{ total_unpaid }} 元。{% endif %}",
        ),
        (
            "p",
            "依据《中华人民共和国行政处罚法》第二十七条和《行政执法机关移送涉嫌犯罪案件的规定》第六条、第八条的规定，现将该案移送你单位，"
            "请依法审查处理，并将处理结果书面告知本机关。",
        ),
        ("to", "随案移送材料："),
        ("p", "{{ inputs.enclosures }}"),
        CONTACT,
        SIGN,
    ],
    "closing_approval": [
        (
            "table",
            [
                ["案号", CASE_NO, "立案日期", "{{ dates.filed_on }}"],
                ["当事人", "{{ employer.name }}"],
                ["统一社会信用代码", CREDIT],
                ["案件来源", "{{ case.get_source_display() }}", "收到日期", "{{ dates.received_on }}"],
                ["案情摘要", "{{ case.summary }}{{ case.proposal }}"],
                ["违法行为", '{{ violation.name if violation else "" }}'],
                ["处理决定", '{{ outcome_label or "撤销立案" }}{% if fine %}，罚款人民币 {{ fine }} 元{% endif %}'],
                ["决定日期", "{{ dates.decided_on }}", "送达日期", "{{ dates.served_on }}"],
                [
                    "履行情况",
                    "{% if dates.fine_paid_on %}罚款已于 {{ dates.fine_paid_on }} 缴纳。{% endif %}"
                    "{% if dates.correction_verified_on %}已于 {{ dates.correction_verified_on }} 复查整改情况。{% endif %}"
                    "{% if dates.court_enforcement_applied_on %}已于 {{ dates.court_enforcement_applied_on }} 申请人民法院强制执行。"
                    "{% endif %}{% if workers %}工资尚欠合计 {{ total_unpaid }} 元。{% endif %}",
                ],
                ["结案日期", "{{ dates.closed_on }}", "承办人", HANDLERS],
                ["承办人意见", "案件已处理完毕，建议结案（广东省劳动保障监察条例 第四十八条）。"],
                ["审批意见", ""],
            ],
        ),
        SIGN,
    ],
}


def _font(run: Run, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(
    doc: DocxDocument, text: str, *, indent: bool, align: WD_ALIGN_PARAGRAPH | None = None, size: float = 16
) -> Paragraph:
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(28.9)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), BODY_FONT, size)
    return paragraph


def _red_rule(paragraph: Paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", "CC0000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _table(doc: DocxDocument, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in rows:
        cells = table.add_row().cells
        if len(row) == 1:
            merged = cells[0].merge(cells[3])
            _cell(merged, row[0])
        elif len(row) == 2:
            _cell(cells[0], row[0], bold=True)
            _cell(cells[1].merge(cells[3]), row[1])
        else:
            for cell, text, bold in zip(cells, row, (True, False, True, False), strict=True):
                _cell(cell, text, bold=bold)


def _cell(cell: _Cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    _font(paragraph.add_run(text), BODY_FONT, 14, bold=bold)


def _workers(doc: DocxDocument) -> None:
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("序号", "姓名", "拖欠金额（元）", "已支付（元）", "应支付（元）"), strict=True
    ):
        _cell(cell, text, bold=True)
    _cell(table.rows[1].cells[0], "{%tr for w in workers %}")
    row = table.rows[2].cells
    for cell, text in zip(
        row, ("{{ loop.index }}", "{{ w.name }}", "{{ w.owed }}", "{{ w.paid }}", "{{ w.unpaid }}"), strict=True
    ):
        _cell(cell, text)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    total = table.add_row().cells
    _cell(total[0].merge(total[3]), "合计")
    _cell(total[4], "{{ total_unpaid }}")


def build(code: str) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    organ = doc.add_paragraph()
    organ.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(organ.add_run("{{ bureau }}"), TITLE_FONT, 26, bold=True, color=RED)
    number = _paragraph(doc, "{{ number }}", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(number)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(16)
    title.paragraph_format.space_after = Pt(16)
    _font(title.add_run(BY_CODE[code].title), TITLE_FONT, 22, bold=True)
    for kind, value in OUTLINES[code]:
        if kind == "to":
            _paragraph(doc, str(value), indent=False)
        elif kind == "p":
            _paragraph(doc, str(value), indent=True)
        elif kind == "table":
            assert isinstance(value, list)
            _table(doc, value)
        elif kind == "workers":
            _workers(doc)
        elif kind == "sign":
            doc.add_paragraph()
            for line in ("（印章）", "{{ bureau }}", "{{ date_cn }}"):
                _paragraph(doc, line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    path = OUT / f"{code}.docx"
    doc.save(str(path))
    return path


def main(codes: list[str]) -> None:
    missing = {kind.code for kind in DOCUMENT_TYPES} - set(OUTLINES)
    if missing:
        sys.exit(f"no outline for {', '.join(sorted(missing))}")
    for code in codes or list(OUTLINES):
        print(build(code))


if __name__ == "__main__":
    main(sys.argv[1:])
