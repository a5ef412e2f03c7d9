"""The supervisor's dashboard follows the cases live (htmx polling), in a real browser (Debian's Chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fazhi.accounts.models import User
from fazhi.accounts.testing import PERSONA_PASSWORD
from fazhi.cases.tests.conftest import RegisterCase, walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_updates_when_a_case_moves(
    live_server, page: Page, register: RegisterCase, supervisor: User, lead: User, shots_dir: str
) -> None:
    case = register()  # its acceptance period is due today: one yellow alert
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("用户名").fill("supervisor")
    page.get_by_label("密码").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    page.goto(f"{live_server.url}/staff/supervision/")
    expect(page.get_by_test_id("count-yellow")).to_have_text("1")
    page.screenshot(path=f"{shots_dir}/supervision-dashboard.png", full_page=True)
    walk(case, (lead, "accept", {}))  # the case moves: the period is met
    expect(page.get_by_test_id("count-yellow")).to_have_text("0", timeout=15_000)
