"""What the case page and the API's case detail say of the performance of a decision: whether the surcharge is
imposed (行政处罚法 第七十二条第一款第（一）项 "可以"), the deferral or instalments (第六十六条第二款), the payments
made and what is owed today with the days of reconsideration or litigation not counted (第七十三条第三款), and the
window to apply for court enforcement (行政诉讼法解释 第一百五十六条; 行政处罚法 第七十二条第二款; 行政诉讼法
第九十五条)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from fazhi.cases import enforcement, fine_plan
from fazhi.cases.models import Case
from fazhi.cases.outcomes import PAYMENT_ORDERS
from fazhi.cases.remedy_facts import facts_for
from fazhi.rules.money import Owed
from fazhi.rules.remedies import SET_ASIDE_LABELS, WindowKind

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class FineStatus:
    """The fine on a day: owed (fine and surcharge), the days not counted, and the plan."""

    imposed: bool
    owed: list[Owed]
    plan: fine_plan.Plan | None

    @property
    def fine_owed(self) -> Decimal:
        return sum((o.amount for o in self.owed), Decimal("0.00"))

    @property
    def surcharge(self) -> Decimal:
        return sum((o.surcharge for o in self.owed), Decimal("0.00"))

    @property
    def excluded_days(self) -> int:
        return max((o.excluded_days for o in self.owed), default=0)


def fine_status(case: Case, today: dt.date) -> FineStatus | None:
    decision = fine_plan.fine_decision(case)
    if decision is None or case.decision_outcome != "penalty":
        return None
    owed = fine_plan.owed_on(case, today) if case.served_on else []
    return FineStatus(decision.surcharge_imposed, owed, fine_plan.plan_of(decision))


def _plan_line(plan: fine_plan.Plan) -> str:
    status = fine_plan.PLAN_STATUS.get(plan.status, plan.status)
    decided = f" {plan.decided_on:%Y-%m-%d}" if plan.decided_on else ""
    return f"{plan.describe()}（{plan.applied_on:%Y-%m-%d} 申请，{status}{decided}；行政处罚法第六十六条第二款）"


def window_line(case: Case) -> tuple[str, bool]:
    """(the court-enforcement window in words, whether it is a warning); ("", False) when none is shown."""
    if case.decision_outcome not in PAYMENT_ORDERS or case.court_enforcement_applied_on or not case.served_on:
        return "", False
    window, awaiting = enforcement.window_of(case)
    if window is None:
        return (f"当事人起诉期限的届满日待导入{awaiting}年度节假日后确定", False) if awaiting else ("", False)
    if window.kind in (WindowKind.CLOSED, WindowKind.NONE) or window.opens_after is None:
        return window.reason, window.kind is WindowKind.CLOSED
    closes = f"{window.closes_on:%Y-%m-%d}" if window.closes_on else f"（待导入{awaiting}年度节假日后确定）"
    if window.kind is WindowKind.JUDGMENT:
        return (
            f"{window.opens_after:%Y-%m-%d} 至 {closes}（判决生效后二年内；行政诉讼法第九十五条，解释第一百五十三条）",
            False,
        )
    start = f"{window.opens_after + ONE_DAY:%Y-%m-%d}"
    why = (
        "批准的暂缓或者分期缴纳期限届满后三个月内；行政处罚法第七十二条第二款"
        if window.after_plan
        else "当事人起诉期限届满后三个月内；行政诉讼法解释第一百五十六条"
    )
    return f"{start} 至 {closes}（{why}）", False


def fine_lines(case: Case, today: dt.date) -> list[tuple[str, str, bool]]:
    """(label, value, warn) lines of the fine's performance; the paid line stays the case page's."""
    status = fine_status(case, today)
    if status is None:
        return []
    facts = facts_for(case.decision)
    if facts.not_owed_as_made:
        label = SET_ASIDE_LABELS[facts.set_aside]
        return [("罚款缴纳", f"处理决定已被{label}，不再按原决定缴纳罚款", False)]
    lines = [
        (
            "加处罚款",
            "到期不缴纳的，每日按罚款数额 3% 加处罚款，以罚款数额为限（行政处罚法第七十二条第一款第（一）项）"
            if status.imposed
            else "决定不加处罚款（行政处罚法第七十二条第一款“可以”）",
            False,
        )
    ]
    if status.plan is not None:
        lines.append(("暂缓或者分期缴纳", _plan_line(status.plan), False))
    decision = fine_plan.fine_decision(case)
    assert decision is not None
    payments = list(decision.fine_payments.order_by("paid_on", "pk"))
    if payments and case.fine_paid_on is None:
        paid = "；".join(f"{p.paid_on:%Y-%m-%d} {p.amount} 元" for p in payments)
        lines.append(("已缴罚款", paid, False))
    if status.owed:
        excluded = (
            f"，复议、诉讼期间 {status.excluded_days} 日不计（行政处罚法第七十三条第三款）"
            if status.excluded_days
            else ""
        )
        if status.surcharge:
            value = (
                f"逾期未缴：截至今日应缴 {status.fine_owed + status.surcharge} 元（罚款 {status.fine_owed} 元，"
                f"加处罚款 {status.surcharge} 元，每日 3%，以罚款数额为限；行政处罚法第七十二条{excluded}）"
            )
            lines.append(("罚款缴纳", value, True))
        else:
            due = status.owed[0].due_on
            when = f"，{due:%Y-%m-%d} 到期" if due != fine_plan.UNKNOWN_DUE else ""
            lines.append(("罚款缴纳", f"尚未缴纳：尚欠罚款 {status.fine_owed} 元{when}{excluded}", False))
    return lines
