"""Performance and enforcement (履行与执行): the fine paid (行政处罚法 第六十七条) with the surcharge where it is due
(第七十二条), wages paid as ordered and 加付赔偿金 (劳动合同法 第八十五条; 劳动保障监察条例 第二十六条), the correction
verified, court enforcement applied for within its window (最高人民法院关于适用《行政诉讼法》的解释 第一百五十六条), and
the filing of the decision with the superior department (广东省劳动保障监察条例 第四十八条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from fazhi.cases.models import Case, Period, PeriodState, WagePayment, WorkerLine
from fazhi.cases.outcomes import PAYMENT_ORDERS, WAGE_ORDERS
from fazhi.cases.periods import chain_start
from fazhi.cases.procedure.base import HANDLERS, HEADS, LEAD, Context, GuardKind, Transition, guard, states
from fazhi.cases.procedure.common import amount, running
from fazhi.cases.states import State
from fazhi.rules import money


def surcharge_due(case: Case, as_of: dt.date) -> Decimal:
    """加处罚款 owed on `as_of` for a fine not yet paid (行政处罚法 第七十二条)."""
    period = Period.objects.filter(case=case, code="fine_payment").order_by("-pk").first()
    if case.fine_amount is None or period is None or period.due_on is None:
        return Decimal("0.00")
    return money.late_payment_surcharge(case.fine_amount, period.due_on, as_of)


def performance_missing(case: Case) -> list[str]:
    """What the employer has not yet done of the decision (empty: performed)."""
    outcome = case.decision_outcome
    if outcome == "penalty" and case.fine_paid_on is None:
        return ["罚款尚未缴纳。"]
    if outcome in WAGE_ORDERS:
        # In the order the workers were entered (PostgreSQL returns rows in no set order, e.g. after an update).
        unpaid = [line.name for line in sorted(case.worker_lines.all(), key=lambda line: line.pk) if line.outstanding]
        if unpaid:
            return [f"尚未足额支付：{'、'.join(unpaid)}。"]
    if outcome == "rectification" and case.correction_verified_on is None:
        return ["整改情况尚未复查。"]
    if outcome == "rectification" and case.corrected is False:
        return ["逾期未改正，须依法作出处罚或者移送。"]
    return []


@guard(GuardKind.ROUTING)
def penalty_decided(ctx: Context) -> list[str]:
    case = ctx.case
    if case.decision_outcome != "penalty" or case.fine_amount is None:
        return ["本案没有罚款决定。"]
    return ["罚款已登记缴纳。"] if case.fine_paid_on is not None else []


@guard(GuardKind.ROUTING)
def wages_ordered(ctx: Context) -> list[str]:
    if ctx.case.decision_outcome not in WAGE_ORDERS:
        return ["本案没有责令支付的处理决定。"]
    if not any(line.outstanding for line in ctx.case.worker_lines.all()):
        return ["责令支付的工资已全部支付。"]
    return []


@guard(GuardKind.ROUTING)
def payment_ordered(ctx: Context) -> list[str]:
    return [] if ctx.case.decision_outcome in PAYMENT_ORDERS else ["本案决定没有可申请强制执行的给付内容。"]


@guard(GuardKind.INPUT)
def fine_payment_is_valid(ctx: Context) -> list[str]:
    case = ctx.case
    if case.fine_amount is None:
        return []
    paid, paid_on = amount(ctx.data.get("amount")), ctx.data.get("paid_on")
    if paid is None or not paid_on:
        return []
    surcharge = surcharge_due(case, dt.date.fromisoformat(str(paid_on)))
    owed = case.fine_amount + surcharge
    if paid != owed:
        extra = f"及加处罚款 {surcharge} 元（行政处罚法第七十二条），合计 {owed} 元" if surcharge else ""
        return [f"应缴罚款 {case.fine_amount} 元{extra}；登记金额 {paid} 元不符（分期缴纳须另行批准）。"]
    return []


@guard(GuardKind.INPUT)
def wage_payment_is_valid(ctx: Context) -> list[str]:
    raw = str(ctx.data.get("worker", ""))
    line = ctx.case.worker_lines.filter(pk=int(raw)).first() if raw.isdigit() else None
    if line is None:
        return ["请选择本案的劳动者。"]
    paid = amount(ctx.data.get("amount"))
    if paid is not None and paid > line.outstanding:
        return [f"{line.name}尚欠 {line.outstanding} 元，登记金额不能超过尚欠金额。"]
    return []


@guard(GuardKind.ROUTING)
def correction_ordered(ctx: Context) -> list[str]:
    if ctx.case.decision_outcome != "rectification":
        return ["本案没有责令限期改正的决定。"]
    return ["整改情况已复查。"] if ctx.case.correction_verified_on else []


@guard(GuardKind.INPUT)
def deadline_passed(ctx: Context) -> list[str]:
    # Whether the order was met is known once its deadline has come (劳动保障监察条例 第十八条第一款第（二）项).
    comply_by = ctx.case.comply_by
    if comply_by is not None and ctx.today < comply_by and not ctx.data.get("corrected"):
        return [f"改正期限至 {comply_by:%Y-%m-%d}，期限届满前只能登记已改正。"]
    return []


@guard(GuardKind.STATE)
def decision_performed(ctx: Context) -> list[str]:
    return performance_missing(ctx.case)


@guard(GuardKind.STATE)
def court_enforcement_window_open(ctx: Context) -> list[str]:
    # 行政诉讼法解释 第一百五十六条: within 3 months after the party's time to sue (6 months) has run out.
    case = ctx.case
    if not performance_missing(case):
        return ["决定已履行完毕，无须申请强制执行。"]
    period = running(case, "court_enforcement_application")
    if period is None:
        return ["本案没有进行中的申请强制执行期限。"]
    litigation_end, _ = chain_start(period.code, period.started_on)
    if litigation_end is None:
        return ["当事人起诉期限的届满日须待导入下一年度节假日后确定。"]
    if ctx.today <= litigation_end:
        return [f"当事人的起诉期限至 {litigation_end:%Y-%m-%d} 届满，届满后三个月内方可申请人民法院强制执行。"]
    if period.due_on is not None and ctx.today > period.due_on:
        return [f"申请强制执行的期限已于 {period.due_on:%Y-%m-%d} 届满（逾期申请，除有正当理由外人民法院不予受理）。"]
    return []


def _filing_pending(case: Case) -> bool:
    return Period.objects.filter(case=case, code="filing_with_superior", state=PeriodState.RUNNING).exists()


@guard(GuardKind.ROUTING)
def filing_with_superior_pending(ctx: Context) -> list[str]:
    return [] if _filing_pending(ctx.case) else ["本案没有待报备案的决定。"]


@guard(GuardKind.STATE)
def filed_with_superior(ctx: Context) -> list[str]:
    # 广东条例 第四十八条 requires the filing within 10 days; closing only once it is made is this system's control.
    return (
        ["结案前须将处理决定报上一级部门备案（广东省劳动保障监察条例第四十八条）。"]
        if _filing_pending(ctx.case)
        else []
    )


def fine_payment_effect(ctx: Context) -> dict[str, Any]:
    paid = Decimal(str(ctx.data["amount"]))
    return {
        "fine_paid_on": dt.date.fromisoformat(str(ctx.data["paid_on"])),
        "fine_paid_amount": paid,
        "surcharge_paid": paid - (ctx.case.fine_amount or Decimal("0")),
    }


def wage_payment_after(ctx: Context) -> dict[str, Any]:
    line = WorkerLine.objects.select_for_update().get(case=ctx.case, pk=int(str(ctx.data["worker"])))
    paid = Decimal(str(ctx.data["amount"]))
    line.amount_paid += paid
    line.save(update_fields=["amount_paid"])
    WagePayment.objects.create(line=line, amount=paid, paid_on=dt.date.fromisoformat(str(ctx.data["paid_on"])))
    return {"worker_name": line.name, "worker_paid_total": str(line.amount_paid)}


def verify_correction_effect(ctx: Context) -> dict[str, Any]:
    return {"correction_verified_on": ctx.today, "corrected": bool(ctx.data.get("corrected"))}


def court_enforcement_effect(ctx: Context) -> dict[str, Any]:
    return {"court_enforcement_applied_on": ctx.today}


# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("record_fine_payment", "登记罚款缴纳", states(State.PERFORMANCE), None, HANDLERS,
               guards=("penalty_decided", "fine_payment_is_valid"), meets=("fine_payment",),
               fields=("paid_on", "amount"), effect=fine_payment_effect, basis="行政处罚法 第六十七条、第七十二条"),
    Transition("record_wage_payment", "登记工资支付", states(State.PERFORMANCE), None, HANDLERS,
               guards=("wages_ordered", "wage_payment_is_valid"), fields=("worker", "amount", "paid_on"),
               after=wage_payment_after, basis="劳动保障监察条例 第二十六条"),
    Transition("verify_correction", "复查整改情况", states(State.PERFORMANCE), None, HANDLERS,
               guards=("correction_ordered", "deadline_passed"), needs_reason=True, fields=("corrected",),
               effect=verify_correction_effect,
               basis="劳动保障监察条例 第十八条第一款第（二）项"),
    Transition("record_performance", "履行完毕", states(State.PERFORMANCE), State.CLOSING_REVIEW, HANDLERS,
               guards=("decision_performed",), meets=("fine_payment", "court_enforcement_application"),
               basis="行政处罚法 第六十七条"),
    Transition("apply_court_enforcement", "申请人民法院强制执行", states(State.PERFORMANCE), State.CLOSING_REVIEW,
               HEADS, guards=("payment_ordered", "court_enforcement_window_open"), needs_reason=True,
               meets=("court_enforcement_application", "fine_payment"), effect=court_enforcement_effect,
               delegable=True,
               basis="行政处罚法 第七十二条第一款第（四）项；最高人民法院关于适用《行政诉讼法》的解释 第一百五十六条"),
    # Every decision is filed with the superior department within 10 days (广东条例 第四十八条).
    Transition("file_with_superior", "报上一级部门备案",
               states(State.SERVICE, State.PERFORMANCE, State.CLOSING_REVIEW), None, HANDLERS | LEAD,
               guards=("filing_with_superior_pending",), meets=("filing_with_superior",),
               basis="广东省劳动保障监察条例 第四十八条"),
)
# fmt: on
