"""The name-search index of the published decisions (PublishedNameToken) is written with the publication, kept at
withdrawal, and filled by the migration for the decisions published before it."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.test import Client

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.disclosure.actions import publish_decision, withdraw_decision
from fazhi.disclosure.models import PublishedDecision, PublishedNameToken
from fazhi.rules.textsearch import name_bigrams, search_tokens

pytestmark = pytest.mark.django_db

NAME = "深圳市福田区华强电子有限公司"


def test_publishing_writes_the_name_tokens_with_the_publication_date(decided: Case, director: User) -> None:
    published = publish_decision(actor=director, case=decided)
    tokens = PublishedNameToken.objects.filter(decision=published)
    assert sorted(tokens.values_list("token", flat=True)) == search_tokens(NAME)
    assert {token.published_on for token in tokens} == {published.published_on}
    assert {"华", "华强", "强电"} <= set(tokens.values_list("token", flat=True))


def test_a_withdrawn_decision_is_still_found_and_shown_withdrawn(decided: Case, director: User) -> None:
    published = publish_decision(actor=director, case=decided)
    before = PublishedNameToken.objects.filter(decision=published).count()
    withdraw_decision(actor=director, publication=published, reason="该处罚决定经行政复议被撤销。")
    assert PublishedNameToken.objects.filter(decision=published).count() == before
    for query in ("华", "华强", "福田区华强电子"):
        page = Client().get("/decisions/", {"q": query}).content.decode()
        assert NAME in page, query
        assert 'class="withdrawn"' in page, query


def test_the_migration_indexes_the_decisions_published_before_it() -> None:
    row = PublishedDecision.objects.create(
        case_id=1,
        document_number="深人社监罚〔2025〕1号",
        employer_name=NAME,
        violation="未建立职工名册",
        facts="经查。",
        basis="劳动合同法实施条例 第三十三条",
        penalty="警告",
        authority="深圳市福田区人力资源局",
        decided_on=dt.date(2025, 5, 6),
        published_on=dt.date(2025, 5, 8),
        name_bigrams=name_bigrams(NAME),
    )
    migration = importlib.import_module("fazhi.disclosure.migrations.0004_search_tokens_and_portal_generation")
    migration.fill(apps, None)
    tokens = PublishedNameToken.objects.filter(decision=row)
    assert sorted(tokens.values_list("token", flat=True)) == search_tokens(NAME)
    assert {token.published_on for token in tokens} == {dt.date(2025, 5, 8)}
