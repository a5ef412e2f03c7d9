"""Red: a complaint refused (不予受理) after it was accepted, or after the acceptance period ended, when the law had
already accepted it.

广东省劳动保障监察条例 第三十九条第二款: the notice and the refusal are made in writing within five working days
of receiving the complaint; "逾期未告知的，自收到投诉材料之日起即为受理". An accepted complaint is then ended by
revoking the filing (撤销立案, 第四十六条), not by a refusal. Procedure version 2 refuses such a step; cases handled
under version 1 (or imported) may hold one. Fires on a refused complaint that was deemed accepted, that the journal
shows accepted before the refusal, or whose latest acceptance period was met after its due date (by the refusal or an
earlier step).
Only where Guangdong's regulation applies (FAZHI_JURISDICTION CN-GD…): elsewhere a late refusal is a late step, which
`period_met_late` shows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast

from fazhi.cases.models import Case, Period, Source
from fazhi.cases.states import State
from fazhi.journal.models import Entry
from fazhi.supervision.rules.base import CST, Evidence, QueryRule, Row, Severity, day, start_of_day

GUANGDONG = "CN-GD"


def _entries(action: str) -> QuerySet[Entry]:
    return Entry.objects.filter(
        object_type="cases.case", object_id=Cast(OuterRef("pk"), CharField()), action=action, outcome="success"
    )


class RefusalAfterAcceptance(QueryRule):
    code = "refusal_after_acceptance"
    name = "投诉已受理（或视为受理）后仍不予受理"
    citation = "广东省劳动保障监察条例 第三十九条第二款、第四十六条"
    severity = Severity.RED
    explanation = (
        "投诉已经受理，或者受理期限届满未作告知（自收到投诉材料之日起即为受理）后，仍作出不予受理决定；"
        "已受理的投诉应当依法撤销立案。"
    )
    note = "第二版办案程序已不允许此类步骤，本规则发现第一版程序或导入数据中的此类记录。"
    model = Case
    order = "refused_at"
    columns = ("deemed_accepted",)

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        refusal = _entries("cases.refuse").order_by("-seq")
        latest = Period.objects.filter(case=OuterRef("pk"), code="complaint_acceptance").order_by("-pk")
        refused = Case.objects.filter(state=State.REFUSED.value, source=Source.COMPLAINT).annotate(
            refused_at=Subquery(refusal.values("recorded_at")[:1]),
            refused_seq=Subquery(refusal.values("seq")[:1]),
            acceptance_due=Subquery(latest.values("due_on")[:1]),
            acceptance_met=Subquery(latest.values("met_on")[:1]),
        )
        if not str(settings.FAZHI_JURISDICTION).startswith(GUANGDONG):
            return refused.none()
        accepted_before = Exists(_entries("cases.accept").filter(seq__lt=OuterRef("refused_seq")))
        # The latest acceptance period met after its due date: whatever step met it (the refusal, a late request to
        # complete, the deemed acceptance), the complaint was accepted by law before the refusal. One met in time by
        # a request to complete leaves a refusal while awaiting completion lawful.
        met_late = Q(acceptance_met__gt=F("acceptance_due"))
        return refused.filter(refused_at__lt=start_of_day(as_of + dt.timedelta(days=1))).filter(
            Q(deemed_accepted=True) | accepted_before | met_late
        )

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        refused: dt.datetime = value
        return refused.astimezone(CST).date()

    def describe(self, row: Row) -> str:
        refused = day(row["refused_at"].astimezone(CST).date())
        if row["deemed_accepted"]:
            return f"投诉已视为受理，{refused} 仍作出不予受理决定"
        return f"投诉已受理或受理期限已届满，{refused} 仍作出不予受理决定"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        periods = Period.objects.filter(case_id=case_id, code="complaint_acceptance").order_by("pk")
        facts = [(p.name, f"{day(p.started_on)} 起算，{day(p.due_on)} 届满") for p in periods]
        return Evidence(
            facts=facts,
            journal_actions=("cases.register", "cases.accept", "cases.deem_accepted", "cases.refuse", "cases.complete"),
        )


RULE = RefusalAfterAcceptance()
