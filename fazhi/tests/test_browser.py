"""The staff login in a real browser (Debian's Chromium through Playwright; see conftest.py)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(transactional_db: None) -> None:
    call_command("seed_demo", "--cases", "0", stdout=StringIO())


def test_a_demo_inspector_logs_in_sees_their_name_and_unit_and_logs_out(live_server, page: Page, demo_data, shots_dir):
    page.goto(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("深圳市人力资源和社会保障局")
    page.screenshot(path=f"{shots_dir}/portal-home.png", full_page=True)

    page.get_by_role("link", name="工作人员登录").first.click()
    expect(page).to_have_url(re.compile(r"/staff/login/$"))
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    expect(page).to_have_title(re.compile("工作人员登录"))

    page.get_by_label("用户名").fill("inspector")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")
    page.screenshot(path=f"{shots_dir}/login-error.png", full_page=True)

    page.get_by_label("密码").fill("fazhi-demo")
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.locator(".profile-name")).to_have_text("张伟")
    expect(page.locator(".profile-unit")).to_contain_text("福田区劳动监察大队第一中队")
    expect(page.get_by_role("navigation", name="主导航")).to_contain_text("案件办理")
    page.screenshot(path=f"{shots_dir}/staff-home.png", full_page=True)

    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/staff/login/$"))
    expect(page.get_by_text("您已安全退出。")).to_be_visible()
    page.screenshot(path=f"{shots_dir}/logged-out.png", full_page=True)

    page.goto(f"{live_server.url}/staff/")
    expect(page).to_have_url(re.compile(r"/staff/login/\?next=/staff/$"))


def test_the_staff_home_fits_a_narrow_screen(live_server, page: Page, demo_data, shots_dir):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("用户名").fill("supervisor")
    page.get_by_label("密码").fill("fazhi-demo")
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".profile-name")).to_have_text("杨帆")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.screenshot(path=f"{shots_dir}/staff-home-narrow.png", full_page=True)
