"""The documents of reconsideration and litigation, in the organ's name, with PDF and Word, issued through the
documents app (numbered, stored with their hash, one journal entry each): the 行政复议答复书 (行政复议法 第四十八条),
the 行政诉讼答辩状 of a first instance and of an appeal (行政诉讼法 第六十七条), and the 行政机关负责人出庭应诉情况
登记表 (行政诉讼法 第三条第三款; 行诉解释 第一百二十九条第二款、第一百三十一条). The types are plugged into the
documents app by this app's config (`document_types`); each renders the challenged decision (per_decision) and the
latest record of its kind for that decision."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Decision
from fazhi.cases.outcomes import OUTCOMES
from fazhi.cases.states import State as CaseState
from fazhi.documents.actions import DocumentError, DocumentInputInvalid, DocumentRefused, issue_document
from fazhi.documents.models import Document
from fazhi.documents.types import FILE, ISSUERS, ORGAN, DocumentInput, DocumentType
from fazhi.documents.wording import chinese_date
from fazhi.errors import ActionError
from fazhi.remedies.models import Instance, Litigation, Reconsideration

TEMPLATES = Path(__file__).resolve().parent / "templates"
ANY_STATE = frozenset(CaseState)


def _cn(day: Any) -> str:
    return chinese_date(day) if day else ""


@dataclass(frozen=True)
class RemedyDocumentType(DocumentType):
    """A document of a remedy record: issued whatever the case's stage (a reconsideration may come after closing),
    for a decision that has a record of `record_kind`."""

    remedy: str = "reconsideration"  # "reconsideration" | "first" | "appeal" | "hearing"

    def records(self, decision_ids: Any) -> QuerySet[Any]:
        if self.remedy == "reconsideration":
            return Reconsideration.objects.filter(decision_id__in=decision_ids)
        suits = Litigation.objects.filter(decision_id__in=decision_ids)
        if self.remedy == "hearing":
            return suits.exclude(appearance="")
        return suits.filter(instance=Instance.FIRST if self.remedy == "first" else Instance.APPEAL)

    def decisions(self, case: Case) -> QuerySet[Decision]:
        ids = self.records(Decision.objects.filter(case=case).values("pk")).values("decision_id")
        return Decision.objects.filter(case=case, pk__in=ids).order_by("sequence")

    def not_ready(self, case: Case) -> str:
        if not self.decisions(case).exists():
            what = {"reconsideration": "行政复议", "hearing": "开庭记录"}.get(self.remedy, "行政诉讼")
            return f"本案没有登记{what}，不能制发{self.title}。"
        return ""

    def record_for(self, decision: Decision | None) -> Reconsideration | Litigation | None:
        if decision is None:
            return None
        found = self.records([decision.pk])
        order = ("-hearing_on", "-pk") if self.remedy == "hearing" else ("-pk",)
        record: Reconsideration | Litigation | None = found.order_by(*order).first()
        return record

    def extra_context(self, case: Case, decision: Decision | None, inputs: Mapping[str, str]) -> dict[str, Any]:
        record = self.record_for(decision)
        decision_doc = (
            Document.objects.filter(case=case, decision=decision, supersedes__isnull=True)
            .exclude(doc_type__in=[t.code for t in DOCUMENT_TYPES])
            .defer("pdf", "docx")
            .order_by("-version")
            .first()
            if decision is not None
            else None
        )
        paragraphs = [line.strip() for line in inputs.get("grounds", "").splitlines() if line.strip()]
        return {
            "remedy": record,
            "challenged_title": decision_doc.title
            if decision_doc
            else OUTCOMES.get(decision.outcome if decision else "", "决定"),
            "challenged_number": decision_doc.number if decision_doc else "",
            "grounds_paragraphs": paragraphs,
            "applied_on_cn": _cn(getattr(record, "applied_on", None)),
            "filed_on_cn": _cn(getattr(record, "filed_on", None)),
            "copy_received_on_cn": _cn(getattr(record, "copy_received_on", None)),
            "hearing_on_cn": _cn(getattr(record, "hearing_on", None)),
            "appearance_label": record.get_appearance_display() if record is not None and record.appearance else "",
        }


ANSWER_GROUNDS = DocumentInput("grounds", "答复意见：认定的事实、证据、依据和程序，每段一行", "text")
DEFENCE_GROUNDS = DocumentInput("grounds", "答辩意见：认定的事实、证据、依据和程序，每段一行", "text")
HEAD = DocumentInput("head", "法定代表人（负责人）姓名及职务", required=False)
DOCUMENT_TYPES: tuple[RemedyDocumentType, ...] = (
    # 行政复议法 第四十八条: the written answer, with the evidence, basis and other materials of the decision.
    RemedyDocumentType(
        "reconsideration_answer",
        "行政复议答复书",
        "复答",
        ANY_STATE,
        "remedies/documents/reconsideration_answer.html",
        inputs=(
            HEAD,
            ANSWER_GROUNDS,
            DocumentInput("request", "答复请求", default="请求复议机关依法维持被申请人作出的行政行为"),
        ),
        per_decision=True,
        to=ORGAN,
        template_root=str(TEMPLATES),
        remedy="reconsideration",
    ),
    # 行政诉讼法 第六十七条第一款: the defence with the evidence and normative documents, within 15 days.
    RemedyDocumentType(
        "litigation_defence",
        "行政诉讼答辩状",
        "诉答",
        ANY_STATE,
        "remedies/documents/litigation_defence.html",
        inputs=(
            HEAD,
            DEFENCE_GROUNDS,
            DocumentInput("request", "答辩请求", default="请求人民法院依法驳回原告的诉讼请求"),
        ),
        per_decision=True,
        to=ORGAN,
        template_root=str(TEMPLATES),
        remedy="first",
    ),
    RemedyDocumentType(
        "appeal_defence",
        "行政诉讼答辩状（第二审）",
        "诉二答",
        ANY_STATE,
        "remedies/documents/litigation_defence.html",
        inputs=(
            HEAD,
            DEFENCE_GROUNDS,
            DocumentInput("request", "答辩请求", default="请求人民法院依法驳回上诉，维持原判"),
        ),
        per_decision=True,
        to=ORGAN,
        template_root=str(TEMPLATES),
        remedy="appeal",
    ),
    # 行政诉讼法 第三条第三款; 行诉解释 第一百二十八条至第一百三十二条: who appeared for the organ, or why the head did
    # not (an internal form, kept on file).
    RemedyDocumentType(
        "court_appearance",
        "行政机关负责人出庭应诉情况登记表",
        "",
        ANY_STATE,
        "remedies/documents/court_appearance.html",
        per_decision=True,
        numbered=False,
        to=FILE,
        template_root=str(TEMPLATES),
        remedy="hearing",
    ),
)
BY_CODE = {kind.code: kind for kind in DOCUMENT_TYPES}
FOR_KIND = {
    "reconsideration": ("reconsideration_answer",),
    "first": ("litigation_defence", "court_appearance"),
    "appeal": ("appeal_defence", "court_appearance"),
}


class IssueRefused(ActionError):
    """The user may not issue documents on this case (journaled by the documents app)."""


class IssueFailed(ActionError):
    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("；".join(reasons))


def _kinds(record: Reconsideration | Litigation) -> tuple[str, ...]:
    if isinstance(record, Reconsideration):
        return FOR_KIND["reconsideration"]
    return FOR_KIND[record.instance]


def documents_of(record: Reconsideration | Litigation) -> list[Document]:
    """The documents of the record's kind issued on its decision (newest first)."""
    return list(
        Document.objects.filter(case_id=record.case_id, decision_id=record.decision_id, doc_type__in=_kinds(record))
        .defer("pdf", "docx")
        .order_by("-issued_at", "-pk")
    )


def issuable(user: User, record: Reconsideration | Litigation) -> list[RemedyDocumentType]:
    """The types the user may issue for this record now."""
    if not user.role_names & ISSUERS:
        return []
    kinds = [BY_CODE[code] for code in _kinds(record)]
    return [kind for kind in kinds if not kind.not_ready(record.case) and kind.record_for(record.decision) is not None]


def issue_for(
    user: User, record: Reconsideration | Litigation, doc_type: str, data: Mapping[str, Any], ip: str | None
) -> Document:
    """Issue a document of `record` (one journal entry, by the documents app)."""
    if doc_type not in _kinds(record):
        raise IssueFailed(["该记录不能制发这种文书。"])
    kind = BY_CODE[doc_type]
    typed = {spec.name: str(data[spec.name]) for spec in kind.inputs if data.get(spec.name) is not None}
    try:
        return issue_document(
            actor=user,
            case=record.case,
            doc_type=doc_type,
            reason=str(data.get("reason", "") or "")[:500],
            inputs=typed,
            decision_id=record.decision_id,
            ip=ip,
        )
    except DocumentRefused as error:
        raise IssueRefused(error.message) from None
    except DocumentInputInvalid as error:
        raise IssueFailed(list(error.problems.values())) from None
    except DocumentError as error:
        raise IssueFailed([error.message]) from None
