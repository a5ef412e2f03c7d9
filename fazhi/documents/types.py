"""The kinds of document (文书) the bureau issues: title, number, when each may be issued, to whom, its template.

An outgoing document is numbered `<organ prefix><kind prefix>〔year〕n号`: the organ's 发文机关代字 comes from the
case's deciding organ (fazhi.documents.organ: 深福人力 for a 福田 case, 深人社 for the city bureau's), the kind's part
from this table (监罚 → 深福人力监罚〔2026〕12号). Internal approval forms (审批表) and records (笔录, the party's
waiver) are not outgoing documents: they carry no 文号, no red header and no seal. A deployment elsewhere changes
this table (and the templates beside it), not the code.

The states are those of procedure version 2 (fazhi/cases/states.py, the steps in fazhi/cases/procedure/): the notice
(告知书) is issued in NOTICE, before `serve_notice` records its service; a decision document renders one Decision row
of the case (the latest of its outcome unless another is chosen), so it is issued once decided.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi.accounts.models import Role
from fazhi.cases.models import Case, Decision
from fazhi.cases.states import OPEN_INVESTIGATION_STATES, State
from fazhi.documents import readiness
from fazhi.rules.identifiers import validate_id_number

if TYPE_CHECKING:
    from django.db.models import QuerySet

# Who may issue: the staff who work cases (the supervisor watches, the 三员 administer; neither issues).
ISSUERS = frozenset({Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL})


MAX_LINE = 200
MAX_TEXT = 2000
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{1,2}[:：]\d{2}")
_PHONE = re.compile(r"[0-9\-（）() ]{5,20}")

# Who a document is for: the employer (the party: the complainant's identity is kept from it), the complainant, another
# organ (the police, the competent bureau), or the file itself (approval forms).
PARTY, COMPLAINANT, ORGAN, FILE = "party", "complainant", "organ", "file"
# Records of what a person said, which name them: not the employer's copy of anything, whoever they are addressed to.
PERSONS_HEARD = frozenset({"inquiry_record", "inspection_record", "hearing_record"})

AFTER_DECISION = frozenset({State.SERVICE, State.PERFORMANCE, State.CLOSING_REVIEW})


@dataclass(frozen=True)
class DocumentInput:
    """A value the issuer types when issuing (the time and place of an inquiry, the police organ of a transfer):
    it is not in the case's data. Stored with the document and shown to its template as `inputs.<name>`."""

    name: str
    label: str
    # "line" (one line, ≤200 characters) | "text" (≤2000) | "date" (on or after today) | "time" (9:30) |
    # "id_number" (a valid 居民身份证号码) | "phone"
    kind: str = "line"
    required: bool = True
    default: str = ""


@dataclass(frozen=True)
class DocumentType:
    code: str
    title: str
    prefix: str  # the kind's part of the 文号 (监罚 → 深福人力监罚〔2026〕12号); unused when not numbered
    states: frozenset[State]
    template: str  # the HTML for the PDF; the Word template is the same path ending in .docx
    outcomes: frozenset[str] = frozenset()  # when set, only cases (or decisions) with one of these outcomes
    inputs: tuple[DocumentInput, ...] = ()
    record_kind: str = ""  # when set, one document per investigation record of this kind (调查询问 / 现场检查)
    # When the case's data is not yet there (the hearing date before the hearing notice): the Chinese reason.
    needs: Callable[[Case], str] | None = None
    numbered: bool = True  # an outgoing document with a 文号, the red header and the seal
    to: str = PARTY  # PARTY | COMPLAINANT | ORGAN | FILE
    per_decision: bool = False  # renders one Decision of the case whose outcome is in `outcomes`
    of_service: bool = False  # a proof of service (送达回证): one per document served
    # A type contributed by a later app (`plug_in_types`): the folder of its Word template ("" → this app's).
    template_root: str = ""

    def extra_context(self, case: Case, decision: Decision | None, inputs: Mapping[str, str]) -> dict[str, Any]:
        """What a later app's type adds to the rendering context (a subclass overrides it)."""
        return {}

    @property
    def for_the_employer(self) -> bool:
        """Whether the issued file is the one the employer holds: addressed to the party, rendered with the
        complainant's identity kept from it (`render.for_the_employer`), and no record of what a person said (a 笔录 or
        the hearing record names who was heard). Readers who do not handle the case get only these (ADR 0016)."""
        return self.to == PARTY and not self.record_kind and self.code not in PERSONS_HEARD

    def number(self, organ_prefix: str, year: int, n: int) -> str:
        return f"{organ_prefix}{self.prefix}〔{year}〕{n}号"

    @property
    def docx_template(self) -> str:
        return self.template.removesuffix(".html") + ".docx"

    def outcome_of(self, case: Case) -> str:
        """The outcome this type is asked about: the one proposed before a decision, else the decided one."""
        if case.state in readiness.BEFORE_DECISION:
            return case.proposed_outcome
        return case.decision_outcome or case.proposed_outcome

    def decisions(self, case: Case) -> QuerySet[Decision]:
        """The case's decisions this type can render, oldest first."""
        return Decision.objects.filter(case=case, outcome__in=self.outcomes).order_by("sequence")

    def not_ready(self, case: Case) -> str:
        """Why this type cannot be issued for `case` now ("" when it can)."""
        if case.state not in self.states:
            return f"案件当前阶段不能制发{self.title}。"
        if self.per_decision:
            if not self.decisions(case).exists():
                return f"本案没有需要制发{self.title}的决定。"
        elif self.outcomes and self.outcome_of(case) not in self.outcomes:
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
        value = raw.get(spec.name, spec.default or None)  # absent: the type's default
        text = value.strip() if isinstance(value, str) else ""
        values[spec.name] = text
        if value is not None and not isinstance(value, str):
            problems[spec.name] = f"{spec.label}必须是文字"
        elif not text:
            if spec.required:
                problems[spec.name] = f"请填写{spec.label}"
        elif spec.kind == "text":
            if len(text) > MAX_TEXT:
                problems[spec.name] = f"{spec.label}不能超过 {MAX_TEXT} 个字"
        elif "\n" in text or len(text) > MAX_LINE:
            problems[spec.name] = f"{spec.label}应在一行内，不超过 {MAX_LINE} 个字"
        else:
            problem = _problem(spec, text, today)
            if problem:
                problems[spec.name] = problem
    return values, problems


def _problem(spec: DocumentInput, text: str, today: dt.date) -> str:
    if spec.kind == "date":
        return _date_problem(spec, text, today)
    if spec.kind == "time" and not _TIME.fullmatch(text):
        return f"{spec.label}请按“时:分”填写，如 9:30"
    if spec.kind == "id_number":
        problems = validate_id_number(text, today=today)
        return f"{spec.label}：{problems[0]}" if problems else ""
    if spec.kind == "phone" and not _PHONE.fullmatch(text):
        return f"{spec.label}请填写电话号码"
    return ""


def _date_problem(spec: DocumentInput, text: str, today: dt.date) -> str:
    if not _DATE.fullmatch(text):
        return f"{spec.label}请按“年-月-日”填写，如 2026-03-09"
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return f"{spec.label}：没有这一天，请核对"
    return f"{spec.label}不能早于今天" if day < today else ""


NOTICE_OUTCOMES = frozenset({"penalty", "handling_decision", "rectification", "additional_compensation"})
SERVICE_STATES = frozenset(
    {State.NOTICE, State.HEARING, State.DECISION, State.SERVICE, State.PERFORMANCE, State.CLOSING_REVIEW}
)

# In the order a case meets them (the case page offers them in this order).
DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    # The filing approval form: for a report or the bureau's own discovery before `approve_filing`; for a complaint
    # the acceptance is the filing (广东条例 第三十六条第一款), and the form records it afterwards.
    DocumentType(
        "filing_approval",
        "立案审批表",
        "",
        frozenset({State.FILING_REVIEW, State.INVESTIGATING}),
        "documents/filing_approval.html",
        numbered=False,
        to=FILE,
    ),
    # 广东条例 第三十三条第二款: a report outside the bureau's jurisdiction is sent to the competent bureau within 5
    # working days of its receipt (step `refer_report`).
    DocumentType(
        "referral_letter",
        "举报移送函",
        "监移函",
        frozenset({State.REFERRED}),
        "documents/referral_letter.html",
        inputs=(DocumentInput("receiver", "移送的人力资源社会保障行政部门", required=False),),
        needs=readiness.referred,
        to=ORGAN,
    ),
    # 劳动保障监察条例 第十五条第（二）项 (questioning those concerned) and 第（三）项 (asking for documents and an
    # explanation): the notice says when and where to come and what to bring.
    DocumentType(
        "inquiry_notice",
        "询问通知书",
        "监询",
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
    # 行政处罚法 第五十五条; 劳动保障监察条例 第十五条第（二）项、第十六条: the written record of an inquiry, signed on
    # each page by the person questioned and by the two officers. The times and the person's identity are typed at
    # issue (left blank to be written in by hand when not known).
    DocumentType(
        "inquiry_record",
        "调查询问笔录",
        "",
        frozenset({State.INVESTIGATING, State.PROPOSAL_REVIEW}),
        "documents/inquiry_record.html",
        record_kind="inquiry",
        numbered=False,
        inputs=(
            DocumentInput("started_at", "询问开始时间", "time", required=False),
            DocumentInput("ended_at", "询问结束时间", "time", required=False),
            DocumentInput("id_number", "被询问人身份证号码", "id_number", required=False),
            DocumentInput("phone", "被询问人联系电话", "phone", required=False),
        ),
    ),
    # 劳动保障监察条例 第十五条第（一）项、第十六条: the inspection of the workplace by two officers.
    DocumentType(
        "inspection_record",
        "现场检查笔录",
        "",
        frozenset({State.INVESTIGATING, State.PROPOSAL_REVIEW}),
        "documents/inspection_record.html",
        record_kind="inspection",
        numbered=False,
        inputs=(
            DocumentInput("started_at", "检查开始时间", "time", required=False),
            DocumentInput("ended_at", "检查结束时间", "time", required=False),
        ),
    ),
    # 行政处罚法 第五十六条: evidence preserved with the approval of the organ's 负责人, decided within 7 working days.
    DocumentType(
        "preservation_notice",
        "先行登记保存通知书",
        "监保",
        frozenset({State.INVESTIGATING}),
        "documents/preservation_notice.html",
        needs=readiness.preserved,
    ),
    # 广东条例 第四十四条第二款: the extension of a complaint case is notified to the complainant in writing.
    DocumentType(
        "extension_notice",
        "延长办案期限通知书",
        "监延",
        OPEN_INVESTIGATION_STATES,
        "documents/extension_notice.html",
        needs=readiness.extended,
        to=COMPLAINANT,
    ),
    # 广东条例 第四十五条第二款: the suspension is notified to the complainant within 3 working days of its approval.
    DocumentType(
        "suspension_notice",
        "中止调查通知书",
        "监止",
        OPEN_INVESTIGATION_STATES,
        "documents/suspension_notice.html",
        needs=readiness.suspended,
        to=COMPLAINANT,
    ),
    # 广东条例 第四十六条: the request to revoke the filing, issued where `revoke_filing` may be taken.
    DocumentType(
        "revocation_approval",
        "撤销立案审批表",
        "",
        frozenset({State.INVESTIGATING, State.DECISION}),
        "documents/revocation_approval.html",
        inputs=(DocumentInput("grounds", "撤销立案的理由（事实及所属情形）", "text"),),
        numbered=False,
        to=FILE,
    ),
    # 广东条例 第四十六条第二款: the complainant is told that the filing was revoked (step `notify_revocation`).
    DocumentType(
        "revocation_notice",
        "撤销立案告知书",
        "监撤",
        frozenset({State.CLOSING_REVIEW, State.CLOSED}),
        "documents/revocation_notice.html",
        inputs=(DocumentInput("grounds", "撤销立案的理由", "text", required=False),),
        needs=readiness.revoked,
        to=COMPLAINANT,
    ),
    # 行政处罚法 第四十四条、第四十五条、第六十三条、第六十四条: facts, grounds, the proposed penalties and the
    # rights to state a defence and to ask for a hearing (within 5 working days of receiving the notice).
    DocumentType(
        "penalty_notice",
        "行政处罚告知书",
        "监告",
        frozenset({State.NOTICE}),
        "documents/penalty_notice.html",
        frozenset({"penalty"}),
    ),
    # 劳动保障监察条例 第十九条; 广东条例 第二十四条第一款: before a 行政处理决定 (an order to pay, to correct) the
    # employer is heard: the notice states the facts, the proposed order and the right to state a defence.
    DocumentType(
        "handling_notice",
        "行政处理事先告知书",
        "监处告",
        frozenset({State.NOTICE}),
        "documents/handling_notice.html",
        frozenset({"handling_decision", "rectification"}),
    ),
    # 劳动保障监察条例 第十九条、第二十六条; 劳动合同法 第八十五条; 广东条例 第二十四条第一款、第五十一条第一款:
    # the notice before 责令加付赔偿金 (proposed by `propose_follow_up`), with the proposed rate of the amounts due.
    DocumentType(
        "compensation_notice",
        "加付赔偿金事先告知书",
        "监赔告",
        frozenset({State.NOTICE}),
        "documents/compensation_notice.html",
        frozenset({"additional_compensation"}),
    ),
    # 行政处罚法 第六十二条: the party's own written, express waiver of its statement and defence (and hearing); a form
    # the party signs, kept on file (step `close_notice` names it).
    DocumentType(
        "waiver",
        "放弃陈述申辩（听证）权利声明书",
        "",
        frozenset({State.NOTICE}),
        "documents/waiver.html",
        NOTICE_OUTCOMES,
        numbered=False,
    ),
    # 行政处罚法 第六十四条: notice of the hearing's date and presider, 7 days ahead, with the party's rights.
    DocumentType(
        "hearing_notice",
        "听证通知书",
        "监听",
        frozenset({State.HEARING}),
        "documents/hearing_notice.html",
        frozenset({"penalty"}),
        inputs=(DocumentInput("place", "听证地点", default="本机关听证室"),),
        needs=readiness.hearing_scheduled,
    ),
    # 行政处罚法 第六十四条第一款第（八）项: the hearing record, read to the parties and signed.
    DocumentType(
        "hearing_record",
        "听证笔录",
        "",
        frozenset({State.LEGAL_REVIEW, State.DECISION, State.SERVICE, State.PERFORMANCE, State.CLOSING_REVIEW}),
        "documents/hearing_record.html",
        frozenset({"penalty"}),
        needs=readiness.hearing_held,
        numbered=False,
    ),
    # 行政处罚法 第五十九条: the content of a penalty decision (facts and evidence, the penalties and their basis, how
    # and when to perform, the remedies, the organ and the date, its seal); 第二十八条第一款: with the order to correct.
    DocumentType(
        "penalty_decision",
        "行政处罚决定书",
        "监罚",
        AFTER_DECISION,
        "documents/penalty_decision.html",
        frozenset({"penalty"}),
        per_decision=True,
        needs=readiness.decision_content,
    ),
    # 劳动保障监察条例 第二十六条; 广东条例 第五十一条第一款: an order to pay the wages owed, per worker.
    DocumentType(
        "handling_decision",
        "行政处理决定书",
        "监处",
        AFTER_DECISION,
        "documents/handling_decision.html",
        frozenset({"handling_decision"}),
        per_decision=True,
    ),
    # 劳动保障监察条例 第二十六条; 劳动合同法 第八十五条; 广东条例 第五十一条第一款: 责令加付赔偿金 is a 行政处理决定
    # of its own (a decision of the case with outcome "additional_compensation").
    DocumentType(
        "compensation_decision",
        "行政处理决定书（加付赔偿金）",
        "监赔",
        AFTER_DECISION,
        "documents/compensation_decision.html",
        frozenset({"additional_compensation"}),
        per_decision=True,
    ),
    # 劳动保障监察条例 第十八条第一款第（二）项; 行政处罚法 第二十八条: the order to correct by `comply_by`.
    DocumentType(
        "rectification_order",
        "限期整改指令书",
        "监令",
        AFTER_DECISION,
        "documents/rectification_order.html",
        frozenset({"rectification"}),
        per_decision=True,
    ),
    # 行政处罚法 第六十一条; 广东条例 第四十七条; 民事诉讼法 第八十七条: the receipt the party signs for one document
    # served.
    DocumentType(
        "service_receipt",
        "送达回证",
        "",
        SERVICE_STATES,
        "documents/service_receipt.html",
        numbered=False,
        of_service=True,
        needs=readiness.something_served,
    ),
    # 行政处罚法 第二十七条; 行政执法机关移送涉嫌犯罪案件的规定 第五条、第六条: the transfer to the same-level public
    # security organ, in the deciding organ's name, once the principal head approved it (the transfer track,
    # fazhi/cases/procedure/transfer.py; `send_transfer` needs it issued), with the report, the 涉案物品清单 and the
    # evidence on file. The states are those the track runs in (and, for version 1 cases, those after the decision).
    DocumentType(
        "crime_transfer",
        "涉嫌犯罪案件移送书",
        "监移",
        OPEN_INVESTIGATION_STATES | AFTER_DECISION,
        "documents/crime_transfer.html",
        inputs=(
            DocumentInput("police", "移送的公安机关（同级公安机关）"),
            DocumentInput(
                "items",
                "涉案物品清单（名称、数量、存放地点）",
                "text",
                required=False,
            ),
            DocumentInput(
                "enclosures",
                "随案移送的其他材料",
                "text",
                required=False,
                default="有关检验报告或者鉴定结论；其他有关涉嫌犯罪的材料",
            ),
        ),
        needs=readiness.transfer_approved,
        to=ORGAN,
    ),
    # The closing approval is the bureau's internal control (no article prescribes it; 广东条例 第四十八条 is the
    # filing of a decision with the superior department, not the closing).
    DocumentType(
        "closing_approval",
        "结案审批表",
        "",
        frozenset({State.CLOSING_REVIEW, State.CLOSED}),
        "documents/closing_approval.html",
        numbered=False,
        to=FILE,
    ),
)

BY_CODE: dict[str, DocumentType] = {t.code: t for t in DOCUMENT_TYPES}


def plug_in_types() -> None:
    """Add the types a later app names in its app config (`document_types`: the dotted path of a sequence of
    DocumentType) to BY_CODE, so that they are issued, numbered, stored and downloaded like this app's own; they are not
    offered on the case page (DOCUMENT_TYPES), their app issues them. Called by this app's `ready`."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    for config in apps.get_app_configs():
        path = getattr(config, "document_types", "")
        if isinstance(path, str) and path:
            for kind in import_string(path):
                if BY_CODE.setdefault(kind.code, kind) is not kind:
                    raise ValueError(f"document type {kind.code} is defined twice")


# The documents served on the party (a 送达回证 records the service of one of them): the notices and decisions.
SERVED_TYPES = frozenset(t.code for t in DOCUMENT_TYPES if t.numbered and t.to == PARTY)
