"""The fine as it falls due: by the payment period (行政处罚法 第六十七条第三款), or as an approved deferral or
instalments set it (第六十六条第二款), with the surcharge where the decision imposed it (第七十二条第一款第（一）项)
less the days of a pending reconsideration or lawsuit (第七十三条第三款, from `remedy_facts.facts_for`).

The plan is kept on the decision (`Decision.payment_plan`, a small JSON object written by the steps of
`fazhi.cases.procedure.payment_plan`):
{"kind": "deferral" | "instalments", "applied_on": "YYYY-MM-DD", "reasons": "...",
 "schedule": [{"due_on": "YYYY-MM-DD", "amount": "5000.00"}, ...], "status": "applied" | "approved" | "refused",
 "decided_on": "YYYY-MM-DD", "decided_by": "username"}.
A deferral is a schedule of one date for the whole fine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from fazhi.cases.models import Case, Decision, Period
from fazhi.cases.remedy_facts import facts_for
from fazhi.rules.money import Instalment, Owed, fine_owed

PLAN_KINDS = {"deferral": "暂缓（延期）缴纳", "instalments": "分期缴纳"}
PLAN_STATUS = {"applied": "待批准", "approved": "已批准", "refused": "不予批准"}
# The schedule of a fine whose payment period's end is not known yet (a holiday year not loaded): no surcharge.
UNKNOWN_DUE = dt.date.max


def fine_decision(case: Case) -> Decision | None:
    """The case's latest penalty decision with a fine (the one whose fine is paid)."""
    return case.decisions.filter(outcome="penalty", fine_amount__isnull=False).order_by("-sequence").first()


@dataclass(frozen=True)
class Plan:
    kind: str
    applied_on: dt.date
    reasons: str
    schedule: tuple[Instalment, ...]
    status: str
    decided_on: dt.date | None = None

    @property
    def ends_on(self) -> dt.date:
        return self.schedule[-1].due_on

    @property
    def label(self) -> str:
        return PLAN_KINDS.get(self.kind, self.kind)

    def describe(self) -> str:
        """暂缓缴纳至 2026-05-20 / 分期缴纳：2026-04-10 5000.00 元；2026-05-11 5000.00 元."""
        if self.kind == "deferral":
            return f"暂缓缴纳至 {self.ends_on:%Y-%m-%d}"
        return "分期缴纳：" + "；".join(f"{i.due_on:%Y-%m-%d} {i.amount} 元" for i in self.schedule)


def plan_of(decision: Decision | None) -> Plan | None:
    raw: Any = decision.payment_plan if decision is not None else None
    if not raw:
        return None
    return Plan(
        kind=str(raw["kind"]),
        applied_on=dt.date.fromisoformat(raw["applied_on"]),
        reasons=str(raw.get("reasons", "")),
        schedule=tuple(
            Instalment(dt.date.fromisoformat(row["due_on"]), Decimal(str(row["amount"]))) for row in raw["schedule"]
        ),
        status=str(raw["status"]),
        decided_on=dt.date.fromisoformat(raw["decided_on"]) if raw.get("decided_on") else None,
    )


def approved_plan(decision: Decision | None) -> Plan | None:
    plan = plan_of(decision)
    return plan if plan is not None and plan.status == "approved" else None


def schedule_of(case: Case, decision: Decision) -> tuple[Instalment, ...]:
    """When the fine falls due: the approved plan's dates, else the whole fine at the end of the payment period."""
    plan = approved_plan(decision)
    if plan is not None:
        return plan.schedule
    assert decision.fine_amount is not None
    period = Period.objects.filter(case=case, code="fine_payment").order_by("-pk").first()
    due = period.due_on if period is not None and period.due_on is not None else UNKNOWN_DUE
    return (Instalment(due, decision.fine_amount),)


def fine_paid(decision: Decision) -> Decimal:
    """The part of the fine paid so far (the surcharge paid not included)."""
    return decision.fine_payments.aggregate(total=Sum("fine_part"))["total"] or Decimal("0.00")


def owed_on(case: Case, as_of: dt.date) -> list[Owed]:
    """The instalments of the fine still unpaid on `as_of`, each with its surcharge (none where not imposed or set
    aside); empty when there is no fine or it is paid."""
    decision = fine_decision(case)
    if decision is None or case.fine_paid_on is not None:
        return []
    facts = facts_for(decision)
    if facts.not_owed_as_made:
        return []
    paid = fine_paid(decision)
    imposed = decision.surcharge_imposed
    return fine_owed(schedule_of(case, decision), paid, as_of, pauses=facts.pauses, imposed=imposed)
