"""The published snapshots of major labour-security violations (重大劳动保障违法行为社会公布) that the public portal
reads: copied and redacted from a selection when its quarter's list is published, never joined back to it. This module
imports no case, document or journal code, so `fazhi.portal` may read it (import-linter contract "The portal reads no
live case data"); `models.py` imports it so Django registers the model."""

from __future__ import annotations

from django.db import models

from fazhi.rules.major_violations import Quarter


class PublishedMajorViolation(models.Model):
    """One published entry of a quarter's list, with the fields 人社部令第29号 prescribes [S]: 违法主体全称,
    统一社会信用代码, 地址 (the business address), 法定代表人或负责人姓名, 主要违法事实, 相关处理情况 — as redacted
    (fazhi.rules.redaction) at publication. Withdrawn with a public explanation when it was wrong; the entry stays,
    marked."""

    selection_id = models.BigIntegerField("选定记录 ID", unique=True)  # a plain number: no foreign key to live tables
    organ = models.CharField("公布机关", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度")
    category = models.CharField("类别代码", max_length=30)
    category_name = models.CharField("违法行为类别", max_length=200)
    employer_name = models.CharField("违法主体全称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, db_index=True)
    address = models.CharField("地址", max_length=300, blank=True)
    legal_representative = models.CharField("法定代表人或负责人姓名", max_length=50, blank=True)
    facts = models.TextField("主要违法事实")
    handling = models.TextField("相关处理情况")
    published_on = models.DateField("公布日期")
    # Overlapping 2-character tokens of the employer's name, so a 2-character query is a whole-token match.
    name_bigrams = models.TextField("名称检索词", blank=True, default="", editable=False)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回说明", blank=True)

    class Meta:
        verbose_name = "公布的重大劳动保障违法行为"
        verbose_name_plural = "公布的重大劳动保障违法行为"
        ordering = ["-year", "-quarter", "organ", "id"]
        indexes = [models.Index(fields=["-year", "-quarter", "organ", "id"], name="major_published_recent")]

    def __str__(self) -> str:
        return f"{self.quarter_label} {self.employer_name}"

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)

    @property
    def quarter_label(self) -> str:
        return self.period.label

    @property
    def quarter_code(self) -> str:
        return self.period.code

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None
