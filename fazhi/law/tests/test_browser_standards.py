"""The standards in a real browser: the contents list leads to a statute's section, a violation unfolds to its tiers
lightest first, and the page is short enough to read; the legal division uploads a workbook, reads its preview and
loads it. Screenshots: /tmp/fazhi-shots/standards-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fazhi.accounts.testing import PERSONA_PASSWORD
from fazhi.law.models import StandardVersion
from fazhi.law.tests.workbooks import bureau_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_finds_a_violations_tiers_through_the_contents_list(page: Page, live_server, shots_dir):
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server.url + "/standards/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 9000  # was 21,910 px with every tier of every violation spelled out (first-use review)
    page.screenshot(path=f"{shots_dir}/standards-1-contents.png", full_page=False)
    page.get_by_role("link", name="广东省劳动保障监察条例").first.click()
    page.get_by_text("未建立、保存用工管理台账").click()
    ledger = page.locator("#v-gdjc49_no_ledger")
    expect(ledger.get_by_text("造成严重危害后果，未及时改正")).to_be_visible()
    rows = ledger.locator("tbody th").all_inner_texts()
    assert rows == ["轻微", "一般", "较重", "严重"]
    page.screenshot(path=f"{shots_dir}/standards-2-violation.png", full_page=False)
    page.get_by_role("searchbox", name="查找违法行为").fill("工资")
    page.get_by_role("button", name="查找").click()
    expect(page.get_by_text("与“工资”相符的违法行为共")).to_be_visible()
    page.screenshot(path=f"{shots_dir}/standards-3-search.png", full_page=True)


def test_the_legal_division_uploads_a_workbook_checks_the_preview_and_loads_it(
    page: Page, live_server, legal, shots_dir, tmp_path
):
    path = tmp_path / "本局裁量基准.xlsx"
    path.write_bytes(bureau_workbook())
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("用户名").fill("legal")
    page.get_by_label("密码").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="裁量基准").click()
    page.get_by_role("link", name="导入新的裁量基准").click()
    page.get_by_label("裁量基准文件").set_input_files(str(path))
    page.get_by_label("施行日期").fill("2027-01-01")
    page.get_by_label("名称").fill("本局裁量基准（2027年版）")
    page.screenshot(path=f"{shots_dir}/standards-4-upload.png", full_page=True)
    page.get_by_role("button", name="预览").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("预览：本局裁量基准（2027年版）")
    expect(page.get_by_text("2 项违法行为，6 个裁量阶次")).to_be_visible()
    page.screenshot(path=f"{shots_dir}/standards-5-preview.png", full_page=True)
    page.get_by_role("button", name="确认导入").first.click()
    expect(page.get_by_text("已导入“本局裁量基准（2027年版）”，自 2027-01-01 起施行。")).to_be_visible()
    assert StandardVersion.objects.get().name == "本局裁量基准（2027年版）"
