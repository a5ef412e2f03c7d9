"""The legal reviewer registers a procuratorial suggestion and answers its points in a real browser (Debian's Chromium
through Playwright; see conftest.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from fazhi.accounts.models import User
from fazhi.accounts.testing import PERSONA_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_legal_registers_a_suggestion_and_answers_it_point_by_point(
    live_server: Any, page: Page, legal: User, director: User, shots_dir: str
) -> None:
    url = str(live_server.url)
    page.goto(f"{url}/staff/login/")
    page.get_by_label("用户名").fill("legal")
    page.get_by_label("密码").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="司法建议").click()
    page.get_by_role("link", name="登记收到的建议").click()
    page.get_by_label("检察建议").check()
    page.get_by_label("建议机关（人民法院或人民检察院）").fill("深圳市福田区人民检察院")
    page.get_by_label("建议书文号").fill("深福检行建〔2026〕8号")
    page.get_by_label("事由").fill("关于加强欠薪案件办理工作的检察建议")
    page.get_by_label("收到日期").fill("2026-03-02")
    page.get_by_label("建议内容（逐条填写，每行一条）").fill("建议完整收集工资支付凭证。\n建议规范送达程序。")
    page.screenshot(path=f"{shots_dir}/suggestion-new.png", full_page=True)
    page.get_by_role("button", name="登记").click()
    expect(page).to_have_url(re.compile(r"/staff/suggestions/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("关于加强欠薪案件办理工作的检察建议")
    # The director assigns it to the legal reviewer (the handler) through the action; the page then offers answers.
    from fazhi.suggestions.actions import assign_suggestion
    from fazhi.suggestions.models import Suggestion

    assign_suggestion(actor=director, suggestion=Suggestion.objects.get(), handler=legal)
    page.reload()
    first = page.locator("#point-1")
    first.get_by_label("采取的措施").fill("已制定证据收集指引。")
    first.get_by_role("button", name="答复第1条").click()
    expect(page.get_by_text("已办理：逐条答复（第1条）。")).to_be_visible()
    expect(page.locator("#points-title")).to_contain_text("尚有 1 条未答复")
    page.screenshot(path=f"{shots_dir}/suggestion-detail.png", full_page=True)
