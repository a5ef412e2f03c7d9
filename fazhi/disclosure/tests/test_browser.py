"""The published decisions in a real browser: the list, a 2-character search, the detail page of a withdrawn decision.
Screenshots: /tmp/fazhi-shots/disclosure-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fazhi.disclosure.actions import publish_decision, withdraw_decision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_finds_a_published_decision_and_reads_its_withdrawal(
    page: Page, live_server, decided, director, shots_dir
):
    published = publish_decision(actor=director, case=decided)
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="处罚决定公示").first.click()
    page.get_by_role("searchbox", name="单位名称或统一社会信用代码").fill("华强")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("link", name="深圳市福田区华强电子有限公司")).to_be_visible()
    page.screenshot(path=f"{shots_dir}/disclosure-1-list.png", full_page=True)
    withdraw_decision(actor=director, publication=published, reason="该处罚决定经行政复议被撤销，依法撤回公示。")
    page.get_by_role("link", name="深圳市福田区华强电子有限公司").click()
    expect(page.get_by_text("本公示已于 2026-03-09 撤回")).to_be_visible()
    expect(page.get_by_text("周大福")).to_be_visible()
    page.screenshot(path=f"{shots_dir}/disclosure-2-detail.png", full_page=True)
