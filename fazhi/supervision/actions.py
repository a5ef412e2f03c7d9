"""Supervision orders (督办): every step one action, one journal entry, in one transaction.

raise_order (the supervisor, on a case or a unit, with a response deadline) → answer_order (a lead, director or leader
whose unit is the order's or above it) → close_order (the supervisor) — or escalate_order (the supervisor: the order
goes to the unit above, one level higher, with a new deadline, and waits for an answer again).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import Role, Unit, User
from fazhi.accounts.queries import in_business_scope
from fazhi.calendars.queries import working_calendar
from fazhi.cases.models import Case
from fazhi.cases.numbering import _next
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry
from fazhi.rules.calendar import CalendarError
from fazhi.supervision.models import OrderState, SupervisionOrder
from fazhi.supervision.rules import BY_CODE

ANSWERING_ROLES = frozenset({Role.LEAD, Role.DIRECTOR, Role.LEADER})
MAX_TEXT = 2000


class OrderError(ActionError):
    """A supervision order step that cannot be taken; `message` says why, in Chinese."""


def default_deadline(on: dt.date) -> dt.date:
    """The default response deadline: FAZHI_SUPERVISION_ORDER_WORKING_DAYS working days after `on`."""
    from django.conf import settings

    days = int(settings.FAZHI_SUPERVISION_ORDER_WORKING_DAYS)
    try:
        return working_calendar().add_working_days(on, days)
    except CalendarError:
        return on + dt.timedelta(days=days * 7 // 5 + 1)


def _supervisor(actor: User) -> None:
    if not actor.is_active or not actor.has_role(Role.SUPERVISOR):
        raise OrderError("只有电子监察人员可以督办。")


def _text(value: str, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise OrderError(f"请填写{label}。")
    if len(text) > MAX_TEXT:
        raise OrderError(f"{label}不能超过 {MAX_TEXT} 个字。")
    return text


def _snapshot(order: SupervisionOrder) -> dict[str, Any]:
    return {
        "number": order.number,
        "state": order.state,
        "level": order.level,
        "unit": order.unit.code,
        "case": order.case.display_number if order.case else None,
        "respond_by": order.respond_by.isoformat(),
    }


def _locked(order: SupervisionOrder, *states: str) -> SupervisionOrder:
    current = SupervisionOrder.objects.select_for_update(of=("self",)).select_related("unit", "case").get(pk=order.pk)
    if current.state not in states:
        raise OrderError(f"督办单 {current.number} 目前“{current.state_label}”，不能办理此步骤。")
    return current


@transaction.atomic
def raise_order(
    *,
    actor: User,
    subject: str,
    case: Case | None = None,
    unit: Unit | None = None,
    respond_by: dt.date | None = None,
    rule: str = "",
) -> SupervisionOrder:
    """Raise an order on `case` (addressed to its unit) or on `unit`."""
    _supervisor(actor)
    if (case is None) == (unit is None):
        raise OrderError("请指定督办的案件或机构（二者选一）。")
    if rule and rule not in BY_CODE:
        raise OrderError(f"未知的预警规则：{rule}。")
    today = timezone.localdate()
    deadline = respond_by or default_deadline(today)
    if deadline <= today:
        raise OrderError("答复期限应当在今天之后。")
    addressed = case.unit if case is not None else unit
    assert addressed is not None
    order = SupervisionOrder(
        number=f"督〔{today.year}〕{_next(f'supervision_order:{today.year}')}号",
        case=case,
        unit=addressed,
        rule=rule,
        subject=_text(subject, "督办事项"),
        raised_by=actor,
        raised_on=today,
        respond_by=deadline,
    )
    order.save()
    record_entry(
        actor=actor,
        action="supervision.raise_order",
        object_type="supervision.order",
        object_id=order.pk,
        after={**_snapshot(order), "rule": rule, "subject": order.subject},
        role=Role.SUPERVISOR,
    )
    return order


@transaction.atomic
def answer_order(*, actor: User, order: SupervisionOrder, response: str) -> SupervisionOrder:
    """The unit's answer: by a lead, director or leader of the order's unit or a unit above it."""
    order = _locked(order, OrderState.OPEN)
    role = next((r for r in (Role.LEAD, Role.DIRECTOR, Role.LEADER) if actor.has_role(r)), None)
    if not actor.is_active or role is None or not in_business_scope(actor, order.unit):
        raise OrderError("只有督办对象机构（或其上级）的负责人可以答复。")
    before = _snapshot(order)
    order.response = _text(response, "答复内容")
    order.answered_by, order.answered_on = actor, timezone.localdate()
    order.state, order.version = OrderState.ANSWERED, order.version + 1
    order.save()
    record_entry(
        actor=actor,
        action="supervision.answer_order",
        object_type="supervision.order",
        object_id=order.pk,
        before=before,
        after={**_snapshot(order), "response": order.response},
        role=role,
    )
    return order


@transaction.atomic
def close_order(*, actor: User, order: SupervisionOrder, conclusion: str) -> SupervisionOrder:
    """The supervisor accepts the answer and closes the order."""
    _supervisor(actor)
    order = _locked(order, OrderState.ANSWERED)
    before = _snapshot(order)
    order.conclusion = _text(conclusion, "办结意见")
    order.closed_on = timezone.localdate()
    order.state, order.version = OrderState.CLOSED, order.version + 1
    order.save()
    record_entry(
        actor=actor,
        action="supervision.close_order",
        object_type="supervision.order",
        object_id=order.pk,
        before=before,
        after={**_snapshot(order), "conclusion": order.conclusion},
        role=Role.SUPERVISOR,
    )
    return order


@transaction.atomic
def escalate_order(
    *, actor: User, order: SupervisionOrder, reason: str, respond_by: dt.date | None = None
) -> SupervisionOrder:
    """Escalate (升级督办): an order unanswered, or answered unsatisfactorily, goes to the unit above, one level up,
    with a new deadline, and waits for an answer again."""
    _supervisor(actor)
    order = _locked(order, OrderState.OPEN, OrderState.ANSWERED)
    parent = order.unit.parent
    if parent is None:
        raise OrderError("督办对象已是最高一级机构，不能再升级督办。")
    today = timezone.localdate()
    deadline = respond_by or default_deadline(today)
    if deadline <= today:
        raise OrderError("答复期限应当在今天之后。")
    before = _snapshot(order)
    why = _text(reason, "升级督办的理由")
    order.unit, order.level, order.respond_by = parent, order.level + 1, deadline
    order.state, order.version = OrderState.OPEN, order.version + 1
    order.response, order.answered_by, order.answered_on = "", None, None
    order.save()
    record_entry(
        actor=actor,
        action="supervision.escalate_order",
        object_type="supervision.order",
        object_id=order.pk,
        before=before,
        after={**_snapshot(order), "reason": why},
        role=Role.SUPERVISOR,
    )
    return order
