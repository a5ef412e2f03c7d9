"""A complaint or report filed on the public portal, tied to the case it became.

The query code given to the complainant is never stored: only its SHA-256 (unique), and the SHA-256 of the code
joined to the phone number the status lookup asks for. The code carries about 79 bits from `secrets`, so a fast hash
is enough; the phone hash lets an anonymous reporter follow the report without the phone reaching the case file.
"""

from __future__ import annotations

from django.db import models

from fazhi.cases.models import Case


class Submission(models.Model):
    case = models.OneToOneField(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="portal_submission")
    code_hash = models.CharField("查询码摘要", max_length=64, unique=True)
    lookup_hash = models.CharField("查询码与手机号码摘要", max_length=64)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "网上投诉举报"
        verbose_name_plural = "网上投诉举报"

    def __str__(self) -> str:
        return f"网上投诉举报 {self.case_id}"
