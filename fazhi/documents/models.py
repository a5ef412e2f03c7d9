"""Issued documents (文书): numbered, rendered once, stored with their hash, never changed afterwards."""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Decision, InvestigationRecord


class ImmutableDocumentError(RuntimeError):
    """An issued document is never changed or deleted; a correction is a new version that supersedes it."""


class DocumentSequence(models.Model):
    """The last number drawn for one number pattern (e.g. 深人社监罚) and year. Incremented with an UPDATE inside the
    issuing transaction, which locks the row until that transaction ends: numbers are gapless (a rolled-back issue
    gives its number back) and never drawn twice."""

    pattern = models.CharField("文号前缀", max_length=50)
    year = models.PositiveSmallIntegerField("年度")
    last_number = models.PositiveIntegerField("已用到的号", default=0)

    class Meta:
        verbose_name = "文号序列"
        verbose_name_plural = "文号序列"
        constraints = [
            models.UniqueConstraint(fields=["pattern", "year"], name="documents_sequence_unique_pattern_year"),
        ]

    def __str__(self) -> str:
        return f"{self.pattern}〔{self.year}〕{self.last_number}号"


class DocumentQuerySet(models.QuerySet["Document"]):
    """Refuses bulk updates and deletes: issued documents only accumulate."""

    def update(self, **kwargs: Any) -> int:
        raise ImmutableDocumentError("已制发的文书不能修改。")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableDocumentError("已制发的文书不能删除。")


class Document(models.Model):
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="documents")
    doc_type = models.CharField("文书种类", max_length=40)
    # The 文号 of an outgoing document; an internal form or a record is not numbered as one, and carries its
    # registration reference instead (登记号·title…), which the document itself does not print.
    number = models.CharField("文号", max_length=120, unique=True)
    version = models.PositiveSmallIntegerField("版本", default=1)
    issued_by = models.ForeignKey(User, verbose_name="制发人", on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("制发时间")
    # The investigation record a 笔录 is rendered from (one document per record).
    record = models.ForeignKey(
        InvestigationRecord, verbose_name="笔录", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The decision a decision document renders (a case may hold several: 行政处理决定, then 加付赔偿金 …).
    decision = models.ForeignKey(
        Decision, verbose_name="处理决定", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The document a proof of service (送达回证) records the service of.
    served = models.ForeignKey(
        "self", verbose_name="送达的文书", on_delete=models.PROTECT, null=True, blank=True, related_name="receipts"
    )
    inputs = models.JSONField("制发时填写的内容", default=dict, blank=True)
    pdf = models.BinaryField("PDF")
    sha256 = models.CharField("SHA-256", max_length=64)
    docx = models.BinaryField("Word 文档", null=True, blank=True)
    docx_sha256 = models.CharField("Word 文档 SHA-256", max_length=64, blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name="更正的文书",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    reason = models.TextField("更正理由", blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        # One version n of a type per subject: the case itself, one investigation record, one decision, or one
        # served document (a second document of the same subject is a correction, with the next version).
        constraints = [
            models.UniqueConstraint(
                fields=["case", "doc_type", "version"],
                condition=models.Q(record__isnull=True, decision__isnull=True, served__isnull=True),
                name="documents_unique_case_type_version",
            ),
            models.UniqueConstraint(
                fields=["record", "doc_type", "version"],
                condition=models.Q(record__isnull=False),
                name="documents_unique_record_type_version",
            ),
            models.UniqueConstraint(
                fields=["decision", "doc_type", "version"],
                condition=models.Q(decision__isnull=False),
                name="documents_unique_decision_type_version",
            ),
            models.UniqueConstraint(
                fields=["served", "doc_type", "version"],
                condition=models.Q(served__isnull=False),
                name="documents_unique_served_type_version",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableDocumentError(f"文书 {self.number} 已制发，不能修改；如需更正，请制发新版本。")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableDocumentError(f"文书 {self.number} 已制发，不能删除。")

    @property
    def numbered(self) -> bool:
        """An outgoing document with a 文号 (an internal form or record carries only its registration reference)."""
        from fazhi.documents.types import BY_CODE

        kind = BY_CODE.get(self.doc_type)
        return kind.numbered if kind else True

    @property
    def title(self) -> str:
        from fazhi.documents.types import BY_CODE

        kind = BY_CODE.get(self.doc_type)
        return kind.title if kind else self.doc_type
