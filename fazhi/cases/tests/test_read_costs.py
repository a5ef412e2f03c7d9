"""The worklist reads only the columns its table shows: the page must not go back to the database row by row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.cases.tests.conftest import RegisterCase, proposal, walk

pytestmark = pytest.mark.django_db


def queries_for_worklist(user: User) -> tuple[int, str]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as reads:
        page = client.get(reverse("cases:worklist")).content.decode()
    return len(reads), page


def test_the_worklist_page_costs_the_same_number_of_queries_for_one_case_as_for_six(
    register: RegisterCase, inspector: User, inspector2: User, lead: User
) -> None:
    first = register()
    one, page = queries_for_worklist(lead)
    assert first.reference in page
    for _ in range(4):
        register()
    filed = walk(register(), (lead, "accept", {}))
    filed = walk(filed, (inspector, "propose", proposal(proposal="拟罚款。")))
    six, page = queries_for_worklist(lead)
    assert six == one
    # Every column the table shows is there: employer, unit, both handlers' names, state.
    for shown in (
        "深圳市福田区某电子有限公司",
        "福田区劳动监察大队第一中队",
        "张伟、李娜",
        "审查",
        filed.case_number or "?",
    ):
        assert shown in page
