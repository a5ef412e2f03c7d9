"""The public pages of the dishonest list: list, search (2 characters, credit code), detail, CSV, JSON, Atom; an
expired listing is never shown, even before the staff act; a removed one disappears; nothing unpublished shows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.dishonest_list import actions
from fazhi.dishonest_list.models import Listing, PublishedListing

from .conftest import Ordered, listed, on

pytestmark = pytest.mark.django_db
D = dt.date
NAME = "深圳市福田区鑫达建筑劳务有限公司"


@pytest.fixture
def published(ordered: Ordered, inspector: User, leader: User, lead: User) -> Listing:
    listing = listed(inspector, leader, ordered())
    with on(D(2026, 4, 1)):
        return actions.publish(actor=lead, listing=listing)


def get(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode("utf-8-sig")


def test_the_list_shows_the_published_employer_with_its_term(published: Listing) -> None:
    page = get("/dishonest-list/")
    assert NAME in page
    assert "陈建国" in page  # the legal representative is published (第五条: a party)
    assert "2029-03-31" in page
    assert "深人社监失列〔2026〕1号" in page


def test_a_listing_decided_but_not_yet_published_is_not_shown(ordered: Ordered, inspector: User, leader: User) -> None:
    listed(inspector, leader, ordered())
    assert NAME not in get("/dishonest-list/")
    assert json.loads(get("/dishonest-list.json"))["listings"] == []


@pytest.mark.parametrize("query", ["鑫达", "建筑", "劳务有限"])
def test_two_characters_of_the_name_find_it(published: Listing, query: str) -> None:
    assert NAME in get(f"/dishonest-list/?q={query}")


def test_a_query_that_is_not_in_the_name_finds_nothing(published: Listing) -> None:
    page = get("/dishonest-list/?q=华强")
    assert NAME not in page
    assert "没有找到" in page


def test_the_credit_code_or_its_beginning_finds_it(published: Listing) -> None:
    code = published.credit_code
    assert code
    assert NAME in get(f"/dishonest-list/?q={code}")
    assert NAME in get(f"/dishonest-list/?q={code[:8].lower()}")


def test_the_detail_page_shows_the_reason_basis_and_sanctions_but_no_responsible_person(published: Listing) -> None:
    pk = PublishedListing.objects.get().pk
    page = get(f"/dishonest-list/{pk}/")
    assert "逾期未支付" in page
    assert "政府资金支持、政府采购、招投标" in page
    assert "第十一条" in page
    assert "福田区人力资源局" in page
    for person in ("赵有才", "钱多多", "王小明", "李四"):
        assert person not in page


def test_the_csv_and_json_exports_carry_the_published_fields(published: Listing) -> None:
    rows = list(csv.reader(io.StringIO(get("/dishonest-list.csv"))))
    assert rows[0][:3] == ["列入决定书文号", "用人单位", "统一社会信用代码"]
    assert rows[1][1] == NAME
    data = json.loads(get("/dishonest-list.json?q=鑫达"))
    (item,) = data["listings"]
    assert (item["employer_name"], item["ends_on"], item["decided_on"]) == (NAME, "2029-03-31", "2026-03-31")
    assert data["fields"]["sanctions"] == "联合惩戒措施"
    assert json.loads(get("/dishonest-list.json?q=华强"))["listings"] == []


def test_the_atom_feed_lists_the_employer(published: Listing) -> None:
    feed = get("/dishonest-list/feed.atom")
    assert feed.startswith("<?xml")
    assert NAME in feed
    assert "/dishonest-list/" in feed


def test_an_expired_listing_is_never_shown_even_before_the_staff_remove_it(published: Listing) -> None:
    PublishedListing.objects.update(ends_on=D(2026, 6, 19))
    with on(D(2026, 6, 19)):
        assert NAME in get("/dishonest-list/")
    with on(D(2026, 6, 20)):
        for path in ("/dishonest-list/", "/dishonest-list.csv", "/dishonest-list.json", "/dishonest-list/feed.atom"):
            assert NAME not in get(path), path
        pk = PublishedListing.objects.get().pk
        assert Client().get(f"/dishonest-list/{pk}/").status_code == 404


def test_a_removed_listing_disappears_from_every_public_response(published: Listing, leader: User, lead: User) -> None:
    with on(D(2026, 5, 6)):
        listing = actions.revoke(actor=leader, listing=published, reason="行政处理决定书被撤销。")
        assert NAME in get("/dishonest-list/")  # still within the 10 working days to remove it
        actions.remove(actor=lead, listing=listing)
        for path in ("/dishonest-list/", "/dishonest-list.csv", "/dishonest-list.json", "/dishonest-list/feed.atom"):
            assert NAME not in get(path), path
    assert PublishedListing.objects.get().removed_on == D(2026, 5, 6)  # the record stays


def test_a_publication_is_on_the_cached_pages_at_the_next_request(
    ordered: Ordered, inspector: User, leader: User, lead: User
) -> None:
    listing = listed(inspector, leader, ordered())
    with on(D(2026, 4, 1)):
        for path in ("/dishonest-list/", "/dishonest-list.json", "/dishonest-list/feed.atom"):
            assert NAME not in get(path), path  # and now cached (fazhi.portal.cache)
        actions.publish(actor=lead, listing=listing)
        for path in ("/dishonest-list/", "/dishonest-list.json", "/dishonest-list/feed.atom"):
            assert NAME in get(path), path


def test_the_portal_home_and_header_link_to_the_list(db: None) -> None:
    page = get("/")
    assert page.count('href="/dishonest-list/"') >= 2
