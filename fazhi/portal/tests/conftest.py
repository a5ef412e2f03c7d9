"""Published decisions for the portal's tests, as snapshot rows written the way `publish_decision` writes them (the
portal, its tests included, may not import the actions: they read live cases; tests through the actions are in
fazhi/disclosure/tests/)."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.disclosure.models import PublishedDecision, PublishedNameToken
from fazhi.rules.textsearch import name_bigrams, search_tokens

__all__ = ["snapshot"]

_case_ids = itertools.count(1_000_000)


def snapshot(
    name: str, *, credit_code: str = "", published_on: dt.date = dt.date(2026, 3, 2), penalty: str = "警告"
) -> PublishedDecision:
    """A published decision's snapshot row and its name tokens, as `publish_decision` writes them (without walking a
    case to a decision for each: the read side's tests need many rows)."""
    case_id = next(_case_ids)
    row = PublishedDecision.objects.create(
        case_id=case_id,
        document_number=f"深人社监罚〔2026〕{case_id}号",
        employer_name=name,
        credit_code=credit_code,
        violation="未按照规定建立职工名册",
        facts="经查，该单位未建立职工名册。",
        basis="劳动合同法实施条例 第三十三条",
        penalty=penalty,
        authority="深圳市福田区人力资源局",
        decided_on=published_on - dt.timedelta(days=1),
        published_on=published_on,
        name_bigrams=name_bigrams(name),
    )
    PublishedNameToken.objects.bulk_create(
        PublishedNameToken(token=token, decision=row, published_on=published_on) for token in search_tokens(name)
    )
    return row
