"""Supervision orders (督办): raised by the supervisor on a case or a unit, answered by the unit, closed or escalated.

Alerts are not stored: every screen asks the rules (`fazhi.supervision.rules`) as of a date, so an alert appears and
goes away as the cases move. An order is the supervisor's act and lives here; its state changes only through
`fazhi.supervision.actions` (one journal entry each).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from fazhi.accounts.models import Unit, User
from fazhi.cases.models import Case


class OrderState(models.TextChoices):
    OPEN = "open", "待答复"
    ANSWERED = "answered", "已答复"
    CLOSED = "closed", "已办结"


class SupervisionOrder(models.Model):
    number = models.CharField("督办编号", max_length=40, unique=True)
    case = models.ForeignKey(
        Case, verbose_name="案件", null=True, blank=True, on_delete=models.PROTECT, related_name="supervision_orders"
    )
    # The unit that must answer: the case's unit for an order on a case, or the unit named; an escalation moves it up.
    unit = models.ForeignKey(Unit, verbose_name="督办对象", on_delete=models.PROTECT, related_name="supervision_orders")
    rule = models.CharField("预警规则", max_length=50, blank=True)  # the alert the order follows up, if any
    subject = models.TextField("督办事项")
    state = models.CharField("状态", max_length=20, choices=OrderState.choices, default=OrderState.OPEN)
    level = models.PositiveSmallIntegerField("督办级别", default=1)  # 1, then +1 at each escalation (升级督办)
    raised_by = models.ForeignKey(User, verbose_name="督办人", on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField("督办日期")
    respond_by = models.DateField("答复期限")
    response = models.TextField("答复内容", blank=True)
    answered_by = models.ForeignKey(
        User, verbose_name="答复人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField("答复日期", null=True, blank=True)
    conclusion = models.TextField("办结意见", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # bumped by every step (compare-and-swap)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "督办单"
        verbose_name_plural = "督办单"
        indexes = [
            models.Index(fields=["unit", "respond_by"], condition=Q(state="open"), name="supervision_order_open"),
            models.Index(fields=["state", "raised_on"], name="supervision_order_state"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state_label(self) -> str:
        return OrderState(self.state).label
