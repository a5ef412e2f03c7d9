"""Each step of a listing, walked by the personas: what it changes, the periods it opens and meets (with their due
dates counted on the 2026 calendar), its journal entry, and who may not take it (journaled as refused)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case, PeriodState
from fazhi.dishonest_list import actions
from fazhi.dishonest_list.actions import ListingBlocked, ListingConflict, ListingRefused
from fazhi.dishonest_list.models import Listing, PublishedListing
from fazhi.dishonest_list.workflow import State
from fazhi.journal.models import Entry

from .conftest import AFTER, Ordered, latest, listed, notice, on

pytestmark = pytest.mark.django_db
D = dt.date


def entries(action: str, outcome: str = "success") -> list[Entry]:
    return list(Entry.objects.filter(action=f"dishonest_list.{action}", outcome=outcome).order_by("seq"))


def after(entry: Entry) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(entry.after)
    return loaded


# --- prior notice (第五条、第六条第一款) -----------------------------------------------------------------------------


def test_the_inspector_gives_notice_after_the_deadline_and_both_clocks_start(ordered: Ordered, inspector: User) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
    assert listing.state == State.NOTICE
    assert (listing.employer_name, listing.legal_representative) == ("深圳市福田区鑫达建筑劳务有限公司", "陈建国")
    assert "第三条第一款第（一）项" in listing.grounds_found
    # 5 working days from the notice's receipt (Mon 03-23 → Mon 03-30); 20 from the deadline (Fri 03-20 → 04-20,
    # 清明 04-06 off).
    objection = latest(case, "dishonest_objection")
    assert (objection.started_on, objection.due_on, objection.state) == (AFTER, D(2026, 3, 30), PeriodState.RUNNING)
    decision = latest(case, "dishonest_listing_decision")
    assert (decision.started_on, decision.due_on) == (D(2026, 3, 20), D(2026, 4, 20))
    (entry,) = entries("give_notice")
    assert entry.actor_username == "inspector"
    assert entry.object_id == str(listing.pk)


def test_a_later_decision_to_pay_compensation_leaves_the_order_to_pay_wages_the_basis_of_the_notice(
    ordered: Ordered, inspector: User, leader: User
) -> None:
    """暂行办法 第五条、第八条第一款: the order to pay wages and its deadline, not the case's latest decision (a
    责令加付赔偿金 of its own, 劳动合同法 第八十五条), start the 20 working days to decide."""
    from fazhi.cases.models import Case, Decision

    case = ordered()
    Decision.objects.create(
        case=case,
        sequence=2,
        outcome="additional_compensation",
        decided_by=leader,
        decided_on=D(2026, 3, 23),
        comply_by=D(2026, 4, 10),
    )
    Case.objects.filter(pk=case.pk).update(decision_outcome="additional_compensation", comply_by=D(2026, 4, 10))
    with on(AFTER):
        notice(inspector, Case.objects.get(pk=case.pk))
    decision = latest(case, "dishonest_listing_decision")
    assert (decision.started_on, decision.due_on) == (D(2026, 3, 20), D(2026, 4, 20))


def test_no_notice_before_the_order_deadline_has_passed(ordered: Ordered, inspector: User) -> None:
    case = ordered()
    with on(D(2026, 3, 20)), pytest.raises(ListingBlocked, match="届满后仍未支付的方可列入"):
        notice(inspector, case, served_on=D(2026, 3, 20))
    assert not Listing.objects.exists()
    assert not entries("give_notice")


def test_no_notice_for_arrears_below_the_crime_amount(ordered: Ordered, inspector: User) -> None:
    from decimal import Decimal

    from fazhi.cases.actions import WorkerInput

    case = ordered(workers=[WorkerInput(name="王小明", amount_owed=Decimal("8000"))])
    with on(AFTER), pytest.raises(ListingBlocked, match="第五条第（一）项"):
        notice(inspector, case)
    with on(AFTER):
        listing = notice(inspector, case, ground="incident", incident="二十余名农民工围堵工地大门，引发群体性事件")
    assert listing.ground == "incident"


def test_the_officer_must_confirm_the_wages_were_unpaid_at_the_deadline(ordered: Ordered, inspector: User) -> None:
    case = ordered()
    with on(AFTER), pytest.raises(ListingBlocked) as blocked:
        notice(inspector, case, unpaid_at_deadline=False)
    assert "unpaid_at_deadline" in blocked.value.fields


def test_one_listing_in_progress_per_case(ordered: Ordered, inspector: User) -> None:
    case = ordered()
    with on(AFTER):
        notice(inspector, case)
        with pytest.raises(ListingConflict, match="已有办理中"):
            notice(inspector, case)
    assert Listing.objects.count() == 1


@pytest.mark.parametrize("persona", ["legal", "supervisor", "outsider", "director"])
def test_only_inspectors_and_leads_in_scope_give_notice_and_others_are_journaled_as_refused(
    ordered: Ordered, personas: dict[str, User], persona: str
) -> None:
    case = ordered()
    with on(AFTER), pytest.raises(ListingRefused):
        notice(personas[persona], case)
    assert not Listing.objects.exists()
    (refused,) = entries("give_notice", "refused")
    assert refused.actor_username == persona
    assert refused.object_type == "cases.case"


# --- objection (第六条第二款) ---------------------------------------------------------------------------------------


def test_an_objection_in_time_is_verified_within_five_working_days(
    ordered: Ordered, inspector: User, lead: User
) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
    with on(D(2026, 3, 27)):
        listing = actions.record_objection(
            actor=inspector, listing=listing, received_on=D(2026, 3, 27), objection="工资已于期限内支付。"
        )
    assert listing.state == State.OBJECTION_REVIEW
    assert latest(case, "dishonest_objection").state == PeriodState.MET
    review = latest(case, "dishonest_objection_review")
    assert (review.started_on, review.due_on) == (D(2026, 3, 27), D(2026, 4, 3))
    with on(D(2026, 4, 1)):
        listing = actions.answer_objection(actor=lead, listing=listing, upheld=False, result="经核实，工资未支付。")
    assert listing.state == State.NOTICE
    assert latest(case, "dishonest_objection_review").met_on == D(2026, 4, 1)
    assert [after(e)["state"] for e in entries("record_objection") + entries("answer_objection")] == [
        "objection_review",
        "notice",
    ]


def test_an_objection_after_the_window_is_refused_with_the_reason(ordered: Ordered, inspector: User) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
    with on(D(2026, 3, 31)), pytest.raises(ListingBlocked, match="异议期已于 2026-03-30 届满"):
        actions.record_objection(actor=inspector, listing=listing, received_on=D(2026, 3, 31), objection="有异议")


def test_an_objection_upheld_ends_the_matter_without_listing(ordered: Ordered, inspector: User, lead: User) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
        listing = actions.record_objection(actor=inspector, listing=listing, received_on=AFTER, objection="已支付")
        listing = actions.answer_objection(actor=lead, listing=listing, upheld=True, result="银行流水证实已支付。")
    assert listing.state == State.NOT_LISTED
    assert latest(case, "dishonest_listing_decision").state == PeriodState.MET


# --- exemption, extension, decision (第七条、第八条、第十一条) -------------------------------------------------------


def test_the_leader_may_spare_an_employer_that_corrected_and_committed_in_writing(
    ordered: Ordered, inspector: User, leader: User
) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
    with on(D(2026, 3, 25)):
        with pytest.raises(ListingBlocked, match="书面信用承诺"):
            actions.exempt(actor=leader, listing=listing, corrected_on=D(2026, 3, 24), commitment_on=None)
        listing = actions.exempt(
            actor=leader, listing=listing, corrected_on=D(2026, 3, 24), commitment_on=D(2026, 3, 25)
        )
    assert listing.state == State.NOT_LISTED
    assert latest(case, "dishonest_listing_decision").met_on == D(2026, 3, 25)
    assert "第七条" in listing.not_listed_reason


def test_the_head_extends_the_decision_period_once_by_twenty_working_days(
    ordered: Ordered, inspector: User, leader: User, lead: User
) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
        with pytest.raises(ListingRefused):
            actions.extend_decision_period(actor=lead, listing=listing, reason="情况复杂")
        listing = actions.extend_decision_period(actor=leader, listing=listing, reason="涉及多个分包单位，情况复杂")
        with pytest.raises(ListingBlocked, match="延长过一次"):
            actions.extend_decision_period(actor=leader, listing=listing, reason="再延长")
    period = latest(case, "dishonest_listing_decision")
    assert (period.due_on, period.days, period.extended) == (D(2026, 5, 20), 40, True)  # 劳动节 05-01…05-05 off
    assert after(entries("extend_decision_period")[0])["due_on"] == "2026-05-20"


def test_the_decision_waits_for_the_objection_window(ordered: Ordered, inspector: User, leader: User) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
    with on(D(2026, 3, 30)), pytest.raises(ListingBlocked, match="异议期至 2026-03-30 届满"):
        actions.decide_listing(actor=leader, listing=listing)


def test_the_leader_decides_the_listing_for_three_years_with_a_numbered_decision(
    ordered: Ordered, inspector: User, leader: User
) -> None:
    case = ordered()
    listing = listed(inspector, leader, case)
    assert listing.state == State.LISTED
    assert listing.decision_number == "深人社监失列〔2026〕1号"
    assert (listing.decided_on, listing.ends_on) == (D(2026, 3, 31), D(2029, 3, 31))
    assert listing.authority == "福田区人力资源局"
    assert latest(case, "dishonest_listing_decision").met_on == D(2026, 3, 31)
    (entry,) = entries("decide_listing")
    assert after(entry)["ends_on"] == "2029-03-31"


@pytest.mark.parametrize("persona", ["inspector", "lead", "legal", "director"])
def test_only_the_leader_decides_the_listing_and_a_director_as_such_is_refused(
    ordered: Ordered, personas: dict[str, User], persona: str
) -> None:
    """暂行办法 第八条第一款: the listing decision is approved by the department's 负责人 — the leader, not a 处长."""
    case = ordered()
    with on(AFTER):
        listing = notice(personas["inspector"], case)
    with on(D(2026, 3, 31)), pytest.raises(ListingRefused):
        actions.decide_listing(actor=personas[persona], listing=listing)
    assert Listing.objects.get().state == State.NOTICE
    assert len(entries("decide_listing", "refused")) == 1


def test_the_period_of_a_closed_case_is_still_watched_by_supervision(
    ordered: Ordered, inspector: User, leader: User
) -> None:
    # The listing comes after the case's decision: the time-limit rules read periods whatever the case's state.
    from fazhi.supervision.rules.period_breached import RULE as BREACHED

    case = ordered()
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=D(2026, 3, 20))
    with on(AFTER):
        notice(inspector, case)
    late = BREACHED.find(D(2026, 4, 21)).filter(case=case, code__startswith="dishonest")
    late = late.values_list("code", flat=True)
    assert set(late) == {"dishonest_objection", "dishonest_listing_decision"}


# --- publication, early removal, revocation, expiry, removal, restoration ------------------------------------------


def test_the_lead_publishes_the_listing_as_a_snapshot(
    ordered: Ordered, inspector: User, leader: User, lead: User
) -> None:
    listing = listed(inspector, leader, ordered())
    with on(D(2026, 4, 1)):
        listing = actions.publish(actor=lead, listing=listing)
        with pytest.raises(ListingBlocked, match="已于 2026-04-01 公开"):
            actions.publish(actor=lead, listing=listing)
    snapshot = PublishedListing.objects.get(listing_id=listing.pk)
    assert (snapshot.decided_on, snapshot.ends_on, snapshot.published_on) == (
        D(2026, 3, 31),
        D(2029, 3, 31),
        D(2026, 4, 1),
    )
    assert snapshot.sanctions.startswith("对被列入失信联合惩戒名单的当事人")
    assert len(entries("publish")) == 1


def test_an_early_removal_granted_after_six_months_removes_the_employer_within_ten_working_days(
    ordered: Ordered, inspector: User, leader: User, lead: User
) -> None:
    case = ordered()
    listing = listed(inspector, leader, case)
    with on(D(2026, 4, 1)):
        listing = actions.publish(actor=lead, listing=listing)
    with on(D(2026, 10, 8)):
        listing = actions.receive_application(
            actor=inspector,
            listing=listing,
            received_on=D(2026, 10, 8),
            corrected_on=D(2026, 4, 10),
            commitment=True,
            application="书面申请、工资支付凭证及信用承诺书各一份。",
        )
    assert listing.state == State.REMOVAL_REVIEW
    application = latest(case, "dishonest_early_removal_decision")
    # 15 working days from Thu 10-08: 10-09, Sat 10-10 (a make-up working day), 10-12…16, 10-19…23, 10-26…28.
    assert application.due_on == D(2026, 10, 28)
    with on(D(2026, 10, 10)), pytest.raises(ListingBlocked, match="2026-10-11 起方可提前移出"):
        actions.grant_early_removal(actor=leader, listing=listing)
    with on(D(2026, 10, 12)):
        listing = actions.grant_early_removal(actor=leader, listing=listing)
    assert (listing.state, listing.removal_ground) == (State.REMOVAL_PENDING, "early")
    assert listing.early_decision_number == "深人社监失移〔2026〕1号"
    removal = latest(case, "dishonest_removal")
    assert (removal.started_on, removal.due_on) == (D(2026, 10, 12), D(2026, 10, 26))
    with on(D(2026, 10, 13)):
        listing = actions.remove(actor=lead, listing=listing)
    assert listing.state == State.REMOVED
    assert latest(case, "dishonest_removal").state == PeriodState.MET
    assert PublishedListing.objects.get(listing_id=listing.pk).removed_on == D(2026, 10, 13)


def test_an_early_removal_is_refused_with_reasons_and_the_listing_stays(
    ordered: Ordered, inspector: User, leader: User
) -> None:
    case = ordered()
    listing = listed(inspector, leader, case)
    with on(D(2026, 4, 15)):
        listing = actions.receive_application(
            actor=inspector,
            listing=listing,
            received_on=D(2026, 4, 15),
            corrected_on=D(2026, 4, 10),
            commitment=True,
            application="申请提前移出。",
        )
        with pytest.raises(ListingBlocked, match="请填写不予提前移出的理由"):
            actions.refuse_early_removal(actor=leader, listing=listing, reasons=" ")
        listing = actions.refuse_early_removal(
            actor=leader, listing=listing, reasons="自改正之日起未满6个月。", bars=["new_arrears"]
        )
    assert listing.state == State.LISTED
    assert listing.early_refusal_reasons.startswith("列入失信联合惩戒名单期限内再次发生")
    assert latest(case, "dishonest_early_removal_decision").state == PeriodState.MET
    assert after(entries("refuse_early_removal")[0])["bars"] == ["new_arrears"]


def test_a_revoked_order_revokes_the_listing(ordered: Ordered, inspector: User, leader: User) -> None:
    case = ordered()
    listing = listed(inspector, leader, case)
    with on(D(2026, 5, 6)):
        listing = actions.revoke(actor=leader, listing=listing, reason="行政处理决定书经行政复议被撤销。")
    assert (listing.state, listing.removal_ground) == (State.REMOVAL_PENDING, "revoked")
    # 10 working days from Wed 05-06: 05-07, 05-08, Sat 05-09 (a make-up working day), 05-11…15, 05-18, 05-19.
    assert latest(case, "dishonest_removal").due_on == D(2026, 5, 19)


def test_the_daily_sweep_expires_listings_past_their_term_and_the_removal_clock_runs_from_the_end(
    ordered: Ordered, inspector: User, leader: User
) -> None:
    case = ordered()
    listing = listed(inspector, leader, case)
    # Pretend the term ended on Fri 2026-06-19 (the calendar data ends in 2026).
    Listing.objects.filter(pk=listing.pk).update(ends_on=D(2026, 6, 19))
    with on(D(2026, 6, 19)):
        assert actions.sweep_expired() == 0
    with on(D(2026, 6, 22)):
        assert actions.sweep_expired() == 1
        assert actions.sweep_expired() == 0
    listing.refresh_from_db()
    assert (listing.state, listing.removal_ground) == (State.REMOVAL_PENDING, "expired")
    removal = latest(case, "dishonest_removal")
    assert (removal.started_on, removal.due_on) == (D(2026, 6, 19), D(2026, 7, 3))
    (entry,) = entries("expire")
    assert entry.actor_username == ""


def test_only_the_system_expires_a_listing(ordered: Ordered, inspector: User, leader: User) -> None:
    listing = listed(inspector, leader, ordered())
    with pytest.raises(ListingRefused):
        actions._take(leader, listing, "expire", lambda current, today: actions.Change(), None)
    assert len(entries("expire", "refused")) == 1


def test_a_false_application_restores_the_listing_and_its_term_starts_again(
    ordered: Ordered, inspector: User, leader: User, lead: User
) -> None:
    listing = listed(inspector, leader, ordered())
    with on(D(2026, 10, 12)):
        listing = actions.receive_application(
            actor=inspector,
            listing=listing,
            received_on=D(2026, 10, 12),
            corrected_on=D(2026, 3, 31),
            commitment=True,
            application="申请。",
        )
        listing = actions.grant_early_removal(actor=leader, listing=listing)
        listing = actions.remove(actor=lead, listing=listing)
    with on(D(2026, 11, 2)):
        listing = actions.restore(actor=leader, listing=listing, reason="提交的工资支付凭证系伪造。")
    assert listing.state == State.LISTED
    assert (listing.term_starts_on, listing.ends_on, listing.published_on) == (D(2026, 11, 2), D(2029, 11, 2), None)
    with on(D(2026, 11, 3)):
        actions.publish(actor=lead, listing=listing)
    snapshot = PublishedListing.objects.get(listing_id=listing.pk)
    assert (snapshot.removed_on, snapshot.decided_on, snapshot.ends_on) == (None, D(2026, 11, 2), D(2029, 11, 2))


def test_a_listing_removed_on_expiry_cannot_be_restored(
    ordered: Ordered, inspector: User, leader: User, lead: User
) -> None:
    listing = listed(inspector, leader, ordered())
    with on(D(2026, 5, 6)):
        listing = actions.revoke(actor=leader, listing=listing, reason="决定书被撤销。")
        listing = actions.remove(actor=lead, listing=listing)
        with pytest.raises(ListingBlocked, match="第十五条"):
            actions.restore(actor=leader, listing=listing, reason="不实")


def test_a_step_from_the_wrong_state_is_a_conflict_and_changes_nothing(
    ordered: Ordered, inspector: User, leader: User
) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
        with pytest.raises(ListingConflict, match="拟列入"):
            actions.grant_early_removal(actor=leader, listing=listing)
    assert Listing.objects.get().version == 1
