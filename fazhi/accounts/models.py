"""Organisation units, staff users and their roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    """Staff roles (product.md). A user may hold several, except that the 三员 are kept apart."""

    INSPECTOR = "inspector", "监察员"
    LEAD = "lead", "科长/中队长"
    DIRECTOR = "director", "处长"
    LEADER = "leader", "局领导"
    LEGAL = "legal", "法制审核员"
    SUPERVISOR = "supervisor", "电子监察员"
    SYSADMIN = "sysadmin", "系统管理员"
    SECADMIN = "secadmin", "安全管理员"
    AUDITADMIN = "auditadmin", "审计管理员"


# 三员分立: the system, security and audit administrators are separate people (等保 8.1.4.2).
SEPARATED_ADMIN_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN})


class UnitKind(models.TextChoices):
    CITY_BUREAU = "city_bureau", "市局"
    DISTRICT_BUREAU = "district_bureau", "区局"
    BRIGADE = "brigade", "监察大队"
    SQUAD = "squad", "中队"
    DIVISION = "division", "处室"


class Unit(models.Model):
    """A unit of the organisation tree: city bureau → district bureaus and brigades → squads.

    `path` is the materialised path of ids ("/1/4/9/"), so "this unit and the units below" is one indexed prefix match.
    """

    code = models.CharField("机构代码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    # The organ's 正职负责人 (or the 负责人 who presides over its work): the one person whose approval some steps need
    # in person, never by delegation (行政执法机关移送涉嫌犯罪案件的规定 第五条). Set on a bureau (区局, 市局) by
    # `fazhi.accounts.actions.set_unit_principal`.
    principal = models.ForeignKey(
        "User",
        verbose_name="正职负责人（或主持工作的负责人）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1


class User(AbstractUser):
    """A staff member. Belongs to one unit and holds one or more roles."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="所属机构", null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    # 执法证号: inspectors must carry one to act in a case (checked by later rules).
    enforcement_certificate_number = models.CharField("执法证号", max_length=32, blank=True)
    # 法律职业资格: legal reviewers of major decisions need it (检查 by later rules).
    has_legal_qualification = models.BooleanField("具有法律职业资格", default=False)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def role_names(self) -> frozenset[str]:
        """The roles this user holds (cached on the instance)."""
        cached: frozenset[str] | None = getattr(self, "_role_names", None)
        if cached is None:
            cached = frozenset(self.role_grants.values_list("role", flat=True)) if self.pk else frozenset()
            self._role_names = cached
        return cached

    def has_role(self, role: str) -> bool:
        return role in self.role_names


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "角色授予"
        verbose_name_plural = "角色授予"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="accounts_rolegrant_unique_user_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class SecondFactor(models.Model):
    """A staff member's authenticator (TOTP, `fazhi.rules.totp`), confirmed by a first valid code at enrolment.

    Written only by `fazhi.accounts.actions.second_factor`. The secret is never shown again after enrolment."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="second_factor")
    secret = models.CharField("密钥", max_length=64)
    confirmed_at = models.DateTimeField("启用时间")
    # The time step of the code accepted last: that code, and every earlier one, is refused (RFC 6238 section 5.2).
    last_counter = models.BigIntegerField(default=0)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    recovery_codes_at = models.DateTimeField("恢复码生成时间")

    class Meta:
        verbose_name = "双因素认证"
        verbose_name_plural = "双因素认证"

    def __str__(self) -> str:
        return f"{self.user} · 动态验证码"


class RecoveryCode(models.Model):
    """One recovery code of a user, kept as a salted digest (`fazhi.rules.totp.hash_recovery_code`); used once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    salt = models.CharField(max_length=64)
    digest = models.CharField(max_length=128)
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "恢复码"
        verbose_name_plural = "恢复码"

    def __str__(self) -> str:
        return f"{self.user} · 恢复码"


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", "待确认"
    CONFIRMED = "confirmed", "已确认生效"
    REFUSED = "refused", "已拒绝"
    WITHDRAWN = "withdrawn", "已撤回"
    EXPIRED = "expired", "已过期"


class AccountChangeRequest(models.Model):
    """A change to a 三员 account, asked for by one 三员 and taking effect only when another confirms it (ADR 0018).

    三员分立 (GB/T 22239-2019 8.1.4.2 c), 8.1.7.3 [S]): no administrator alone can deactivate, re-enable, re-role,
    reset or unlock another administrator. `kind` names an entry of `fazhi.accounts.actions.change_kinds` (a registry,
    so that later kinds — the second factor's reset — plug in); `params` are its shown parameters (a role); `secret`
    holds what must never be shown or journaled (a new password's hash) and is emptied once the request is settled. A
    pending request whose `expires_at` has passed counts as expired on every screen; `expire_account_change_requests`
    marks it.
    """

    kind = models.CharField("变更事项", max_length=40)
    target = models.ForeignKey(User, verbose_name="账户", on_delete=models.PROTECT, related_name="+")
    params = models.JSONField("参数", default=dict, blank=True)
    secret = models.CharField(max_length=255, blank=True, editable=False)
    reason = models.TextField("申请理由", max_length=500)
    status = models.CharField(
        "状态", max_length=20, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.PENDING
    )
    requested_by = models.ForeignKey(User, verbose_name="申请人", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField("申请时间")
    expires_at = models.DateTimeField("有效期至", db_index=True)
    settled_by = models.ForeignKey(
        User, verbose_name="处理人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    settled_at = models.DateTimeField("处理时间", null=True, blank=True)
    settle_note = models.CharField("处理意见", max_length=500, blank=True)

    class Meta:
        verbose_name = "三员账户变更申请"
        verbose_name_plural = "三员账户变更申请"
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "expires_at"], name="accounts_acr_status_expiry")]

    def __str__(self) -> str:
        return f"{self.target} · {self.kind}"
