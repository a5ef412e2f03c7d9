"""The bureau as respondent in a reconsideration (行政复议法 2023), step by step through the real actions."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.remedy_facts import facts_for
from fazhi.journal.models import Entry
from fazhi.remedies import actions
from fazhi.remedies.models import Reconsideration
from fazhi.remedies.tests.conftest import (
    ANSWER_DUE,
    APPLIED,
    COPY,
    D,
    answered,
    latest,
    on,
    reconsider,
    upheld,
)

pytestmark = pytest.mark.django_db


def test_registering_opens_the_answer_due_in_ten_working_days_across_qingming_article_48_and_88(
    decided: Case, legal: User
) -> None:
    """行政复议法 第四十八条 (十日内) read with 第八十八条第二款 ("十日" are working days): from Friday 03-27, past
    清明 (04-04…04-06), the answer is due on Monday 04-13."""
    record = reconsider(legal, decided)
    period = latest(decided, "reconsideration_answer")
    assert (period.started_on, period.due_on, period.state) == (COPY, ANSWER_DUE, "running")
    assert "第四十八条" in period.citation
    assert record.state == "answering"
    entry = Entry.objects.get(action="remedies.reconsideration.register")
    assert entry.actor_id == legal.pk
    assert entry.after_data["periods_opened"] == ["reconsideration_answer"]
    assert entry.after_data["due"] == {"reconsideration_answer": "2026-04-13"}


def test_the_organ_defaults_to_the_district_government_article_24(decided: Case, legal: User) -> None:
    """行政复议法 第二十四条第一款第（一）项: a district bureau's decision is reviewed by the district's government."""
    record = reconsider(legal, decided)
    assert record.organ == "深圳市福田区人民政府"


def test_the_simple_procedure_gives_five_working_days_article_54(decided: Case, legal: User) -> None:
    """行政复议法 第五十四条: 5 (working, 第八十八条第二款) days from 03-27: 03-30…04-03."""
    reconsider(legal, decided, simple_procedure=True)
    period = latest(decided, "reconsideration_answer_simple")
    assert period.due_on == D(2026, 4, 3)
    assert not decided.periods.filter(code="reconsideration_answer").exists()


def test_the_head_cannot_approve_before_the_collective_discussion(decided: Case, legal: User, leader: User) -> None:
    record = reconsider(legal, decided)
    with on(D(2026, 3, 30)), pytest.raises(actions.RemedyBlocked, match="本局规定答复前须经集体讨论"):
        actions.approve_answer(actor=leader, reconsideration=record)
    assert Reconsideration.objects.get(pk=record.pk).state == "answering"


def test_without_the_bureaus_rule_the_head_approves_directly(
    decided: Case, legal: User, leader: User, settings: object
) -> None:
    settings.FAZHI_REMEDY_COLLECTIVE_DISCUSSION = False  # type: ignore[attr-defined]
    record = reconsider(legal, decided)
    with on(D(2026, 3, 30)):
        record = actions.approve_answer(actor=leader, reconsideration=record)
    assert (record.state, record.approved_by_id) == ("approved", leader.pk)


def test_the_legal_reviewer_may_not_approve_the_answer_only_the_head(decided: Case, legal: User) -> None:
    record = reconsider(legal, decided)
    with on(D(2026, 3, 30)):
        actions.record_discussion(actor=legal, record=record, discussed_on=D(2026, 3, 30), minutes="讨论。")
        with pytest.raises(actions.RemedyRefused, match="角色"):
            actions.approve_answer(actor=legal, reconsideration=record)
    assert Entry.objects.filter(action="remedies.reconsideration.approve_answer", outcome="refused").exists()


def test_submitting_the_answer_meets_the_period_on_the_day_it_was_submitted(
    decided: Case, legal: User, leader: User
) -> None:
    record = answered(legal, leader, decided)
    period = latest(decided, "reconsideration_answer")
    assert (period.state, period.met_on) == ("met", D(2026, 4, 1))
    assert record.state == "pending"
    assert Entry.objects.filter(action__startswith="remedies.reconsideration.").count() == 4


def test_while_pending_the_decision_is_paused_and_not_enforced(decided: Case, legal: User) -> None:
    reconsider(legal, decided)
    facts = facts_for(decided.decision)
    assert facts.pending
    assert facts.pauses == ((APPLIED, None),)
    assert not facts.enforcement_suspended


def test_a_suspension_of_execution_is_a_fact_of_the_case_article_42(decided: Case, legal: User) -> None:
    """行政复议法 第四十二条: execution is suspended when the organ so decides."""
    record = reconsider(legal, decided)
    with on(D(2026, 3, 30)):
        actions.record_suspension(
            actor=legal, record=record, suspended_on=D(2026, 3, 30), basis="福府行复停〔2026〕1号"
        )
    assert facts_for(decided.decision).enforcement_suspended


def test_upheld_the_party_has_fifteen_days_to_sue_from_receiving_the_decision_article_45(
    decided: Case, legal: User, leader: User
) -> None:
    """行政诉讼法 第四十五条: served on 04-22, the suit is due by 05-07; the pause ran from 03-20 to 04-22 (the decision
    is effective on service, 行政复议法 第七十五条第二款)."""
    record = upheld(legal, leader, decided)
    assert record.state == "decided"
    facts = facts_for(decided.decision)
    assert facts.pauses == ((APPLIED, D(2026, 4, 22)),)
    assert facts.suit_deadline == D(2026, 5, 7)
    assert not facts.pending
    assert facts.set_aside == ""


def test_a_revocation_sets_the_decision_aside_and_opens_the_withdrawal_of_its_publication(
    decided: Case, legal: User, leader: User, published: object
) -> None:
    """行政处罚法 第四十八条第二款、第八十五条: revoked by a decision served on Wednesday 04-01, the publication is
    withdrawn by Tuesday 04-07 (after 清明); nobody records the change by hand."""
    record = reconsider(legal, decided)
    with on(D(2026, 4, 1)):
        actions.record_outcome(
            actor=legal,
            reconsideration=record,
            outcome="revoked",
            decided_on=D(2026, 3, 31),
            served_on=D(2026, 4, 1),
            decision_number="福府行复〔2026〕9号",
        )
    assert facts_for(decided.decision).set_aside == "revoked"
    period = latest(decided, "publication_withdrawal")
    assert (period.started_on, period.due_on) == (D(2026, 4, 1), D(2026, 4, 7))
    change = Entry.objects.get(action="disclosure.record_decision_change")
    assert change.after_data["kind"] == "revoked"
    assert "福府行复〔2026〕9号" in change.after_data["instrument"]
    step = Entry.objects.get(action="remedies.reconsideration.record_outcome")
    assert step.after_data["publication_withdrawal"] == "2026-04-07"


def test_an_unpublished_decision_set_aside_opens_no_withdrawal(decided: Case, legal: User) -> None:
    record = reconsider(legal, decided)
    with on(D(2026, 4, 1)):
        actions.record_outcome(
            actor=legal,
            reconsideration=record,
            outcome="changed",
            decided_on=D(2026, 3, 31),
            served_on=D(2026, 4, 1),
            decision_number="福府行复〔2026〕9号",
        )
    assert not decided.periods.filter(code="publication_withdrawal").exists()
    assert facts_for(decided.decision).set_aside == "changed"


def test_the_head_absent_from_the_hearing_must_give_a_reason_article_51(decided: Case, legal: User) -> None:
    """行政复议法 第五十一条第三款: 被申请人的负责人应当参加听证。不能参加的，应当说明理由并委托相应的工作人员参加。"""
    record = reconsider(legal, decided)
    with on(D(2026, 4, 8)):
        with pytest.raises(actions.RemedyBlocked) as blocked:
            actions.record_hearing(
                actor=legal, record=record, hearing_on=D(2026, 4, 8), appearance="staff", appeared_name="陈静"
            )
        assert blocked.value.fields == ["head_absence_reason"]
        record = actions.record_hearing(
            actor=legal,
            record=record,
            hearing_on=D(2026, 4, 8),
            appearance="staff",
            appeared_name="陈静",
            head_absence_reason="局领导参加市政府全体会议。",
        )
    assert record.appearance == "staff"


def test_bad_input_is_answered_in_chinese_naming_each_field(decided: Case, legal: User) -> None:
    with on(COPY), pytest.raises(actions.RemedyBlocked) as blocked:
        actions.register_reconsideration(
            actor=legal,
            case=decided,
            applicant=" ",
            applied_on=D(2026, 3, 1),  # before the decision of 03-09
            accepted_on=None,
            copy_received_on=D(2026, 12, 1),  # in the future
        )
    assert set(blocked.value.fields) == {"applicant", "applied_on", "accepted_on", "copy_received_on"}
    assert "请填写申请人。" in blocked.value.reasons
    assert not Reconsideration.objects.exists()


def test_a_second_reconsideration_of_the_same_decision_is_refused_while_one_runs(decided: Case, legal: User) -> None:
    reconsider(legal, decided)
    with pytest.raises(actions.RemedyBlocked, match="正在办理"):
        reconsider(legal, decided)


def test_another_districts_legal_reviewer_is_refused_and_journaled(decided: Case, nanshan_legal: User) -> None:
    with pytest.raises(actions.RemedyRefused, match="无权"):
        reconsider(nanshan_legal, decided)
    refusal = Entry.objects.get(action="remedies.reconsideration.register")
    assert (refusal.outcome, refusal.actor_id) == ("refused", nanshan_legal.pk)
    assert not Reconsideration.objects.exists()


def test_an_inspector_may_not_register_a_reconsideration(decided: Case, inspector: User) -> None:
    with pytest.raises(actions.RemedyRefused):
        reconsider(inspector, decided)


def test_a_step_out_of_order_is_a_conflict(decided: Case, legal: User) -> None:
    record = reconsider(legal, decided)
    with on(dt.date(2026, 4, 1)), pytest.raises(actions.RemedyConflict):
        actions.submit_answer(actor=legal, reconsideration=record, answered_on=D(2026, 4, 1))
