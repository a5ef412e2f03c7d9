"""Procedure v2, the clocks: filing on the day of acceptance, no refusal after acceptance, the party's periods from
the day it received the notice, what a suspension stops, the 3-day public notice, the notices to the complainant.

Dates were counted by hand on the 2026 calendar (March 2026 has no holiday) and checked with `manage.py due_date`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fazhi.accounts.models import Role, User
from fazhi.accounts.testing import make_user
from fazhi.cases.actions import TransitionBlocked, TransitionConflict, transition
from fazhi.cases.management.commands.sweep_periods import deem_accepted
from fazhi.cases.models import Case, PeriodState, Source
from fazhi.cases.states import State
from fazhi.cases.tests.conftest import INQUIRY, RegisterCase, latest, on, proposal, served_notice, waived, walk

pytestmark = pytest.mark.django_db


def test_a_complaint_the_lead_accepts_on_thursday_is_filed_that_day_and_investigated_from_it(
    register: RegisterCase, lead: User
) -> None:
    """广东省劳动保障监察条例 第三十六条第一款 "于受理之日立案查处"; 第四十四条第一款 (45 working days from filing)."""
    case = register(received_on=dt.date(2026, 3, 2))
    with on(dt.date(2026, 3, 5)):
        case = walk(case, (lead, "accept", {}))
    assert (case.state, case.filed_on) == (State.INVESTIGATING, dt.date(2026, 3, 5))
    investigation = latest(case, "investigation")
    assert investigation.started_on == dt.date(2026, 3, 5)
    assert latest(case, "complaint_acceptance").state == PeriodState.MET


def test_a_complaint_nobody_answered_in_five_working_days_is_filed_on_the_day_it_was_received(
    register: RegisterCase,
) -> None:
    """广东省劳动保障监察条例 第三十九条第二款 "逾期未告知的，自收到投诉材料之日起即为受理", filed that day
    (第三十六条)."""
    case = register(received_on=dt.date(2026, 3, 2))  # the 5 working days end on Monday 03-09
    with on(dt.date(2026, 3, 9)):
        assert deem_accepted(today=dt.date(2026, 3, 9)) == 0
    with on(dt.date(2026, 3, 10)):
        assert deem_accepted(today=dt.date(2026, 3, 10)) == 1
    case.refresh_from_db()
    assert (case.state, case.filed_on) == (State.INVESTIGATING, dt.date(2026, 3, 2))
    assert latest(case, "investigation").started_on == dt.date(2026, 3, 2)


def test_a_report_must_be_filed_within_five_working_days_of_its_receipt(
    register: RegisterCase, inspector: User
) -> None:
    """广东省劳动保障监察条例 第三十二条 (filing within 5 working days) and 第三十三条第二款 (referral within 5)."""
    case = register(
        source=Source.REPORT, received_on=dt.date(2026, 3, 2), anonymous=True, complainant_name="", complainant_phone=""
    )
    assert case.state == State.FILING_REVIEW
    filing, referral = latest(case, "filing_own_discovery"), latest(case, "report_referral")
    assert (filing.started_on, filing.due_on, filing.state) == (
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 9),
        PeriodState.RUNNING,
    )
    assert (referral.due_on, referral.state) == (dt.date(2026, 3, 9), PeriodState.RUNNING)


def test_the_lead_refers_a_report_outside_the_bureaus_jurisdiction_and_the_referral_period_is_met(
    register: RegisterCase, lead: User
) -> None:
    """广东省劳动保障监察条例 第三十三条第二款: a report for another authority is referred within 5 working days."""
    case = register(
        source=Source.REPORT, received_on=dt.date(2026, 3, 2), anonymous=True, complainant_name="", complainant_phone=""
    )
    case = walk(case, (lead, "refer_report", {"referred_to": "深圳市南山区人力资源局", "reason": "用人单位在南山区"}))
    assert case.state == State.REFERRED
    assert latest(case, "report_referral").met_on == dt.date(2026, 3, 9)


def test_the_lead_cannot_refuse_a_complaint_once_the_law_deems_it_accepted(register: RegisterCase, lead: User) -> None:
    """广东省劳动保障监察条例 第三十九条第二款: 不予受理 is decided within 5 working days; after that the complaint is
    accepted by law (撤销立案 instead, 第四十六条第一款第（三）项)."""
    case = register(received_on=dt.date(2026, 3, 2))
    with on(dt.date(2026, 3, 10)), pytest.raises(TransitionBlocked, match="视为受理"):
        transition(
            actor=lead, case=case, action="refuse", data={"refusal_ground": "labour_dispute"}, reason="属劳动争议"
        )
    assert Case.objects.get(pk=case.pk).state == State.RECEIVED


def test_an_accepted_complaint_can_no_longer_be_refused(register: RegisterCase, lead: User) -> None:
    """广东省劳动保障监察条例 第三十九条第二款、第四十六条第一款第（三）项."""
    case = walk(register(), (lead, "accept", {}))
    with pytest.raises(TransitionConflict):
        transition(
            actor=lead, case=case, action="refuse", data={"refusal_ground": "labour_dispute"}, reason="属劳动争议"
        )


def noticed(register: RegisterCase, inspector: User, lead: User, legal: User) -> Case:
    return walk(
        register(),
        (lead, "accept", {}),
        (inspector, "propose", proposal()),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
    )


def test_the_hearing_period_runs_from_the_day_the_employer_received_the_notice(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    """行政处罚法 第六十四条第一款第（一）项 (5 days after being told, working days by 第八十五条); the notice itself
    says
    "收到本告知书之日起"."""
    case = noticed(register, inspector, lead, legal)  # approved on Monday 03-09
    assert not case.periods.filter(code="hearing_request").exists()
    with on(dt.date(2026, 3, 13)):
        case = walk(case, served_notice(inspector, served_on="2026-03-12", method="post"))
    request = latest(case, "hearing_request")
    # Received Thursday 03-12: 13, 16, 17, 18, 19.
    assert (request.started_on, request.due_on) == (dt.date(2026, 3, 12), dt.date(2026, 3, 19))
    assert (case.notice_served_on, case.notice_service_method) == (dt.date(2026, 3, 12), "post")


def test_a_hearing_request_received_on_the_last_day_but_entered_later_is_in_time(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    """行政处罚法 第六十四条第一款第（一）项: what counts is the day the request reached the bureau, not the day it is
    entered."""
    case = walk(noticed(register, inspector, lead, legal), served_notice(inspector, served_on="2026-03-09"))
    with on(dt.date(2026, 3, 18)):  # the period ended on Monday 03-16
        with pytest.raises(TransitionBlocked, match="2026-03-16"):
            transition(actor=inspector, case=case, action="request_hearing", data={"received_on": "2026-03-17"})
        case = walk(case, (inspector, "request_hearing", {"received_on": "2026-03-16"}))
    assert case.state == State.HEARING
    assert latest(case, "hearing_request").met_on == dt.date(2026, 3, 16)


def test_the_notice_cannot_be_closed_before_it_was_served_nor_on_a_waiver_without_a_written_declaration(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    """行政处罚法 第六十二条: no decision before the party was told and heard, unless it waived 明确 (in writing)."""
    case = noticed(register, inspector, lead, legal)
    with pytest.raises(TransitionBlocked, match="送达"):
        transition(actor=inspector, case=case, action="close_notice", data={"waived": True, "waiver_document": "x"})
    case = walk(case, served_notice(inspector))
    with pytest.raises(TransitionBlocked, match="书面"):
        transition(actor=inspector, case=case, action="close_notice", data={"waived": True})
    case = walk(case, waived(inspector))
    assert case.state == State.DECISION


def test_a_suspension_stops_the_handling_period_but_not_the_partys_hearing_period(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第四十五条 stops only the 监察办案时限; 行政处罚法 第六十四条 runs on; and while
    suspended the
    notice is not closed."""
    case = walk(noticed(register, inspector, lead, legal), served_notice(inspector))
    case = walk(case, (leader, "suspend", {"reason": "须等待工伤认定结论"}))
    assert latest(case, "investigation").state == PeriodState.SUSPENDED
    assert latest(case, "hearing_request").state == PeriodState.RUNNING
    with on(dt.date(2026, 3, 17)), pytest.raises(TransitionBlocked, match="中止"):
        transition(actor=inspector, case=case, action="close_notice")


def test_a_decision_served_by_public_notice_in_an_article_41_case_counts_as_served_after_three_days(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第四十七条第二款: 公告期六十日, but 三日 for cases handled under 第四十一条 or mass
    incidents; the reason for public notice is put on file (民事诉讼法 第九十五条第二款)."""
    case = walk(
        noticed(register, inspector, lead, legal), served_notice(inspector), waived(inspector), (leader, "decide", {})
    )
    data = {"service_method": "public_notice", "served_on": "2026-03-09"}
    with pytest.raises(TransitionBlocked, match="公告送达的原因"):
        transition(actor=inspector, case=case, action="serve", data=data)
    case = walk(
        case,
        (inspector, "serve", {**data, "short_public_notice": True, "public_notice_reason": "用人单位负责人下落不明"}),
    )
    assert case.service_effective_on == dt.date(2026, 3, 12)
    assert latest(case, "fine_payment").started_on == dt.date(2026, 3, 12)


def test_the_service_period_is_met_on_the_day_of_service_not_the_day_it_is_entered(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """行政处罚法 第六十一条: the decision is served within 7 working days; the day it reached the party counts."""
    case = walk(
        noticed(register, inspector, lead, legal), served_notice(inspector), waived(inspector), (leader, "decide", {})
    )
    with on(dt.date(2026, 3, 20)):
        case = walk(case, (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-11"}))
    assert latest(case, "service").met_on == dt.date(2026, 3, 11)


def test_the_hearing_notice_counts_from_the_day_it_reached_the_employer(
    register: RegisterCase, inspector: User, lead: User, legal: User
) -> None:
    """行政处罚法 第六十四条第一款第（二）项: the party is told 7 days (working days, 第八十五条) before the hearing."""
    case = walk(
        noticed(register, inspector, lead, legal),
        served_notice(inspector),
        (inspector, "request_hearing", {"received_on": "2026-03-09"}),
    )
    data = {"hearing_on": "2026-03-19", "hearing_presider": "lead", "hearing_notice_served_on": "2026-03-11"}
    with on(dt.date(2026, 3, 12)):
        with pytest.raises(TransitionBlocked, match="2026-03-10"):  # 19 → 18, 17, 16, 13, 12, 11, 10
            transition(actor=inspector, case=case, action="schedule_hearing", data=data)
        case = walk(case, (inspector, "schedule_hearing", {**data, "hearing_notice_served_on": "2026-03-10"}))
    assert case.hearing_notified_on == dt.date(2026, 3, 10)


def test_the_complainant_is_told_in_writing_of_an_extension_within_three_working_days(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第四十四条第二款 "属于投诉案件的，应当书面通知投诉人"."""
    case = walk(register(), (lead, "accept", {}), (leader, "extend", {"reason": "涉及人数众多，需进一步核查"}))
    notice = latest(case, "extension_notice_to_complainant")
    assert (notice.state, notice.due_on) == (PeriodState.RUNNING, dt.date(2026, 3, 12))
    case = walk(case, (inspector, "notify_extension", {}))
    assert latest(case, "extension_notice_to_complainant").state == PeriodState.MET


def test_the_complainant_is_told_when_the_filing_is_revoked(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第四十六条第二款: the complainant is told of the 撤销立案."""
    case = walk(register(), (lead, "accept", {}), (leader, "revoke_filing", {"reason": "已申请劳动仲裁"}))
    assert case.state == State.CLOSING_REVIEW
    assert latest(case, "revocation_notice_to_complainant").state == PeriodState.RUNNING
    case = walk(case, (inspector, "notify_revocation", {}))
    assert latest(case, "revocation_notice_to_complainant").state == PeriodState.MET


def test_outside_guangdong_no_suspension_is_offered(
    register: RegisterCase, lead: User, leader: User, settings: Any
) -> None:
    """劳动保障监察条例 第十七条 knows no 中止 (广东省劳动保障监察条例 第四十五条 is Guangdong's own)."""
    settings.FAZHI_JURISDICTION = "CN"
    case = walk(register(), (lead, "accept", {}))
    with pytest.raises(TransitionBlocked, match="不中止计算"):
        transition(actor=leader, case=case, action="suspend", reason="等待鉴定")
    assert not case.periods.filter(state=PeriodState.SUSPENDED).exists()


def test_a_brigade_lead_files_a_complaint_with_squad_inspectors_and_the_case_moves_to_their_squad(
    register: RegisterCase, org: Any, inspector: User, inspector2: User
) -> None:
    """行政处罚法 第四十二条: the two officers named investigate; the case goes where they (and their leads) see it."""
    brigade_lead = make_user("ft_brigade_lead", "赵队", org.futian_brigade, Role.LEAD)
    case = register(unit=org.futian_brigade, handler=None, co_handler=None, actor=brigade_lead)
    case = walk(case, (brigade_lead, "accept", {"assign_handler": "inspector", "assign_co_handler": "inspector2"}))
    assert case.unit == org.futian_squad1
    assert set(case.periods.values_list("unit_id", flat=True)) == {org.futian_squad1.pk}
    case = walk(case, (inspector, "record_investigation", INQUIRY))
    assert case.investigation_records.count() == 1
