"""The published snapshot of a listing (第九条: 通过本部门门户网站公开失信联合惩戒名单) that the public portal reads:
copied at publication, never joined back to the live listing. This module imports no case, document or journal code,
so `fazhi.portal` may read it (import-linter contract "The portal reads no live case data").

Only what a publication names: the employer, its credit code, its legal representative (or principal) and business
address, the reason and basis, the deciding organ, the dates and the sanctions. The other directly responsible
persons (natural persons) stay on the staff side (security.md: no natural person's name but the legal
representative's on public pages)."""

from __future__ import annotations

from django.db import models


class PublishedListing(models.Model):
    listing_id = models.BigIntegerField("名单记录 ID", unique=True)  # a plain number: no foreign key into live tables
    decision_number = models.CharField("列入决定书文号", max_length=80)
    employer_name = models.CharField("用人单位", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, db_index=True)
    legal_representative = models.CharField("法定代表人或者主要负责人", max_length=50, blank=True)
    employer_address = models.CharField("地址", max_length=300, blank=True)
    reason = models.CharField("列入事由", max_length=300)
    basis = models.CharField("列入依据", max_length=300)
    authority = models.CharField("作出决定的部门", max_length=100)
    decided_on = models.DateField("列入日期")
    ends_on = models.DateField("列入期限届满日")
    sanctions = models.TextField("联合惩戒措施")
    published_on = models.DateField("公开日期")
    # Overlapping 2-character tokens of the employer's name, so that a 2-character query is a whole-token match.
    name_bigrams = models.TextField("名称检索词", blank=True, default="", editable=False)
    # Set when the listing is taken off the list (第十七条): the row stays for the record, the portal stops showing it.
    removed_on = models.DateField("停止公开日期", null=True, blank=True)

    class Meta:
        verbose_name = "公开的失信联合惩戒名单"
        verbose_name_plural = "公开的失信联合惩戒名单"
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(
                fields=["ends_on", "decided_on"], condition=models.Q(removed_on=None), name="dishonest_published_live"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.employer_name}"
