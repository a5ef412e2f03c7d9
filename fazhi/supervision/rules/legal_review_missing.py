"""Red: a decision that needed a legal review (法制审核) was made without one passed before it.

Needed: the outcomes of FAZHI_LEGAL_REVIEW_OUTCOMES, cases marked complex or major, cases that held a hearing, and
fines at or above FAZHI_LEGAL_REVIEW_FINE_THRESHOLD — the same rule the decision step applies
(`fazhi.cases.procedure.proposal.needs_legal_review`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet

from fazhi.cases.models import Case
from fazhi.cases.outcomes import OUTCOMES
from fazhi.supervision.rules.base import Evidence, QueryRule, Row, Severity, day, lookback_start


class LegalReviewMissing(QueryRule):
    code = "legal_review_missing"
    name = "应当法制审核而未审核即作出决定"
    citation = "行政处罚法 第五十八条；重大执法决定法制审核制度"
    severity = Severity.RED
    explanation = "须经法制审核的决定（重大、听证后、规定的处理类型或罚款数额以上），作出前没有通过法制审核。"
    model = Case
    order = "decided_on"
    columns = ("decision_outcome", "major_case")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        needed = Q(decision_outcome__in=list(settings.FAZHI_LEGAL_REVIEW_OUTCOMES)) | Q(major_case=True)
        needed |= Q(hearing_held_on__isnull=False)
        threshold = str(settings.FAZHI_LEGAL_REVIEW_FINE_THRESHOLD or "")
        if threshold:
            needed |= Q(fine_amount__gte=Decimal(threshold))
        unreviewed = Q(legal_review_passed_on__isnull=True) | Q(legal_review_passed_on__gt=F("decided_on"))
        return Case.objects.filter(
            needed, unreviewed, decided_on__lte=as_of, decided_on__gte=lookback_start(as_of)
        ).exclude(decision_outcome="")

    def describe(self, row: Row) -> str:
        outcome = OUTCOMES.get(str(row["decision_outcome"]), str(row["decision_outcome"]))
        return f"{day(row['decided_on'])} 作出“{outcome}”{'（重大案件）' if row['major_case'] else ''}，无法制审核记录"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        return Evidence(
            journal_actions=(
                "cases.propose",
                "cases.approve_proposal",
                "cases.approve_proposal_to_notice",
                "cases.pass_legal_review",
                "cases.pass_legal_review_after_hearing",
                "cases.decide",
            )
        )


RULE = LegalReviewMissing()
