"""A judicial or procuratorial suggestion received by the bureau (`Suggestion`), its numbered points
(`SuggestionPoint`), each answered with the measures taken and their result, and the reply letter.

Changed only through `fazhi.suggestions.actions` (one journal entry each; fazhi/suggestions/workflow.py is the table).

The reply letter (司法建议回复函 / 检察建议回复函) is kept here, on the suggestion — its PDF and Word bytes and their
SHA-256 — and not as a `fazhi.documents` Document: a suggestion may concern no case, or several, while a Document
belongs to one case. One place for every reply, whether or not a case is linked (docs/adr/0009).
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from fazhi.accounts.models import Unit, User
from fazhi.cases.models import Case
from fazhi.rules import suggestions as rules
from fazhi.suggestions.workflow import OPEN, STATE_LABELS, State


class Kind(models.TextChoices):
    JUDICIAL = rules.JUDICIAL, "司法建议"
    PROCURATORIAL = rules.PROCURATORIAL, "检察建议"


class DeadlineSource(models.TextChoices):
    STATED = "stated", "建议书写明"
    DEFAULT = "default", "默认期限"


class SendMethod(models.TextChoices):
    IN_PERSON = "in_person", "直接送达"
    MAIL = "mail", "邮寄（机要）"
    ELECTRONIC = "electronic", "电子政务系统"


class Suggestion(models.Model):
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    organ = models.CharField("建议机关", max_length=100)  # the court or procuratorate
    number = models.CharField("建议书文号", max_length=80)
    subject = models.CharField("事由", max_length=200)
    received_on = models.DateField("收到日期")
    unit = models.ForeignKey(Unit, verbose_name="涉及机构", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, verbose_name="涉及案件", null=True, blank=True, on_delete=models.PROTECT, related_name="suggestions"
    )
    other_cases = models.CharField("其他涉及案件", max_length=300, blank=True)  # numbers as the organ wrote them
    stated_deadline = models.DateField("建议书写明的答复期限", null=True, blank=True)
    reply_due_on = models.DateField("答复期限", db_index=True)
    deadline_source = models.CharField("期限来源", max_length=10, choices=DeadlineSource.choices)
    state = models.CharField("状态", max_length=20, default=State.RECEIVED)
    version = models.PositiveIntegerField(default=1)
    registered_by = models.ForeignKey(User, verbose_name="登记人", on_delete=models.PROTECT, related_name="+")
    handler = models.ForeignKey(
        User, verbose_name="承办人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_on = models.DateField("分办日期", null=True, blank=True)
    # The reply: drafted, approved by the head, sent.
    reply_text = models.TextField("回复函正文（总体情况）", blank=True)
    drafted_by = models.ForeignKey(
        User, verbose_name="起草人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    drafted_on = models.DateField("起草日期", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    approved_by = models.ForeignKey(
        User, verbose_name="批准人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField("批准日期", null=True, blank=True)
    reply_number = models.CharField("回复函文号", max_length=80, blank=True)
    reply_pdf = models.BinaryField("回复函 PDF", null=True, blank=True, editable=False)
    reply_pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    reply_docx = models.BinaryField("回复函 Word", null=True, blank=True, editable=False)
    reply_docx_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    sent_on = models.DateField("发送日期", null=True, blank=True)
    sent_how = models.CharField("发送方式", max_length=20, choices=SendMethod.choices, blank=True)
    answered_late = models.BooleanField("逾期答复", default=False)
    feedback_on = models.DateField("收到反馈日期", null=True, blank=True)
    feedback = models.TextField("建议机关反馈", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "司法建议和检察建议"
        verbose_name_plural = "司法建议和检察建议"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["state", "reply_due_on", "unit"], name="suggestion_state_due"),
            models.Index(fields=["unit", "received_on"], name="suggestion_unit_received"),
        ]
        constraints = [models.UniqueConstraint(fields=["organ", "number"], name="suggestion_organ_number")]

    def __str__(self) -> str:
        return f"{self.organ}{self.number}"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]

    @property
    def kind_info(self) -> rules.Kind | None:
        return rules.kind(self.kind)

    @property
    def is_open(self) -> bool:
        return State(self.state) in OPEN

    def overdue_on(self, today: dt.date) -> bool:
        """Not answered and past its deadline."""
        return self.is_open and today > self.reply_due_on


class SuggestionPoint(models.Model):
    """One numbered point of the suggestion, and the bureau's answer: the measures taken and their result."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField("序号")
    text = models.TextField("建议内容")
    measures = models.TextField("采取的措施", blank=True)
    result = models.TextField("落实结果", blank=True)
    answered_by = models.ForeignKey(
        User, verbose_name="答复人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField("答复日期", null=True, blank=True)

    class Meta:
        verbose_name = "建议事项"
        verbose_name_plural = "建议事项"
        ordering = ["suggestion", "number"]
        constraints = [models.UniqueConstraint(fields=["suggestion", "number"], name="suggestion_point_number")]

    def __str__(self) -> str:
        return f"{self.suggestion} 第{self.number}条"

    @property
    def answered(self) -> bool:
        return bool(self.measures.strip() and self.answered_on)
