"""seed_demo's reconsideration and litigation: a published penalty decision upheld on reconsideration, upheld at first
instance and revoked on appeal, through the actions; the withdrawal of its publication opens by itself (行政处罚法
第四十八条第二款)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.cases.models import Period
from fazhi.cases.remedy_facts import facts_for
from fazhi.journal.models import Entry
from fazhi.journal.verify import verify_journal
from fazhi.remedies.models import Litigation, Reconsideration

pytestmark = pytest.mark.django_db


def test_the_demo_takes_a_decision_through_reconsideration_and_two_instances() -> None:
    out = StringIO()
    call_command("seed_demo", "--cases", "80", "--documents", "1", stdout=out)
    upheld = Reconsideration.objects.get(outcome="upheld")
    first = Litigation.objects.get(instance="first")
    appeal = Litigation.objects.get(instance="appeal")
    assert (first.reconsideration_id, first.state, first.outcome) == (upheld.pk, "appealed", "dismissed")
    assert (appeal.first_instance_id, appeal.state, appeal.outcome) == (first.pk, "effective", "revoked")
    assert facts_for(upheld.decision).set_aside == "revoked"
    withdrawal = Period.objects.get(case_id=upheld.case_id, code="publication_withdrawal")
    assert withdrawal.started_on == appeal.served_on
    assert Entry.objects.filter(action="disclosure.record_decision_change", actor_id=appeal.created_by_id).exists()
    assert Reconsideration.objects.filter(state="answering").exists()  # one answer still due
    assert "行政复议、行政诉讼记录" in out.getvalue()
    assert verify_journal().ok
