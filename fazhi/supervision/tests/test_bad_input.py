"""Inputs that were a server error (security review L2): replay dates out of range and the digit "²"."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.cases.tests.conftest import RegisterCase

from .conftest import investigating


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31", "1999-12-31", "2999-01-01"])
def test_a_replay_day_outside_the_loaded_years_shows_today_with_a_message(supervisor: User, as_of: str) -> None:
    client = client_for(supervisor)
    response = client.get("/staff/supervision/", {"as_of": as_of})
    page = response.content.decode()
    assert response.status_code == 200
    assert "回放日期须在已导入节假日数据的年度内（2004-01-01 至 2026-12-31）" in page
    assert page.count("下面显示的是今天的情况") == 1
    assert client.get("/staff/supervision/export.xlsx", {"as_of": as_of}).status_code == 200


def test_a_replay_day_that_is_not_a_date_says_so(supervisor: User) -> None:
    page = client_for(supervisor).get("/staff/supervision/", {"as_of": "2026-02-30"}).content.decode()
    assert "回放日期“2026-02-30”不是有效的日期" in page


def test_a_superscript_two_as_the_case_of_an_order_is_refused_not_a_server_error(supervisor: User) -> None:
    response = client_for(supervisor).post(
        "/staff/supervision/orders/new/", {"case": "²", "rule": "period_due_soon", "subject": "请立即受理"}
    )
    assert response.status_code in (200, 400, 404)


def test_a_superscript_two_as_the_number_of_workers_is_a_clear_problem(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    case = investigating(register, lead)
    client = client_for(inspector)
    response = client.post(
        f"/staff/cases/{case.pk}/step/propose/",
        {"propose-proposed_outcome": "penalty", "propose-workers": "²", "propose-proposal": "经调查，违法事实清楚。"},
    )
    assert response.status_code == 400  # the form again, with the problem beside the field
    assert "应为不超过 1000000 的整数" in response.content.decode()
