import csv
import io
import json

import pytest
from django.test import Client

from fazhi.disclosure.actions import DisclosureError, publish_decision, withdraw_decision
from fazhi.disclosure.models import PublishedDecision
from fazhi.journal.models import Entry


def test_the_director_publishes_a_penalty_decision_from_its_issued_document(decided, director):
    published = publish_decision(actor=director, case=decided)
    # The decision is the 福田区 bureau's, in its name and with its 发文机关代字 (fazhi/rules/data/districts.toml).
    assert published.document_number == "深福人力监罚〔2026〕1号"
    assert published.employer_name == "深圳市福田区华强电子有限公司"
    assert published.legal_representative == "周大福"
    assert published.credit_code == decided.employer.credit_code
    assert published.penalty == "罚款人民币20000.00元"
    assert "未建立用工管理台账" in published.facts
    assert str(published.decided_on) == "2026-03-09"
    assert published.authority == "福田区人力资源局"  # the organ, not the squad that handled the case
    entry = Entry.objects.get(action="disclosure.publish_decision")
    assert entry.actor_id == director.pk


def test_a_decision_is_published_once(decided, director):
    publish_decision(actor=director, case=decided)
    with pytest.raises(DisclosureError, match="已经公示"):
        publish_decision(actor=director, case=decided)
    assert PublishedDecision.objects.count() == 1


def test_an_inspector_or_outsider_cannot_publish(decided, inspector, outsider):
    for actor in (inspector, outsider):
        with pytest.raises(DisclosureError, match="只有本机构及上级机构"):
            publish_decision(actor=actor, case=decided)
    assert not PublishedDecision.objects.exists()


def test_a_case_without_a_penalty_decision_cannot_be_published(register, director):
    with pytest.raises(DisclosureError, match="尚未作出行政处罚决定"):
        publish_decision(actor=director, case=register())


def test_withdrawal_keeps_the_entry_with_its_public_explanation(decided, director):
    published = publish_decision(actor=director, case=decided)
    withdrawn = withdraw_decision(actor=director, publication=published, reason="该处罚决定经行政复议被撤销。")
    assert withdrawn.withdrawn
    page = Client().get(f"/decisions/{published.pk}/").content.decode()
    assert "本公示已于 2026-03-09 撤回" in page
    assert "经行政复议被撤销" in page
    with pytest.raises(DisclosureError, match="已经撤回"):
        withdraw_decision(actor=director, publication=published, reason="再次撤回")
    with pytest.raises(DisclosureError):
        withdraw_decision(actor=director, publication=published, reason="  ")


@pytest.mark.parametrize("query", ["华强", "华强电子", "福田区华强", "ＨＵＡ", ""])
def test_the_list_finds_a_decision_by_two_or_more_characters_of_the_name(decided, director, query):
    publish_decision(actor=director, case=decided)
    page = Client().get("/decisions/", {"q": query}).content.decode()
    if query == "ＨＵＡ":
        assert "没有找到" in page
    else:
        assert "深圳市福田区华强电子有限公司" in page


def test_the_list_finds_a_decision_by_its_credit_code(decided, director):
    publish_decision(actor=director, case=decided)
    code = decided.employer.credit_code
    assert "华强电子" in Client().get("/decisions/", {"q": code}).content.decode()
    assert "华强电子" in Client().get("/decisions/", {"q": code[:8].lower()}).content.decode()
    assert "没有找到" in Client().get("/decisions/", {"q": "大疆"}).content.decode()


def test_the_exports_and_the_feed_carry_the_published_decisions(decided, director):
    publish_decision(actor=director, case=decided)
    client = Client()
    rows = list(csv.reader(io.StringIO(client.get("/decisions.csv").content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["决定书文号", "当事人", "统一社会信用代码"]
    assert rows[1][1] == "深圳市福田区华强电子有限公司"
    data = json.loads(client.get("/decisions.json").content)
    assert data["decisions"][0]["document_number"] == "深福人力监罚〔2026〕1号"
    feed = client.get("/decisions/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "深圳市福田区华强电子有限公司" in feed.content.decode()


def test_an_unknown_decision_is_a_404(db):
    assert Client().get("/decisions/999/").status_code == 404
