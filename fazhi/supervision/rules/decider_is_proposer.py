"""Red: the person who decided the case is the one who proposed the outcome (separation of duties)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, QuerySet

from fazhi.cases.models import Case
from fazhi.supervision.rules.base import Evidence, QueryRule, Row, Severity, day, lookback_start


class DeciderIsProposer(QueryRule):
    code = "decider_is_proposer"
    name = "决定人与处理意见提出人为同一人"
    citation = "行政处罚法 第五十七条、第五十八条（审查与决定分离）；劳动保障监察条例 第十八条"
    severity = Severity.RED
    explanation = "作出决定的负责人就是提出处理意见的办案人员，审查与决定没有分离。"
    model = Case
    order = "decided_on"
    columns = ("proposed_by_id",)

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        return Case.objects.filter(
            decision__decided_by=F("proposed_by"),
            decided_on__lte=as_of,
            decided_on__gte=lookback_start(as_of),
        )

    def describe(self, row: Row) -> str:
        return f"{day(row['decided_on'])} 作出的决定由处理意见的提出人本人决定"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        return Evidence(journal_actions=("cases.propose", "cases.decide"))


RULE = DeciderIsProposer()
