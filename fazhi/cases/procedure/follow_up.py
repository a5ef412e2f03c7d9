"""After a decision: a further decision in the same case when the order was not met.

- A penalty after an order to correct that was not met by its deadline (逾期不改正): the articles that fine only then
  (`order_first` in penalty_items.csv — 保障农民工工资支付条例 第五十四条至第五十七条, 劳动合同法 第九十二条第二款,
  社会保险法 第八十四条 …) need that earlier order and its unmet deadline first, in this case or on file elsewhere.
- 责令加付赔偿金 after the wages ordered were not paid by the deadline (劳动保障监察条例 第二十六条; 劳动合同法
  第八十五条): a 行政处理决定 of its own, so the employer is heard first (劳动保障监察条例 第十九条; 广东省劳动保障监察
  条例 第二十四条第一款), and the decision is served (第四十七条) and enforced like any other.

Either goes through the proposal, its review, the notice and the decision again (`propose_follow_up`); the new
decision is numbered after the first (`Decision.sequence`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from fazhi.cases.models import Case, Decision, WorkerLine
from fazhi.cases.procedure.base import HANDLERS, Context, GuardKind, Transition, guard, states
from fazhi.cases.procedure.common import amount, day
from fazhi.cases.procedure.proposal import PROPOSAL_FIELDS, propose_effect
from fazhi.cases.states import State
from fazhi.rules import money, violations

FOLLOW_UPS = frozenset({"penalty", "additional_compensation"})
# 劳动合同法 第八十五条: 加付赔偿金 at 50% to 100% of the amount payable.
RATE_MIN, RATE_MAX = Decimal("0.5"), Decimal("1.0")


def _order(case: Case) -> Decision | None:
    """The case's latest decision that ordered something by a deadline."""
    return (
        case.decisions.filter(outcome__in=("rectification", "handling_decision"), comply_by__isnull=False)
        .order_by("-sequence")
        .first()
    )


def order_unmet(case: Case, today: dt.date) -> str:
    """Why the case's order cannot (yet) be taken as not met ("" when it was not met by its deadline)."""
    order = _order(case)
    if order is None or order.comply_by is None:
        return "本案没有限期改正或限期支付的决定。"
    if today <= order.comply_by:
        return f"责令的期限至 {order.comply_by:%Y-%m-%d} 届满，届满后仍未改正的方可处理。"
    if order.outcome == "rectification" and case.corrected is not False:
        return "须先复查整改情况，确认逾期未改正。"
    if order.outcome == "handling_decision" and not any(line.unpaid for line in case.worker_lines.all()):
        return "责令支付的工资已全部支付。"
    return ""


@guard(GuardKind.INPUT)
def prior_order_unmet(ctx: Context) -> list[str]:
    """A fine the article allows only "逾期不改正" needs the earlier order and its unmet deadline (A9): an order of
    this case not met, or an order given outside it, named with its deadline."""
    case, data = ctx.case, ctx.data
    code = str(data.get("violation_code") or case.violation_code)
    if data.get("proposed_outcome") != "penalty" or not code or not violations.needs_prior_order(code):
        return []
    if not order_unmet(case, ctx.today):
        return []
    reference, due = str(data.get("prior_order", "")).strip(), day(data.get("prior_order_due_on"))
    if reference and due is not None and due < ctx.today:
        return []
    basis = violations.violation(code).basis
    if reference and due is not None:
        return [f"此前责令改正的期限 {due:%Y-%m-%d} 尚未届满，届满后仍未改正的方可处以罚款（{basis}）。"]
    return [
        f"{basis}规定责令限期改正、逾期不改正的才处以罚款：请先作出责令限期改正的决定并复查，"
        "或填写此前责令改正的文书和期限。"
    ]


@guard(GuardKind.INPUT)
def follow_up_allowed(ctx: Context) -> list[str]:
    case, outcome = ctx.case, str(ctx.data.get("proposed_outcome", ""))
    if outcome not in FOLLOW_UPS:
        return ["决定作出后，只能就逾期不改正提出行政处罚或责令加付赔偿金的处理意见。"]
    if outcome == "penalty":
        why = order_unmet(case, ctx.today)
        return [why] if why else []
    order = _order(case)
    if order is None or order.outcome != "handling_decision":
        return ["本案没有责令支付工资的处理决定。"]
    why = order_unmet(case, ctx.today)
    if why:
        return [why]
    if case.decisions.filter(outcome="additional_compensation").exists():
        return ["已经责令加付赔偿金。"]
    return []


@guard(GuardKind.INPUT)
def compensation_rate_valid(ctx: Context) -> list[str]:
    outcome = ctx.data.get("proposed_outcome") or ctx.data.get("decision_outcome") or ctx.case.proposed_outcome
    rate = amount(ctx.data.get("rate")) or ctx.case.compensation_rate
    if outcome != "additional_compensation":
        return ["只有责令加付赔偿金才填写加付比例。"] if ctx.data.get("rate") else []
    if rate is None or not RATE_MIN <= rate <= RATE_MAX:
        return ["加付赔偿金的比例为应付金额的百分之五十以上百分之一百以下（劳动合同法第八十五条）。"]
    return []


def follow_up_effect(ctx: Context) -> dict[str, Any]:
    changes = propose_effect(ctx)
    changes["compensation_rate"] = amount(ctx.data.get("rate"))
    return changes


def unpaid_at(line: WorkerLine, deadline: dt.date) -> Decimal:
    """What was still unpaid to the worker when the deadline passed: the base of 加付赔偿金 ("按应付金额",
    劳动合同法 第八十五条). Payments recorded without a day count as made before it."""
    dated = line.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    late = line.payments.filter(paid_on__gt=deadline).aggregate(total=Sum("amount"))["total"] or Decimal("0")
    paid_by_deadline = line.amount_paid - late if dated <= line.amount_paid else line.amount_paid
    return max(line.amount_owed - paid_by_deadline, Decimal("0"))


def order_compensation(case: Case, rate: Decimal) -> Decimal:
    """Set each worker's 加付赔偿金 on what was unpaid at the wage order's deadline; the total."""
    order = _order(case)
    assert order is not None
    assert order.comply_by is not None
    total = Decimal("0")
    for line in WorkerLine.objects.select_for_update().filter(case=case).order_by("pk"):
        line.additional_compensation = money.additional_compensation(unpaid_at(line, order.comply_by), rate)
        line.save(update_fields=["additional_compensation"])
        total += line.additional_compensation
    return total


# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("propose_follow_up", "提出逾期不改正的处理意见", states(State.PERFORMANCE), State.PROPOSAL_REVIEW,
               HANDLERS, guards=("actor_is_handler", "follow_up_allowed", "outcome_proposed", "prior_order_unmet",
                                 "proposed_fine_in_range", "compensation_rate_valid",
                                 "no_fine_instead_of_transfer"),
               fields=(*PROPOSAL_FIELDS, "rate"), effect=follow_up_effect,
               basis="劳动保障监察条例 第二十六条；劳动合同法 第八十五条；行政处罚法 第二十八条"),
)
# fmt: on
