"""Red: a complaint refused (不予受理) after the acceptance period ended, when the law had already accepted it.

广东省劳动保障监察条例 第三十九条第二款: the notice and the refusal are made in writing within five working days
of receiving the complaint; "逾期未告知的，自收到投诉材料之日起即为受理". An accepted complaint is then ended by
revoking the filing (撤销立案, 第四十六条), not by a refusal. Procedure version 2 refuses such a step; cases handled
under version 1 (or imported) may hold one. Fires on a refused complaint whose latest acceptance period was met after
its due date — by the refusal itself, or by the deemed acceptance that came before it — within the look-back, read
through the index of periods by met date (as `period_met_late`). A refusal after an explicit acceptance within the
period (version 1's send-back to intake) leaves no trace on the period and is not found here; the journal has it.
Replayed for a past date from the day the period was met. Only where Guangdong's regulation applies
(FAZHI_JURISDICTION CN-GD…): elsewhere a late refusal is a late step, which `period_met_late` shows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, QuerySet

from fazhi.cases.models import Period, Source
from fazhi.cases.states import State
from fazhi.supervision.rules.base import Evidence, QueryRule, Row, Severity, as_date, day, lookback_start

GUANGDONG = "CN-GD"
ACCEPTANCE = "complaint_acceptance"


class RefusalAfterAcceptance(QueryRule):
    code = "refusal_after_acceptance"
    name = "投诉受理期限届满（视为受理）后仍不予受理"
    citation = "广东省劳动保障监察条例 第三十九条第二款、第四十六条"
    severity = Severity.RED
    explanation = (
        "投诉受理期限届满未作告知的，自收到投诉材料之日起即为受理；此后仍作出不予受理决定。"
        "已受理的投诉应当依法撤销立案。"
    )
    note = "第二版办案程序已不允许此类步骤，本规则发现第一版程序或导入数据中的此类记录；以受理期限的完成日期判断。"
    model = Period
    case_field = "case"
    order = "met_on"
    columns = ("due_on", "case__deemed_accepted")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        if not str(settings.FAZHI_JURISDICTION).startswith(GUANGDONG):
            return Period.objects.none()
        later = Period.objects.filter(case=OuterRef("case"), code=ACCEPTANCE, pk__gt=OuterRef("pk"))
        # The acceptance periods met late are read first, on their own (the index of periods met late): joined at
        # once, the planner hashed every refused complaint against them (bench/bench_scale.py).
        late = Period.objects.filter(
            met_on__lte=as_of, met_on__gte=lookback_start(as_of), due_on__lt=F("met_on"), code=ACCEPTANCE
        ).values_list("pk", flat=True)
        return Period.objects.filter(
            pk__in=list(late), case__state=State.REFUSED.value, case__source=Source.COMPLAINT
        ).exclude(Exists(later))

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        return as_date(value)

    def describe(self, row: Row) -> str:
        due = day(as_date(row["due_on"]))
        if row["case__deemed_accepted"]:
            return f"投诉受理期限已于 {due} 届满，视为受理后仍作出不予受理决定"
        return f"投诉受理期限已于 {due} 届满（视为受理），{day(as_date(row['met_on']))} 仍作出不予受理决定"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        periods = Period.objects.filter(case_id=case_id, code=ACCEPTANCE).order_by("pk")
        facts = [(p.name, f"{day(p.started_on)} 起算，{day(p.due_on)} 届满，{day(p.met_on)} 完成") for p in periods]
        return Evidence(
            facts=facts,
            journal_actions=("cases.register", "cases.accept", "cases.deem_accepted", "cases.refuse", "cases.complete"),
        )


RULE = RefusalAfterAcceptance()
