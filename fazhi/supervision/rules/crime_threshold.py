"""Red: wages still unpaid after the deadline of an order to pay, at the amount of 拒不支付劳动报酬罪, and the case
not transferred to the police (以罚代刑 risk).

刑法 第二百七十六条之一; 法释〔2013〕3号 第三条 (数额较大: one worker 5,000–20,000 yuan, ten or more workers
30,000–100,000 in total, the province fixing the figure) and 第四条 (责令支付 by 限期整改指令书 or 行政处理决定书, not
paid by the deadline). The amounts are the ones the cases use (FAZHI_CRIME_THRESHOLD_ONE_WORKER and
FAZHI_CRIME_THRESHOLD_MANY_WORKERS, see fazhi/rules/crime.py; Shenzhen's by 粤高法发〔2015〕4号, an unofficial copy).
Not checked yet: the "three months or more" of wages (the worker lines carry the months only when given).

Payments have no date of their own on a worker line: replayed for a past date, wages paid since count as paid then.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet, Sum

from fazhi.cases.assessment import crime_threshold
from fazhi.cases.models import Case, WorkerLine
from fazhi.supervision.rules.base import Evidence, QueryRule, Row, Severity, day

WAGE_ORDERS = ("handling_decision", "rectification")
MANY_WORKERS = 10


def thresholds() -> tuple[Decimal, Decimal]:
    threshold = crime_threshold()
    return threshold.one_worker, threshold.many_workers


class CrimeThresholdNotTransferred(QueryRule):
    code = "crime_threshold_not_transferred"
    name = "欠薪达到拒不支付劳动报酬罪数额而未移送"
    citation = "刑法 第二百七十六条之一；法释〔2013〕3号 第三条、第四条；粤高法发〔2015〕4号"
    severity = Severity.RED
    explanation = "责令支付期限届满后仍未支付的工资达到“数额较大”标准，案件却没有移送公安机关（以罚代刑风险）。"
    note = "数额标准与办案时的犯罪数额标准相同（配置项，默认深圳：一人二万元、十人以上十万元）。"
    model = Case
    order = "comply_by"
    columns = ("decision_outcome",)

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        one, total = thresholds()
        unpaid = F("amount_owed") - F("amount_paid")
        owing = (
            WorkerLine.objects.filter(amount_paid__lt=F("amount_owed"))
            .order_by()
            .values("case")
            .annotate(most=Max(unpaid), total=Sum(unpaid), workers=Count("*"))
            .filter(Q(most__gte=one) | Q(workers__gte=MANY_WORKERS, total__gte=total))
            .values("case")
        )
        return Case.objects.filter(
            pk__in=owing, decision_outcome__in=WAGE_ORDERS, comply_by__lt=as_of, decided_on__lte=as_of
        )

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        deadline: dt.date = value
        return deadline + dt.timedelta(days=1)

    def describe(self, row: Row) -> str:
        return f"责令支付期限 {day(row['comply_by'])} 已过，拖欠工资达到拒不支付劳动报酬罪数额标准，未移送公安机关"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        one, total = thresholds()
        lines = WorkerLine.objects.filter(case_id=case_id, amount_paid__lt=F("amount_owed")).order_by("pk")
        facts = [(f"劳动者 {line.name}", f"拖欠 {line.amount_owed - line.amount_paid} 元") for line in lines]
        facts.append(("数额标准", f"一名劳动者 {one} 元；{MANY_WORKERS} 名以上劳动者累计 {total} 元"))
        return Evidence(facts=facts, journal_actions=("cases.decide", "cases.record_wage_payment", "cases.serve"))


RULE = CrimeThresholdNotTransferred()
