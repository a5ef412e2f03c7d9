"""Orange: several cases against one employer closed without a penalty within the look-back (default: three in a
year), reported on the newest of them.

An internal control, not a statutory rule: no article forbids closing cases without a penalty. 广东省劳动保障监察条例
第五十三条 (从重 for a repeat within a year of a penalty) does not concern it. The articles it leans on: 行政处罚法
第五条第二款 (the penalty fits the violation) and 第三十三条第一款 (no penalty "可以" for a first violation only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Max, QuerySet

from fazhi.cases.models import Case
from fazhi.supervision.rules.base import Evidence, QueryRule, Row, Severity, day, lookback_start, setting_int


def _closed_without_penalty(as_of: dt.date) -> QuerySet[Case]:
    return Case.objects.filter(closed_on__lte=as_of, closed_on__gte=lookback_start(as_of)).exclude(
        decision_outcome="penalty"
    )


class RepeatWithoutPenalty(QueryRule):
    code = "repeat_without_penalty"
    name = "同一用人单位多次被查处均未处罚"
    citation = (
        "内部控制：多次查处均未处罚的复核；参见 行政处罚法 第五条第二款（过罚相当）、"
        "第三十三条第一款（可以不予处罚限于初次违法）"
    )
    severity = Severity.ORANGE
    explanation = "同一用人单位在回溯期内有多件案件（默认 3 件）结案，均未给予行政处罚。"
    model = Case
    order = "closed_on"
    columns = ("employer_id",)

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        newest = (
            _closed_without_penalty(as_of)
            .order_by()
            .values("employer")
            .annotate(n=Count("*"), newest=Max("id"))
            .filter(n__gte=setting_int("FAZHI_SUPERVISION_REPEAT_CASES"))
            .values("newest")
        )
        return Case.objects.filter(pk__in=newest)

    def describe(self, row: Row) -> str:
        many = setting_int("FAZHI_SUPERVISION_REPEAT_CASES")
        return f"该用人单位回溯期内第 {many} 件以上未处罚结案（{day(row['closed_on'])}）"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        case = Case.objects.get(pk=case_id)
        others = _closed_without_penalty(as_of).filter(employer_id=case.employer_id).order_by("closed_on")
        return Evidence(
            facts=[
                (other.display_number, f"{day(other.closed_on)} 结案，{other.decision_outcome or '未作处罚'}")
                for other in others
            ],
            journal_actions=("cases.decide", "cases.approve_closing"),
        )


RULE = RepeatWithoutPenalty()
