"""A worker files a complaint in a real browser (Debian's Chromium through Playwright), mistypes the phone, corrects it,
keeps the query code and follows the complaint. Screenshots: /tmp/fazhi-shots/complaints-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fazhi.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_files_a_complaint_and_follows_it_in_the_browser(
    page: Page, live_server, org, shots_dir, captcha_answer
):
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="投诉举报").first.click()
    page.get_by_label("投诉（本人的劳动保障权益受到侵害）").check()
    page.get_by_role("textbox", name="姓名", exact=True).fill("赵小梅")
    page.get_by_role("textbox", name="身份证号码", exact=True).fill("440304199001011233")
    page.get_by_role("textbox", name="手机号码", exact=True).fill("1381234")
    page.get_by_role("textbox", name="用人单位名称", exact=True).fill("深圳市某某电子有限公司")
    page.get_by_role("textbox", name="用人单位地址（用工所在地）", exact=True).fill("深圳市南山区粤海街道科技园路1号")
    facts = "公司自今年三月起拖欠我三个月工资共一万七千四百元，多次催要未果。"
    page.get_by_role("textbox", name="事实与诉求", exact=True).fill(facts)
    page.get_by_role("textbox", name="劳动者1姓名", exact=True).fill("赵小梅")
    page.get_by_role("spinbutton", name="劳动者1被拖欠金额（元）", exact=True).fill("17400")
    # 「换一张」 draws a new image in place (htmx); what was typed stays.
    image = page.locator("#complaint-challenge img")
    first = image.get_attribute("src")
    page.get_by_role("link", name="换一张").click()
    expect(image).not_to_have_attribute("src", first or "")
    expect(page.get_by_role("textbox", name="用人单位名称", exact=True)).to_have_value("深圳市某某电子有限公司")
    page.get_by_role("textbox", name="请输入图中的字符").fill(captcha_answer)
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("手机号码应为11位")).to_be_visible()
    expect(page.get_by_role("textbox", name="用人单位名称", exact=True)).to_have_value("深圳市某某电子有限公司")
    page.screenshot(path=f"{shots_dir}/complaints-1-form-error.png", full_page=True)

    page.get_by_role("textbox", name="手机号码", exact=True).fill("13812345678")
    page.get_by_role("textbox", name="请输入图中的字符").fill(captcha_answer)  # a new image with each answer
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", name="您的投诉已收到")).to_be_visible()
    code = page.locator("#query-code").inner_text()
    page.screenshot(path=f"{shots_dir}/complaints-2-received.png", full_page=True)
    assert Case.objects.get().unit == org.nanshan_brigade

    page.get_by_role("link", name="查询办理进度").click()
    page.get_by_role("textbox", name="查询码", exact=True).fill(code)
    page.get_by_role("textbox", name="手机号码", exact=True).fill("13812345678")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("已收到，待受理")).to_be_visible()
    page.screenshot(path=f"{shots_dir}/complaints-3-status.png", full_page=True)
