"""A public list's page links and export links carry its filters URL-encoded, and nothing when there is none."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.portal.queries import list_query

from .conftest import snapshot

pytestmark = pytest.mark.django_db


def test_the_filters_are_url_encoded_and_empty_ones_left_out() -> None:
    assert list_query(q="科技&page=9", quarter="", category="wages") == "q=%E7%A7%91%E6%8A%80%26page%3D9&category=wages"
    assert list_query(q="") == ""


def test_the_decisions_list_links_its_next_page_and_exports_with_the_query() -> None:
    for n in range(25):
        snapshot(f"深圳市科技{n:02d}有限公司")
    page = Client().get("/decisions/", {"q": "科技"}).content.decode()
    assert 'href="?q=%E7%A7%91%E6%8A%80&amp;page=2">下一页' in page
    assert 'href="/decisions.csv?q=%E7%A7%91%E6%8A%80">CSV' in page
    plain = Client().get("/decisions/").content.decode()
    assert 'href="?page=2">下一页' in plain
    assert 'href="/decisions.csv">CSV' in plain
