"""The published snapshots (行政执法公示) the public portal reads: copied and redacted from a case when published,
never joined back to it. This module imports no case, document or journal code, so `fazhi.portal` may read it
(import-linter contract "The portal reads no live case data")."""

from __future__ import annotations

from django.db import models


class PublishedDecision(models.Model):
    """One published 行政处罚决定书, as redacted (fazhi.rules.redaction) at publication; withdrawn with a public
    explanation when the decision is changed, revoked or confirmed unlawful (行政处罚法 第四十八条第二款)."""

    case_id = models.BigIntegerField("案件 ID", unique=True)  # a plain number: no foreign key into the live tables
    document_number = models.CharField("决定书文号", max_length=80)
    case_number = models.CharField("案号", max_length=60, blank=True)
    employer_name = models.CharField("当事人", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, db_index=True)
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    employer_address = models.CharField("地址", max_length=300, blank=True)
    violation = models.CharField("违法行为", max_length=200)
    facts = models.TextField("主要违法事实")
    basis = models.CharField("处罚依据", max_length=500)
    penalty = models.CharField("处罚内容", max_length=300)
    authority = models.CharField("处罚机关", max_length=100)
    decided_on = models.DateField("处罚决定日期")
    published_on = models.DateField("公示日期")
    # Overlapping 2-character tokens of the employer's name, so a 2-character query is a whole-token match.
    name_bigrams = models.TextField("名称检索词", blank=True, default="", editable=False)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回说明", blank=True)

    class Meta:
        verbose_name = "公示的行政处罚决定"
        verbose_name_plural = "公示的行政处罚决定"
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["-published_on", "-id"], name="disclosure_decision_recent")]

    def __str__(self) -> str:
        return f"{self.document_number} {self.employer_name}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None


class PublishedNameToken(models.Model):
    """One search token of a published decision's employer name (fazhi.rules.textsearch.search_tokens: each character
    and each pair of adjacent characters), written with the decision at publication. The portal's name search reads
    one token's rows through the primary key (token, published_on, decision), which also holds the list's order
    (newest first, read backwards), so the first page of a search is an index range read however many names share the
    token; `published_on` is copied for that (it never changes after publication). No other column and no other index:
    at about 25 rows a decision, the key is the table."""

    pk = models.CompositePrimaryKey("token", "published_on", "decision")
    token = models.CharField("检索词", max_length=2)
    published_on = models.DateField("公示日期")
    # No index of its own: published decisions are withdrawn, never deleted.
    decision = models.ForeignKey(PublishedDecision, models.CASCADE, related_name="name_tokens", db_index=False)

    class Meta:
        verbose_name = "公示名称检索词"
        verbose_name_plural = "公示名称检索词"

    def __str__(self) -> str:
        return self.token


class PublishedCheckpoint(models.Model):
    """A journal checkpoint published on the portal: the Merkle root over entries 1..tree_size and the last entry's
    hash, so that anyone holding it can later check that history was not rewritten (verify_journal --checkpoint)."""

    tree_size = models.PositiveBigIntegerField("覆盖的记录条数")
    algorithm = models.CharField("哈希算法", max_length=10)
    root_hash = models.CharField("默克尔根", max_length=64)
    last_entry_hash = models.CharField("最后一条记录的哈希", max_length=64)
    document = models.TextField("检查点文件")  # exactly what `journal_checkpoint --out` writes
    published_at = models.DateTimeField("公示时间")

    class Meta:
        verbose_name = "公示的全过程记录检查点"
        verbose_name_plural = "公示的全过程记录检查点"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.tree_size} {self.root_hash[:12]}"


class PublishedOfficer(models.Model):
    """An enforcement officer as published (行政执法公示, 事前公开: the officers and their certificate numbers;
    行政处罚法 第三十九条、第五十五条). The whole list is replaced at each publication."""

    name = models.CharField("姓名", max_length=50)
    certificate_number = models.CharField("执法证号", max_length=32)
    unit_name = models.CharField("所在机构", max_length=100)
    organ = models.CharField("执法主体", max_length=100)
    published_on = models.DateField("公示日期")

    class Meta:
        verbose_name = "公示的执法人员"
        verbose_name_plural = "公示的执法人员"
        ordering = ["organ", "unit_name", "certificate_number"]

    def __str__(self) -> str:
        return f"{self.name} {self.certificate_number}"


class PortalGeneration(models.Model):
    """One row: a number every action that changes what the public portal shows moves, in its own transaction
    (fazhi.disclosure.generation). The portal's cache (fazhi.portal.cache) keys its pages by it, so a publication or
    withdrawal is on the very next request after its commit, in every server process."""

    value = models.PositiveBigIntegerField("版本", default=0)

    class Meta:
        verbose_name = "公示版本"
        verbose_name_plural = "公示版本"

    def __str__(self) -> str:
        return str(self.value)
