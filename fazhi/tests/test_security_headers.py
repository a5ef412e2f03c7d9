"""Security review L4: a Content-Security-Policy everywhere, and staff pages, downloads and the API not cached."""

import pytest
from django.test import Client
from playwright.sync_api import Page

from fazhi.accounts.testing import PERSONA_PASSWORD
from fazhi.api.actions import create_api_token


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response.get("Cache-Control", "")


def test_a_staff_page_is_not_kept_by_the_browser_and_carries_the_policy(inspector):
    client = Client()
    client.force_login(inspector)
    response = client.get("/staff/")
    assert response.status_code == 200
    assert no_store(response)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_login_page_and_a_refusal_are_not_cached_either(inspector, auditadmin):
    assert no_store(Client().get("/staff/login/"))
    client = Client()
    client.force_login(auditadmin)
    refused = client.get("/staff/cases/")
    assert refused.status_code == 403
    assert no_store(refused)


def test_an_api_answer_is_not_cached(inspector):
    token = create_api_token(actor=inspector, user=inspector, name="测试")[1]
    response = Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/cases")
    assert response.status_code == 200
    assert no_store(response)


def test_the_public_portal_keeps_its_own_caching_but_carries_the_policy(db):
    response = Client().get("/")
    assert response.status_code == 200
    assert not no_store(response)
    assert response["Content-Security-Policy"].startswith("default-src 'self'")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_api_documentation_and_a_staff_page_work_under_the_policy(live_server, page: Page, inspector):
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Security Policy" in message.text else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info", timeout=15_000)
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("用户名").fill("inspector")
    page.get_by_label("密码").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/staff/")
    assert violations == []
