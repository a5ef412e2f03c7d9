"""The leader's page of written delegations: a leader grants and revokes, the others only read, bad input keeps
what was typed and answers in Chinese (行政处罚法 第五十七条: the decision is the 负责人's)."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.cases.models import Delegation
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db
URL = "/staff/cases/delegations/"


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_leader_delegates_the_decision_to_the_director_in_writing_and_revokes_it(
    leader: User, director: User
) -> None:
    client = signed_in(leader)
    page = client.get(URL)
    assert page.status_code == 200
    assert "作出决定" in page.content.decode()
    assert leader.unit is not None
    response = client.post(
        URL,
        {
            "delegate": director.pk,
            "unit": leader.unit.pk,
            "actions": ["decide", "extend"],
            "document": "福人社授〔2026〕2号",
            "starts_on": "2026-03-09",
            "ends_on": "2026-12-31",
        },
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.delegate, sorted(delegation.actions)) == (director, ["decide", "extend"])
    assert Entry.objects.filter(action="cases.grant_delegation").exists()
    listed = client.get(URL).content.decode()
    assert "福人社授〔2026〕2号" in listed
    assert "有效" in listed
    assert client.post(f"{URL}{delegation.pk}/revoke/").status_code == 302
    delegation.refresh_from_db()
    assert delegation.revoked_on is not None


def test_a_delegation_without_its_document_is_refused_in_chinese_and_keeps_what_was_typed(
    leader: User, director: User
) -> None:
    assert leader.unit is not None
    response = signed_in(leader).post(
        URL,
        {
            "delegate": director.pk,
            "unit": leader.unit.pk,
            "actions": ["decide"],
            "starts_on": "2026-03-09",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "请填写授权书文号（书面授权）。" in text
    assert 'value="2026-01-01"' in text
    assert not Delegation.objects.exists()


def test_a_director_sees_the_delegations_but_cannot_grant_one(leader: User, director: User) -> None:
    client = signed_in(director)
    page = client.get(URL)
    assert page.status_code == 200
    assert "新增授权" not in page.content.decode()
    assert leader.unit is not None
    response = client.post(
        URL,
        {
            "delegate": director.pk,
            "unit": leader.unit.pk,
            "actions": ["decide"],
            "document": "x",
            "starts_on": "2026-03-09",
            "ends_on": "2026-12-31",
        },
    )
    assert response.status_code == 403
    assert not Delegation.objects.exists()


def test_an_inspector_cannot_open_the_delegations(inspector: User) -> None:
    assert signed_in(inspector).get(URL).status_code == 403
