"""The journal (全过程记录): one append-only, hash-chained entry per action."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django.db import models

from fazhi.journal.hashing import GENESIS_HASH


class ImmutableEntryError(RuntimeError):
    """Journal entries are written once and never changed or deleted."""


class Outcome(models.TextChoices):
    SUCCESS = "success", "成功"
    FAILURE = "failure", "失败"
    REFUSED = "refused", "拒绝"


class EntryQuerySet(models.QuerySet["Entry"]):
    """Refuses bulk updates and deletes: the journal only grows."""

    def update(self, **kwargs: Any) -> int:
        raise ImmutableEntryError("全过程记录不能修改。")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableEntryError("全过程记录不能删除。")

    def newest_first(self) -> EntryQuerySet:
        return self.order_by("-seq")


class Entry(models.Model):
    """One step recorded: who (snapshot of the actor), what, on which object, before → after, when, from where, outcome.

    `hash` is computed over the canonical form of all the other columns including `prev_hash` (see
    fazhi.journal.hashing), so changing any column, or the order of entries, breaks the chain.
    The primary key is the sequence number, so the database itself keeps it unique.
    """

    seq = models.BigIntegerField("序号", primary_key=True)
    recorded_at = models.DateTimeField("时间")
    algorithm = models.CharField("哈希算法", max_length=16)
    # A snapshot of the actor at write time: renames and role changes never rewrite history. A plain integer, not a
    # foreign key, so that deleting a user neither cascades into the journal nor is blocked by it.
    actor_id = models.BigIntegerField("用户 ID", null=True, blank=True)
    actor_username = models.CharField("用户名", max_length=150, blank=True)
    actor_role = models.CharField("所用角色", max_length=20, blank=True)
    actor_roles = models.CharField("所持角色", max_length=200, blank=True)
    actor_unit_code = models.CharField("所属机构代码", max_length=32, blank=True)
    action = models.CharField("操作", max_length=100)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象 ID", max_length=100, blank=True)
    # Canonical JSON text ("null" when absent), hashed as stored.
    before = models.TextField("变更前", default="null")
    after = models.TextField("变更后", default="null")
    ip = models.CharField("IP 地址", max_length=45, blank=True)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    prev_hash = models.CharField("前一记录哈希", max_length=64, default=GENESIS_HASH)
    hash = models.CharField("本记录哈希", max_length=64)

    objects: ClassVar[EntryQuerySet] = EntryQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = "全过程记录"
        verbose_name_plural = "全过程记录"
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["action", "seq"], name="journal_entry_action_seq"),
            models.Index(fields=["actor_username", "seq"], name="journal_entry_actor_seq"),
            models.Index(fields=["object_type", "object_id"], name="journal_entry_object"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(seq__gte=1), name="journal_entry_seq_positive"),
        ]

    def __str__(self) -> str:
        return f"第 {self.seq} 号记录 · {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableEntryError(f"第 {self.seq} 号全过程记录已写入，不能修改。")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableEntryError(f"第 {self.seq} 号全过程记录不能删除。")

    @property
    def before_data(self) -> Any:
        return json.loads(self.before)

    @property
    def after_data(self) -> Any:
        return json.loads(self.after)

    @property
    def role_list(self) -> list[str]:
        return [role for role in self.actor_roles.split(",") if role]
