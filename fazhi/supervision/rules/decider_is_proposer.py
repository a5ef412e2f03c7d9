"""Red: the person who decided the case is the one who proposed the outcome (separation of duties).

An internal control: 行政处罚法 第五十七条、第五十八条 give the decision to the organ's 负责人 after review and legal
review, but no article states in words that the proposer may not decide; the rule says so in its citation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, QuerySet

from fazhi.cases.models import Case
from fazhi.supervision.rules.base import Evidence, QueryRule, Row, Severity, day, lookback_start


class DeciderIsProposer(QueryRule):
    code = "decider_is_proposer"
    name = "决定人与处理意见提出人为同一人"
    citation = "内部控制：审查与决定相分离（法律未明文规定；决定由行政机关负责人作出，行政处罚法 第五十七条）"
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
