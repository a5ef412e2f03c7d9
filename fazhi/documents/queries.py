"""Reads of issued documents; the case scope is applied through fazhi.cases.queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from fazhi.accounts.access import can_write
from fazhi.accounts.models import User
from fazhi.cases.case_page import handles
from fazhi.cases.models import Case, Decision, InvestigationRecord
from fazhi.cases.outcomes import OUTCOMES
from fazhi.cases.queries import visible_cases
from fazhi.documents.actions import DOSSIER_READERS, allowed_now
from fazhi.documents.models import Document
from fazhi.documents.readiness import servable
from fazhi.documents.types import BY_CODE, DOCUMENT_TYPES, ISSUERS, DocumentInput, DocumentType


def documents_of_case(user: User | AnonymousUser | None, case_pk: int) -> QuerySet[Document]:
    """The documents of a case the user may see, newest version first within each type; without the PDF bytes."""
    return (
        Document.objects.filter(case__in=visible_cases(user).filter(pk=case_pk))
        .defer("pdf", "docx")
        .select_related("issued_by", "record", "decision", "served")
        .order_by("doc_type", "-version")
    )


def document_for(user: User | AnonymousUser | None, case_pk: int, document_pk: int) -> Document | None:
    return Document.objects.filter(pk=document_pk, case__in=visible_cases(user).filter(pk=case_pk)).first()


NOT_THE_EMPLOYERS_COPY = (
    "这份文书载有投诉人或者劳动者等个人的身份信息，只有本案的承办人员和审批、审核、决定人员可以下载；"
    "其他人员可以下载送达用人单位的文书（其中已隐去投诉人的身份信息）。如因督查等工作确需查看，请由承办机构提供。"
)


def may_download(user: User | AnonymousUser | None, document: Document) -> bool:
    """Whether `user`, who sees the case, may download this document (ADR 0016, "Documents and evidence files"): those
    who handle the case every document; everyone else who reads it — the supervisor, an inspector not assigned to it —
    only the employer's copies (`DocumentType.for_the_employer`), which keep the complainant's identity from the
    reader as from the employer."""
    kind = BY_CODE.get(document.doc_type)
    return handles(user, document.case) or (kind is not None and kind.for_the_employer)


@dataclass(frozen=True)
class IssueFailure:
    """A refused issue, shown again on the case page with what was typed."""

    doc_type: str
    values: Mapping[str, str]
    problems: Mapping[str, str]
    message: str


@dataclass(frozen=True)
class IssueOption:
    kind: DocumentType
    issued: bool  # issuing again is a correction and asks for a reason (for a 笔录: every record is issued already)
    # For a 笔录: the case's records of its kind, each with whether its 笔录 was issued.
    records: list[tuple[InvestigationRecord, bool]] = field(default_factory=list)
    # For a decision document: the case's decisions it can render (label, issued), when there are several.
    decisions: list[tuple[Decision, str, bool]] = field(default_factory=list)
    # For a 送达回证: the documents served on the party, each with whether its receipt was made.
    served: list[tuple[Document, str, bool]] = field(default_factory=list)
    values: Mapping[str, str] = field(default_factory=dict)  # what the inputs show: typed before, or the defaults
    problems: Mapping[str, str] = field(default_factory=dict)
    message: str = ""

    @property
    def fields(self) -> list[tuple[DocumentInput, str, str]]:
        """Each input with the value to show and its problem ("" when none)."""
        return [(spec, self.values.get(spec.name, ""), self.problems.get(spec.name, "")) for spec in self.kind.inputs]


def issue_options(user: User, case: Case, failure: IssueFailure | None = None) -> list[IssueOption]:
    """The document types `user` may issue on `case` now (a failed attempt keeps what was typed)."""
    if not can_write(user) or not user.role_names & ISSUERS:
        return []
    latest_inputs: dict[str, dict[str, str]] = {}
    for doc_type, inputs in (
        Document.objects.filter(case=case, record=None).order_by("version").values_list("doc_type", "inputs")
    ):
        latest_inputs[doc_type] = dict(inputs or {})  # the newest version's values, for a correction
    issued = set(latest_inputs)
    recorded = set(Document.objects.filter(case=case).exclude(record=None).values_list("record_id", flat=True))
    options = []
    for kind in DOCUMENT_TYPES:
        if not allowed_now(kind, case):
            continue
        failed = failure if failure is not None and failure.doc_type == kind.code else None
        defaults = {spec.name: spec.default for spec in kind.inputs}
        values = dict(failed.values) if failed else defaults | latest_inputs.get(kind.code, {})
        if kind.record_kind:
            records = [
                (record, record.pk in recorded)
                for record in InvestigationRecord.objects.filter(case=case, kind=kind.record_kind).order_by("pk")
            ]
            if not records:
                continue
            options.append(
                IssueOption(
                    kind,
                    all(done for _, done in records),
                    records=records,
                    values=values,
                    problems=failed.problems if failed else {},
                    message=failed.message if failed else "",
                )
            )
        elif kind.per_decision:
            done = set(Document.objects.filter(case=case, doc_type=kind.code).values_list("decision_id", flat=True))
            decisions = [
                (decision, f"{decision.decided_on:%Y-%m-%d} {OUTCOMES.get(decision.outcome, '')}", decision.pk in done)
                for decision in kind.decisions(case)
            ]
            options.append(
                IssueOption(
                    kind,
                    all(made for _, _, made in decisions),
                    decisions=decisions if len(decisions) > 1 else [],
                    values=values,
                    problems=failed.problems if failed else {},
                    message=failed.message if failed else "",
                )
            )
        elif kind.of_service:
            received = set(Document.objects.filter(case=case, doc_type=kind.code).values_list("served_id", flat=True))
            served = [(d, f"{type_title(d.doc_type)} {d.number}", d.pk in received) for d in servable(case)]
            if not served:
                continue
            options.append(
                IssueOption(
                    kind,
                    all(made for _, _, made in served),
                    served=served,
                    values=values,
                    problems=failed.problems if failed else {},
                    message=failed.message if failed else "",
                )
            )
        else:
            options.append(
                IssueOption(
                    kind,
                    kind.code in issued,
                    values=values,
                    problems=failed.problems if failed else {},
                    message=failed.message if failed else "",
                )
            )
    return options


def type_title(code: str) -> str:
    kind = BY_CODE.get(code)
    return kind.title if kind else code


def may_export_dossier(user: User) -> bool:
    """Whether the case page offers the dossier export (the case itself is in the user's scope already)."""
    return bool(user.role_names & DOSSIER_READERS)
