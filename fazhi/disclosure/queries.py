"""Reads for the staff side of disclosure: what the case page shows and offers about publishing its decision."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.accounts.access import can_write
from fazhi.accounts.models import User
from fazhi.cases.models import Case, Period, PeriodState
from fazhi.disclosure.actions import DECISION_CHANGES, PUBLISHERS, published_facts
from fazhi.disclosure.models import PublishedDecision
from fazhi.documents.models import Document
from fazhi.rules.redaction import Redaction


@dataclass(frozen=True)
class CaseDisclosure:
    applies: bool  # a penalty was decided: its decision is to be published (行政处罚法 第四十八条)
    publication: PublishedDecision | None
    document_issued: bool  # the 行政处罚决定书 the publication is taken from
    may_act: bool  # the user may publish or withdraw (科长、负责人、法制审核, in scope)
    # The running three working days to withdraw after the decision was changed or revoked (行政处罚法 第四十八条).
    withdrawal_period: Period | None = None
    # What the publication will show of the facts, for the one who publishes it to read first (security review M2).
    preview: Redaction | None = None
    change_kinds: tuple[tuple[str, str], ...] = tuple(DECISION_CHANGES.items())


def case_disclosure(user: User, case: Case) -> CaseDisclosure:
    """For the case page (the case is already in the user's scope)."""
    applies = case.decision_outcome == "penalty" and case.decided_on is not None
    publication = PublishedDecision.objects.filter(case_id=case.pk).first() if applies else None
    withdrawal = None
    if publication is not None and not publication.withdrawn:
        withdrawal = Period.objects.filter(case=case, code="publication_withdrawal", state=PeriodState.RUNNING).first()
    document = (
        Document.objects.filter(case=case, doc_type="penalty_decision", superseded_by__isnull=True)
        .order_by("-version")
        .first()
        if applies
        else None
    )
    may_act = can_write(user) and bool(user.role_names & PUBLISHERS)
    preview = published_facts(case, document.number) if may_act and document and publication is None else None
    return CaseDisclosure(
        applies=applies,
        publication=publication,
        withdrawal_period=withdrawal,
        document_issued=document is not None,
        may_act=may_act,
        preview=preview,
    )
