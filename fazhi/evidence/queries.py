"""Reads of evidence files; the unit scope is applied here (through the case's unit)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from fazhi.accounts.models import User
from fazhi.accounts.queries import scope_by_unit
from fazhi.cases.models import Case
from fazhi.evidence.actions import may_add
from fazhi.evidence.models import EvidenceFile, Kind


def visible_evidence(user: User | AnonymousUser | None) -> QuerySet[EvidenceFile]:
    return scope_by_unit(EvidenceFile.objects.select_related("case", "uploaded_by"), user, "case__unit")


def evidence_of_case(user: User | AnonymousUser | None, case: Case) -> QuerySet[EvidenceFile]:
    return visible_evidence(user).filter(case=case).order_by("uploaded_at", "pk")


def evidence_for(user: User | AnonymousUser | None, pk: int) -> EvidenceFile | None:
    return visible_evidence(user).filter(pk=pk).first()


def stored_path(evidence: EvidenceFile) -> Path:
    return Path(settings.FAZHI_EVIDENCE_DIR) / evidence.stored_name


def case_evidence_context(
    user: User, case: Case, *, error: str = "", title: str = "", kind: str = ""
) -> dict[str, Any]:
    """The context `evidence/_case_evidence.html` needs."""
    return {
        "case": case,
        "evidence_files": list(evidence_of_case(user, case)),
        "evidence_kinds": Kind.choices,
        "can_add_evidence": may_add(user, case),
        "evidence_error": error,
        "evidence_title": title,
        "evidence_kind": kind,
    }
