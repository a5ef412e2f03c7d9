"""A listing on the wage-arrears dishonest list (人社部令第45号): one employer and its other parties (当事人), from the
prior notice to the removal, belonging to the labour-inspection case whose order to pay was not obeyed.

The state changes only through `fazhi.dishonest_list.actions` (one journal entry each; fazhi/dishonest_list/workflow.py
is the table). The statutory time limits run as the case's periods (`fazhi.cases.models.Period`), which the supervision
time-limit rules watch. The portal reads only `PublishedListing` (snapshots.py)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from fazhi.accounts.models import Unit, User
from fazhi.cases.models import Case
from fazhi.dishonest_list.snapshots import PublishedListing
from fazhi.dishonest_list.workflow import LIVE, STATE_LABELS, State
from fazhi.rules.dishonest_list import GROUND_LABELS, Ground

__all__ = ["Listing", "PublishedListing", "RemovalGround"]


class RemovalGround(models.TextChoices):
    EXPIRED = "expired", "列入期限届满"
    EARLY = "early", "准予提前移出"
    REVOKED = "revoked", "列入决定被撤销"


class Listing(models.Model):
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="dishonest_listings")
    unit = models.ForeignKey(Unit, verbose_name="承办机构", on_delete=models.PROTECT, related_name="+")
    state = models.CharField("状态", max_length=30, default=State.NOTICE)
    version = models.PositiveIntegerField(default=1)
    # The parties (当事人, 第五条): the employer and its legal representative or principal as on the case when the
    # notice was given; the directly responsible managers and other directly responsible persons, one per line.
    # These persons are natural persons other than the legal representative: they are never published.
    employer_name = models.CharField("用人单位", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人或者主要负责人", max_length=50, blank=True)
    employer_address = models.CharField("地址", max_length=300, blank=True)
    responsible_persons = models.TextField("直接负责的主管人员和其他直接责任人员", blank=True)
    ground = models.CharField("列入情形", max_length=20, choices=[(g.value, GROUND_LABELS[g]) for g in Ground])
    grounds_found = models.TextField("认定理由", blank=True)  # the rule's reasons (amounts) or the incident described
    # The prior notice (第六条第一款) and the objection (第六条第二款).
    notice_served_on = models.DateField("告知送达日期")
    objection_received_on = models.DateField("收到异议日期", null=True, blank=True)
    objection = models.TextField("异议内容", blank=True)
    objection_upheld = models.BooleanField("异议成立", null=True, blank=True)
    objection_result = models.TextField("异议核实结果", blank=True)
    objection_answered_on = models.DateField("异议核实日期", null=True, blank=True)
    decision_extended = models.BooleanField("已延长列入决定期限", default=False)
    # 第七条: corrected before the decision and a written credit commitment.
    corrected_on = models.DateField("改正日期", null=True, blank=True)
    commitment_on = models.DateField("书面信用承诺日期", null=True, blank=True)
    not_listed_reason = models.TextField("不予列入理由", blank=True)
    # The listing decision (第八条) and its term (第十一条).
    decision_number = models.CharField("列入决定书文号", max_length=80, blank=True)
    decided_on = models.DateField("列入决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        User, verbose_name="决定人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authority = models.CharField("作出决定的部门", max_length=100, blank=True)
    term_starts_on = models.DateField(
        "列入起算日", null=True, blank=True
    )  # the decision, or the restoration (第十五条)
    ends_on = models.DateField("列入期限届满日", null=True, blank=True, db_index=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    # Early removal (第十二条至第十四条).
    application_received_on = models.DateField("收到提前移出申请日期", null=True, blank=True)
    application = models.TextField("申请及改正证据", blank=True)
    application_commitment = models.BooleanField("已提交书面信用承诺", default=False)
    early_decision_number = models.CharField("提前移出决定书文号", max_length=80, blank=True)
    early_decided_on = models.DateField("提前移出决定日期", null=True, blank=True)
    early_refusal_reasons = models.TextField("不予提前移出理由", blank=True)
    # Removal (第十七条), revocation (第十六条), restoration (第十五条).
    removal_ground = models.CharField("移出事由", max_length=20, choices=RemovalGround.choices, blank=True)
    removal_ground_on = models.DateField("移出事由发生日期", null=True, blank=True)
    revocation_reason = models.TextField("撤销理由", blank=True)
    removed_on = models.DateField("移出日期", null=True, blank=True)
    restored_on = models.DateField("恢复列入日期", null=True, blank=True)
    restoration_reason = models.TextField("恢复列入理由", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "失信联合惩戒名单记录"
        verbose_name_plural = "失信联合惩戒名单记录"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "state"], name="dishonest_listing_unit_state")]
        constraints = [
            # One listing in progress per case (the backstop against two notices given at once).
            models.UniqueConstraint(
                fields=["case"], condition=Q(state__in=sorted(LIVE)), name="dishonest_listing_one_live_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employer_name}（{self.state_label}）"

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]

    @property
    def ground_label(self) -> str:
        return GROUND_LABELS[Ground(self.ground)]

    @property
    def reason(self) -> str:
        """列入事由 as published: the statute's words for the ground."""
        return Ground(self.ground).reason

    def responsible_names(self) -> list[str]:
        """The names on the responsible-persons lines ("姓名（职务）" or "姓名 职务"): what redaction removes."""
        names = []
        for line in self.responsible_persons.splitlines():
            name = line.strip().split("（", 1)[0].split("(", 1)[0].split(" ", 1)[0].split("，", 1)[0].strip()
            if name:
                names.append(name)
        return names

    def expired_on(self, today: dt.date) -> bool:
        return self.ends_on is not None and today > self.ends_on
