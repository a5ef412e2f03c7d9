"""The second factor in a real browser (ADR 0017): a 三员's forced enrolment, and the code step of the demo secadmin."""

import re
import time
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from fazhi.accounts.models import SecondFactor
from fazhi.demo.second_factor import demo_code
from fazhi.rules import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(transactional_db: None) -> None:
    call_command("seed_demo", "--cases", "0", stdout=StringIO())


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("fazhi-demo")
    page.get_by_role("button", name="登录").click()


def test_a_three_admin_without_an_authenticator_must_enrol_before_anything_else(
    live_server, page: Page, demo_data, shots_dir
):
    SecondFactor.objects.filter(user__username="auditadmin").delete()  # as on a real installation's first sign-in
    sign_in(page, live_server.url, "auditadmin")
    expect(page).to_have_url(re.compile(r"/staff/security/enrol/$"))
    expect(page.get_by_role("heading", name="绑定认证器（动态验证码）")).to_be_visible()
    expect(page.locator(".qr-code svg")).to_be_visible()
    page.screenshot(path=f"{shots_dir}/second-factor-enrol.png", full_page=True)

    # Typing a staff URL instead of enrolling leads back to the login page.
    page.goto(f"{live_server.url}/staff/journal/")
    expect(page).to_have_url(re.compile(r"/staff/login/\?next="))

    sign_in(page, live_server.url, "auditadmin")
    secret = page.locator(".secret-key").inner_text().replace(" ", "")
    page.get_by_label("动态验证码", exact=True).fill(totp.totp(totp.secret_bytes(secret), time.time()))
    page.get_by_role("button", name="确认绑定").click()
    expect(page.get_by_role("heading", name="认证器已绑定：请保存恢复码")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.screenshot(path=f"{shots_dir}/second-factor-recovery-codes.png", full_page=True)
    page.get_by_role("link", name="我已保存，继续").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.locator(".profile-name")).to_have_text("周婷")


def test_the_demo_secadmin_signs_in_with_the_demo_code_and_sees_who_has_enrolled(
    live_server, page: Page, demo_data, shots_dir
):
    sign_in(page, live_server.url, "secadmin")
    expect(page).to_have_url(re.compile(r"/staff/login/code/$"))
    page.get_by_label("动态验证码或恢复码").fill("000000" if demo_code(time.time() + 30) != "000000" else "111111")
    page.get_by_role("button", name="验证并登录").click()
    expect(page.get_by_role("alert")).to_contain_text("验证码不正确")
    page.screenshot(path=f"{shots_dir}/second-factor-code-wrong.png", full_page=True)
    page.get_by_label("动态验证码或恢复码").fill(demo_code(time.time() + 30))
    page.get_by_role("button", name="验证并登录").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="动态验证码").click()
    expect(page.get_by_role("heading", name="动态验证码管理")).to_be_visible()
    expect(page.locator("tbody tr", has_text="sysadmin")).to_contain_text("已启用")
    page.screenshot(path=f"{shots_dir}/second-factor-admin.png", full_page=True)
