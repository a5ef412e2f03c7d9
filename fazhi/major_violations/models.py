"""The live side of major-violation publication: the quarterly list of each publishing organ (`Batch`) and the decided
cases selected into it (`Selection`). Changed only by `fazhi.major_violations.actions`; the public reads the
snapshots of `snapshots.py`, copied at publication."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from fazhi.accounts.models import Unit, User
from fazhi.cases.models import Case
from fazhi.major_violations.snapshots import PublishedMajorViolation
from fazhi.rules.major_violations import Category, Quarter, category

__all__ = ["Batch", "BatchState", "PublishedMajorViolation", "Selection", "SelectionState"]


class BatchState(models.TextChoices):
    DRAFT = "draft", "待公布"
    PUBLISHED = "published", "已公布"


class Batch(models.Model):
    """One quarter's list of one publishing organ (the district or city bureau: 29号 [S], city- and county-level
    departments publish the major violations of their jurisdiction quarterly). Made when its first case is selected;
    published once, never reopened."""

    unit = models.ForeignKey(Unit, verbose_name="公布机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度")
    state = models.CharField("状态", max_length=20, choices=BatchState.choices, default=BatchState.DRAFT)
    published_on = models.DateField("公布日期", null=True, blank=True)
    published_by = models.ForeignKey(
        User, verbose_name="批准公布", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "重大违法行为季度公布批次"
        verbose_name_plural = "重大违法行为季度公布批次"
        ordering = ["-year", "-quarter", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "quarter"], name="major_batch_once_a_quarter")]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.period.label}"

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)

    @property
    def published(self) -> bool:
        return self.state == BatchState.PUBLISHED


class SelectionState(models.TextChoices):
    SELECTED = "selected", "已选定（待公布）"
    REMOVED = "removed", "已移出"
    PUBLISHED = "published", "已公布"
    WITHDRAWN = "withdrawn", "已撤回"


LIVE_STATES = (SelectionState.SELECTED, SelectionState.PUBLISHED)


class Selection(models.Model):
    """A decided case selected for publication as a major violation, in one category, with the main facts and the
    handling as the staff confirmed them (redacted when published)."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="major_violations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")  # the case's unit, for scope and scans
    batch = models.ForeignKey(Batch, verbose_name="公布批次", on_delete=models.PROTECT, related_name="selections")
    category = models.CharField("违法行为类别", max_length=30)  # a code of fazhi.rules.major_violations
    facts = models.TextField("主要违法事实")
    handling = models.TextField("相关处理情况")
    state = models.CharField("状态", max_length=20, choices=SelectionState.choices, default=SelectionState.SELECTED)
    selected_by = models.ForeignKey(User, verbose_name="选定人", on_delete=models.PROTECT, related_name="+")
    selected_at = models.DateTimeField("选定时间")
    removed_at = models.DateTimeField("移出时间", null=True, blank=True)
    removal_reason = models.TextField("移出理由", blank=True)

    class Meta:
        verbose_name = "选定的重大劳动保障违法行为"
        verbose_name_plural = "选定的重大劳动保障违法行为"
        ordering = ["batch", "pk"]
        constraints = [
            # A case is in at most one list at a time (a withdrawn or removed selection may be followed by a new one).
            models.UniqueConstraint(
                fields=["case"], condition=Q(state__in=[s.value for s in LIVE_STATES]), name="major_selection_live"
            )
        ]
        indexes = [models.Index(fields=["state", "batch"], name="major_selection_state")]

    def __str__(self) -> str:
        return f"{self.case} {self.category}"

    @property
    def category_info(self) -> Category | None:
        return category(self.category)
