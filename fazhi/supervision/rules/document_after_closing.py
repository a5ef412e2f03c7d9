"""Orange: a document (文书) issued for a case after the case was closed.

An internal control resting on 行政处罚法 第四十七条 (the whole procedure recorded and archived as it happened): a
document dated after the closing suggests one back-dated or added later. 广东省劳动保障监察条例 第四十八条 is the filing
of a decision with the superior department and says nothing about closing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import TruncDate

from fazhi.cases.models import Case
from fazhi.documents.models import Document
from fazhi.supervision.rules.base import CST, Evidence, QueryRule, Row, Severity, day, lookback_start


def _late_documents(as_of: dt.date) -> QuerySet[Document]:
    return Document.objects.annotate(issued_day=TruncDate("issued_at", tzinfo=CST)).filter(
        case=OuterRef("pk"), issued_day__gt=OuterRef("closed_on"), issued_day__lte=as_of
    )


class DocumentAfterClosing(QueryRule):
    code = "document_after_closing"
    name = "结案后制发文书"
    citation = "行政处罚法 第四十七条（全过程记录、归档保存）；内部控制：结案后不再制发执法文书"
    severity = Severity.ORANGE
    explanation = "案件批准结案之后，又为该案制发了执法文书（倒签或补签的迹象）。"
    model = Case
    order = "closed_on"

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        return Case.objects.filter(
            Exists(_late_documents(as_of)), closed_on__lte=as_of, closed_on__gte=lookback_start(as_of)
        )

    def describe(self, row: Row) -> str:
        return f"{day(row['closed_on'])} 结案后仍制发文书"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        case = Case.objects.get(pk=case_id)
        late = Document.objects.filter(case=case).annotate(issued_day=TruncDate("issued_at", tzinfo=CST))
        facts = [
            (f"{doc.title} {doc.number}", f"{doc.issued_at.astimezone(CST):%Y-%m-%d} 制发")
            for doc in late.filter(issued_day__gt=case.closed_on, issued_day__lte=as_of).order_by("issued_at")
        ]
        return Evidence(facts=facts, journal_actions=("cases.approve_closing", "documents.issue"))


RULE = DocumentAfterClosing()
