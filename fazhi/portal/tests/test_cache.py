"""The portal's cache (fazhi.portal.cache): a page is kept until the portal generation moves, each query and page is
its own entry, the count is kept once per generation, and nothing of one visitor's reaches another. (Publication and
withdrawal through the actions: fazhi/disclosure/tests/test_portal_cache.py, since the portal may not import them.)"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fazhi.accounts.models import User
from fazhi.disclosure.generation import bump_portal_generation
from fazhi.disclosure.models import PublishedDecision

from .conftest import snapshot

pytestmark = pytest.mark.django_db


def test_a_page_is_served_from_the_cache_until_the_generation_moves(client: Client) -> None:
    row = snapshot("深圳市南山区大疆创新科技有限公司")
    assert "大疆创新" in client.get("/decisions/").content.decode()
    PublishedDecision.objects.filter(pk=row.pk).update(employer_name="深圳市南山区腾讯科技有限公司")
    assert "大疆创新" in client.get("/decisions/").content.decode()  # cached: the row changed behind its back
    bump_portal_generation()
    assert "腾讯科技" in client.get("/decisions/").content.decode()


def test_each_query_and_page_is_its_own_entry(client: Client) -> None:
    for day in range(1, 26):
        snapshot(f"深圳市第{day:02d}号华强电子厂", published_on=dt.date(2026, 2, day))
    snapshot("深圳市南山区大疆创新科技有限公司", published_on=dt.date(2026, 1, 5))
    first = client.get("/decisions/").content.decode()
    second = client.get("/decisions/", {"page": "2"}).content.decode()
    assert "第25号华强" in first
    assert "第25号华强" not in second
    assert "大疆创新" in second
    assert "大疆创新" not in first
    assert "第 2/2 页" in second
    found = client.get("/decisions/", {"q": "大疆"}).content.decode()
    assert "大疆创新" in found
    assert "华强" not in found
    assert "没有找到与“腾讯”相符的公示" in client.get("/decisions/", {"q": "腾讯"}).content.decode()
    assert client.get("/decisions/").content.decode() == first  # and the first is served again as it was
    too_long = client.get("/decisions/", {"q": "华" * 250})  # beyond the key's limit: made afresh, not cached
    assert too_long.status_code == 200
    assert "ETag" not in too_long


def test_the_list_is_counted_once_per_generation_whichever_page_is_asked_for(client: Client) -> None:
    for day in range(1, 26):
        snapshot(f"深圳市第{day:02d}号华强电子厂", published_on=dt.date(2026, 2, day))
    with CaptureQueriesContext(connection) as first:
        assert "共 25 条" in client.get("/decisions/", {"q": "华强电"}).content.decode()
    with CaptureQueriesContext(connection) as second:
        assert "共 25 条" in client.get("/decisions/", {"q": "华强电", "page": "2"}).content.decode()
    counting = 'COUNT(*) AS "__count" FROM "disclosure_publisheddecision"'
    assert any(counting in query["sql"] for query in first.captured_queries)
    assert not any(counting in query["sql"] for query in second.captured_queries)


def test_a_cached_page_carries_no_cookie_no_csrf_token_and_an_etag(client: Client) -> None:
    snapshot("深圳市南山区大疆创新科技有限公司")
    client.get("/decisions/")
    response = client.get("/decisions/")
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=0"
    etag = response["ETag"]
    assert client.get("/decisions/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    bump_portal_generation()  # made again, the same content: the same ETag (it is a hash of the content)
    assert client.get("/decisions/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    snapshot("深圳市南山区腾讯科技有限公司")
    bump_portal_generation()
    changed = client.get("/decisions/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_signed_in_visitor_gets_the_page_made_for_them_and_it_is_not_kept(lead: User) -> None:
    row = snapshot("深圳市南山区大疆创新科技有限公司")
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(lead)
    assert "大疆创新" in anonymous.get("/decisions/").content.decode()
    PublishedDecision.objects.filter(pk=row.pk).update(employer_name="深圳市南山区腾讯科技有限公司")
    page = signed_in.get("/decisions/")
    assert "腾讯科技" in page.content.decode()
    assert "ETag" not in page
    assert "大疆创新" in anonymous.get("/decisions/").content.decode()  # the anonymous entry, untouched by it


def test_the_complaint_form_is_never_cached() -> None:
    first, second = Client().get("/complaints/"), Client().get("/complaints/")
    for response in (first, second):
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert "csrftoken" in response.cookies
        assert "ETag" not in response
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
