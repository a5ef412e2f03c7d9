"""The case page offers to publish a decided penalty once its 行政处罚决定书 is issued, and to withdraw it with a public
explanation; only 科长、负责人、法制审核 staff in scope may."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.disclosure.models import PublishedDecision
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


def test_the_lead_publishes_from_the_case_page_and_the_portal_shows_it(
    decided: Case, lead: User, client: Client
) -> None:
    client.force_login(lead)
    page = client.get(f"/staff/cases/{decided.pk}/").content.decode()
    assert "公示处罚决定" in page
    response = client.post(f"/staff/disclosure/cases/{decided.pk}/publish/")
    assert response.status_code == 302
    publication = PublishedDecision.objects.get(case_id=decided.pk)
    assert Entry.objects.filter(action="disclosure.publish_decision", actor_id=lead.pk).count() == 1
    page = client.get(f"/staff/cases/{decided.pk}/").content.decode()
    assert f"/decisions/{publication.pk}/" in page
    assert "撤回公示" in page
    assert client.post(f"/staff/disclosure/cases/{decided.pk}/publish/").status_code == 302  # once only
    assert PublishedDecision.objects.count() == 1


def test_a_withdrawal_needs_its_explanation_and_keeps_nothing_lost(decided: Case, lead: User, client: Client) -> None:
    client.force_login(lead)
    client.post(f"/staff/disclosure/cases/{decided.pk}/publish/")
    refused = client.post(f"/staff/disclosure/cases/{decided.pk}/withdraw/", {"reason": "   "})
    assert refused.status_code == 400
    assert "请填写向社会公开的撤回说明" in refused.content.decode()
    done = client.post(f"/staff/disclosure/cases/{decided.pk}/withdraw/", {"reason": "该决定已被复议机关撤销。"})
    assert done.status_code == 302
    publication = PublishedDecision.objects.get(case_id=decided.pk)
    assert publication.withdrawal_reason == "该决定已被复议机关撤销。"
    assert "该决定已被复议机关撤销" in client.get(f"/decisions/{publication.pk}/").content.decode()


def test_inspectors_supervisors_and_outsiders_cannot_publish(
    decided: Case, inspector: User, supervisor: User, outsider: User, client: Client
) -> None:
    url = f"/staff/disclosure/cases/{decided.pk}/publish/"
    for user, status in ((inspector, 403), (supervisor, 403), (outsider, 403)):
        client.force_login(user)
        assert client.post(url).status_code == status, user.username
    client.force_login(inspector)
    assert "公示处罚决定</button>" not in client.get(f"/staff/cases/{decided.pk}/").content.decode()
    assert not PublishedDecision.objects.exists()
