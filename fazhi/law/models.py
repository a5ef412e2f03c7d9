"""The versions of the bureau's own discretionary standard (裁量基准), as the legal division loaded them.

A version keeps the standard as CSV text (a CSV file's own text; an Excel workbook's rows written as CSV by
`fazhi.law.standard_files`), parsed by `fazhi.rules.standards.parse_standard_csv` when used, so what a decision applied
can always be read again; and the file itself as it was loaded, with its SHA-256 (the journal names it). Versions are
only added, never edited: a new standard is a new version from its effective date (`fazhi.law.actions.load_standard`).
"""

from __future__ import annotations

from django.db import models

from fazhi.accounts.models import User


class StandardVersion(models.Model):
    name = models.CharField("名称", max_length=200)
    effective_from = models.DateField("施行日期", unique=True)
    source_name = models.CharField("文件名", max_length=200)
    content = models.TextField("文件内容")
    source_file = models.BinaryField("原文件", blank=True, default=b"")
    sha256 = models.CharField("SHA-256", max_length=64)  # of `source_file`
    loaded_by = models.ForeignKey(User, verbose_name="导入人", null=True, blank=True, on_delete=models.PROTECT)
    loaded_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "裁量基准版本"
        verbose_name_plural = "裁量基准版本"
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return f"{self.name}（{self.effective_from} 起施行）"

    @property
    def key(self) -> str:
        """The version's identifier in assessments and decisions."""
        return f"v{self.pk}"
