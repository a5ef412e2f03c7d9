"""The journal's screens: only the audit administrator and the supervisor read them; nobody changes anything."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.journal.actions import record_entry
from fazhi.journal.models import Entry
from fazhi.journal.tests.conftest import Tamper

pytestmark = pytest.mark.django_db

Chain = Callable[[int], list[Entry]]


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("reader", ["auditor", "watcher"])
def test_the_audit_administrator_and_the_supervisor_read_the_journal_newest_first(
    request: pytest.FixtureRequest, chain: Chain, reader: str
) -> None:
    client = signed_in(request.getfixturevalue(reader))  # signing in is itself journaled
    chain(3)
    response = client.get(reverse("journal:entries"))
    assert response.status_code == 200
    page = response.context["page"]
    assert [entry.seq for entry in page.object_list] == [4, 3, 2, 1]
    assert list(page.object_list)[-1].action == "accounts.login"
    body = response.content.decode()
    assert "全过程记录" in body
    assert "共 4 条" in body
    assert reverse("journal:entry", args=[2]) in body


def test_someone_without_those_roles_is_refused_and_the_refusal_is_journaled(clerk: User) -> None:
    response = signed_in(clerk).get(reverse("journal:entries"))
    assert response.status_code == 403
    refusal = Entry.objects.get(action="access.refused")
    assert refusal.actor_username == clerk.username
    assert refusal.outcome == "refused"
    assert signed_in(clerk).get(reverse("journal:entry", args=[refusal.seq])).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page() -> None:
    response = Client().get(reverse("journal:entries"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_list_shows_fifty_a_page(auditor: User) -> None:
    client = signed_in(auditor)
    for i in range(54):
        record_entry(actor=None, action="system.tick", after={"i": i})
    first = client.get(reverse("journal:entries"))
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].object_list[0].seq == 55
    second = client.get(reverse("journal:entries"), {"page": 2})
    assert [entry.seq for entry in second.context["page"].object_list] == [5, 4, 3, 2, 1]
    for nonsense in ("0", "-1", "abc", "99999999999999999999999"):
        assert client.get(reverse("journal:entries"), {"page": nonsense}).status_code == 200


def test_the_list_filters_by_action_or_its_prefix_and_by_username(auditor: User, clerk: User) -> None:
    client = signed_in(auditor)  # entry 1: the auditor's own sign-in
    record_entry(actor=clerk, action="cases.transition")
    record_entry(actor=None, action="accounts.login", outcome="failure", after={"username": "nobody"})
    record_entry(actor=clerk, action="accounts.logout")
    record_entry(actor=clerk, action="accountsx.other")

    def seqs(**query: str) -> list[int]:
        response = client.get(reverse("journal:entries"), query)
        assert response.status_code == 200
        return [entry.seq for entry in response.context["page"].object_list]

    assert seqs(action="cases.transition") == [2]
    assert seqs(action="accounts") == [4, 3, 1]
    assert seqs(action="accounts.") == [4, 3, 1]
    assert seqs(username=clerk.username) == [5, 4, 2]
    assert seqs(action="accounts", username=clerk.username) == [4]
    assert seqs(username="nobody.at.all") == []
    assert "没有符合条件的记录" in client.get(reverse("journal:entries"), {"username": "zz"}).content.decode()


def test_an_overlong_filter_is_reported_not_crashed_on(auditor: User) -> None:
    response = signed_in(auditor).get(reverse("journal:entries"), {"action": "x" * 500, "username": "y" * 500})
    assert response.status_code == 200
    assert "field-error" in response.content.decode()


def test_an_entry_shows_its_actor_change_and_hashes(auditor: User, clerk: User) -> None:
    entry = record_entry(
        actor=clerk,
        action="cases.transition",
        object_type="cases.case",
        object_id=42,
        before={"status": "立案"},
        after={"status": "调查"},
        ip="10.9.8.7",
        role="inspector",
    )
    response = signed_in(auditor).get(reverse("journal:entry", args=[entry.seq]))
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("wang.xiaoming", "监察员", "J-FT-1", "cases.case", "#42", "立案", "调查", "10.9.8.7", entry.hash):
        assert text in body
    assert entry.prev_hash in body
    assert "与哈希一致" in body


def test_a_tampered_entry_is_shown_with_a_warning_rather_than_an_error(
    auditor: User, chain: Chain, tamper: Tamper
) -> None:
    chain(3)
    tamper("UPDATE journal_entry SET before = %s WHERE seq = 2", ["{not json"])
    response = signed_in(auditor).get(reverse("journal:entry", args=[2]))
    assert response.status_code == 200
    body = response.content.decode()
    # What the column now holds is not shown (it may be anything), only its length and digest (security review M5).
    assert "{not json" not in body
    assert "（内容已隐去，长度 9 字）" in body
    assert "可能被篡改" in body


def test_an_entry_that_does_not_exist_is_a_404(auditor: User) -> None:
    client = signed_in(auditor)
    assert client.get(reverse("journal:entry", args=[7])).status_code == 404
    assert client.get("/staff/journal/99999999999999999999999999/").status_code == 404


def test_the_journal_screens_change_nothing(auditor: User, chain: Chain) -> None:
    client = signed_in(auditor)
    chain(2)
    assert client.post(reverse("journal:entries")).status_code == 405
    assert client.post(reverse("journal:entry", args=[1])).status_code == 405
    assert Entry.objects.count() == 3


def test_the_journal_is_not_in_the_admin(auditor: User) -> None:
    from django.contrib import admin

    assert not admin.site.is_registered(Entry)
