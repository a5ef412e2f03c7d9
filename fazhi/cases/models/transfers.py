"""The transfer of a case to the public security organ as a suspected crime (两法衔接, 行政执法机关移送
涉嫌犯罪案件的规定), one row per attempt; re-exported by `fazhi.cases.models`."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from fazhi.accounts.models import User


class TransferStatus(models.TextChoices):
    REPORTED = "reported", "已报告，待审批"
    REFUSED = "refused", "不批准移送"
    APPROVED = "approved", "已批准，待移送"
    SENT = "sent", "已移送公安机关"
    RECEIVED = "received", "公安机关已签收"
    FILED = "filed", "公安机关已立案"
    NOT_FILED = "not_filed", "公安机关不予立案"
    RECONSIDERATION = "reconsideration", "已提请公安机关复议"
    HANDED_OVER = "handed_over", "已移交涉案物品和材料"
    ENDED = "ended", "移送终结，本机关依法继续处理"


# While a transfer stands, no penalty with a fine may be proposed or decided instead (行政执法机关移送涉嫌犯罪案件的规定
# 第十一条第一款); after the head's refusal or the police's (第十条) the bureau goes on.
STANDING_TRANSFERS = (
    TransferStatus.REPORTED,
    TransferStatus.APPROVED,
    TransferStatus.SENT,
    TransferStatus.RECEIVED,
    TransferStatus.FILED,
    TransferStatus.RECONSIDERATION,
    TransferStatus.HANDED_OVER,
)


class CrimeTransfer(models.Model):
    """One attempt to transfer a case to the public security organ as a suspected crime (行政执法机关移送涉嫌犯罪案件的
    规定 第五条至第十二条): the 专案组's report, the principal head's approval or refusal, the transfer, the police's
    receipt, filing or refusal, reconsideration, the hand-over, and the court's fine against which a paid fine is
    offset (第十一条第三款). Changed only by the steps of `fazhi.cases.procedure.transfer`."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="crime_transfers")
    status = models.CharField("移送状态", max_length=20, choices=TransferStatus.choices)
    report = models.TextField("移送涉嫌犯罪案件的书面报告")
    items = models.TextField("涉案物品清单", blank=True)
    reported_by = models.ForeignKey(User, verbose_name="报告人", on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField("报告时间")
    decided_by = models.ForeignKey(
        User, verbose_name="审批人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    refusal_reason = models.TextField("不批准移送的理由", blank=True)
    police_organ = models.CharField("移送的公安机关", max_length=200, blank=True)
    sent_at = models.DateTimeField("移送时间", null=True, blank=True)
    received_on = models.DateField("公安机关签收回执日期", null=True, blank=True)
    police_filed_on = models.DateField("公安机关立案日期", null=True, blank=True)
    police_refused_on = models.DateField("公安机关不予立案日期", null=True, blank=True)
    police_refusal_reason = models.TextField("不予立案的理由", blank=True)
    reconsideration_requested_on = models.DateField("提请复议日期", null=True, blank=True)
    handed_over_on = models.DateField("移交涉案物品日期", null=True, blank=True)
    ended_on = models.DateField("移送终结日期", null=True, blank=True)
    court_fine = models.DecimalField("人民法院判处的罚金（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    court_judgment = models.CharField("刑事判决书", max_length=200, blank=True)
    fine_offset = models.DecimalField("折抵罚金的罚款（元）", max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = "涉嫌犯罪案件移送"
        verbose_name_plural = "涉嫌犯罪案件移送"
        constraints = [
            # One standing transfer per case; a refused or ended one stays as history.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=[s.value for s in STANDING_TRANSFERS]),
                name="cases_crimetransfer_one_standing",
            )
        ]
        indexes = [models.Index(fields=["sent_at", "case"], name="cases_transfer_sent")]

    def __str__(self) -> str:
        return f"{self.case} {self.get_status_display()}"

    @property
    def dispatch_hours(self) -> float | None:
        """Hours from the approval to the transfer (第五条第二款: within 24)."""
        if self.decided_at is None or self.sent_at is None:
            return None
        return (self.sent_at - self.decided_at).total_seconds() / 3600
