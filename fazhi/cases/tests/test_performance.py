"""After the decision, walked by the personas: service (行政处罚法 第六十一条; 广东省劳动保障监察条例 第四十七条),
filing with the superior (广东条例 第四十八条), the fine and its surcharge (行政处罚法 第六十七条、第七十二条),
wages and 加付赔偿金 (劳动合同法 第八十五条), verified rectification, and the application for court
enforcement (行政诉讼法解释 第一百五十六条).

Statutory dates were counted by hand on the 2026 calendar (劳动节 05-01…05-05) and checked with `manage.py due_date`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from fazhi.accounts.models import User
from fazhi.cases import queries
from fazhi.cases.actions import TransitionBlocked, TransitionRefused, transition
from fazhi.cases.models import Case, PeriodState, WorkerLine
from fazhi.cases.tests.conftest import WAGES, RegisterCase, latest, on, proposal, served_notice, waived, walk
from fazhi.cases.workflow import State
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db

IN_PERSON = {"service_method": "in_person", "served_on": "2026-03-09"}
REASON = "单位已搬离注册地址，法定代表人下落不明，经电话、邮寄均无法送达。"


Decided = Callable[..., Case]


@pytest.fixture
def decided(register: RegisterCase, inspector: User, lead: User, legal: User, leader: User) -> Decided:
    """decided(outcome, **decision): a complaint decided by the leader on Monday 2026-03-09, awaiting service, its
    notice served and the party's rights waived in writing the same day. A penalty is 20,000 yuan for `LEDGER`; a
    rectification or handling decision (wages) is due by 2026-03-20."""

    def make(outcome: str, **decision: str) -> Case:
        case = walk(register(), (lead, "accept", {}))
        if outcome == "penalty":
            case = walk(
                case,
                (inspector, "propose", proposal("penalty", fine="20000", proposal="未建立工资台账，拟罚款。")),
                (lead, "approve_proposal", {}),
                (legal, "pass_legal_review", {}),
            )
            decision = {"fine_amount": "20000", **decision}
        else:
            case = walk(
                case,
                (inspector, "propose", proposal(outcome, WAGES, proposal="责令支付。")),
                (lead, "approve_proposal_to_notice", {}),
            )
            decision = {"comply_by": "2026-03-20", **decision}
        return walk(case, served_notice(inspector), waived(inspector), (leader, "decide", decision))

    return make


def lines(case: Case) -> dict[str, WorkerLine]:
    return {line.name: line for line in case.worker_lines.order_by("pk")}


def pay(inspector: User, case: Case, worker: str, amount: str, paid_on: str) -> Case:
    line = lines(case)[worker]
    return walk(
        case, (inspector, "record_wage_payment", {"worker": str(line.pk), "amount": amount, "paid_on": paid_on})
    )


# --- Service and filing -----------------------------------------------------------------------------------------------


def test_electronic_service_needs_the_employers_signed_consent(decided: Decided, inspector: User) -> None:
    case = decided("penalty")
    electronic = {"service_method": "electronic", "served_on": "2026-03-09"}
    with pytest.raises(TransitionBlocked, match="电子送达须当事人同意并签订确认书"):
        transition(actor=inspector, case=case, action="serve", data=electronic)
    assert Case.objects.get(pk=case.pk).state == State.SERVICE
    case = walk(case, (inspector, "serve", {**electronic, "consent": True}))
    assert (case.state, case.service_method, case.service_effective_on) == (
        State.PERFORMANCE,
        "electronic",
        dt.date(2026, 3, 9),
    )


def test_service_by_public_notice_takes_effect_after_sixty_days_and_only_then_the_fine_falls_due(
    decided: Decided, inspector: User
) -> None:
    case = decided("penalty")
    public_notice = {"service_method": "public_notice", "served_on": "2026-03-09"}
    # 民事诉讼法 第九十五条第二款: the reason for public notice and what was done are on file.
    with pytest.raises(TransitionBlocked, match="公告送达的原因和经过"):
        transition(actor=inspector, case=case, action="serve", data=public_notice)
    case = walk(case, (inspector, "serve", {**public_notice, "public_notice_reason": REASON}))
    # 广东条例 第四十七条第二款: 公告期六十日 (calendar days) from Monday 03-09: 22 in March + 30 in April + 8 → 05-08.
    assert (case.served_on, case.service_effective_on) == (dt.date(2026, 3, 9), dt.date(2026, 5, 8))
    assert latest(case, "service").state == PeriodState.MET
    fine = latest(case, "fine_payment")
    # 十五日 from Friday 05-08 ends Saturday 05-23, rolled over to Monday 05-25 (民法典 第二百零三条).
    assert (fine.started_on, fine.due_on) == (dt.date(2026, 5, 8), dt.date(2026, 5, 25))
    # The six months to sue run from the effective service too: the court-enforcement window opens on 11-09.
    window = latest(case, "court_enforcement_application")
    assert window.started_on == dt.date(2026, 5, 8)
    assert queries.period_starts(window) == dt.date(2026, 11, 9)


def test_a_public_notice_in_a_case_of_article_41_or_a_mass_incident_takes_effect_after_three_days(
    decided: Decided, inspector: User
) -> None:
    """广东省劳动保障监察条例 第四十七条第二款: 3 days (calendar days) instead of 60 in a case handled under
    第四十一条 or whose arrears caused a mass incident: from Monday 03-09 to Thursday 03-12; the fine's 十五日 then
    end Friday 03-27 (行政处罚法 第六十七条)."""
    case = decided("penalty")
    case = walk(
        case,
        (
            inspector,
            "serve",
            {
                "service_method": "public_notice",
                "served_on": "2026-03-09",
                "public_notice_reason": REASON,
                "short_public_notice": True,
            },
        ),
    )
    assert (case.short_public_notice, case.service_effective_on) == (True, dt.date(2026, 3, 12))
    fine = latest(case, "fine_payment")
    assert (fine.started_on, fine.due_on) == (dt.date(2026, 3, 12), dt.date(2026, 3, 27))


@pytest.mark.parametrize(
    ("outcome", "filed"), [("penalty", True), ("handling_decision", True), ("rectification", False)]
)
def test_a_penalty_or_handling_decision_is_filed_with_the_superior_within_ten_days_and_a_rectification_is_not(
    decided: Decided, inspector: User, lead: User, outcome: str, filed: bool
) -> None:
    case = decided(outcome)
    filing = case.periods.filter(code="filing_with_superior").first()
    if not filed:
        assert filing is None
        with pytest.raises(TransitionBlocked, match="没有待报备案的决定"):
            transition(actor=lead, case=case, action="file_with_superior")
        return
    assert filing is not None
    # Decided Monday 03-09; 十日 (calendar days) → Thursday 03-19.
    assert (filing.started_on, filing.due_on, filing.state) == (
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 19),
        PeriodState.RUNNING,
    )
    with on(dt.date(2026, 3, 19)):
        walk(case, (inspector, "file_with_superior", {}))
    filing.refresh_from_db()
    assert (filing.state, filing.met_on) == (PeriodState.MET, dt.date(2026, 3, 19))


# --- The fine (行政处罚法 第六十七条、第七十二条) ---------------------------------------------------------------------


def test_a_fine_paid_within_fifteen_days_is_the_fine_alone(decided: Decided, inspector: User) -> None:
    case = walk(decided("penalty"), (inspector, "serve", IN_PERSON))
    fine = latest(case, "fine_payment")
    # Served Monday 03-09: 十五日 → Tuesday 03-24.
    assert fine.due_on == dt.date(2026, 3, 24)
    with on(dt.date(2026, 3, 24)):
        with pytest.raises(TransitionBlocked, match=re.escape("应缴罚款 20000.00 元；登记金额 20600.00 元不符")):
            transition(
                actor=inspector,
                case=case,
                action="record_fine_payment",
                data={"paid_on": "2026-03-24", "amount": "20600"},
            )
        case = walk(case, (inspector, "record_fine_payment", {"paid_on": "2026-03-24", "amount": "20000"}))
    assert (case.fine_paid_on, case.fine_paid_amount, case.surcharge_paid) == (
        dt.date(2026, 3, 24),
        Decimal("20000.00"),
        Decimal("0.00"),
    )
    fine.refresh_from_db()
    assert fine.state == PeriodState.MET


def test_a_fine_paid_ten_days_late_carries_a_thirty_percent_surcharge(decided: Decided, inspector: User) -> None:
    case = walk(decided("penalty"), (inspector, "serve", IN_PERSON))
    # Due 03-24; paid Friday 04-03, 10 days late: 10 × 3% × 20,000 = 6,000 (第七十二条第一款第（一）项).
    with on(dt.date(2026, 4, 3)):
        entries = Entry.objects.count()
        with pytest.raises(TransitionBlocked) as blocked:
            transition(
                actor=inspector,
                case=case,
                action="record_fine_payment",
                data={"paid_on": "2026-04-03", "amount": "20000"},
            )
        assert blocked.value.reasons == [
            "应缴罚款 20000.00 元及加处罚款 6000.00 元（行政处罚法第七十二条），合计 26000.00 元；"
            "登记金额 20000.00 元不符（分期缴纳须另行批准）。"
        ]
        assert Entry.objects.count() == entries
        assert Case.objects.get(pk=case.pk).fine_paid_on is None
        case = walk(case, (inspector, "record_fine_payment", {"paid_on": "2026-04-03", "amount": "26000.00"}))
    assert (case.fine_paid_amount, case.surcharge_paid) == (Decimal("26000.00"), Decimal("6000.00"))
    assert case.fine_amount is not None
    assert case.fine_paid_amount == case.fine_amount * Decimal("1.30")


def test_the_surcharge_on_a_fine_never_exceeds_the_fine(decided: Decided, inspector: User) -> None:
    case = walk(decided("penalty"), (inspector, "serve", IN_PERSON))
    # Due 03-24; paid Monday 04-27, 34 days late: 34 × 3% = 102%, capped at the fine.
    with on(dt.date(2026, 4, 27)):
        with pytest.raises(
            TransitionBlocked, match=re.escape("加处罚款 20000.00 元（行政处罚法第七十二条），合计 40000.00 元")
        ):
            transition(
                actor=inspector,
                case=case,
                action="record_fine_payment",
                data={"paid_on": "2026-04-27", "amount": "40400"},
            )
        case = walk(case, (inspector, "record_fine_payment", {"paid_on": "2026-04-27", "amount": "40000"}))
    assert case.surcharge_paid == Decimal("20000.00")


# --- Wages (劳动保障监察条例 第二十六条; 劳动合同法 第八十五条) -------------------------------------------------------


def test_wage_payments_are_recorded_worker_by_worker_and_never_above_what_is_owed(
    decided: Decided, inspector: User
) -> None:
    case = walk(decided("handling_decision"), (inspector, "serve", IN_PERSON))
    wang = lines(case)["王小明"]
    with pytest.raises(TransitionBlocked, match=re.escape("王小明尚欠 12000.00 元，登记金额不能超过尚欠金额")):
        pay(inspector, case, "王小明", "12000.01", "2026-03-09")
    case = pay(inspector, case, "王小明", "2000", "2026-03-09")
    assert {name: line.amount_paid for name, line in lines(case).items()} == {
        "王小明": Decimal("2000.00"),
        "李四": Decimal("0.00"),
    }
    with pytest.raises(TransitionBlocked, match=re.escape("王小明尚欠 10000.00 元")):
        pay(inspector, case, "王小明", "10000.01", "2026-03-09")
    wang.refresh_from_db()
    assert wang.amount_paid == Decimal("2000.00")


def compensation(rate: str) -> dict[str, str]:
    return proposal(
        "additional_compensation", WAGES, rate=rate, findings="逾期未足额支付工资。", proposal="逾期未支付。"
    )


def compensate(case: Case, inspector: User, lead: User, leader: User, rate: str, on_day: str = "2026-03-23") -> Case:
    """责令加付赔偿金 as a decision of its own (劳动保障监察条例 第十九条、第二十六条): proposed, notified, heard (here
    waived in writing), decided and served."""
    return walk(
        case,
        (inspector, "propose_follow_up", compensation(rate)),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector, served_on=on_day),
        waived(inspector),
        (leader, "decide", {"comply_by": "2026-04-10"}),
        (inspector, "serve", {"service_method": "in_person", "served_on": on_day}),
    )


def test_additional_compensation_is_decided_after_the_deadline_at_half_to_all_of_the_unpaid_wages(
    decided: Decided, inspector: User, lead: User, leader: User
) -> None:
    """劳动合同法 第八十五条 "按应付金额百分之五十以上百分之一百以下的标准"; 劳动保障监察条例 第二十六条."""
    case = pay(
        inspector, walk(decided("handling_decision"), (inspector, "serve", IN_PERSON)), "王小明", "2000", "2026-03-09"
    )
    with on(dt.date(2026, 3, 20)), pytest.raises(TransitionBlocked, match="至 2026-03-20 届满"):
        transition(actor=inspector, case=case, action="propose_follow_up", data=compensation("0.5"))
    with on(dt.date(2026, 3, 23)):
        for rate in ("0.49", "1.01"):
            with pytest.raises(TransitionBlocked) as blocked:
                transition(actor=inspector, case=case, action="propose_follow_up", data=compensation(rate))
            assert blocked.value.fields == {"rate": "加付比例应在 0.5 至 1.0 之间（应付金额的 50% 至 100%）"}
        assert all(line.additional_compensation == 0 for line in lines(case).values())
        case = compensate(case, inspector, lead, leader, "0.5")
    # 0.5 × the wages unpaid at the deadline on each line: 王小明 10,000 → 5,000; 李四 9,500.50 → 4,750.25.
    assert {name: line.additional_compensation for name, line in lines(case).items()} == {
        "王小明": Decimal("5000.00"),
        "李四": Decimal("4750.25"),
    }
    entry = Entry.objects.filter(action="cases.decide").exclude(outcome="refused").order_by("-pk").first()
    assert entry is not None
    assert '"additional_compensation_total":"9750.25"' in entry.after


def test_a_director_without_a_written_delegation_decides_no_compensation_nor_applies_for_court_enforcement(
    decided: Decided, inspector: User, lead: User, director: User
) -> None:
    """劳动合同法 第八十五条 (a decision, 行政处罚法 第五十七条) and 第七十二条第一款第（四）项 are the organ's
    负责人's."""
    case = walk(decided("handling_decision"), (inspector, "serve", IN_PERSON))
    with on(dt.date(2026, 3, 23)):
        case = walk(
            case,
            (inspector, "propose_follow_up", compensation("0.5")),
            (lead, "approve_proposal_to_notice", {}),
            served_notice(inspector, served_on="2026-03-23"),
            waived(inspector),
        )
        with pytest.raises(TransitionRefused, match="没有办理此步骤的权限"):
            transition(actor=director, case=case, action="decide", data={"comply_by": "2026-04-10"})
    assert Case.objects.get(pk=case.pk).state == State.DECISION
    other = walk(decided("handling_decision"), (inspector, "serve", IN_PERSON))
    with on(dt.date(2026, 9, 10)), pytest.raises(TransitionRefused, match="没有办理此步骤的权限"):
        transition(actor=director, case=other, action="apply_court_enforcement", reason="逾期未支付")


def test_no_additional_compensation_is_proposed_when_the_wages_were_paid_by_the_deadline(
    decided: Decided, inspector: User
) -> None:
    case = walk(decided("handling_decision"), (inspector, "serve", IN_PERSON))
    case = pay(inspector, case, "王小明", "12000", "2026-03-09")
    case = pay(inspector, case, "李四", "9500.50", "2026-03-09")
    with on(dt.date(2026, 3, 23)), pytest.raises(TransitionBlocked, match="工资已全部支付"):
        transition(actor=inspector, case=case, action="propose_follow_up", data=compensation("1.0"))


def test_a_handling_decision_is_performed_only_when_every_worker_has_the_wages_and_the_compensation(
    decided: Decided, inspector: User, lead: User, leader: User
) -> None:
    case = walk(decided("handling_decision"), (inspector, "serve", IN_PERSON))
    with on(dt.date(2026, 3, 23)):
        case = compensate(case, inspector, lead, leader, "1.0")
        with pytest.raises(TransitionBlocked, match="尚未足额支付：王小明、李四。"):
            transition(actor=inspector, case=case, action="record_performance")
        case = pay(inspector, case, "王小明", "12000", "2026-03-23")  # the wages, not yet the compensation
        with pytest.raises(TransitionBlocked, match="尚未足额支付：王小明、李四。"):
            transition(actor=inspector, case=case, action="record_performance")
        case = pay(inspector, case, "王小明", "12000", "2026-03-23")
        with pytest.raises(TransitionBlocked, match="尚未足额支付：李四。"):
            transition(actor=inspector, case=case, action="record_performance")
        case = pay(inspector, case, "李四", "19001.00", "2026-03-23")
        case = walk(case, (inspector, "file_with_superior", {}), (inspector, "record_performance", {}))
    assert case.state == State.CLOSING_REVIEW


# --- Rectification ----------------------------------------------------------------------------------------------------


def test_a_rectification_is_performed_once_the_inspector_has_verified_the_correction(
    decided: Decided, inspector: User, inspector2: User
) -> None:
    """劳动保障监察条例 第十八条第一款第（二）项: the order to correct and its verification."""
    case = walk(decided("rectification"), (inspector, "serve", IN_PERSON))
    with pytest.raises(TransitionBlocked, match="整改情况尚未复查"):
        transition(actor=inspector, case=case, action="record_performance")
    with on(dt.date(2026, 3, 20)):
        with pytest.raises(TransitionBlocked, match="须填写理由"):
            transition(actor=inspector2, case=case, action="verify_correction", data={"corrected": True})
        case = walk(case, (inspector2, "verify_correction", {"corrected": True, "reason": "现场复查，已建立台账"}))
        assert (case.correction_verified_on, case.corrected) == (dt.date(2026, 3, 20), True)
        with pytest.raises(TransitionBlocked, match="整改情况已复查"):
            transition(actor=inspector, case=case, action="verify_correction", reason="再查")
        case = walk(case, (inspector, "record_performance", {}))
    assert case.state == State.CLOSING_REVIEW


def test_a_correction_not_made_by_the_deadline_leaves_the_order_unperformed(decided: Decided, inspector: User) -> None:
    """劳动保障监察条例 第十八条第一款第（二）项: not corrected by the deadline, the case goes on to a penalty (or a
    transfer), it is not closed as performed; before the deadline only a correction can be recorded."""
    case = walk(decided("rectification"), (inspector, "serve", IN_PERSON))
    with pytest.raises(TransitionBlocked, match="期限届满前只能登记已改正"):
        transition(actor=inspector, case=case, action="verify_correction", reason="尚未改正")
    with on(dt.date(2026, 3, 23)):
        case = walk(case, (inspector, "verify_correction", {"reason": "复查时仍未改正"}))
        with pytest.raises(TransitionBlocked, match="逾期未改正，须依法作出处罚或者移送"):
            transition(actor=inspector, case=case, action="record_performance")


# --- Court enforcement (行政诉讼法解释 第一百五十六条; 行政处罚法 第七十二条第一款第（四）项) -------------------------


def test_court_enforcement_waits_for_the_six_month_litigation_period_to_end(
    decided: Decided, inspector: User, leader: User
) -> None:
    case = walk(decided("penalty"), (inspector, "serve", IN_PERSON))
    window = latest(case, "court_enforcement_application")
    # Served 03-09: the party may sue until 09-09 (六个月); the bureau may then apply within 三个月, until 12-09.
    assert (window.started_on, queries.period_starts(window), window.due_on) == (
        dt.date(2026, 3, 9),
        dt.date(2026, 9, 9),
        dt.date(2026, 12, 9),
    )
    with on(dt.date(2026, 9, 9)), pytest.raises(TransitionBlocked, match="当事人的起诉期限至 2026-09-09 届满"):
        transition(actor=leader, case=case, action="apply_court_enforcement", reason="逾期未缴纳罚款")
    assert Case.objects.get(pk=case.pk).state == State.PERFORMANCE


@pytest.mark.parametrize("day", [dt.date(2026, 9, 10), dt.date(2026, 12, 9)])
def test_an_unpaid_fine_may_be_sent_to_court_in_the_three_months_after_the_litigation_period(
    decided: Decided, inspector: User, leader: User, day: dt.date
) -> None:
    case = walk(decided("penalty"), (inspector, "serve", IN_PERSON))
    with on(day):
        case = walk(case, (leader, "apply_court_enforcement", {"reason": "逾期未缴纳罚款"}))
    assert (case.state, case.court_enforcement_applied_on) == (State.CLOSING_REVIEW, day)
    window = latest(case, "court_enforcement_application")
    assert (window.state, window.met_on) == (PeriodState.MET, day)


def test_court_enforcement_is_too_late_after_the_three_months(decided: Decided, inspector: User, leader: User) -> None:
    case = walk(decided("handling_decision"), (inspector, "serve", IN_PERSON))
    with on(dt.date(2026, 12, 10)), pytest.raises(TransitionBlocked, match="申请强制执行的期限已于 2026-12-09 届满"):
        transition(actor=leader, case=case, action="apply_court_enforcement", reason="逾期未支付工资")
    assert Case.objects.get(pk=case.pk).court_enforcement_applied_on is None


def test_a_paid_fine_is_not_sent_to_court(decided: Decided, inspector: User, leader: User) -> None:
    case = walk(
        decided("penalty"),
        (inspector, "serve", IN_PERSON),
        (inspector, "record_fine_payment", {"paid_on": "2026-03-09", "amount": "20000"}),
    )
    with on(dt.date(2026, 9, 10)), pytest.raises(TransitionBlocked, match="已履行完毕"):
        transition(actor=leader, case=case, action="apply_court_enforcement", reason="强制执行")


def test_a_court_enforcement_window_that_ends_in_an_unloaded_year_waits_for_that_years_holidays(
    decided: Decided, inspector: User, leader: User
) -> None:
    case = decided("penalty")
    with on(dt.date(2026, 9, 1)):
        case = walk(case, (inspector, "serve", {"service_method": "in_person", "served_on": "2026-09-01"}))
    window = latest(case, "court_enforcement_application")
    # Six months from 2026-09-01 end in 2027, whose holidays are not published yet: never guessed.
    assert (window.started_on, window.due_on, window.awaiting_year) == (dt.date(2026, 9, 1), None, 2027)
    assert queries.period_starts(window) is None
    with on(dt.date(2026, 11, 26)), pytest.raises(TransitionBlocked, match="待导入2027年度节假日"):
        transition(actor=leader, case=case, action="apply_court_enforcement", reason="逾期未缴纳罚款")


def test_a_public_notice_ending_in_an_unloaded_year_starts_no_payment_clock_from_a_guessed_day(
    decided: Decided, inspector: User
) -> None:
    case = decided("penalty")
    with on(dt.date(2026, 11, 20)):
        case = walk(
            case,
            (
                inspector,
                "serve",
                {"service_method": "public_notice", "served_on": "2026-11-20", "public_notice_reason": REASON},
            ),
        )
    # 60 days from 2026-11-20 end in January 2027, whose holidays are not loaded: the effective day is unknown.
    assert (case.served_on, case.service_effective_on) == (dt.date(2026, 11, 20), None)
    assert not case.periods.filter(code__in=["fine_payment", "court_enforcement_application"]).exists()


def test_loading_2027_gives_the_waiting_public_notice_and_court_window_their_days(
    decided: Decided, inspector: User, tmp_path: Any
) -> None:
    import json

    from fazhi.calendars.actions import load_calendar_year
    from fazhi.calendars.loader import parse_year_file
    from fazhi.calendars.tests.conftest import VALID_2027

    notice = decided("penalty")
    with on(dt.date(2026, 11, 20)):
        notice = walk(
            notice,
            (
                inspector,
                "serve",
                {"service_method": "public_notice", "served_on": "2026-11-20", "public_notice_reason": REASON},
            ),
        )
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(VALID_2027, ensure_ascii=False), encoding="utf-8")
    load_calendar_year(actor=None, year_file=parse_year_file(path))
    notice.refresh_from_db()
    # 60 days from 2026-11-20: 2027-01-19, a Tuesday and a working day in the loaded year.
    assert notice.service_effective_on == dt.date(2027, 1, 19)
    fine = latest(notice, "fine_payment")
    # 15 days from 2027-01-19: 2027-02-03 (a Wednesday, before the Spring Festival days off).
    assert (fine.started_on, fine.due_on) == (dt.date(2027, 1, 19), dt.date(2027, 2, 3))
    window = latest(notice, "court_enforcement_application")
    assert window.started_on == dt.date(2027, 1, 19)
    # Six months to sue end 2027-07-19; the three months to apply end 2027-10-19 (a Tuesday).
    assert (queries.period_starts(window), window.due_on) == (dt.date(2027, 7, 19), dt.date(2027, 10, 19))
