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

HANDLERS = "{{ handlers }}"
CONTACT = (
    "p",
    "联系人：{{ handlers }}{% if organ.phone %}　　联系电话：{{ organ.phone }}{% endif %}"
    "{% if organ.address %}　　联系地址：{{ organ.address }}{% endif %}",
)
CASE_NO = "{{ case.case_number or case.reference }}"
VIOLATION = '{{ violation.name if violation else "涉嫌违反劳动保障法律、法规" }}'
CREDIT = '{{ employer.credit_code or "" }}'
PENALTIES = '{{ penalties|join("；") }}'
SIGN = ("sign", None)
EVIDENCE = ("evidence", None)
PARTY: list[Block] = [
    ("to", "当事人：{{ employer.name }}"),
    ("to", "统一社会信用代码：" + CREDIT),
    ("to", "住所（地址）：{{ employer.address }}"),
    ("to", "法定代表人（负责人）：{{ employer.legal_representative }}"),
]
REMEDIES = (
    "p",
    "你单位如不服本{{ what }}，可以自收到本{{ what }}书之日起六十日内向{{ reconsideration }}申请行政复议，"
    "也可以自收到之日起六个月内依法向人民法院提起行政诉讼。",
)
FILED = "本机关于{{ filed_on_cn }}对你单位" + VIOLATION + "一案立案调查（案号：" + CASE_NO + "）。"
DEADLINE = "{% if comply_by_cn %}于{{ comply_by_cn }}前{% else %}立即{% endif %}"
DEFENCE = (
    "p",
    "根据{{ hearing_basis }}的规定，本机关在作出行政处理决定前，听取你单位的陈述、申辩。请你单位自收到本告知书之日起"
    "{{ defence_days_cn }}个工作日内向本机关提出陈述、申辩；逾期未提出的，本机关将依法作出决定。",
)
COMPLAINANT_CASE = (
    "p",
    "你于{{ received_on_cn }}投诉的{{ employer.name }}" + VIOLATION + "一案"
    "{% if case.case_number %}（案号：{{ case.case_number }}）{% endif %}，本机关已于{{ filed_on_cn }}立案调查。",
)


def _approval(rows: list[list[str]]) -> list[list[str]]:
    """An internal form's opinions, each signed and dated; a step taken in the system prints who took it and when."""
    return [
        *rows,
        ["承办人意见", "{{ handler_opinion }}　承办人：{{ handlers }}　　年　月　日"],
        [
            "审核意见",
            '{% if approval.row == "review" %}{{ approval.opinion }}　{{ approval.by }}　{{ approval.on }}'
            "{% else %}签名：　　　　年　月　日{% endif %}",
        ],
        [
            "负责人审批意见",
            '{% if approval.row == "head" %}{{ approval.opinion }}　{{ approval.by }}　{{ approval.on }}'
            "{% else %}签名：　　　　年　月　日{% endif %}",
        ],
    ]


# Statements the party makes and signs (the organ neither heads nor seals them).
PARTY_STATEMENTS = frozenset({"waiver"})

OUTLINES: dict[str, list[Block]] = {
    "filing_approval": [
        (
            "table",
            _approval(
                [
                    ["案号", '{{ case.case_number or "" }}', "登记号", "{{ case.reference }}"],
                    ["当事人", "{{ employer.name }}"],
                    ["统一社会信用代码", CREDIT],
                    ["地址", "{{ employer.address }}"],
                    ["案件来源", "{{ case.get_source_display() }}", "收到日期", "{{ dates.received_on }}"],
                    ["案情摘要", "{{ case.summary }}"],
                ]
            ),
        ),
    ],
    "referral_letter": [
        ("to", "{{ referred_to }}："),
        (
            "p",
            "本机关于{{ received_on_cn }}接到对{{ employer.name }}{% if employer.address %}（地址：{{ employer.address }}）"
            "{% endif %}的举报。经审查，{% if referral_reason %}{{ referral_reason }}{% else %}被举报单位的用工所在地不属于"
            "本机关管辖。{% endif %}依据《广东省劳动保障监察条例》第二十六条、第三十三条第二款的规定，现将该举报移送你单位依法处理。",
        ),
        ("p", "举报反映的主要情况：{{ case.summary }}"),
        ("p", "举报人的身份信息随附件一并移送，请依法为举报人保密（《广东省劳动保障监察条例》第三十五条第一款）。"),
        ("to", "附件：举报材料"),
        CONTACT,
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
            + "），依据《劳动保障监察条例》第十五条第一款第（二）项、"
            "第（三）项的规定，请你单位{{ inputs.person }}于{{ attend_on_cn }}{{ inputs.attend_time }}到{{ inputs.place }}"
            "接受调查询问，并携带下列材料：",
        ),
        ("p", "{{ inputs.materials }}"),
        (
            "p",
            "委托他人接受询问的，受托人须携带授权委托书及本人身份证件。无正当理由拒绝按照本通知书要求在指定时间和地点接受调查询问、"
            "拒不提供材料或者提供虚假材料的，本机关将依据{{ refusal_basis }}的规定处理。",
        ),
        CONTACT,
        SIGN,
    ],
    "inquiry_record": [
        (
            "table",
            [
                ["案号", CASE_NO],
                [
                    "询问时间",
                    "{{ record_held_on_cn }}{{ inputs.started_at or '　　时　　分' }}至{{ inputs.ended_at or '　　时　　分' }}",
                ],
                ["询问地点", "{{ record.place }}"],
                ["被询问人", "{{ record.subject }}（{{ employer.name }}）"],
                ["身份证号码", "{{ inputs.id_number }}", "联系电话", "{{ inputs.phone }}"],
                [
                    "询问人",
                    "{{ record.officer.full_name }}（执法证号 {{ record.officer.enforcement_certificate_number }}）　"
                    "{{ record.co_officer.full_name }}（执法证号 {{ record.co_officer.enforcement_certificate_number }}）",
                ],
                ["记录人", "{{ record.recorded_by.full_name }}"],
            ],
        ),
        (
            "p",
            "询问人：我们是{{ organ.name }}的劳动保障监察员，这是我们的执法证件（出示）。现依法向你了解有关情况，你应当如实回答。"
            "你有权申请回避，对与本案无关的问题有权拒绝回答。听清楚了吗？",
        ),
        ("p", "{{ record.content }}"),
        ("p", "（以上笔录已向被询问人宣读（或者由其阅读），被询问人确认无误。）"),
        ("to", "被询问人签名：　　　　　　询问人签名：　　　　　　记录人签名："),
        ("footer", "被询问人签名：　　　　　　询问人签名："),
    ],
    "inspection_record": [
        (
            "table",
            [
                ["案号", CASE_NO],
                [
                    "检查时间",
                    "{{ record_held_on_cn }}{{ inputs.started_at or '　　时　　分' }}至{{ inputs.ended_at or '　　时　　分' }}",
                ],
                ["检查地点", "{{ record.place }}"],
                ["被检查单位", "{{ employer.name }}（法定代表人：{{ employer.legal_representative }}）"],
                ["现场负责人", "{{ record.subject }}"],
                [
                    "检查人",
                    "{{ record.officer.full_name }}（执法证号 {{ record.officer.enforcement_certificate_number }}）　"
                    "{{ record.co_officer.full_name }}（执法证号 {{ record.co_officer.enforcement_certificate_number }}）",
                ],
                ["记录人", "{{ record.recorded_by.full_name }}"],
            ],
        ),
        ("p", "检查人员向现场负责人出示了执法证件，说明了检查的依据和事项。检查情况如下："),
        ("p", "{{ record.content }}"),
        ("p", "（以上笔录已交现场负责人核对，确认无误。）"),
        ("to", "现场负责人签名：　　　　　　检查人签名：　　　　　　记录人签名："),
        ("footer", "现场负责人签名：　　　　　　检查人签名："),
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
    "extension_notice": [
        ("to", "{{ case.complainant_name }}："),
        COMPLAINANT_CASE,
        (
            "p",
            "因案件情况复杂，经本机关负责人批准，依据{{ extension_basis }}的规定，本案办案期限延长三十个工作日"
            "{% if extended_until_cn %}，至{{ extended_until_cn }}届满{% endif %}。",
        ),
        ("p", "特此通知。"),
        CONTACT,
        SIGN,
    ],
    "suspension_notice": [
        ("to", "{{ case.complainant_name }}："),
        COMPLAINANT_CASE,
        (
            "p",
            "{% if suspension_reason %}因{{ suspension_reason }}，{% endif %}经本机关负责人批准，依据《广东省劳动保障监察条例》"
            "第四十五条的规定，本案{% if suspended_on_cn %}自{{ suspended_on_cn }}起{% endif %}中止计算监察办案时限。"
            "中止原因消除后，本机关将恢复案件办理。",
        ),
        ("p", "特此通知。"),
        CONTACT,
        SIGN,
    ],
    "revocation_approval": [
        (
            "table",
            _approval(
                [
                    ["案号", CASE_NO, "立案日期", "{{ dates.filed_on }}"],
                    ["当事人", "{{ employer.name }}"],
                    ["统一社会信用代码", CREDIT],
                    ["地址", "{{ employer.address }}"],
                    ["案件来源", "{{ case.get_source_display() }}", "收到日期", "{{ dates.received_on }}"],
                    ["案情摘要", "{{ case.summary }}"],
                    ["调查查明的事实", "{{ case.findings }}"],
                    ["撤销立案理由", "{{ inputs.grounds }}"],
                    ["撤销依据", "《广东省劳动保障监察条例》第四十六条第一款"],
                ]
            ),
        ),
    ],
    "revocation_notice": [
        ("to", "{{ case.complainant_name }}："),
        COMPLAINANT_CASE,
        (
            "p",
            "{% if grounds %}经调查，{{ grounds }}{% endif %}依据《广东省劳动保障监察条例》第四十六条的规定，本机关"
            "{% if revoked_on_cn %}于{{ revoked_on_cn }}{% endif %}决定撤销立案。",
        ),
        ("p", "特此告知。"),
        CONTACT,
        SIGN,
    ],
    "penalty_notice": [
        ("to", "{{ employer.name }}："),
        ("p", FILED.replace("立案调查（", "立案调查（") + "经调查查明：{{ facts }}"),
        EVIDENCE,
        (
            "p",
            "你单位的上述行为属于"
            + VIOLATION
            + "的违法行为。依据{{ basis_cited }}和《中华人民共和国行政处罚法》第二十八条"
            "第一款的规定，本机关拟{{ correction }}，并拟对你单位给予以下行政处罚：" + PENALTIES + "。",
        ),
        (
            "p",
            "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位有权进行陈述和申辩。{% if hearing_offered %}"
            "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你单位有权要求举行听证；要求听证的，应当自收到本告知书"
            "之日起五个工作日内向本机关提出，逾期未提出的，视为放弃听证权利。{% endif %}本机关在作出决定前收到的陈述、申辩，"
            "将依法进行复核。",
        ),
        CONTACT,
        SIGN,
    ],
    "handling_notice": [
        ("to", "{{ employer.name }}："),
        ("p", FILED + "经调查查明：{{ facts }}"),
        EVIDENCE,
        (
            "p",
            '{% if outcome == "handling_decision" %}依据{{ pay_basis }}的规定，本机关拟责令你单位限期向下列劳动者支付拖欠的'
            "工资：{% else %}你单位的上述行为属于"
            + VIOLATION
            + "的违法行为。依据{{ rectification_basis }}的规定，本机关拟{{ correction }}。{% endif %}",
        ),
        ("workers", "pay_workers"),
        DEFENCE,
        CONTACT,
        SIGN,
    ],
    "compensation_notice": [
        ("to", "{{ employer.name }}："),
        (
            "p",
            "本机关{% if handling_decided_on_cn %}于{{ handling_decided_on_cn }}{% endif %}作出行政处理决定"
            "{% if handling_number %}（{{ handling_number }}）{% endif %}，责令你单位"
            "{% if handling_comply_by_cn %}于{{ handling_comply_by_cn }}前{% else %}限期{% endif %}向劳动者支付拖欠的工资。"
            "经查，{% if facts %}{{ facts }}{% else %}你单位逾期未足额支付。{% endif %}",
        ),
        (
            "p",
            "依据{{ compensation_basis }}的规定，本机关拟责令你单位按应付金额的{{ proposed_rate_cn }}向下列劳动者加付赔偿金：",
        ),
        ("compensation", None),
        DEFENCE,
        CONTACT,
        SIGN,
    ],
    "waiver": [
        ("to", "{{ organ.name }}："),
        (
            "p",
            "本单位已收到你机关{% if notice_doc %}《{{ notice_title }}》（{{ notice_doc.number }}）{% else %}送达的告知书"
            "{% endif %}，知悉你机关对本单位" + VIOLATION + "一案（案号：" + CASE_NO + "）拟作出的"
            '{% if outcome == "penalty" %}行政处罚{% else %}行政处理决定{% endif %}及其事实、理由和依据，以及本单位依法享有的'
            "陈述、申辩{% if hearing_offered %}和要求听证{% endif %}的权利。",
        ),
        ("p", "本单位经慎重考虑，现明确表示放弃陈述、申辩{% if hearing_offered %}和要求听证{% endif %}的权利。"),
        ("to", "当事人（盖章）：{{ employer.name }}"),
        ("to", "法定代表人或者委托代理人（签名）："),
        ("to", "　　　　年　　月　　日"),
    ],
    "hearing_notice": [
        ("to", "{{ employer.name }}："),
        (
            "p",
            "根据你单位的申请，本机关决定对你单位" + VIOLATION + "一案（案号：" + CASE_NO + "）拟作出的行政处罚"
            "{% if penalties %}（" + '{{ penalties|join("、") }}' + "）{% endif %}举行听证。现将有关事项通知如下：",
        ),
        ("p", "一、听证时间：{{ hearing_on_cn }}；听证地点：{{ inputs.place }}。"),
        (
            "p",
            '二、听证主持人：{{ case.hearing_presider.full_name if case.hearing_presider else "" }}（本机关指定的非本案调查人员）；'
            "调查人员：" + HANDLERS + "。",
        ),
        (
            "p",
            "三、依照《中华人民共和国行政处罚法》第六十四条的规定，除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行。",
        ),
        ("p", "四、你单位认为主持人与本案有直接利害关系的，有权申请回避。"),
        ("p", "五、你单位可以亲自参加听证，也可以委托一至二人代理；委托代理人参加的，应当提交授权委托书。"),
        (
            "p",
            "六、你单位及其代理人无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。",
        ),
        CONTACT,
        SIGN,
    ],
    "hearing_record": [
        (
            "table",
            [
                ["案号", CASE_NO],
                [
                    "案由",
                    '{{ violation.name if violation else "" }}{% if penalties %}（拟'
                    + '{{ penalties|join("、") }}'
                    + "）{% endif %}",
                ],
                ["听证时间", "{{ hearing_held_on_cn }}", "听证机关", "{{ organ.name }}"],
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
        ("footer", "当事人签名：　　　　　　主持人签名："),
    ],
    "penalty_decision": [
        *PARTY,
        ("p", FILED + "{{ heard }}本案现已调查终结。"),
        ("p", "经查明：{{ facts }}"),
        EVIDENCE,
        (
            "p",
            "本机关认为，你单位的上述行为属于"
            + VIOLATION
            + "的违法行为。依据{{ basis_cited }}和《中华人民共和国行政处罚法》"
            "第二十八条第一款的规定，本机关决定：",
        ),
        ("p", "一、{{ correction }}；"),
        ("p", "二、对你单位给予以下行政处罚：" + PENALTIES + "。"),
        (
            "p",
            "{% if money_due %}你单位应当自收到本决定书之日起十五日内，将上述款项缴至指定银行或者通过电子支付系统缴纳"
            "（《中华人民共和国行政处罚法》第六十七条第三款）。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，"
            "并可以依法申请人民法院强制执行（《中华人民共和国行政处罚法》第七十二条第一款）。{% endif %}",
        ),
        (REMEDIES[0], str(REMEDIES[1]).replace("{{ what }}", "决定")),
        ("p", "行政复议或者行政诉讼期间，本决定不停止执行（《中华人民共和国行政处罚法》第七十三条第一款）。"),
        SIGN,
    ],
    "handling_decision": [
        *PARTY,
        ("p", FILED + "{{ heard }}"),
        ("p", "经查明：{{ facts }}"),
        EVIDENCE,
        ("p", "依据{{ pay_basis }}的规定，本机关决定：责令你单位" + DEADLINE + "向下列劳动者支付拖欠的工资："),
        ("workers", None),
        (
            "p",
            "逾期不支付的，本机关将依据{{ compensation_basis }}的规定，责令你单位按应付金额百分之五十以上一倍以下的标准向劳动者"
            "加付赔偿金。",
        ),
        (REMEDIES[0], str(REMEDIES[1]).replace("{{ what }}", "决定")),
        SIGN,
    ],
    "compensation_decision": [
        *PARTY,
        (
            "p",
            "本机关{% if handling_decided_on_cn %}于{{ handling_decided_on_cn }}{% endif %}作出行政处理决定"
            "{% if handling_number %}（{{ handling_number }}）{% endif %}，责令你单位"
            "{% if handling_comply_by_cn %}于{{ handling_comply_by_cn }}前{% else %}限期{% endif %}向劳动者支付拖欠的工资"
            "（案号：" + CASE_NO + "）。{{ heard }}",
        ),
        ("p", "经查明：{{ facts }}"),
        EVIDENCE,
        (
            "p",
            "依据{{ compensation_basis }}的规定，本机关决定：责令你单位{% if compensation_by_cn %}于{{ compensation_by_cn }}前"
            "{% else %}立即{% endif %}向下列劳动者加付赔偿金{% if rate_cn %}（按应付金额的{{ rate_cn }}计算）{% endif %}：",
        ),
        ("compensation", None),
        (REMEDIES[0], str(REMEDIES[1]).replace("{{ what }}", "决定")),
        SIGN,
    ],
    "rectification_order": [
        ("to", "{{ employer.name }}："),
        ("p", FILED + "{{ heard }}经查明：{{ facts }}"),
        EVIDENCE,
        (
            "p",
            "你单位的上述行为属于"
            + VIOLATION
            + "的违法行为。依据{{ rectification_basis }}的规定，现{{ correction }}，并将整改情况书面报送本机关。",
        ),
        ("p", "逾期不改正的，本机关将依法处理。"),
        (REMEDIES[0], str(REMEDIES[1]).replace("{{ what }}", "指令")),
        CONTACT,
        SIGN,
    ],
    "service_receipt": [
        (
            "table",
            [
                ["案号", CASE_NO],
                ["送达文书", "《{{ served_title }}》{{ served.number }}"],
                ["受送达人", "{{ employer.name }}"],
                ["送达地点", "{{ employer.address }}"],
                ["送达方式", "{{ receipt_method }}", "送达人", HANDLERS],
                ["受送达人签收", "签名（盖章）：　　　　　　年　　月　　日"],
                ["代收人及代收理由", ""],
                ["备注", ""],
            ],
        ),
        ("to", "送达人签名：　　　　　　　　　　见证人签名："),
        ("to", "送达机关：{{ organ.name }}"),
    ],
    "crime_transfer": [
        ("to", "{{ inputs.police }}："),
        (
            "p",
            "本机关在查处{{ employer.name }}（统一社会信用代码："
            + CREDIT
            + "；法定代表人：{{ employer.legal_representative }}）"
            + VIOLATION
            + "一案（案号："
            + CASE_NO
            + "）中，发现其行为涉嫌犯罪。",
        ),
        ("p", "经查：{{ case.findings or case.summary }}"),
        (
            "p",
            "{% if workers %}经本机关责令支付，截至本移送书发出之日，该单位仍拖欠 {{ workers|length }} 名劳动者劳动报酬合计人民币 "
            "{{ total_unpaid }} 元。{% endif %}",
        ),
        EVIDENCE,
        (
            "p",
            "本案经本机关{% if transfer_approved_on_cn %}于{{ transfer_approved_on_cn }}{% endif %}批准移送。"
            "依据《中华人民共和国行政处罚法》第二十七条第一款和《行政执法机关移送涉嫌犯罪案件的规定》第三条、第五条、第六条的规定，"
            "现将该案移送你单位，请依法审查，在本移送书回执上签字，并将是否立案的决定书面告知本机关"
            "（《行政执法机关移送涉嫌犯罪案件的规定》第七条、第八条）。",
        ),
        ("to", "随案移送材料："),
        ("p", "1．涉嫌犯罪案件情况的调查报告{% if transfer_report %}：{{ transfer_report }}{% endif %}"),
        ("p", '2．涉案物品清单：{{ transfer_items or "无" }}'),
        ("p", "3．证据材料（见上列证据）"),
        ("p", "{% if inputs.enclosures %}4．{{ inputs.enclosures }}{% endif %}"),
        CONTACT,
        SIGN,
    ],
    "closing_approval": [
        (
            "table",
            _approval(
                [
                    ["案号", CASE_NO, "立案日期", "{{ dates.filed_on }}"],
                    ["当事人", "{{ employer.name }}"],
                    ["统一社会信用代码", CREDIT],
                    ["案件来源", "{{ case.get_source_display() }}", "收到日期", "{{ dates.received_on }}"],
                    ["违法行为", '{{ violation.name if violation else "" }}'],
                    ["查明的违法事实", "{{ case.findings }}"],
                    [
                        "处理决定",
                        "{% for d in decisions %}{{ d.on }} {{ d.label }}{% if d.number %}（{{ d.number }}）{% endif %}"
                        "{% if d.penalties %}：{{ d.penalties }}{% endif %}{% if not loop.last %}；{% endif %}"
                        "{% else %}撤销立案{% endfor %}",
                    ],
                    ["送达日期", "{{ dates.served_on }}", "结案日期", "{{ dates.closed_on }}"],
                    [
                        "履行情况",
                        "{% if dates.fine_paid_on %}罚款已于 {{ dates.fine_paid_on }} 缴纳。{% endif %}"
                        "{% if dates.correction_verified_on %}已于 {{ dates.correction_verified_on }} 复查整改情况。{% endif %}"
                        "{% if dates.court_enforcement_applied_on %}已于 {{ dates.court_enforcement_applied_on }} 申请人民法院强制执行。"
                        "{% endif %}{% if workers %}工资尚欠合计 {{ total_unpaid }} 元。{% endif %}",
                    ],
                ]
            ),
        ),
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


def _workers(doc: DocxDocument, rows: str = "workers") -> None:
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("序号", "姓名", "应付金额（元）", "已支付（元）", "尚欠（元）"), strict=True
    ):
        _cell(cell, text, bold=True)
    _cell(table.rows[1].cells[0], f"{{%tr for w in {rows} %}}")
    row = table.rows[2].cells
    for cell, text in zip(
        row, ("{{ loop.index }}", "{{ w.name }}", "{{ w.owed }}", "{{ w.paid }}", "{{ w.unpaid }}"), strict=True
    ):
        _cell(cell, text)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    total = table.add_row().cells
    _cell(total[0].merge(total[3]), "合计")
    _cell(total[4], "{{ total_unpaid }}")


def _compensation(doc: DocxDocument) -> None:
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    headers = ("序号", "姓名", "逾期未支付的工资（元）", "加付赔偿金（元）")
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, text, bold=True)
    _cell(table.rows[1].cells[0], "{%tr for w in compensation %}")
    row = table.rows[2].cells
    for cell, text in zip(
        row, ("{{ loop.index }}", "{{ w.name }}", "{{ w.unpaid }}", "{{ w.compensation }}"), strict=True
    ):
        _cell(cell, text)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    total = table.add_row().cells
    _cell(total[0].merge(total[2]), "合计")
    _cell(total[3], "{{ compensation_total }}")


def _evidence(doc: DocxDocument) -> None:
    """行政处罚法 第五十九条第一款第（二）项: the evidence on file, one paragraph each."""
    _paragraph(doc, "{% if evidence %}上述事实有以下证据证实：{% endif %}", indent=True)
    _paragraph(doc, "{%p for item in evidence %}", indent=False)
    _paragraph(doc, "{{ loop.index }}. {{ item }}{% if loop.last %}。{% else %}；{% endif %}", indent=True)
    _paragraph(doc, "{%p endfor %}", indent=False)


def _footer(doc: DocxDocument, text: str) -> None:
    """A record is signed on every page: the signatures in the page footer."""
    footer = doc.sections[0].footer.paragraphs[0]
    _font(footer.add_run(text), BODY_FONT, 12)


def build(code: str) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    kind = BY_CODE[code]
    organ = doc.add_paragraph()
    organ.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if code in PARTY_STATEMENTS:  # the party's own statement: not headed by the organ's name
        pass
    elif kind.numbered:  # an outgoing document: the organ in red, the 文号, the red rule
        _font(organ.add_run("{{ organ.name }}"), TITLE_FONT, 26, bold=True, color=RED)
        number = _paragraph(doc, "{{ number }}", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        _red_rule(number)
    else:  # an internal form or a record: the organ's name in black, no 文号, no seal
        _font(organ.add_run("{{ organ.name }}"), BODY_FONT, 18)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(16)
    title.paragraph_format.space_after = Pt(16)
    _font(title.add_run(BY_CODE[code].title), TITLE_FONT, 22, bold=True)
    for block, value in OUTLINES[code]:
        if block == "to":
            _paragraph(doc, str(value), indent=False)
        elif block == "p":
            _paragraph(doc, str(value), indent=True)
        elif block == "table":
            assert isinstance(value, list)
            _table(doc, value)
        elif block == "workers":
            _workers(doc, str(value or "workers"))
        elif block == "compensation":
            _compensation(doc)
        elif block == "evidence":
            _evidence(doc)
        elif block == "footer":
            _footer(doc, str(value))
        elif block == "sign":
            doc.add_paragraph()
            for line in ("（印章）", "{{ organ.name }}", "{{ date_cn }}"):
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
