"""Red: wages still unpaid after the deadline of an order to pay, at the amount of 拒不支付劳动报酬罪, and the case
not transferred to the police (以罚代刑 risk).

刑法 第二百七十六条之一; 法释〔2013〕3号 第三条 ("数额较大": (一) one worker's pay of three months or more, 5,000–20,000
yuan; (二) ten or more workers, 30,000–100,000 yuan in total; the province fixing the figure) and 第四条 (责令支付 by
限期整改指令书 or 行政处理决定书, served, and not paid by the deadline). The amounts are the ones the cases use
(FAZHI_CRIME_THRESHOLD_ONE_WORKER and FAZHI_CRIME_THRESHOLD_MANY_WORKERS, see fazhi/rules/crime.py; Shenzhen's by
粤高法发〔2015〕4号, an unofficial copy), and the test is the cases' own (`fazhi.rules.crime.check_wage_crime`): under
item (一) a worker line counts only when its months are recorded (欠薪起始、截止) and come to three or more; item (二)
has no months element.

Transferred (行政执法机关移送涉嫌犯罪案件的规定 第三条、第五条、第六条; 广东省劳动保障监察条例 第四十四条第五款)
means the case was sent to the police (step `send_transfer` of the transfer track, fazhi/cases/procedure/transfer.py):
from that day the alert clears. A report awaiting approval, an approval, or a 移送书 issued but not sent do not clear
it. For a case of procedure version 1, where the transfer was a decision's outcome, a decision to transfer or the
移送书 issued still clears it, as it did then.

The order is read from the case's decisions (a later penalty or 责令加付赔偿金 does not replace it). The database
narrows the cases by amount (the partial index of unpaid lines); the months of the few left are judged in Python.
Replayed for a past date, the dated payments made since count as unpaid then (a payment recorded without a day counts
as made before it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import TruncDate

from fazhi.cases.assessment import crime_threshold
from fazhi.cases.models import Case, CrimeTransfer, Decision, WagePayment, WorkerLine
from fazhi.documents.models import Document
from fazhi.rules import crime
from fazhi.supervision.rules.base import CST, Evidence, QueryRule, Row, Severity, day, replaying

# The orders to pay by a deadline (法释〔2013〕3号 第四条: 限期整改指令书、行政处理决定书).
WAGE_ORDERS = ("handling_decision", "rectification")
MANY_WORKERS = crime.MIN_WORKERS
TRANSFER_OUTCOME = "transfer_police"
TRANSFER_DOCUMENT = "crime_transfer"  # 涉嫌犯罪案件移送书 (移送规定 第六条)


def thresholds() -> tuple[Decimal, Decimal]:
    threshold = crime_threshold()
    return threshold.one_worker, threshold.many_workers


def _wage_order(as_of: dt.date) -> QuerySet[Decision]:
    """The case's orders to pay by a deadline that passed before `as_of` (a later decision — a penalty, 责令加付赔偿金
    — does not replace the order, so the decisions are read rather than the case's latest)."""
    return Decision.objects.filter(
        case=OuterRef("pk"), outcome__in=WAGE_ORDERS, comply_by__lt=as_of, decided_on__lte=as_of
    ).order_by("-sequence")


def _unpaid_on(case_ids: list[int], as_of: dt.date) -> list[tuple[int, str, Decimal, int | None]]:
    """(case, worker, wages unpaid on `as_of`, months they cover — None: not recorded) of each worker still owed. What
    was paid is the line's total less the dated payments made after `as_of` (a payment without a day counts as made
    before it)."""
    if not case_ids:
        return []
    later = dict(
        WagePayment.objects.filter(line__case_id__in=case_ids, paid_on__gt=as_of)
        .order_by()
        .values("line")
        .annotate(total=Sum("amount"))
        .values_list("line", "total")
    )
    found = []
    lines = WorkerLine.objects.filter(case_id__in=case_ids).order_by("pk")
    for pk, case_id, name, owed, paid, start, end in lines.values_list(
        "pk", "case_id", "name", "amount_owed", "amount_paid", "period_start", "period_end"
    ):
        unpaid = owed - max(paid - later.get(pk, Decimal(0)), Decimal(0))
        if unpaid > 0:
            found.append((case_id, name, unpaid, crime.months_unpaid(start, end)))
    return found


def _unpaid_lines(case_ids: list[int], as_of: dt.date) -> dict[int, list[crime.WageLine]]:
    found: dict[int, list[crime.WageLine]] = defaultdict(list)
    for case_id, _, unpaid, months in _unpaid_on(case_ids, as_of):
        found[case_id].append(crime.WageLine(unpaid, months))
    return found


def ignored_orders(as_of: dt.date) -> QuerySet[Case]:
    """The cases whose served order to pay was due before `as_of` and whose wages unpaid on `as_of` reach 数额较大
    (法释〔2013〕3号 第三条、第四条), with the deadline of that order as `order_deadline`."""
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
    # Replayed for a past day: also the cases paid since (their lines are judged on what was unpaid then). The owing
    # cases are read first, on their own (from the unpaid lines' index): as a subquery the planner, not knowing how
    # few they are, walked every case by its key to test the other conditions (bench/bench_scale.py).
    owed = Q(pk__in=[row["case"] for row in owing])
    if replaying(as_of):
        owed |= Q(pk__in=WagePayment.objects.filter(paid_on__gt=as_of).values("line__case"))
    candidates = Case.objects.filter(owed, Exists(_wage_order(as_of)), served_on__lte=as_of)
    # Read first (the database starts from the few owing cases), then their lines.
    ids = list(candidates.values_list("pk", flat=True))
    threshold = crime_threshold()
    reached = [
        pk for pk, lines in _unpaid_lines(ids, as_of).items() if crime.check_wage_crime(lines, threshold).reached
    ]
    deadline = Subquery(_wage_order(as_of).values("comply_by")[:1])
    return Case.objects.filter(pk__in=reached).annotate(order_deadline=deadline)


def transferred(as_of: dt.date) -> Q:
    """The case was sent to the police by `as_of` (移送规定 第五条第二款); for a version 1 case, a decision to transfer
    or the 移送书 issued."""
    sent = CrimeTransfer.objects.annotate(sent_day=TruncDate("sent_at", tzinfo=CST)).filter(
        case=OuterRef("pk"), sent_day__lte=as_of
    )
    decision = Decision.objects.filter(case=OuterRef("pk"), outcome=TRANSFER_OUTCOME, decided_on__lte=as_of)
    document = Document.objects.annotate(issued_day=TruncDate("issued_at", tzinfo=CST)).filter(
        case=OuterRef("pk"), doc_type=TRANSFER_DOCUMENT, issued_day__lte=as_of
    )
    return Q(Exists(sent)) | (Q(procedure_version=1) & (Q(Exists(decision)) | Q(Exists(document))))


def arrears_facts(case_id: int, as_of: dt.date) -> list[tuple[str, str]]:
    """Each worker still owed on `as_of` with the months, and the test of 第三条 as the case page makes it."""
    one, total = thresholds()
    owed = _unpaid_on([case_id], as_of)
    facts = [
        (f"劳动者 {name}", f"拖欠 {unpaid} 元（{f'{months} 个月' if months is not None else '欠薪月数未记录'}）")
        for _, name, unpaid, months in owed
    ]
    facts.append(
        (
            "数额标准",
            f"一名劳动者三个月以上的劳动报酬 {one} 元；{MANY_WORKERS} 名以上劳动者累计 {total} 元"
            "（法释〔2013〕3号第三条）",
        )
    )
    wages = [crime.WageLine(unpaid, months) for _, _, unpaid, months in owed]
    facts.append(("判断", "；".join(crime.check_wage_crime(wages, crime_threshold()).reasons)))
    return facts


class CrimeThresholdNotTransferred(QueryRule):
    code = "crime_threshold_not_transferred"
    name = "欠薪达到拒不支付劳动报酬罪数额而未移送"
    citation = (
        "刑法 第二百七十六条之一；法释〔2013〕3号 第三条、第四条；粤高法发〔2015〕4号；"
        "行政执法机关移送涉嫌犯罪案件的规定 第三条、第五条；广东省劳动保障监察条例 第四十四条第五款"
    )
    severity = Severity.RED
    explanation = (
        "责令支付期限届满后仍未支付的工资达到“数额较大”标准（一名劳动者三个月以上的劳动报酬达到数额标准，"
        "或十名以上劳动者累计达到数额标准），案件却没有移送公安机关（以罚代刑风险；移送须经本机关正职负责人批准，"
        "批准后24小时内移送）。"
    )
    note = (
        "数额标准与办案时的犯罪数额标准相同（配置项，默认深圳：一人二万元、十人以上十万元）；"
        "未记录欠薪起止日期的劳动者不计入“一名劳动者三个月以上”的情形。"
    )
    model = Case
    order = "order_deadline"

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        return ignored_orders(as_of).exclude(transferred(as_of))

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        deadline: dt.date = value
        return deadline + dt.timedelta(days=1)

    def describe(self, row: Row) -> str:
        return f"责令支付期限 {day(row['order_deadline'])} 已过，拖欠工资达到拒不支付劳动报酬罪数额标准，未移送公安机关"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        return Evidence(
            facts=arrears_facts(case_id, as_of),
            journal_actions=(
                "cases.decide",
                "cases.record_wage_payment",
                "cases.serve",
                "cases.report_transfer",
                "cases.approve_transfer",
                "cases.refuse_transfer",
                "cases.send_transfer",
                "documents.issue",
            ),
        )


RULE = CrimeThresholdNotTransferred()
