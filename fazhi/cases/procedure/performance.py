"""Performance and enforcement (履行与执行): the fine paid (行政处罚法 第六十七条) with the surcharge where it is due
(第七十二条), wages paid as ordered and 加付赔偿金 (劳动合同法 第八十五条; 劳动保障监察条例 第二十六条), the correction
verified, court enforcement applied for within its window (最高人民法院关于适用《行政诉讼法》的解释 第一百五十六条), and
the filing of the decision with the superior department (广东省劳动保障监察条例 第四十八条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.cases import enforcement, fine_plan, periods
from fazhi.cases.models import Case, FinePayment, Period, PeriodState, WagePayment, WorkerLine
from fazhi.cases.outcomes import PAYMENT_ORDERS, WAGE_ORDERS
from fazhi.cases.procedure.base import HANDLERS, HEADS, LEAD, Context, GuardKind, Transition, guard, states
from fazhi.cases.procedure.common import amount, day, live_period
from fazhi.cases.remedy_facts import facts_for
from fazhi.cases.states import State
from fazhi.rules import money
from fazhi.rules.remedies import SET_ASIDE_LABELS


def surcharge_due(case: Case, as_of: dt.date) -> Decimal:
    """加处罚款 owed on `as_of` on the fine not yet paid (行政处罚法 第七十二条第一款第（一）项): on each instalment
    overdue, none where the decision did not impose it, less the days of a pending remedy (第七十三条第三款)."""
    return sum((owed.surcharge for owed in fine_plan.owed_on(case, as_of)), Decimal("0.00"))


def performance_missing(case: Case, today: dt.date | None = None) -> list[str]:
    """What the employer has not yet done of the decision (empty: performed); the fine still owed on `today`."""
    outcome = case.decision_outcome
    set_aside = facts_for(case.decision)
    if set_aside.not_owed_as_made:
        label = SET_ASIDE_LABELS[set_aside.set_aside]
        return [f"处理决定已被{label}，不再按原决定履行：请报请结案（被变更的，按变更后的决定另行处理）。"]
    if outcome == "penalty" and case.fine_paid_on is None:
        owed = fine_plan.owed_on(case, today or timezone.localdate())
        if not owed:
            return ["罚款尚未缴纳。"]
        fine = sum((o.amount for o in owed), Decimal("0.00"))
        surcharge = sum((o.surcharge for o in owed), Decimal("0.00"))
        extra = f"及加处罚款 {surcharge} 元" if surcharge else ""
        return [f"罚款尚未缴纳完毕：尚欠罚款 {fine} 元{extra}。"]
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


def _split(ctx: Context) -> tuple[Decimal, Decimal, bool] | None:
    """How the payment typed divides into fine and surcharge, and whether it clears the fine: it pays the next
    instalment, or several in order, each with the surcharge it carries on its day (None: it matches none)."""
    decision = fine_plan.fine_decision(ctx.case)
    paid, paid_on = amount(ctx.data.get("amount")), day(ctx.data.get("paid_on"))
    if decision is None or paid is None or paid_on is None:
        return None
    facts = facts_for(decision)
    owed = money.fine_owed(
        fine_plan.schedule_of(ctx.case, decision),
        fine_plan.fine_paid(decision),
        paid_on,
        pauses=facts.pauses,
        imposed=decision.surcharge_imposed and not facts.not_owed_as_made,
    )
    total = fine = Decimal("0.00")
    for count, instalment in enumerate(owed, 1):
        total, fine = total + instalment.total, fine + instalment.amount
        if total == paid:
            return fine, paid - fine, count == len(owed)
    return None


def _owed_text(owed: money.Owed) -> str:
    if not owed.surcharge:
        return ""
    excluded = f"；复议、诉讼期间 {owed.excluded_days} 日不计，第七十三条第三款" if owed.excluded_days else ""
    return f"及加处罚款 {owed.surcharge} 元（行政处罚法第七十二条{excluded}），合计 {owed.total} 元"


@guard(GuardKind.INPUT)
def fine_payment_is_valid(ctx: Context) -> list[str]:
    """Each payment against what is due on its day (行政处罚法 第六十七条、第六十六条第二款、第七十二条)."""
    paid, paid_on = amount(ctx.data.get("amount")), day(ctx.data.get("paid_on"))
    if ctx.case.fine_amount is None or paid is None or paid_on is None:
        return []
    owed = fine_plan.owed_on(ctx.case, paid_on)
    if not owed or _split(ctx) is not None:
        return []
    first = owed[0]
    if fine_plan.approved_plan(fine_plan.fine_decision(ctx.case)) is None:
        return [f"应缴罚款 {first.amount} 元{_owed_text(first)}；登记金额 {paid} 元不符（分期缴纳须另行批准）。"]
    rest = sum((o.total for o in owed), Decimal("0.00"))
    return [
        f"本期应缴罚款 {first.amount} 元（{first.due_on:%Y-%m-%d} 到期）{_owed_text(first)}；"
        f"一并缴纳尚欠各期的，合计 {rest} 元；登记金额 {paid} 元不符。"
    ]


@guard(GuardKind.INPUT)
def wage_payment_is_valid(ctx: Context) -> list[str]:
    raw = str(ctx.data.get("worker", ""))
    line = ctx.case.worker_lines.filter(pk=int(raw)).first() if raw.isascii() and raw.isdigit() else None
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


@guard(GuardKind.ROUTING)
def decision_set_aside(ctx: Context) -> list[str]:
    """The decision was revoked, declared void or changed by the reconsideration organ or a court (行政复议法
    第六十三、六十四、六十七条; 行政诉讼法 第七十条、第七十五条、第七十七条): nothing is left to perform as made."""
    if facts_for(ctx.case.decision).not_owed_as_made:
        return []
    return ["处理决定未被撤销、变更或者确认无效（确认违法但未撤销的决定仍应履行）。"]


@guard(GuardKind.STATE)
def decision_performed(ctx: Context) -> list[str]:
    return performance_missing(ctx.case, ctx.today)


@guard(GuardKind.STATE)
def court_enforcement_window_open(ctx: Context) -> list[str]:
    # 行政诉讼法解释 第一百五十六条: within 3 months after the party's time to sue — 6 months (行政诉讼法 第四十六条) or
    # 15 days after a reconsideration (第四十五条) — or after an approved deferral or instalments (行政处罚法 第七十二条
    # 第二款); not while a remedy is pending or the execution suspended; the judgment's 2 years after a final judgment
    # (第九十五条; 解释 第一百五十三条); never for a decision set aside (fazhi.rules.remedies).
    case = ctx.case
    if not performance_missing(case, ctx.today):
        return ["决定已履行完毕，无须申请强制执行。"]
    if live_period(case, enforcement.CODE) is None:
        return ["本案没有进行中的申请强制执行期限。"]
    window, awaiting = enforcement.window_of(case)
    if window is None:
        return [f"当事人起诉期限的届满日须待导入{awaiting or '下一'}年度节假日后确定。"]
    refusal = window.refusal(ctx.today)
    return [refusal] if refusal else []


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
    split = _split(ctx)
    assert split is not None  # fine_payment_is_valid
    fine, surcharge, cleared = split
    case = ctx.case
    return {
        # The fine counts as paid once the last of it is (the supervision rules read this day).
        "fine_paid_on": day(ctx.data["paid_on"]) if cleared else None,
        "fine_paid_amount": (case.fine_paid_amount or Decimal("0.00")) + fine + surcharge,
        "surcharge_paid": (case.surcharge_paid or Decimal("0.00")) + surcharge,
    }


def fine_payment_after(ctx: Context) -> dict[str, Any]:
    """Keep the payment with its day; the payment period is met once the whole fine is paid (not at an instalment,
    so the row names no `meets`)."""
    split = _split(ctx)
    decision = fine_plan.fine_decision(ctx.case)
    assert split is not None
    assert decision is not None
    fine, surcharge, cleared = split
    paid_on = day(ctx.data["paid_on"])
    assert paid_on is not None
    FinePayment.objects.create(
        decision=decision, paid_on=paid_on, amount=fine + surcharge, fine_part=fine, surcharge=surcharge
    )
    if cleared:
        periods.meet_periods(ctx.case, ["fine_payment"], on=ctx.today)
    return {"fine_part": str(fine), "surcharge": str(surcharge), "fine_cleared": cleared}


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
    # A payment of the whole fine, or of the next instalment(s) of an approved plan; the payment period is met by
    # the payment that clears the fine (fine_payment_after).
    Transition("record_fine_payment", "登记罚款缴纳", states(State.PERFORMANCE), None, HANDLERS,
               guards=("penalty_decided", "fine_payment_is_valid"), fields=("paid_on", "amount"),
               effect=fine_payment_effect, after=fine_payment_after,
               basis="行政处罚法 第六十六条第二款、第六十七条、第七十二条、第七十三条第三款"),
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
    Transition("close_after_set_aside", "决定被撤销、变更或者确认无效，报请结案",
               states(State.SERVICE, State.PERFORMANCE), State.CLOSING_REVIEW, HANDLERS,
               guards=("decision_set_aside",), meets=("service", "fine_payment", "court_enforcement_application"),
               basis="行政复议法 第六十三条、第六十四条、第六十七条；行政诉讼法 第七十条、第七十五条、第七十七条"),
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
