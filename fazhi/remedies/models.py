"""The bureau's reconsiderations (行政复议, as 被申请人) and lawsuits (行政诉讼, as 被告) against a decision of a case.

Each record belongs to the case and the Decision (cases.Decision) it challenges; it changes only through
`fazhi.remedies.actions` (one journal entry each; fazhi/remedies/workflow.py is the table). The bureau's time limits
(the answer, the defence) run as the case's periods (`fazhi.cases.models.Period`), which the supervision's time-limit
rules watch. What the records mean for the decision's performance is computed from them (fazhi.remedies.facts) and
read by the case through `fazhi.cases.remedy_facts`, never typed a second time.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from fazhi.accounts.models import Unit, User
from fazhi.cases.models import Case, Decision
from fazhi.remedies.workflow import LITIGATION_STATE_LABELS, RECONSIDERATION_STATE_LABELS, State

__all__ = ["Appearance", "Instance", "Litigation", "Outcome", "Reconsideration", "RulingKind"]


class Outcome(models.TextChoices):
    """What the reconsideration decision or the judgment does to the bureau's decision (行政复议法
    第六十三条至第六十九条, 第七十四条第二款; 行政诉讼法 第六十九条至第七十七条、第八十九条)."""

    UPHELD = "upheld", "维持"
    REVOKED = "revoked", "撤销"
    REVOKED_REDO = "revoked_redo", "撤销并责令重新作出"
    CHANGED = "changed", "变更"
    CONFIRMED_UNLAWFUL = "confirmed_unlawful", "确认违法"
    VOID = "void", "确认无效"
    ORDERED_TO_ACT = "ordered_to_act", "责令履行"
    DISMISSED = "dismissed", "驳回"
    WITHDRAWN = "withdrawn", "撤回（终止）"
    REMANDED = "remanded", "发回重审"


# The outcomes after which the decision no longer stands as made (fazhi.cases.remedy_facts.SET_ASIDE), by the word
# the case reads, and the word of the disclosure's change (行政处罚法 第四十八条第二款).
SET_ASIDE: dict[str, str] = {
    Outcome.REVOKED: "revoked",
    Outcome.REVOKED_REDO: "revoked",
    Outcome.CHANGED: "changed",
    Outcome.CONFIRMED_UNLAWFUL: "confirmed_unlawful",
    Outcome.VOID: "void",
}
DISCLOSURE_CHANGE: dict[str, str] = {
    "revoked": "revoked",
    "changed": "changed",
    "confirmed_unlawful": "unlawful",
    "void": "void",
}
# The decision stands (行政复议法 第六十八条、第六十九条; 行政诉讼法 第六十九条; 行诉解释 第一百三十三条: 驳回
# counts as 维持).
STANDS = frozenset({Outcome.UPHELD, Outcome.DISMISSED})


class Instance(models.TextChoices):
    FIRST = "first", "第一审"
    APPEAL = "appeal", "第二审"


class RulingKind(models.TextChoices):
    JUDGMENT = "judgment", "判决"
    RULING = "ruling", "裁定"


class Appearance(models.TextChoices):
    """Who appeared for the organ (行政诉讼法 第三条第三款; 行诉解释 第一百二十八条、第一百三十二条; 行政复议法
    第五十一条第三款)."""

    HEAD = "head", "负责人出庭（参加）"
    STAFF = "staff", "委托相应的工作人员"
    LAWYER_ONLY = "lawyer_only", "仅委托律师"
    NONE = "none", "无人出庭"


class _Record(models.Model):
    """What a reconsideration and a lawsuit share: the case, the decision, the unit (scope), the state, the collective
    discussion, the approval, the hearing and the suspension of execution."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(
        Decision, verbose_name="被申请（被诉）的决定", on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(Unit, verbose_name="承办机构", on_delete=models.PROTECT, related_name="+")
    state = models.CharField("状态", max_length=20, default=State.ANSWERING)
    version = models.PositiveIntegerField(default=1)
    # 集体讨论 before the answer or the defence (the bureau's own rule: FAZHI_REMEDY_COLLECTIVE_DISCUSSION).
    discussed_on = models.DateField("集体讨论日期", null=True, blank=True)
    discussion_minutes = models.TextField("集体讨论纪要", blank=True)
    approved_by = models.ForeignKey(
        User, verbose_name="批准人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField("批准日期", null=True, blank=True)
    # The hearing (复议听证 / 开庭) and who appeared for the organ.
    hearing_on = models.DateField("听证（开庭）日期", null=True, blank=True)
    appearance = models.CharField("出庭（参加听证）情况", max_length=20, choices=Appearance.choices, blank=True)
    appeared_name = models.CharField("出庭（参加）人员", max_length=100, blank=True)
    appeared_title = models.CharField("职务", max_length=100, blank=True)
    head_absence_reason = models.TextField("负责人未出庭（参加）的理由", blank=True)
    execution_suspended_on = models.DateField("停止执行日期", null=True, blank=True)
    suspension_basis = models.CharField("停止执行依据", max_length=200, blank=True)
    outcome = models.CharField("结果", max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField("结果摘要", blank=True)
    decided_on = models.DateField("作出日期", null=True, blank=True)
    served_on = models.DateField("送达本局日期", null=True, blank=True)
    created_by = models.ForeignKey(User, verbose_name="登记人", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    state_labels: ClassVar[dict[State, str]]  # in the kind's words (workflow.py)

    class Meta:
        abstract = True

    @property
    def state_label(self) -> str:
        return self.state_labels[State(self.state)]

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label if self.outcome else ""

    @property
    def set_aside(self) -> str:
        """ "revoked", "changed", "confirmed_unlawful" or "void" when the outcome sets the decision aside, else ""."""
        return SET_ASIDE.get(self.outcome, "")


class Reconsideration(_Record):
    """One application for reconsideration against a decision of the bureau (the bureau is 被申请人)."""

    state_labels = RECONSIDERATION_STATE_LABELS

    applicant = models.CharField("申请人", max_length=200)
    applicant_is_party = models.BooleanField("申请人为当事人", default=True)
    # 行政复议机关: under the 2023 law the 本级人民政府 of the deciding organ (第二十四条第一款第（一）项).
    organ = models.CharField("行政复议机关", max_length=100)
    organ_number = models.CharField("复议案号", max_length=80, blank=True)
    request = models.TextField("复议请求", blank=True)
    applied_on = models.DateField("申请日期")
    accepted_on = models.DateField("受理日期")
    copy_received_on = models.DateField("收到申请书副本日期")
    simple_procedure = models.BooleanField("适用简易程序", default=False)
    answered_on = models.DateField("提交答复日期", null=True, blank=True)
    decision_number = models.CharField("行政复议决定书文号", max_length=80, blank=True)
    # For a reconsideration `served_on` is the day its decision was served on the party (the form's 送达当事人日期):
    # it takes effect then (行政复议法 第七十五条第二款) and the party's 15 days to sue run from it
    # (行政诉讼法 第四十五条).

    class Meta:
        verbose_name = "行政复议"
        verbose_name_plural = "行政复议"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "state"], name="remedies_recon_unit_state")]

    def __str__(self) -> str:
        return f"{self.applicant}申请行政复议（{self.state_label}）"

    @property
    def kind_label(self) -> str:
        return "行政复议"


class Litigation(_Record):
    """One instance of a lawsuit against a decision of the bureau (the bureau is 被告, or 被上诉人/上诉人 on appeal)."""

    state_labels = LITIGATION_STATE_LABELS

    instance = models.CharField("审级", max_length=10, choices=Instance.choices, default=Instance.FIRST)
    first_instance = models.ForeignKey(
        "self", verbose_name="第一审", null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    reconsideration = models.ForeignKey(
        Reconsideration,
        verbose_name="经过的行政复议",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    court = models.CharField("人民法院", max_length=100)
    court_number = models.CharField("法院案号", max_length=80, blank=True)
    plaintiff = models.CharField("原告（上诉人）", max_length=200)
    appellant = models.CharField("上诉人", max_length=200, blank=True)
    # 行政诉讼法 第二十六条第二款: the reconsideration organ is a co-defendant when it upheld (or dismissed, 行诉解释
    # 第一百三十三条) the decision.
    co_defendant = models.CharField("共同被告", max_length=100, blank=True)
    claims = models.TextField("诉讼请求", blank=True)
    filed_on = models.DateField("起诉（上诉）日期")
    copy_received_on = models.DateField("收到起诉状（上诉状）副本日期")
    defence_submitted_on = models.DateField("提交答辩状日期", null=True, blank=True)
    ruling_kind = models.CharField("裁判种类", max_length=10, choices=RulingKind.choices, blank=True)
    judgment_number = models.CharField("裁判文书案号", max_length=80, blank=True)
    appeal_deadline = models.DateField("上诉期限届满日", null=True, blank=True)  # computed (第八十五条)
    effective_on = models.DateField("生效日期", null=True, blank=True)  # computed
    performed_on = models.DateField("履行日期", null=True, blank=True)
    performance_note = models.TextField("履行情况", blank=True)

    class Meta:
        verbose_name = "行政诉讼"
        verbose_name_plural = "行政诉讼"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "state"], name="remedies_litig_unit_state")]

    def __str__(self) -> str:
        return f"{self.plaintiff}诉本局（{self.instance_label}，{self.state_label}）"

    @property
    def instance_label(self) -> str:
        return Instance(self.instance).label

    @property
    def kind_label(self) -> str:
        return f"行政诉讼{self.instance_label}"

    @property
    def ruling_kind_label(self) -> str:
        return RulingKind(self.ruling_kind).label if self.ruling_kind else ""
