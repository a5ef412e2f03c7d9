"""The proposal and the decision use the penalty calculator: a fine outside the standard's range needs written reasons
and sends the case to legal review; the decision keeps the version, tier, range and citations it applied; unpaid
wages above the crime threshold after the order are flagged for the police; a case shows the powers it exercises."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.cases.actions import TransitionBlocked, WorkerInput, transition
from fazhi.cases.assessment import crime_transfer_flag, powers_of_case
from fazhi.cases.models import Case, Decision
from fazhi.cases.procedure.proposal import needs_legal_review
from fazhi.cases.tests.conftest import LEDGER, RegisterCase, proposal, served_notice, waived, walk
from fazhi.cases.workflow import State

pytestmark = pytest.mark.django_db


def _investigating(register: RegisterCase, inspector: User, lead: User, **overrides: Any) -> Case:
    """A complaint the lead accepted, and so filed (广东省劳动保障监察条例 第三十六条第一款)."""
    return walk(register(**overrides), (lead, "accept", {}))


def _penalty(fine: str, **facts: Any) -> dict[str, Any]:
    return proposal("penalty", LEDGER, fine, proposal="台账。", **facts)


def test_a_fine_outside_the_tier_is_stopped_without_reasons_and_shows_the_range(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    case = _investigating(register, inspector, lead)
    # 一般 tier of the example for 2,000–20,000: 5,600–11,000.
    with pytest.raises(TransitionBlocked, match=r"超出裁量幅度（5600\.00 元至 11000\.00 元），须写明理由") as blocked:
        transition(actor=inspector, case=case, action="propose", data=_penalty("15000", harm="moderate"))
    assert "属“一般”阶次" in blocked.value.message


def test_a_fine_outside_the_tier_with_reasons_goes_to_legal_review(
    register: RegisterCase, inspector: User, lead: User, settings: Any
) -> None:
    settings.FAZHI_LEGAL_REVIEW_OUTCOMES = []
    case = _investigating(register, inspector, lead)
    reasons = "拒不配合调查，多次催告仍未建立台账。"
    case = walk(case, (inspector, "propose", _penalty("15000", harm="moderate", fine_reasons=reasons)))
    assert case.fine_reasons == reasons
    assert (case.assessment["tier_label"], case.assessment["fine_max"]) == ("一般", "11000.00")
    assert needs_legal_review(case)
    with pytest.raises(TransitionBlocked, match="须先经法制审核"):
        transition(actor=lead, case=case, action="approve_proposal_to_notice")


def test_a_fine_inside_the_tier_keeps_no_reasons_and_needs_no_extra_review(
    register: RegisterCase, inspector: User, lead: User, settings: Any
) -> None:
    settings.FAZHI_LEGAL_REVIEW_OUTCOMES = []
    case = _investigating(register, inspector, lead)
    case = walk(case, (inspector, "propose", _penalty("8000", harm="moderate", fine_reasons="无")))
    assert case.fine_reasons == ""
    assert not needs_legal_review(case)


def test_reasons_never_open_the_statutory_range(register: RegisterCase, inspector: User, lead: User) -> None:
    case = _investigating(register, inspector, lead)
    with pytest.raises(TransitionBlocked, match=r"法定最高额 20000\.00 元.*法定幅度 2000\.00 元至 ?20000\.00 元"):
        transition(actor=inspector, case=case, action="propose", data=_penalty("25000", fine_reasons="情节特别严重"))


def test_no_fine_may_be_proposed_for_a_harmless_violation_promptly_corrected(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    case = _investigating(register, inspector, lead)
    facts = {"harm": "none", "corrected_promptly": "on"}
    with pytest.raises(TransitionBlocked, match="不予行政处罚"):
        transition(actor=inspector, case=case, action="propose", data=_penalty("3000", **facts))


def test_the_decision_keeps_the_standard_tier_range_and_citations_it_applied(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    case = walk(
        _investigating(register, inspector, lead),
        (inspector, "propose", _penalty("9000", harm="moderate")),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", {"fine_amount": "9000.00"}),
    )
    applied = Decision.objects.get(case=case).assessment
    assert (applied["standard"], applied["tier"], applied["fine_min"], applied["fine_max"]) == (
        "example",
        "general",
        "5600.00",
        "11000.00",
    )
    assert applied["decided_fine"] == "9000.00"
    assert {"statute": "广东省劳动保障监察条例", "article": 49} in [
        {"statute": c["statute"], "article": c["article"]} for c in applied["citations"]
    ]


def test_wages_above_the_threshold_unpaid_after_the_order_are_flagged_for_the_police(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    worker = WorkerInput(
        name="王小明",
        amount_owed=Decimal("25000.00"),
        period_start=dt.date(2025, 9, 1),
        period_end=dt.date(2025, 12, 31),
    )
    case = register(workers=[worker])
    assert crime_transfer_flag(case, dt.date(2026, 3, 2)) == ""  # not yet ordered
    case.decision_outcome, case.comply_by = "handling_decision", dt.date(2026, 3, 20)
    assert crime_transfer_flag(case, dt.date(2026, 3, 20)) == ""  # the deadline has not passed
    flag = crime_transfer_flag(case, dt.date(2026, 3, 21))
    assert "4 个月的劳动报酬 25000.00 元" in flag
    assert "移送公安机关" in flag


def test_wages_below_the_threshold_are_not_flagged(register: RegisterCase) -> None:
    case = register()  # 12,000 and 9,500.50 yuan, periods unknown
    case.decision_outcome, case.comply_by = "handling_decision", dt.date(2026, 3, 20)
    assert crime_transfer_flag(case, dt.date(2026, 4, 1)) == ""


def test_a_case_shows_the_powers_it_exercises(
    register: RegisterCase, inspector: User, lead: User, client: Client
) -> None:
    case = walk(_investigating(register, inspector, lead), (inspector, "propose", _penalty("9000", harm="moderate")))
    assert case.state == State.PROPOSAL_REVIEW
    assert [p.code for p in powers_of_case(case)] == ["JC-01", "CF-05"]
    client.force_login(inspector)
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "CF-05" in page
    assert "裁量幅度" in page
    assert "5600.00 元至 11000.00 元" in page
