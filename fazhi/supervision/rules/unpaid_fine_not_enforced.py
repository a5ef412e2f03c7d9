"""Orange: a closed penalty case whose fine was never paid and for which no court enforcement was applied for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.cases.models import Case
from fazhi.supervision.rules.base import (
    Evidence,
    QueryRule,
    Row,
    Severity,
    day,
    lookback_start,
    replaying,
    yuan,
)


class UnpaidFineNotEnforced(QueryRule):
    code = "unpaid_fine_not_enforced"
    name = "罚款未缴纳且未申请强制执行即结案"
    citation = "行政处罚法 第七十二条第一款第（四）项；行政强制法 第五十三条"
    severity = Severity.ORANGE
    explanation = "处罚决定的罚款没有缴纳，也没有申请人民法院强制执行，案件却已结案。"
    model = Case
    order = "closed_on"
    columns = ("fine_amount",)

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        if replaying(as_of):
            unpaid = Q(fine_paid_on__isnull=True) | Q(fine_paid_on__gt=as_of)
            unenforced = Q(court_enforcement_applied_on__isnull=True) | Q(court_enforcement_applied_on__gt=as_of)
        else:  # today: the partial index of unpaid, unenforced penalties
            unpaid, unenforced = Q(fine_paid_on__isnull=True), Q(court_enforcement_applied_on__isnull=True)
        return Case.objects.filter(
            unpaid,
            unenforced,
            decision_outcome="penalty",
            fine_amount__gt=0,
            closed_on__lte=as_of,
            closed_on__gte=lookback_start(as_of),
        )

    def describe(self, row: Row) -> str:
        return f"罚款 {yuan(row['fine_amount'])}未缴纳，{day(row['closed_on'])} 结案时未申请强制执行"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        return Evidence(
            journal_actions=("cases.decide", "cases.serve", "cases.record_performance", "cases.approve_closing")
        )


RULE = UnpaidFineNotEnforced()
