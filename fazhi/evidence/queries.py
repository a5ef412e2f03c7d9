"""Reads of evidence files; the unit scope is applied here (through the case's unit)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from fazhi.accounts.models import User
from fazhi.accounts.queries import scope_by_unit
from fazhi.cases.case_page import handles, reading
from fazhi.cases.models import Case
from fazhi.evidence.actions import may_add
from fazhi.evidence.models import EvidenceFile, Kind


def visible_evidence(user: User | AnonymousUser | None) -> QuerySet[EvidenceFile]:
    return scope_by_unit(EvidenceFile.objects.select_related("case", "uploaded_by"), user, "case__unit")


def evidence_of_case(user: User | AnonymousUser | None, case: Case) -> QuerySet[EvidenceFile]:
    return visible_evidence(user).filter(case=case).order_by("uploaded_at", "pk")


def evidence_for(user: User | AnonymousUser | None, pk: int) -> EvidenceFile | None:
    return visible_evidence(user).filter(pk=pk).first()


HANDLERS_ONLY = (
    "证据文件可能载有投诉人、劳动者等个人的身份信息，只有本案的承办人员和审批、审核、决定人员可以下载；"
    "其他人员可以在案件页面查看证据目录及其 SHA-256。如因督查等工作确需查看，请由承办机构提供。"
)


def may_download(user: User | AnonymousUser | None, evidence: EvidenceFile) -> bool:
    """Evidence files are downloaded by those who handle the case only (ADR 0016, "Documents and evidence files"):
    a payslip, an ID card or a recording cannot be masked, so the supervisor and an inspector not assigned to the case
    see the list and its digests, not the files."""
    return handles(user, evidence.case)


def stored_path(evidence: EvidenceFile) -> Path:
    return Path(settings.FAZHI_EVIDENCE_DIR) / evidence.stored_name


def case_evidence_context(
    user: User, case: Case, *, error: str = "", title: str = "", kind: str = ""
) -> dict[str, Any]:
    """The context `evidence/_case_evidence.html` needs."""
    seen = reading(user, case)
    return {
        "case": case,
        "evidence_files": list(evidence_of_case(user, case)),
        # ADR 0016: the files to those who handle the case only; the titles as the reader may see the people in them.
        "evidence_downloadable": seen.full,
        "evidence_rows": [(item, seen.text(item.title)) for item in evidence_of_case(user, case)],
        "evidence_kinds": Kind.choices,
        "can_add_evidence": may_add(user, case),
        "evidence_error": error,
        "evidence_title": title,
        "evidence_kind": kind,
    }
