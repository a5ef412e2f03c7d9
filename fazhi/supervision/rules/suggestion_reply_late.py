"""Orange: a judicial or procuratorial suggestion not answered by its reply deadline, or answered after it.

The deadline is the one the suggestion states, else the default counted from receipt (fazhi/rules/suggestions.py: 60
days for a judicial suggestion, two months for a procuratorial one, both [S] and set by the bureau). A suggestion's
reply is what the law asks for: 行政诉讼法 第九十六条第（四）项 (将处理情况告知人民法院),
最高人民法院关于适用《行政诉讼法》的解释 第一百四十九条第四款 (六十日内予以书面答复),
人民检察院检察建议工作规定 (书面回复, [S]).

The rule reads suggestions, not cases: an alert names the suggestion's case when it concerns one (else none) and
its unit. Replayed for a past date from the dates the suggestion carries: received by then, deadline passed by then,
and the reply not yet sent by then — so a suggestion answered late shows as unanswered on the days in between; one
sent late within the look-back (FAZHI_SUPERVISION_LOOKBACK_DAYS) before the date stays an alert, answered late.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet

from fazhi.suggestions.models import Suggestion
from fazhi.supervision.rules.base import Evidence, QueryRule, Row, Severity, day, lookback_start

ONE_DAY = dt.timedelta(days=1)
KINDS = {"judicial": "司法建议", "procuratorial": "检察建议"}


class SuggestionReplyLate(QueryRule):
    code = "suggestion_reply_late"
    name = "司法建议、检察建议未按期答复"
    citation = (
        "行政诉讼法 第九十六条第（四）项；最高人民法院关于适用《行政诉讼法》的解释 第一百四十九条第四款；"
        "人民检察院检察建议工作规定（2019，条号未核实）"
    )
    severity = Severity.ORANGE
    explanation = "司法建议、检察建议在答复期限届满时仍未书面回复，或者逾期才回复。"
    note = (
        "答复期限以建议书写明的为准；未写明的，司法建议按收到之日起六十日、检察建议按两个月（均为可配置的默认值，"
        "出处未经全文核实）。逾期后才回复的，在回看期内仍提示。"
    )
    model = Suggestion
    case_field = "case"
    order = "reply_due_on"
    columns = ("sent_on", "kind", "organ", "number")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        due = Q(received_on__lte=as_of, reply_due_on__lt=as_of)
        unsent = Q(sent_on__isnull=True) | Q(sent_on__gt=as_of)
        sent_late = Q(sent_on__lte=as_of, sent_on__gte=lookback_start(as_of), sent_on__gt=F("reply_due_on"))
        return Suggestion.objects.filter(due & (unsent | sent_late))

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        return value + ONE_DAY if isinstance(value, dt.date) else as_of

    def describe(self, row: Row) -> str:
        what = f"{row['organ']}{row['number']}（{KINDS.get(row['kind'], '')}）"
        sent = row["sent_on"]
        if sent is not None and sent > row["reply_due_on"]:
            return f"{what}答复期限 {day(row['reply_due_on'])}，{day(sent)} 才回复"
        return f"{what}答复期限 {day(row['reply_due_on'])}，届满时未回复"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        return Evidence(journal_actions=("suggestions.receive", "suggestions.send_reply"))


RULE = SuggestionReplyLate()
