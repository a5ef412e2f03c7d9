"""What the API keeps: bearer tokens (only their SHA-256, never the token) and the answers to idempotent requests."""

from __future__ import annotations

from django.db import models

from fazhi.accounts.models import User


class ApiToken(models.Model):
    """A bearer token for `Authorization: Bearer <token>`. The token is shown once, when it is made; only its SHA-256
    is stored, so a copy of the database cannot be used to call the API."""

    user = models.ForeignKey(User, verbose_name="工作人员", on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField("用途", max_length=100, blank=True)
    token_hash = models.CharField("令牌摘要（SHA-256）", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    # Security review L3: a token lapses (FAZHI_API_TOKEN_DAYS), dies with a change of its user's password (the stamp
    # is the user's session hash when it was made, which a new password changes), and may only read.
    expires_at = models.DateTimeField("有效期至", null=True, blank=True)
    password_stamp = models.CharField("创建时的密码标记", max_length=128, blank=True, editable=False)
    read_only = models.BooleanField("只读", default=False)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.user} · {self.name or '接口令牌'}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class IdempotencyKey(models.Model):
    """The answer given to a POST that carried an `Idempotency-Key`: a retry with the same key and the same body gets
    this answer again instead of acting twice. Written in the same transaction as the action it answers."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField("幂等键", max_length=100)
    request = models.CharField("请求", max_length=300)  # "POST /api/v1/cases/7/steps/accept"
    fingerprint = models.CharField("请求摘要（SHA-256）", max_length=64)  # of the canonical JSON body
    response_status = models.PositiveSmallIntegerField("响应状态")
    response_body = models.JSONField("响应内容")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "幂等键"
        verbose_name_plural = "幂等键"
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="api_idempotencykey_unique_user_key")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
