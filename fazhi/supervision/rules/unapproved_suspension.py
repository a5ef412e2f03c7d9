"""Red: a case suspended or extended without the approval of the bureau's responsible person in its journal.

Suspension (中止, 广东省劳动保障监察条例 第四十五条) and extension (延期, 劳动保障监察条例 第十七条) are approved by a
director or leader: the step is theirs in the procedure table, so a flag set on the case with no such step in the
journal was set some other way. Judged on the case's flags as they stand; the look-up of the approval is the journal's
index on (object type, object id).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast

from fazhi.accounts.models import Role
from fazhi.cases.models import Case
from fazhi.journal.models import Entry
from fazhi.supervision.rules.base import Evidence, QueryRule, Row, Severity, start_of_day


def _approved(action: str, as_of: dt.date) -> Exists:
    approvers = Q(actor_roles__contains=Role.DIRECTOR.value) | Q(actor_roles__contains=Role.LEADER.value)
    return Exists(
        Entry.objects.filter(
            approvers,
            object_type="cases.case",
            object_id=Cast(OuterRef("pk"), CharField()),
            action=action,
            outcome="success",
            recorded_at__lt=start_of_day(as_of + dt.timedelta(days=1)),
        )
    )


class UnapprovedSuspension(QueryRule):
    code = "unapproved_suspension"
    name = "中止或延期未经负责人批准"
    citation = "广东省劳动保障监察条例 第四十五条；劳动保障监察条例 第十七条"
    severity = Severity.RED
    explanation = "案件处于中止或已延长办案期限，但全过程记录中没有负责人批准中止或延期的步骤。"
    note = "以案件当前的中止、延期标志判断。"
    model = Case
    order = "updated_at"
    columns = ("suspended", "extended")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        paused = Case.objects.filter(Q(suspended=True) | Q(extended=True)).values("pk")  # the partial index
        return Case.objects.filter(
            Q(pk__in=paused),
            (Q(suspended=True) & ~_approved("cases.suspend", as_of))
            | (Q(extended=True) & ~_approved("cases.extend", as_of)),
            received_on__lte=as_of,
        )

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        return min(as_of, timezone_date(value))

    def describe(self, row: Row) -> str:
        what = [label for flag, label in (("suspended", "中止"), ("extended", "延期")) if row[flag]]
        return f"案件已{'、'.join(what)}，无负责人批准记录"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        return Evidence(journal_actions=("cases.suspend", "cases.resume", "cases.extend"))


def timezone_date(value: dt.datetime) -> dt.date:
    from fazhi.supervision.rules.base import CST

    return value.astimezone(CST).date()


RULE = UnapprovedSuspension()
