"""The kinds of document (文书) the bureau issues: title, number prefix, when each may be issued, its template.

The number prefix follows the Shenzhen bureau's pattern 深人社监<kind>〔year〕n号; a deployment elsewhere changes this
table (and the templates beside it), not the code."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from fazhi.accounts.models import Role
from fazhi.cases.models import Case
from fazhi.cases.workflow import State

# Who may issue: the staff who work cases (the supervisor watches, the 三员 administer; neither issues).
ISSUERS = frozenset({Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL})


MAX_LINE = 200
MAX_TEXT = 2000
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DocumentInput:
    """A value the issuer types when issuing (the time and place of an inquiry, the police organ of a transfer):
    it is not in the case's data. Stored with the document and shown to its template as `inputs.<name>`."""

    name: str
    label: str
    kind: str = "line"  # "line" (one line, ≤200 characters) | "text" (≤2000) | "date" (on or after today)
    required: bool = True
    default: str = ""


@dataclass(frozen=True)
class DocumentType:
    code: str
    title: str
    prefix: str  # 文号 prefix: 深人社监罚 → 深人社监罚〔2026〕12号
    states: frozenset[State]
    template: str  # the HTML for the PDF; the Word template is the same path ending in .docx
    outcomes: frozenset[str] = frozenset()  # when set, only cases with this (proposed or decided) outcome
    inputs: tuple[DocumentInput, ...] = ()
    record_kind: str = ""  # when set, one document per investigation record of this kind (调查询问 / 现场检查)
    # When the case's data is not yet there (the hearing date before the hearing notice): the Chinese reason.
    needs: Callable[[Case], str] | None = None

    def number(self, year: int, n: int) -> str:
        return f"{self.prefix}〔{year}〕{n}号"

    @property
    def docx_template(self) -> str:
        return self.template.removesuffix(".html") + ".docx"

    def not_ready(self, case: Case) -> str:
        """Why this type cannot be issued for `case` now ("" when it can)."""
        if case.state not in self.states:
            return f"案件当前阶段不能制发{self.title}。"
        outcome = case.decision_outcome or case.proposed_outcome
        if self.outcomes and outcome not in self.outcomes:
            return f"本案的处理意见不需要制发{self.title}。"
        return self.needs(case) if self.needs else ""


def clean_inputs(
    kind: DocumentType, raw: Mapping[str, object], today: dt.date
) -> tuple[dict[str, str], dict[str, str]]:
    """(the typed values, the problems by input name, in Chinese). Values are kept as typed (stripped) so a form
    can show them again."""
    values: dict[str, str] = {}
    problems: dict[str, str] = {}
    for spec in kind.inputs:
        value = raw.get(spec.name)
        text = value.strip() if isinstance(value, str) else ""
        values[spec.name] = text
        if value is not None and not isinstance(value, str):
            problems[spec.name] = f"{spec.label}必须是文字"
        elif not text:
            if spec.required:
                problems[spec.name] = f"请填写{spec.label}"
        elif spec.kind == "line" and ("\n" in text or len(text) > MAX_LINE):
            problems[spec.name] = f"{spec.label}应在一行内，不超过 {MAX_LINE} 个字"
        elif spec.kind == "text" and len(text) > MAX_TEXT:
            problems[spec.name] = f"{spec.label}不能超过 {MAX_TEXT} 个字"
        elif spec.kind == "date":
            problems_date = _date_problem(spec, text, today)
            if problems_date:
                problems[spec.name] = problems_date
    return values, problems


def _date_problem(spec: DocumentInput, text: str, today: dt.date) -> str:
    if not _DATE.fullmatch(text):
        return f"{spec.label}请按“年-月-日”填写，如 2026-03-09"
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return f"{spec.label}：没有这一天，请核对"
    return f"{spec.label}不能早于今天" if day < today else ""


def _hearing_scheduled(case: Case) -> str:
    return "" if case.hearing_on else "请先办理“发出听证通知”，确定听证日期和主持人。"


def _hearing_held(case: Case) -> str:
    return "" if case.hearing_held_on else "听证尚未举行，不能制作听证笔录。"


def _preserved(case: Case) -> str:
    return "" if case.preservation == "preserved" else "先行登记保存须经负责人批准后才能制发通知书。"


# In the order a case meets them (the case page offers them in this order).
DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType(
        "filing_approval",
        "立案审批表",
        "深人社监立",
        frozenset({State.FILING_REVIEW, State.INVESTIGATING}),
        "documents/filing_approval.html",
    ),
    # 广东省劳动保障监察条例 第四十八条: the closing approval (facts, decision, performance, dates).
    # 劳动保障监察条例 第十五条第（一）项: the bureau may question those concerned; the notice says when and where
    # to come and what to bring.
    DocumentType(
        "inquiry_notice",
        "询问通知书",
        "深人社监询",
        frozenset({State.INVESTIGATING}),
        "documents/inquiry_notice.html",
        inputs=(
            DocumentInput("attend_on", "接受询问日期", "date"),
            DocumentInput("attend_time", "接受询问时间", default="上午9时00分"),
            DocumentInput("place", "询问地点"),
            DocumentInput("person", "接受询问人", default="法定代表人或者委托代理人"),
            DocumentInput(
                "materials",
                "须携带的材料",
                "text",
                default="营业执照副本复印件；法定代表人身份证明；劳动合同；职工名册；工资支付记录及考勤记录",
            ),
        ),
    ),
    # 行政处罚法 第五十五条; 劳动保障监察条例 第十五条、第十六条: the written record of an inquiry, signed by the two
    # officers and the person questioned.
    DocumentType(
        "inquiry_record",
        "调查询问笔录",
        "深人社监询笔",
        frozenset({State.INVESTIGATING, State.PROPOSAL_REVIEW}),
        "documents/inquiry_record.html",
        record_kind="inquiry",
    ),
    DocumentType(
        "inspection_record",
        "现场检查笔录",
        "深人社监检笔",
        frozenset({State.INVESTIGATING, State.PROPOSAL_REVIEW}),
        "documents/inspection_record.html",
        record_kind="inspection",
    ),
    # 行政处罚法 第五十六条: evidence preserved with a leader's approval, decided within 7 working days.
    DocumentType(
        "preservation_notice",
        "先行登记保存通知书",
        "深人社监保",
        frozenset({State.INVESTIGATING}),
        "documents/preservation_notice.html",
        needs=_preserved,
    ),
    # 广东省劳动保障监察条例 第四十六条: the request to revoke the filing, issued where revoke_filing may be taken.
    DocumentType(
        "revocation_approval",
        "撤销立案审批表",
        "深人社监撤",
        frozenset({State.INVESTIGATING, State.DECISION}),
        "documents/revocation_approval.html",
        inputs=(DocumentInput("grounds", "撤销立案的理由（事实及所属情形）", "text"),),
    ),
    # 行政处罚法 第四十四条、第四十五条、第六十三条、第六十四条: facts, grounds, the rights to state a defence and
    # to ask for a hearing (within 5 working days of the notice).
    DocumentType(
        "penalty_notice",
        "行政处罚告知书",
        "深人社监告",
        frozenset({State.NOTICE}),
        "documents/penalty_notice.html",
        frozenset({"penalty"}),
    ),
    # 行政处罚法 第六十四条: notice of the hearing's date and presider, 7 days ahead, with the party's rights.
    DocumentType(
        "hearing_notice",
        "听证通知书",
        "深人社监听",
        frozenset({State.HEARING}),
        "documents/hearing_notice.html",
        frozenset({"penalty"}),
        needs=_hearing_scheduled,
    ),
    # 行政处罚法 第六十四条第一款第（八）项: the hearing record, read to the parties and signed.
    DocumentType(
        "hearing_record",
        "听证笔录",
        "深人社监听笔",
        frozenset({State.LEGAL_REVIEW, State.DECISION, State.SERVICE, State.PERFORMANCE, State.CLOSING_REVIEW}),
        "documents/hearing_record.html",
        frozenset({"penalty"}),
        needs=_hearing_held,
    ),
    # 行政处罚法 第五十九条: the content of a penalty decision.
    DocumentType(
        "penalty_decision",
        "行政处罚决定书",
        "深人社监罚",
        frozenset({State.DECISION, State.SERVICE}),
        "documents/penalty_decision.html",
        frozenset({"penalty"}),
    ),
    # 劳动保障监察条例 第三十条: an order to pay the wages owed, per worker.
    DocumentType(
        "handling_decision",
        "行政处理决定书",
        "深人社监处",
        frozenset({State.DECISION, State.SERVICE}),
        "documents/handling_decision.html",
    ),
    # 劳动保障监察条例 第十八条第一款第（二）项; 行政处罚法 第二十八条: the order to correct, by `comply_by` (set by the
    # decision, so issued once decided).
    DocumentType(
        "rectification_order",
        "限期整改指令书",
        "深人社监令",
        frozenset({State.SERVICE, State.PERFORMANCE}),
        "documents/rectification_order.html",
        frozenset({"rectification"}),
    ),
    # 行政处罚法 第六十一条; 民事诉讼法 第八十七条 (the receipt the party signs).
    DocumentType(
        "service_receipt",
        "送达回证",
        "深人社监送",
        frozenset({State.SERVICE, State.PERFORMANCE}),
        "documents/service_receipt.html",
    ),
    # 行政处罚法 第二十七条; 行政执法机关移送涉嫌犯罪案件的规定 第六条、第八条: the transfer to the public security
    # organ, with the case's materials.
    DocumentType(
        "crime_transfer",
        "涉嫌犯罪案件移送书",
        "深人社监移",
        frozenset({State.SERVICE, State.PERFORMANCE, State.CLOSING_REVIEW}),
        "documents/crime_transfer.html",
        frozenset({"transfer_police"}),
        inputs=(
            DocumentInput("police", "移送的公安机关", default="深圳市公安局"),
            DocumentInput(
                "enclosures",
                "随案移送的材料",
                "text",
                default="涉嫌犯罪案件调查报告；涉案物品清单；有关检验报告或者鉴定结论；其他有关涉嫌犯罪的材料",
            ),
        ),
    ),
    DocumentType(
        "closing_approval",
        "结案审批表",
        "深人社监结",
        frozenset({State.CLOSING_REVIEW, State.CLOSED}),
        "documents/closing_approval.html",
    ),
)

BY_CODE: dict[str, DocumentType] = {t.code: t for t in DOCUMENT_TYPES}
