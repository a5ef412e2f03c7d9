"""Orange: a case under investigation handled by fewer than two officers, or by one without an enforcement
certificate (执法证) or no longer active.

The record of an inquiry or inspection is the handlers' (the case's 主办人 and 协办人): the investigation records
themselves are documents of issue 4. A certificate is "valid" while the officer holds a number and is active; the
certificate's expiry date is not kept yet.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.supervision.rules.base import QueryRule, Row, Severity, day, replaying


class HandlersNotQualified(QueryRule):
    code = "handlers_not_qualified"
    name = "办案人员不足两人或无执法证"
    citation = "行政处罚法 第四十二条；劳动保障监察条例 第十六条"
    severity = Severity.ORANGE
    explanation = "立案后、作出决定前，案件的办案人员少于两人，或办案人员没有执法证、已停用。"
    note = "以案件的主办人、协办人判断；询问笔录等文书的签名人待文书模块提供后核对。"
    model = Case
    order = "filed_on"
    columns = ("handler_id", "co_handler_id")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        # The few officers without a certificate or no longer active, read first: each is then a seek of the cases'
        # indexes on their handlers (a subquery here would be a filter over every undecided case).
        unqualified = list(
            User.objects.filter(Q(enforcement_certificate_number="") | Q(is_active=False)).values_list("pk", flat=True)
        )
        short = (
            Q(handler__isnull=True)
            | Q(co_handler__isnull=True)
            | Q(handler__in=unqualified)
            | Q(co_handler__in=unqualified)
        )
        if replaying(as_of):
            undecided = Q(decided_on__isnull=True) | Q(decided_on__gt=as_of)
            unclosed = Q(closed_on__isnull=True) | Q(closed_on__gt=as_of)
        else:  # today: the cases found through the handlers' indexes are judged on their dates as they stand
            undecided, unclosed = Q(decided_on__isnull=True), Q(closed_on__isnull=True)
        # The cases of those officers (and those short of one) first, on their own, so that the database reads them
        # through the handlers' indexes rather than by a date the other conditions offer.
        # Read on their own (a list): as a subquery the planner, not knowing how few they are, hashed them against
        # every undecided case (bench/bench_scale.py).
        handled = list(Case.objects.filter(short).values_list("pk", flat=True))
        return Case.objects.filter(undecided, unclosed, pk__in=handled, filed_on__lte=as_of)

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        return value if isinstance(value, dt.date) else as_of

    def describe(self, row: Row) -> str:
        ids = [pk for pk in (row["handler_id"], row["co_handler_id"]) if pk]
        people = {u.pk: u for u in User.objects.filter(pk__in=ids)}
        problems = []
        if len(ids) < 2:
            problems.append("办案人员不足两人")
        for pk in ids:
            person = people.get(pk)
            if person is not None and not person.enforcement_certificate_number:
                problems.append(f"{person.display_name}无执法证")
            elif person is not None and not person.is_active:
                problems.append(f"{person.display_name}已停用")
        return f"{day(row['filed_on'])} 立案；{'，'.join(problems) or '办案人员不符合要求'}"


RULE = HandlersNotQualified()
