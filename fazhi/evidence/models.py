"""Evidence files of a case (行政处罚法 第四十六条: the kinds of evidence). The file itself lives in
settings.FAZHI_EVIDENCE_DIR under a server-generated name; the row keeps what the user called it, for display only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from fazhi.cases.models import Case


class Kind(models.TextChoices):
    """The eight kinds of evidence (行政处罚法 第四十六条)."""

    DOCUMENTARY = "documentary", "书证"
    PHYSICAL = "physical", "物证"
    AUDIOVISUAL = "audiovisual", "视听资料"
    ELECTRONIC = "electronic", "电子数据"
    WITNESS = "witness", "证人证言"
    PARTY_STATEMENT = "party_statement", "当事人陈述"
    EXPERT_OPINION = "expert_opinion", "鉴定意见"
    INSPECTION_RECORD = "inspection_record", "勘验笔录、现场笔录"


class EvidenceFile(models.Model):
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="evidence_files")
    title = models.CharField("名称", max_length=200)
    kind = models.CharField("证据种类", max_length=32, choices=Kind.choices)
    original_name = models.CharField("原文件名", max_length=255)
    stored_name = models.CharField("存储文件名", max_length=64, unique=True)
    content_type = models.CharField("内容类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "证据文件"
        verbose_name_plural = "证据文件"
        ordering = ("uploaded_at", "pk")

    def __str__(self) -> str:
        return self.title
