"""The anomaly rules, each made to fire and kept quiet. Where the procedure itself refuses the anomaly (a fine outside
the range, a decision without its legal review, …), the firing test writes the faulty row straight into the table, as
data imported from an older system or corrected by hand would arrive."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.accounts.testing import make_user
from fazhi.cases.models import Case, Decision
from fazhi.cases.tests.conftest import LEDGER, RegisterCase, on, walk
from fazhi.documents.models import Document
from fazhi.journal.tests.conftest import Tamper
from fazhi.rules.identifiers import make_credit_code
from fazhi.supervision.tests.conftest import (
    MONDAY,
    alerts_of,
    closed_without_penalty,
    decided,
    investigating,
    penalty_decided,
    proposal,
)

pytestmark = pytest.mark.django_db


def test_a_reviewed_penalty_is_quiet_and_one_decided_without_its_legal_review_is_red(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """行政处罚法 第五十八条: 未经法制审核或者审核未通过的，不得作出决定."""
    case = penalty_decided(register, inspector, lead, legal, leader)
    assert alerts_of("legal_review_missing", case=case) == []
    Case.objects.filter(pk=case.pk).update(legal_review_passed_on=None)
    assert [a.severity for a in alerts_of("legal_review_missing", case=case)] == ["red"]


def test_a_decision_by_the_proposer_fires_and_by_the_leader_is_quiet(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """An internal control (审查与决定相分离); 行政处罚法 第五十七条 gives the decision to the organ's 负责人."""
    case = penalty_decided(register, inspector, lead, legal, leader)
    assert alerts_of("decider_is_proposer", case=case) == []
    Decision.objects.filter(case=case).update(decided_by=inspector)
    assert len(alerts_of("decider_is_proposer", case=case)) == 1


def test_two_certified_handlers_are_quiet_and_a_handler_without_a_certificate_fires(
    register: RegisterCase, inspector: User, lead: User, org: Any
) -> None:
    """行政处罚法 第四十二条: 具有行政执法资格的执法人员，不得少于两人."""
    case = investigating(register, lead)
    assert alerts_of("handlers_not_qualified", case=case) == []
    clerk = make_user("clerk", "吴敏", org.futian_squad1, "inspector", certificate="T-0100")
    User.objects.filter(pk=clerk.pk).update(enforcement_certificate_number="")  # the certificate was withdrawn
    Case.objects.filter(pk=case.pk).update(co_handler=clerk)
    [alert] = alerts_of("handlers_not_qualified", case=case)
    assert "吴敏无执法证" in alert.detail


def test_a_case_investigated_by_one_officer_fires(register: RegisterCase, inspector: User, lead: User) -> None:
    """行政处罚法 第四十二条; 劳动保障监察条例 第十六条: 不得少于2人."""
    case = investigating(register, lead)
    Case.objects.filter(pk=case.pk).update(co_handler=None)
    assert "不足两人" in alerts_of("handlers_not_qualified", case=case)[0].detail


def _document(case: Case, issuer: User, day: dt.date, kind: str) -> None:
    issued = dt.datetime.combine(day, dt.time(15, 0), tzinfo=timezone.get_current_timezone())
    Document(
        case=case, doc_type=kind, number=f"T-{day}", issued_by=issuer, issued_at=issued, pdf=b"%PDF", sha256="0" * 64
    ).save()


def test_a_document_issued_the_day_after_closing_fires_and_one_issued_before_is_quiet(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """行政处罚法 第四十七条 (全过程记录、归档保存): a document after the closing is an internal-control alert."""
    case = closed_without_penalty(register, inspector, lead, leader)
    _document(case, inspector, MONDAY, "closing_approval")
    assert alerts_of("document_after_closing", dt.date(2026, 3, 10), case=case) == []
    _document(case, inspector, dt.date(2026, 3, 10), "penalty_decision")
    assert len(alerts_of("document_after_closing", dt.date(2026, 3, 10), case=case)) == 1
    assert alerts_of("document_after_closing", MONDAY, case=case) == []  # replayed: not yet issued


def test_a_case_that_has_not_moved_for_twenty_working_days_is_idle_unless_suspended(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """劳动保障监察条例 第十四条第二款 (及时立案) and 第十七条; an internal warning, quiet while suspended
    (广东省劳动保障监察条例 第四十五条)."""
    case = register()  # moved last on Monday 03-09
    assert alerts_of("idle_case", dt.date(2026, 4, 3), case=case) == []  # 19 working days later
    [alert] = alerts_of("idle_case", dt.date(2026, 4, 7), case=case)  # the 20th (Qingming: 04-04 to 04-06 off)
    assert alert.since == dt.date(2026, 4, 7)
    walk(case, (lead, "accept", {}), (leader, "suspend", {"reason": "等待仲裁"}))
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now() - dt.timedelta(days=60))
    assert alerts_of("idle_case", dt.date(2026, 4, 7), case=case) == []


def test_three_cases_against_one_employer_closed_without_penalty_fire_and_two_do_not(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """An internal control; 行政处罚法 第三十三条第一款 spares only a first violation."""
    code = make_credit_code(random.Random(7))
    cases = [closed_without_penalty(register, inspector, lead, leader, employer_credit_code=code) for _ in range(2)]
    assert [a for c in cases for a in alerts_of("repeat_without_penalty", case=c)] == []
    third = closed_without_penalty(register, inspector, lead, leader, employer_credit_code=code)
    assert [a.case_id for a in alerts_of("repeat_without_penalty")] == [third.pk]


def test_a_closed_penalty_with_the_fine_unpaid_and_no_enforcement_fires(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """行政处罚法 第七十二条第一款第（四）项; 行政强制法 第五十三条: an unpaid fine goes to the court."""
    case = closed_without_penalty(register, inspector, lead, leader)
    assert alerts_of("unpaid_fine_not_enforced", case=case) == []
    Case.objects.filter(pk=case.pk).update(decision_outcome="penalty", fine_amount=Decimal("10000"))
    assert len(alerts_of("unpaid_fine_not_enforced", case=case)) == 1
    Case.objects.filter(pk=case.pk).update(court_enforcement_applied_on=MONDAY)
    assert alerts_of("unpaid_fine_not_enforced", case=case) == []


def test_an_intact_journal_is_quiet_and_a_changed_entry_is_red(register: RegisterCase, tamper: Tamper) -> None:
    """行政处罚法 第四十七条 (全过程记录); GB/T 22239-2019 8.1.4.3."""
    case = register()
    assert alerts_of("journal_broken") == []
    tamper("UPDATE journal_entry SET after = %s WHERE object_id = %s", ['{"x":1}', str(case.pk)])
    [alert] = alerts_of("journal_broken")
    assert alert.severity == "red"
    assert alert.case_id is None


def test_an_unpaid_fine_enforced_later_is_replayed_as_unenforced_before_that_day(
    register: RegisterCase, inspector: User, lead: User, leader: User
) -> None:
    """行政处罚法 第七十二条第一款第（四）项, replayed from the day of the application."""
    case = closed_without_penalty(register, inspector, lead, leader)
    Case.objects.filter(pk=case.pk).update(
        decision_outcome="penalty", fine_amount=Decimal("10000"), court_enforcement_applied_on=dt.date(2026, 3, 12)
    )
    assert alerts_of("unpaid_fine_not_enforced", case=case) == []  # today: enforced (as the row stands)
    with on(dt.date(2026, 3, 16)):
        assert len(alerts_of("unpaid_fine_not_enforced", dt.date(2026, 3, 11), case=case)) == 1  # replayed
        assert alerts_of("unpaid_fine_not_enforced", dt.date(2026, 3, 12), case=case) == []
        assert alerts_of("unpaid_fine_not_enforced", dt.date(2026, 3, 16), case=case) == []


def test_a_one_officer_case_decided_later_is_replayed_as_undecided_before_its_decision(
    register: RegisterCase, inspector: User, lead: User
) -> None:
    """行政处罚法 第四十二条, replayed from the day of the decision."""
    case = investigating(register, lead)
    Case.objects.filter(pk=case.pk).update(co_handler=None, decided_on=dt.date(2026, 3, 12))
    assert alerts_of("handlers_not_qualified", case=case) == []  # decided, as the row stands
    with on(dt.date(2026, 3, 16)):
        assert len(alerts_of("handlers_not_qualified", dt.date(2026, 3, 11), case=case)) == 1
        assert alerts_of("handlers_not_qualified", dt.date(2026, 3, 12), case=case) == []


def _tiered_penalty(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User, fine: str, reasons: str = ""
) -> Case:
    """A ledger penalty whose facts (harm minor, corrected promptly) select the example standard's 轻微 tier, 2,000 to
    5,600 yuan; decided at `fine` on Monday 03-09."""
    data = {**proposal("penalty", LEDGER, fine), "harm": "minor", "corrected_promptly": True}
    if reasons:
        data["fine_reasons"] = reasons
    case = walk(
        investigating(register, lead),
        (inspector, "propose", data),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
    )
    return decided(case, inspector, leader, fine_amount=fine)


def test_a_fine_inside_the_tier_or_outside_it_with_reasons_is_quiet_and_one_changed_afterwards_fires(
    register: RegisterCase, inspector: User, lead: User, legal: User, leader: User
) -> None:
    """行政处罚法 第三十四条 (裁量基准) and 第五十八条 (a departure with reasons goes to legal review)."""
    inside = _tiered_penalty(register, inspector, lead, legal, leader, "5000")
    decision = Decision.objects.get(case=inside)
    assert (decision.range_min, decision.range_max) == (Decimal("2000.00"), Decimal("5600.00"))
    explained = _tiered_penalty(
        register,
        inspector,
        lead,
        legal,
        leader,
        "9000",
        reasons="当事人拒不配合调查，情节较重，依法在较高幅度内处罚。",
    )
    assert alerts_of("fine_outside_standard", case=inside) == []
    assert alerts_of("fine_outside_standard", case=explained) == []
    Case.objects.filter(pk=inside.pk).update(fine_amount=Decimal("9000.00"))  # changed by hand, no reasons
    [alert] = alerts_of("fine_outside_standard", case=inside)
    assert "9000.00 元" in alert.detail
    assert "2000.00 元至5600.00 元" in alert.detail
    assert alerts_of("fine_outside_standard", dt.date(2026, 3, 6), case=inside) == []  # not yet decided then
