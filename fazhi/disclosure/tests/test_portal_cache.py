"""A publication, a withdrawal, the officers list and a loaded standard are on the portal's pages at the very next
request, though the pages are cached (fazhi.portal.cache, keyed by the portal generation the actions move)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.disclosure.actions import publish_decision, publish_officers, withdraw_decision
from fazhi.disclosure.generation import portal_generation
from fazhi.law.actions import load_standard

pytestmark = pytest.mark.django_db

NAME = "深圳市福田区华强电子有限公司"  # the decided case's employer


def test_a_publication_is_on_every_public_page_at_the_next_request(
    decided: Case, director: User, client: Client
) -> None:
    before = portal_generation()
    for path in ("/decisions/", "/decisions.csv", "/decisions.json", "/decisions/feed.atom"):
        assert NAME not in client.get(path).content.decode("utf-8-sig")
    assert "没有找到" in client.get("/decisions/", {"q": "华强"}).content.decode()
    published = publish_decision(actor=director, case=decided)
    assert portal_generation() == before + 1
    for path in ("/decisions/", "/decisions.csv", "/decisions.json", "/decisions/feed.atom"):
        assert NAME in client.get(path).content.decode("utf-8-sig"), path
    page = client.get("/decisions/").content.decode()
    assert "共 1 条" in page
    assert NAME in client.get("/decisions/", {"q": "华强"}).content.decode()
    assert client.get(f"/decisions/{published.pk}/").status_code == 200


def test_a_withdrawal_is_on_the_next_request(decided: Case, director: User, client: Client) -> None:
    published = publish_decision(actor=director, case=decided)
    detail = f"/decisions/{published.pk}/"
    assert "撤回" not in client.get(detail).content.decode()
    assert "【已撤回】" not in client.get("/decisions/feed.atom").content.decode()
    assert 'class="withdrawn"' not in client.get("/decisions/").content.decode()
    withdraw_decision(actor=director, publication=published, reason="该处罚决定经行政复议被撤销。")
    assert "本公示已于 2026-03-09 撤回" in client.get(detail).content.decode()
    assert f"【已撤回】{NAME}" in client.get("/decisions/feed.atom").content.decode()
    assert 'class="withdrawn"' in client.get("/decisions/").content.decode()
    assert "经行政复议被撤销" in client.get("/decisions.csv").content.decode("utf-8-sig")


def test_the_officers_list_and_the_standards_follow_their_publication(
    inspector: User, legal: User, client: Client
) -> None:
    assert "尚未公示执法人员名单" in client.get("/officers/").content.decode()
    assert publish_officers() > 0
    assert "尚未公示执法人员名单" not in client.get("/officers/").content.decode()
    assert "本局二〇二六年基准" not in client.get("/standards/").content.decode()
    load_standard(
        actor=legal,
        text=STANDARD,
        source_name="a.csv",
        name="本局二〇二六年基准",
        effective_from=dt.date(2026, 1, 1),
    )
    assert "本局二〇二六年基准" in client.get("/standards/").content.decode()


STANDARD = "code,tier,when,fine_min,fine_max,facts\ngdjc49_no_ledger,一般,,2000,8000,其他情形\n"
