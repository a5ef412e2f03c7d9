"""Withdrawing a published decision that was changed, revoked, or confirmed unlawful or void: three working days
from the change (行政处罚法 第四十八条第二款、第八十五条), recorded by `record_decision_change`, met by the
withdrawal, watched by supervision. Refused attempts at publishing, recording and withdrawing are journaled.

The decision is published on Monday 2026-03-09; a reconsideration revokes it on Wednesday 2026-04-01. The three working
days are Thursday 04-02, Friday 04-03 and, after the 清明 holidays (04-04 to 04-06), Tuesday 04-07."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import latest, on
from fazhi.disclosure.actions import (
    DisclosureError,
    publish_decision,
    record_decision_change,
    withdraw_decision,
)
from fazhi.disclosure.models import PublishedDecision
from fazhi.journal.models import Entry
from fazhi.supervision.tests.conftest import alerts_of

pytestmark = pytest.mark.django_db

REVOKED_ON = dt.date(2026, 4, 1)


@pytest.fixture
def published(decided: Case, lead: User) -> PublishedDecision:
    return publish_decision(actor=lead, case=decided)


def revoke(actor: User, published: PublishedDecision, day: dt.date = REVOKED_ON) -> None:
    with on(day):
        record_decision_change(
            actor=actor, publication=published, kind="revoked", changed_on=day, instrument="深人社复决〔2026〕12号"
        )


def test_the_lead_records_a_revocation_and_three_working_days_start(
    decided: Case, lead: User, published: PublishedDecision
) -> None:
    revoke(lead, published)
    period = latest(decided, "publication_withdrawal")
    assert (period.started_on, period.due_on, period.state) == (REVOKED_ON, dt.date(2026, 4, 7), "running")
    assert "第四十八条" in period.citation
    entry = Entry.objects.get(action="disclosure.record_decision_change")
    assert entry.actor_id == lead.pk
    assert entry.after_data["kind"] == "revoked"
    assert entry.after_data["withdraw_by"] == "2026-04-07"


def test_withdrawing_meets_the_period(decided: Case, lead: User, published: PublishedDecision) -> None:
    revoke(lead, published)
    with on(dt.date(2026, 4, 3)):
        withdraw_decision(actor=lead, publication=published, reason="该处罚决定经行政复议被撤销。")
    period = latest(decided, "publication_withdrawal")
    assert (period.state, period.met_on) == ("met", dt.date(2026, 4, 3))
    assert Entry.objects.get(action="disclosure.withdraw_decision").after_data["period_met"] is True


def test_an_unwithdrawn_revoked_decision_turns_yellow_then_red(
    decided: Case, lead: User, published: PublishedDecision
) -> None:
    revoke(lead, published)

    def withdrawal_alerts(rule: str, day: dt.date) -> list[str]:
        return [a.detail for a in alerts_of(rule, day, case=decided) if "撤回" in a.detail]

    assert withdrawal_alerts("period_due_soon", dt.date(2026, 4, 2))
    assert not withdrawal_alerts("period_breached", dt.date(2026, 4, 7))
    assert withdrawal_alerts("period_breached", dt.date(2026, 4, 8))


def test_a_change_is_recorded_once_with_a_kind_an_instrument_and_a_possible_date(
    decided: Case, lead: User, published: PublishedDecision
) -> None:
    with on(REVOKED_ON):
        for kind, day, instrument, message in (
            ("cancelled", REVOKED_ON, "某文书", "请选择决定被变更、撤销"),
            ("revoked", REVOKED_ON, "  ", "请填写变更或撤销决定的文书"),
            ("revoked", dt.date(2026, 4, 2), "某文书", "不能晚于今天"),
            ("revoked", dt.date(2026, 3, 1), "某文书", "不能早于处罚决定日期"),
        ):
            with pytest.raises(DisclosureError, match=message):
                record_decision_change(
                    actor=lead, publication=published, kind=kind, changed_on=day, instrument=instrument
                )
    revoke(lead, published)
    with pytest.raises(DisclosureError, match="已登记"):
        revoke(lead, published, dt.date(2026, 4, 2))
    refusals = Entry.objects.filter(action="disclosure.record_decision_change", outcome="refused")
    assert refusals.count() == 5
    assert {entry.object_id for entry in refusals} == {str(decided.pk)}


def test_an_inspector_may_not_record_a_change(decided: Case, inspector: User, published: PublishedDecision) -> None:
    with pytest.raises(DisclosureError, match="只有本机构"):
        revoke(inspector, published)
    assert not decided.periods.filter(code="publication_withdrawal").exists()
    assert Entry.objects.filter(
        action="disclosure.record_decision_change", outcome="refused", actor_id=inspector.pk
    ).exists()


def test_refused_publications_and_withdrawals_are_journaled(
    decided: Case, lead: User, inspector: User, published: PublishedDecision
) -> None:
    with pytest.raises(DisclosureError, match="已经公示"):
        publish_decision(actor=lead, case=decided)
    with pytest.raises(DisclosureError, match="只有本机构"):
        withdraw_decision(actor=inspector, publication=published, reason="撤回")
    refused = [(entry.action, entry.after_data["reason"]) for entry in Entry.objects.filter(outcome="refused")]
    assert ("disclosure.publish_decision", "该处罚决定已经公示。") in refused
    assert any(action == "disclosure.withdraw_decision" and "只有本机构" in reason for action, reason in refused)
    assert PublishedDecision.objects.get(pk=published.pk).withdrawn_on is None


def test_the_case_page_records_the_change_keeps_a_refused_form_and_shows_the_deadline(
    decided: Case, lead: User, published: PublishedDecision, client: Client
) -> None:
    url = f"/staff/disclosure/cases/{decided.pk}/decision-change/"
    with on(REVOKED_ON):
        client.force_login(lead)
        page = client.get(f"/staff/cases/{decided.pk}/").content.decode()
        assert "登记处罚决定被变更、撤销" in page
        refused = client.post(
            url, {"kind": "revoked", "changed_on": "2026-13-01", "instrument": "深人社复决〔2026〕12号"}
        )
        assert refused.status_code == 400
        text = refused.content.decode()
        assert "请按“年-月-日”填写" in text
        assert "深人社复决〔2026〕12号" in text
        assert 'value="revoked" selected' in text
        done = client.post(url, {"kind": "revoked", "changed_on": "2026-04-01", "instrument": "深人社复决〔2026〕12号"})
        assert done.status_code == 302
        page = client.get(f"/staff/cases/{decided.pk}/").content.decode()
    assert "应于 2026-04-07 前撤回公示" in page
    assert "登记处罚决定被变更、撤销" not in page


def test_a_revocation_on_29_december_waits_for_2027_and_shows_only_a_labelled_provisional_deadline(
    decided: Case, lead: User, published: PublishedDecision, client: Client
) -> None:
    """行政处罚法 第四十八条第二款、第八十五条: three working days from Tuesday 2026-12-29 end in 2027, not loaded. The
    message and the case page give the provisional date (12-30, 12-31, then 2027-01-04 after 元旦 and the weekend),
    labelled as not the legal deadline; the journal records no deadline."""
    changed_on = dt.date(2026, 12, 29)
    with on(changed_on):
        client.force_login(lead)
        done = client.post(
            f"/staff/disclosure/cases/{decided.pk}/decision-change/",
            {"kind": "revoked", "changed_on": changed_on.isoformat(), "instrument": "深人社复决〔2026〕88号"},
            follow=True,
        )
    page = done.content.decode()
    period = latest(decided, "publication_withdrawal")
    assert (period.due_on, period.awaiting_year, period.provisional_due_on) == (None, 2027, dt.date(2027, 1, 4))
    assert "撤回期限待导入节假日数据后计算（预计 2027-01-04，不是法定期限）" in page
    assert "撤回期限待导入 2027 年节假日数据后计算" in page
    assert "· 预计 2027-01-04" in page
    assert Entry.objects.get(action="disclosure.record_decision_change").after_data["withdraw_by"] is None
