"""Writes the Word templates of the reconsideration and litigation documents (fazhi/remedies/templates/remedies/
documents/<type>.docx) with the layout of tools/make_docx_templates.py. Run once when a type is added
(`.venv/bin/python tools/make_remedy_docx_templates.py`); after that the .docx files are the source."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_docx_templates as base  # (sets up Django)

from fazhi.remedies.documents import DOCUMENT_TYPES, TEMPLATES

ORGAN_LINE = "{{ organ.name }}{% if organ.address %}，住所：{{ organ.address }}{% endif %}"
HEAD = "{% if inputs.head %}法定代表人（负责人）：{{ inputs.head }}{% endif %}"
CHALLENGED = "{{ challenged_title }}{% if challenged_number %}（{{ challenged_number }}）{% endif %}"
GROUNDS = [
    ("p", "{%p for paragraph in grounds_paragraphs %}"),
    ("p", "{{ paragraph }}"),
    ("p", "{%p endfor %}"),
]
ANSWER: list[base.Block] = [
    ("to", "被申请人：" + ORGAN_LINE),
    ("to", HEAD),
    ("to", "申请人：{{ remedy.applicant }}"),
    ("to", "{{ remedy.organ }}："),
    (
        "p",
        "申请人{{ remedy.applicant }}不服被申请人于{{ decided_on_cn }}作出的" + CHALLENGED + "，于{{ applied_on_cn }}"
        "向你机关申请行政复议。被申请人于{{ copy_received_on_cn }}收到行政复议申请书副本，"
        "现依照《中华人民共和国行政复议法》第四十八条的规定，答复如下：",
    ),
    ("p", "一、被申请人认定的事实"),
    ("p", "{{ facts }}"),
    base.EVIDENCE,
    ("p", "二、答复意见"),
    *GROUNDS,
    (
        "p",
        "综上，被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。{{ inputs.request }}。",
    ),
    ("to", "附：作出行政行为的证据、依据和其他有关材料"),
    base.SIGN,
]
DEFENCE: list[base.Block] = [
    ("to", "答辩人：" + ORGAN_LINE),
    ("to", HEAD),
    ("to", "被答辩人：{{ remedy.appellant or remedy.plaintiff }}"),
    ("to", "{% if remedy.co_defendant %}共同被告：{{ remedy.co_defendant }}{% endif %}"),
    (
        "p",
        "{% if remedy.appellant %}上诉人{{ remedy.appellant }}不服第一审裁判，提起上诉"
        "{% else %}原告{{ remedy.plaintiff }}不服答辩人于{{ decided_on_cn }}作出的" + CHALLENGED + "，"
        "于{{ filed_on_cn }}提起行政诉讼{% endif %}。答辩人于{{ copy_received_on_cn }}收到副本，"
        "现依照《中华人民共和国行政诉讼法》第六十七条第一款的规定，提出答辩如下：",
    ),
    ("p", "一、答辩人认定的事实"),
    ("p", "{{ facts }}"),
    base.EVIDENCE,
    ("p", "二、答辩意见"),
    *GROUNDS,
    ("p", "综上，答辩人作出的行政行为认定事实清楚，证据确凿，适用法律、法规正确，符合法定程序。{{ inputs.request }}。"),
    ("to", "此致"),
    ("to", "{{ remedy.court }}"),
    ("to", "附：作出行政行为的证据和所依据的规范性文件"),
    base.SIGN,
]
APPEARANCE: list[base.Block] = [
    (
        "table",
        [
            ["人民法院", "{{ remedy.court }}", "案号", "{{ remedy.court_number }}"],
            ["审级", "{{ remedy.instance_label }}", "开庭日期", "{{ hearing_on_cn }}"],
            ["原告（上诉人）", "{{ remedy.appellant or remedy.plaintiff }}"],
            ["被诉行政行为", CHALLENGED],
            ["出庭情况", "{{ appearance_label }}"],
            ["出庭人员", "{{ remedy.appeared_name }}", "职务", "{{ remedy.appeared_title }}"],
            ["负责人未出庭的理由", '{{ remedy.head_absence_reason or "—" }}'],
            ["填表人", "", "填表日期", "{{ date_cn }}"],
        ],
    ),
]
OUTLINES = {
    "reconsideration_answer": ANSWER,
    "litigation_defence": DEFENCE,
    "appeal_defence": DEFENCE,
    "court_appearance": APPEARANCE,
}


def main() -> None:
    base.OUTLINES.update(OUTLINES)
    for kind in DOCUMENT_TYPES:
        out = TEMPLATES / Path(kind.docx_template).parent
        base.OUT = out
        built = base.build(kind.code)
        target = out / Path(kind.docx_template).name
        if built != target:
            built.replace(target)
        print(target)


if __name__ == "__main__":
    main()
