"""Deferral and instalments of a fine (暂缓、分期缴纳罚款): 行政处罚法 第六十六条第二款 "当事人确有经济困难，需要延期
或者分期缴纳罚款的，经当事人申请和行政机关批准，可以暂缓或者分期缴纳". The handlers record the party's written
application (its day, its reasons, the deferral's date or the instalments' dates and amounts); the organ's 负责人
approves it or refuses it with reasons. An approved plan sets when the fine falls due (the surcharge runs from each of
its dates, fazhi.cases.fine_plan) and when the court-enforcement window starts (第七十二条第二款 "行政机关批准延期、
分期缴纳罚款的，申请人民法院强制执行的期限，自暂缓或者分期缴纳罚款期限结束之日起计算")."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from fazhi.cases import enforcement, fine_plan
from fazhi.cases.models import Decision, Period, PeriodState
from fazhi.cases.procedure.base import HANDLERS, HEADS, Context, GuardKind, Transition, guard, states
from fazhi.cases.procedure.common import day
from fazhi.cases.states import State

_ROW = re.compile(r"^(\d{4}-\d{2}-\d{2})[\s,，:：]+([\d,]+(?:\.\d{1,2})?)\s*元?$")


def parse_instalments(text: str) -> tuple[list[tuple[dt.date, Decimal]], list[str]]:
    """The instalments typed one a line (or separated by "；"), each "YYYY-MM-DD 金额": (rows, problems)."""
    rows: list[tuple[dt.date, Decimal]] = []
    problems: list[str] = []
    for number, raw in enumerate((part.strip() for part in re.split(r"[\n；;]", text) if part.strip()), 1):
        match = _ROW.match(raw)
        try:
            if match is None:
                raise ValueError
            rows.append((dt.date.fromisoformat(match[1]), Decimal(match[2].replace(",", ""))))
        except (ValueError, InvalidOperation):
            problems.append(f"第{number}期“{raw}”应写作“年-月-日 金额”，如“2026-04-10 5000”。")
    return rows, problems


def _remaining(ctx: Context) -> Decimal:
    decision = fine_plan.fine_decision(ctx.case)
    assert decision is not None
    assert decision.fine_amount is not None
    return decision.fine_amount - fine_plan.fine_paid(decision)


@guard(GuardKind.ROUTING)
def payment_application_open(ctx: Context) -> list[str]:
    decision = fine_plan.fine_decision(ctx.case)
    if decision is None or ctx.case.decision_outcome != "penalty":
        return ["本案没有罚款决定。"]
    if ctx.case.fine_paid_on is not None:
        return ["罚款已登记缴纳。"]
    plan = fine_plan.plan_of(decision)
    if plan is not None and plan.status != "refused":
        return [f"当事人已申请{plan.label}（{fine_plan.PLAN_STATUS[plan.status]}）。"]
    return []


@guard(GuardKind.INPUT)
def payment_application_is_valid(ctx: Context) -> list[str]:
    kind = ctx.data.get("plan_kind")
    if kind == "deferral":
        defer_to = day(ctx.data.get("defer_to"))
        if defer_to is None:
            return ["申请暂缓缴纳的，请填写暂缓至的日期。"]
        return [] if defer_to > ctx.today else ["暂缓缴纳至的日期应晚于今天。"]
    rows, problems = parse_instalments(str(ctx.data.get("instalments", "")))
    if problems:
        return problems
    if len(rows) < 2:
        return ["申请分期缴纳的，请逐期填写缴纳日期和金额（至少两期）。"]
    dates = [due for due, _ in rows]
    if dates != sorted(set(dates)):
        return ["各期缴纳日期应依次在后，不能重复。"]
    if any(amount <= 0 for _, amount in rows):
        return ["每期金额应大于零。"]
    total, remaining = sum((amount for _, amount in rows), Decimal("0")), _remaining(ctx)
    if total != remaining:
        return [f"各期金额合计 {total} 元，应等于尚未缴纳的罚款 {remaining} 元。"]
    return [] if dates[-1] > ctx.today else ["最后一期缴纳日期应晚于今天。"]


@guard(GuardKind.ROUTING)
def payment_plan_pending(ctx: Context) -> list[str]:
    plan = fine_plan.plan_of(fine_plan.fine_decision(ctx.case))
    return [] if plan is not None and plan.status == "applied" else ["没有待批准的暂缓或者分期缴纳罚款申请。"]


def _schedule(ctx: Context) -> list[dict[str, str]]:
    if ctx.data["plan_kind"] == "deferral":
        return [{"due_on": str(ctx.data["defer_to"]), "amount": str(_remaining(ctx))}]
    rows, _ = parse_instalments(str(ctx.data["instalments"]))
    return [{"due_on": due.isoformat(), "amount": str(amount.quantize(Decimal("0.01")))} for due, amount in rows]


def _save_plan(decision: Decision, plan: dict[str, Any]) -> None:
    Decision.objects.filter(pk=decision.pk).update(payment_plan=plan)
    decision.payment_plan = plan


def record_application_after(ctx: Context) -> dict[str, Any]:
    decision = fine_plan.fine_decision(ctx.case)
    assert decision is not None
    plan = {
        "kind": str(ctx.data["plan_kind"]),
        "applied_on": str(ctx.data["received_on"]),
        "reasons": str(ctx.data["plan_reasons"]),
        "schedule": _schedule(ctx),
        "status": "applied",
    }
    _save_plan(decision, plan)
    return {"payment_plan": fine_plan.plan_of(decision).describe()}  # type: ignore[union-attr]


def _answer(ctx: Context, status: str) -> tuple[Decision, dict[str, Any]]:
    decision = fine_plan.fine_decision(ctx.case)
    assert decision is not None
    assert ctx.actor is not None
    plan = dict(decision.payment_plan)
    plan.update(status=status, decided_on=ctx.today.isoformat(), decided_by=ctx.actor.username)
    _save_plan(decision, plan)
    return decision, plan


def approve_plan_after(ctx: Context) -> dict[str, Any]:
    """The plan now sets when the fine falls due: the payment period runs to its last date, and the
    court-enforcement window from it (第七十二条第二款)."""
    decision, _ = _answer(ctx, "approved")
    plan = fine_plan.approved_plan(decision)
    assert plan is not None
    Period.objects.filter(case=ctx.case, code="fine_payment", state=PeriodState.RUNNING).update(
        due_on=plan.ends_on, awaiting_year=None, provisional_due_on=None
    )
    window = enforcement.refresh_enforcement_period(ctx.case, on=ctx.today)
    recorded: dict[str, Any] = {"payment_plan": plan.describe(), "fine_payment_due": plan.ends_on.isoformat()}
    if window is not None and window.due_on is not None:
        recorded["court_enforcement_due"] = window.due_on.isoformat()
    return recorded


def refuse_plan_after(ctx: Context) -> dict[str, Any]:
    _answer(ctx, "refused")
    return {}


# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("record_payment_application", "登记暂缓或者分期缴纳罚款申请", states(State.PERFORMANCE), None,
               HANDLERS, guards=("payment_application_open", "payment_application_is_valid"),
               fields=("plan_kind", "received_on", "plan_reasons", "defer_to", "instalments"),
               after=record_application_after, basis="行政处罚法 第六十六条第二款"),
    Transition("approve_payment_plan", "批准暂缓或者分期缴纳罚款", states(State.PERFORMANCE), None, HEADS,
               guards=("payment_plan_pending",), after=approve_plan_after, delegable=True,
               basis="行政处罚法 第六十六条第二款、第七十二条第二款"),
    Transition("refuse_payment_plan", "不予批准暂缓或者分期缴纳罚款", states(State.PERFORMANCE), None, HEADS,
               guards=("payment_plan_pending",), needs_reason=True, after=refuse_plan_after, delegable=True,
               basis="行政处罚法 第六十六条第二款"),
)
# fmt: on
