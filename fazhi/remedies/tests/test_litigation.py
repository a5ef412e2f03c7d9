"""The bureau as defendant (行政诉讼法 and the 2018 interpretation), step by step through the real actions, and what the
lawsuit changes in the decision's performance (fazhi.cases.remedy_facts)."""

from __future__ import annotations

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.remedy_facts import facts_for
from fazhi.disclosure.models import PublishedDecision
from fazhi.journal.models import Entry
from fazhi.remedies import actions
from fazhi.remedies.models import Litigation
from fazhi.remedies.tests.conftest import APPLIED, D, defended, judged, latest, on, sue, upheld

pytestmark = pytest.mark.django_db


def test_registering_a_suit_opens_the_defence_due_in_fifteen_days_article_67(decided: Case, legal: User) -> None:
    """行政诉讼法 第六十七条第一款: the copy arrived on 05-08; the defence is due on 05-23, a Saturday, so Monday 05-25
    (第一百零一条: the 民事诉讼法's periods, the last day rolled over to the next working day)."""
    suit = sue(legal, decided)
    period = latest(decided, "litigation_defence")
    assert (period.started_on, period.due_on) == (D(2026, 5, 8), D(2026, 5, 25))
    assert "第六十七条" in period.citation
    assert suit.state == "answering"
    assert Entry.objects.get(action="remedies.litigation.register").after_data["periods_opened"] == [
        "litigation_defence"
    ]


def test_the_reconsideration_organ_that_upheld_is_co_defendant_article_26(
    decided: Case, legal: User, leader: User
) -> None:
    """行政诉讼法 第二十六条第二款: 复议机关决定维持原行政行为的，作出原行政行为的行政机关和复议机关是共同被告。"""
    reconsideration = upheld(legal, leader, decided)
    suit = sue(legal, decided, reconsideration)
    assert suit.co_defendant == "深圳市福田区人民政府"
    assert suit.decision_id == reconsideration.decision_id


def test_submitting_the_defence_meets_its_period(decided: Case, legal: User, leader: User) -> None:
    suit = defended(legal, leader, sue(legal, decided))
    period = latest(decided, "litigation_defence")
    assert (period.state, period.met_on) == ("met", D(2026, 5, 15))
    assert suit.state == "pending"


def test_a_staff_member_appears_only_with_the_heads_reason_and_never_a_lawyer_alone_article_3(
    decided: Case, legal: User, leader: User
) -> None:
    """行政诉讼法 第三条第三款; 行诉解释 第一百二十八条第二款 (不得仅委托律师出庭), 第一百三十二条 (recorded)."""
    suit = defended(legal, leader, sue(legal, decided))
    with on(D(2026, 5, 28)):
        with pytest.raises(actions.RemedyBlocked, match="理由"):
            actions.record_hearing(
                actor=legal, record=suit, hearing_on=D(2026, 5, 28), appearance="lawyer_only", appeared_name="某律师"
            )
        suit = actions.record_hearing(
            actor=leader,
            record=suit,
            hearing_on=D(2026, 5, 28),
            appearance="head",
            appeared_name="孙建国",
            appeared_title="副局长",
        )
    assert (suit.appearance, suit.head_absence_reason) == ("head", "")


def test_a_first_instance_judgment_may_be_appealed_within_fifteen_days_article_85(
    decided: Case, legal: User, leader: User
) -> None:
    """行政诉讼法 第八十五条: served on 06-10, the appeal period ends on 06-25."""
    suit = judged(legal, defended(legal, leader, sue(legal, decided)))
    assert (suit.state, suit.appeal_deadline) == ("decided", D(2026, 6, 25))
    assert facts_for(decided.decision).pending


def test_a_ruling_may_be_appealed_within_ten_days_rolled_past_duanwu_article_85(
    decided: Case, legal: User, leader: User
) -> None:
    """行政诉讼法 第八十五条: a ruling served on 06-10 gives 10 days: 06-20 is in 端午 (06-19…06-21) → Monday 06-22."""
    suit = judged(legal, defended(legal, leader, sue(legal, decided)), outcome="dismissed", kind="ruling")
    assert suit.appeal_deadline == D(2026, 6, 22)


def test_no_appeal_the_judgment_takes_effect_the_day_after_the_period_and_the_bureau_enforces_it(
    decided: Case, legal: User, leader: User
) -> None:
    """行政诉讼法 第八十五条 (逾期不提起上诉的…发生法律效力) and 第九十五条: the dismissing judgment took effect
    on 06-26."""
    suit = judged(legal, defended(legal, leader, sue(legal, decided)))
    with on(D(2026, 6, 25)), pytest.raises(actions.RemedyBlocked, match="届满后"):
        actions.record_effective(actor=legal, litigation=suit)
    with on(D(2026, 6, 29)):
        suit = actions.record_effective(actor=legal, litigation=suit)
    assert (suit.state, suit.effective_on) == ("effective", D(2026, 6, 26))
    facts = facts_for(decided.decision)
    assert facts.final_judgment_on == D(2026, 6, 26)
    assert not facts.pending
    assert facts.pauses == ((D(2026, 5, 6), D(2026, 6, 26)),)
    with on(D(2026, 7, 1)):
        suit = actions.record_performance(
            actor=legal, litigation=suit, performed_on=D(2026, 7, 1), note="当事人已缴纳罚款。"
        )
    assert suit.state == "performed"


def test_an_appeal_after_the_period_is_refused(decided: Case, legal: User, leader: User) -> None:
    suit = judged(legal, defended(legal, leader, sue(legal, decided)))
    with on(D(2026, 6, 29)), pytest.raises(actions.RemedyBlocked, match="上诉期限"):
        actions.register_appeal(
            actor=legal,
            litigation=suit,
            appellant="深圳市福田区华强电子有限公司",
            court="深圳市中级人民法院",
            filed_on=D(2026, 6, 26),
            copy_received_on=D(2026, 6, 29),
        )


def test_upheld_then_revoked_on_appeal_sets_the_decision_aside_and_withdraws_its_publication(
    decided: Case, legal: User, leader: User, published: PublishedDecision
) -> None:
    """The demo's story: reconsideration upheld (served 04-22), first instance dismisses the claim, the appeal court
    revokes the decision (served Thursday 08-20): 行政处罚法 第四十八条第二款 — the publication is withdrawn within
    three working days, by Tuesday 08-25."""
    reconsideration = upheld(legal, leader, decided)
    first = judged(legal, defended(legal, leader, sue(legal, decided, reconsideration)))
    with on(D(2026, 6, 20)):
        appeal = actions.register_appeal(
            actor=legal,
            litigation=first,
            appellant="深圳市福田区华强电子有限公司",
            court="深圳市中级人民法院",
            filed_on=D(2026, 6, 18),
            copy_received_on=D(2026, 6, 20),
        )
    assert Litigation.objects.get(pk=first.pk).state == "appealed"
    assert (appeal.instance, appeal.first_instance_id, appeal.state) == ("appeal", first.pk, "answering")
    assert facts_for(decided.decision).pending
    with on(D(2026, 8, 20)):
        appeal = actions.record_discussion(actor=legal, record=appeal, discussed_on=D(2026, 6, 24), minutes="答辩。")
        appeal = actions.approve_defence(actor=leader, litigation=appeal)
        appeal = actions.submit_defence(actor=legal, litigation=appeal, submitted_on=D(2026, 6, 30))
        appeal = actions.record_judgment(
            actor=legal,
            litigation=appeal,
            ruling_kind="judgment",
            outcome="revoked",
            decided_on=D(2026, 8, 18),
            served_on=D(2026, 8, 20),
            judgment_number="（2026）粤03行终456号",
        )
    assert (appeal.state, appeal.effective_on) == ("effective", D(2026, 8, 20))
    facts = facts_for(decided.decision)
    assert facts.set_aside == "revoked"
    assert facts.final_judgment_on is None
    assert not facts.pending
    assert facts.pauses == ((APPLIED, D(2026, 4, 22)), (D(2026, 5, 6), D(2026, 8, 20)))
    period = latest(decided, "publication_withdrawal")
    assert (period.started_on, period.due_on, period.state) == (D(2026, 8, 20), D(2026, 8, 25), "running")
    change = Entry.objects.get(action="disclosure.record_decision_change")
    assert "粤03行终456号" in change.after_data["instrument"]


def test_a_suspension_ordered_by_the_court_suspends_enforcement_article_56(decided: Case, legal: User) -> None:
    """行政诉讼法 第五十六条: 诉讼期间，不停止行政行为的执行 — unless the court rules so."""
    suit = sue(legal, decided)
    assert not facts_for(decided.decision).enforcement_suspended
    with on(D(2026, 5, 12)):
        actions.record_suspension(
            actor=legal, record=suit, suspended_on=D(2026, 5, 12), basis="（2026）粤0304行初123号之一"
        )
    assert facts_for(decided.decision).enforcement_suspended


def test_another_districts_legal_reviewer_may_not_take_a_step(decided: Case, legal: User, nanshan_legal: User) -> None:
    suit = sue(legal, decided)
    with on(D(2026, 5, 12)), pytest.raises(actions.RemedyRefused):
        actions.record_discussion(actor=nanshan_legal, record=suit, discussed_on=D(2026, 5, 12), minutes="讨论")
    assert Entry.objects.filter(action="remedies.litigation.record_discussion", outcome="refused").count() == 1
