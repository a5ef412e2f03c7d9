"""The penalty calculator in a case (legal review A7, A8, B1, B2, B11, C5): the case's dates and the proposal's facts
reach the calculator; the repeat within a year is tested on the day the new violation occurred against violations of
the same kind; a first violation is checked against the file; other norms of the same act are weighed."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest

from fazhi.accounts.models import User
from fazhi.cases import assessment
from fazhi.cases.models import Case, Decision
from fazhi.cases.tests.conftest import RegisterCase
from fazhi.law.actions import load_standard
from fazhi.rules.identifiers import make_credit_code
from fazhi.rules.penalties import Outcome
from fazhi.rules.periods import Citation

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2026, 3, 9)
CREDIT_CODE = make_credit_code(random.Random(7))  # the employer of every case here, unless a test names another
OTHER_EMPLOYER = make_credit_code(random.Random(8))
OVERTIME = "lbjc25_overtime_excess"  # 劳动保障监察条例 第二十五条
LEDGER = "gdjc49_no_ledger"  # 广东省劳动保障监察条例 第四十九条: 2,000–20,000 yuan


@pytest.fixture
def employer_case(register: RegisterCase) -> Any:
    def make(code: str = "", credit_code: str = CREDIT_CODE, **dates: dt.date) -> Case:
        case = register(employer_credit_code=credit_code)
        Case.objects.filter(pk=case.pk).update(violation_code=code, **dates)
        case.refresh_from_db()
        return case

    return make


def decided(case: Case, leader: User, outcome: str, on: dt.date) -> Decision:
    """An earlier decision on file (the procedure that leads to it is tested in test_hearing_and_decision.py)."""
    return Decision.objects.create(case=case, outcome=outcome, decided_by=leader, decided_on=on)


# --- A7, B11: the repeat within a year (广东省劳动保障监察条例 第五十三条) -------------------------------------------


def test_a_repeat_is_tested_on_the_day_the_new_violation_occurred_per_guangdong_article_53(employer_case, leader):
    """第五十三条 "作出行政处罚决定后，在一年内又发生": an act before the earlier decision is no repeat, even when the
    case is received within the year (legal review A7)."""
    earlier = employer_case(OVERTIME)
    decided(earlier, leader, "penalty", D(2025, 6, 1))
    case = employer_case()
    assert assessment.repeat_offender(case, OVERTIME, D(2026, 1, 10))
    assert not assessment.repeat_offender(case, OVERTIME, D(2025, 5, 30))
    assert not assessment.repeat_offender(case, OVERTIME, D(2026, 6, 2))  # past the year


def test_a_violation_of_the_same_kind_under_another_article_is_a_repeat_per_guangdong_article_53(employer_case, leader):
    """第五十三条 "同类违法行为": overtime under 劳动法 第九十条 and 劳动保障监察条例 第二十五条 are one kind;
    obstruction under 广东省劳动保障监察条例 第五十二条 and 劳动保障监察条例 第三十条 too (legal review B11)."""
    decided(employer_case("ldf90_overtime"), leader, "penalty", D(2025, 6, 1))
    decided(employer_case("gdjc52_1_obstruct"), leader, "penalty", D(2025, 6, 1))
    case = employer_case()
    assert assessment.repeat_offender(case, OVERTIME, D(2025, 9, 1))
    assert assessment.repeat_offender(case, "lbjc30_1_obstruct_inspection", D(2025, 9, 1))
    assert not assessment.repeat_offender(case, LEDGER, D(2025, 9, 1))


def test_only_a_penalty_of_the_same_employer_counts_per_guangdong_article_53(employer_case, leader):
    decided(employer_case(OVERTIME, credit_code=OTHER_EMPLOYER), leader, "penalty", D(2025, 6, 1))
    decided(employer_case(OVERTIME), leader, "rectification", D(2025, 6, 1))  # an order to correct is no penalty
    assert not assessment.repeat_offender(employer_case(), OVERTIME, D(2025, 9, 1))


def test_the_proposal_facts_carry_the_repeat_found_on_the_occurrence_date_per_guangdong_article_53(
    employer_case, leader
):
    decided(employer_case("ldf90_overtime"), leader, "penalty", D(2025, 6, 1))
    case = employer_case(occurred_on=D(2025, 8, 1))
    facts = assessment.facts_for(case, {"workers": 2, "first_violation": True}, OVERTIME)
    assert facts.repeat_within_year
    assert not facts.first_violation


# --- C5: first violation against the file (行政处罚法 第三十三条第一款) --------------------------------------------


def test_a_first_violation_is_dropped_when_the_file_shows_an_earlier_one_per_article_33(employer_case, leader):
    """行政处罚法 第三十三条第一款 "初次违法": an earlier order to correct a violation of the same kind, even three
    years back and without a penalty, contradicts it (legal review C5)."""
    decided(employer_case("ldhtsstl33_no_roster"), leader, "rectification", D(2023, 1, 5))
    case = employer_case(occurred_on=D(2026, 1, 1))
    assert not assessment.first_violation_on_file(case, LEDGER, D(2026, 1, 1))
    assert assessment.earlier_violations_on_file(case, LEDGER, D(2026, 1, 1)) == [D(2023, 1, 5)]
    facts = assessment.facts_for(case, {"first_violation": True, "harm": "minor"}, LEDGER)
    assert not facts.first_violation


def test_a_first_violation_stands_when_the_file_is_clean_per_article_33(employer_case, leader):
    decided(employer_case(OVERTIME), leader, "penalty", D(2023, 1, 5))  # another kind
    case = employer_case(occurred_on=D(2026, 1, 1))
    assert assessment.first_violation_on_file(case, LEDGER, D(2026, 1, 1))
    facts = assessment.facts_for(case, {"first_violation": True, "harm": "minor"}, LEDGER)
    assert facts.first_violation


# --- B1: the case's dates and the proposal's facts reach the calculator ----------------------------------------------


def test_the_case_dates_bar_a_violation_undiscovered_for_two_years_per_article_36(employer_case):
    """劳动保障监察条例 第二十条; 行政处罚法 第三十六条: received 2026-03-02, occurred 2023-06-01."""
    case = employer_case(occurred_on=D(2023, 6, 1))
    result = assessment.assess_proposal(case, {"violation_code": LEDGER}, TODAY)
    assert not isinstance(result, str)
    assert result.outcome is Outcome.TIME_BARRED
    assert (result.facts.occurred_on, result.facts.discovered_on) == (D(2023, 6, 1), D(2026, 3, 2))


def test_a_continuing_violation_counts_from_the_day_it_ended_per_article_36(employer_case):
    case = employer_case(occurred_on=D(2023, 6, 1), violation_ended_on=D(2025, 1, 1))
    result = assessment.assess_proposal(case, {"violation_code": LEDGER}, TODAY)
    assert not isinstance(result, str)
    assert result.outcome is Outcome.PENALTY
    assert result.facts.ended_on == D(2025, 1, 1)


def test_a_harmful_safety_violation_is_pursued_for_five_years_per_article_36(employer_case):
    """行政处罚法 第三十六条第一款: minors in prohibited work, serious harm, occurred three years before receipt."""
    case = employer_case(occurred_on=D(2023, 1, 1))
    data = {"violation_code": "lbjc23_7_minor_prohibited_work", "workers": 2, "harm": "serious", "safety_related": True}
    result = assessment.assess_proposal(case, data, TODAY)
    assert not isinstance(result, str)
    assert result.outcome is Outcome.PENALTY


def test_a_proven_absence_of_fault_reaches_the_calculator_per_article_33_paragraph_2(employer_case):
    case = employer_case(occurred_on=D(2026, 1, 1))
    result = assessment.assess_proposal(case, {"violation_code": LEDGER, "no_fault": True}, TODAY)
    assert not isinstance(result, str)
    assert result.outcome is Outcome.NO_PENALTY
    assert Citation("行政处罚法", 33, 2) in result.citations


def test_the_standard_in_force_when_the_violation_occurred_applies_per_article_37(employer_case, legal):
    """行政处罚法 第三十七条: the old standard unless the new one is lighter (legal review B1: the case compared the
    decision date's standard with itself)."""
    for since, low, high in ((D(2024, 1, 1), 3000, 8000), (D(2025, 1, 1), 5000, 15000)):
        load_standard(
            actor=legal,
            text=f"code,tier,when,fine_min,fine_max,facts\n{LEDGER},一般,,{low},{high},其他情形\n",
            source_name=f"{since}.csv",
            name=f"{since.year}年裁量基准",
            effective_from=since,
        )
    case = employer_case(occurred_on=D(2024, 6, 1))
    result = assessment.assess_proposal(case, {"violation_code": LEDGER, "harm": "moderate"}, TODAY)
    assert not isinstance(result, str)
    assert result.standard.name == "2024年裁量基准"
    assert (result.fine_min, result.fine_max) == (Decimal("3000.00"), Decimal("8000.00"))


# --- A8: one act, several norms; retired codes ---------------------------------------------------------------------


def test_other_norms_the_act_breaches_are_weighed_and_the_higher_fine_applies_per_article_29(employer_case):
    """行政处罚法 第二十九条: 劳动保障监察条例 第三十条 (2,000–20,000) and 广东省工资支付条例 第五十八条第二款
    (10,000–50,000)."""
    case = employer_case(occurred_on=D(2026, 1, 1))
    data = {"violation_code": "lbjc30_1_obstruct_inspection", assessment.ALSO_FIELD: "gdgz58_rep_absent_24h"}
    result = assessment.assess_proposal(case, data, TODAY)
    assert not isinstance(result, str)
    assert result.violation.code == "gdgz58_rep_absent_24h"
    assert Citation("行政处罚法", 29) in result.citations
    bad = assessment.assess_proposal(case, {**data, assessment.ALSO_FIELD: ["nope"]}, TODAY)
    assert bad == "未知的违法行为代码“nope”。"


def test_a_case_under_a_retired_code_is_assessed_under_the_governing_law_per_labour_contract_law_article_92(
    employer_case,
):
    """劳动合同法 第九十二条第二款 (5,000–10,000 per worker) governs 实施条例 第三十五条 (legal review A8)."""
    case = employer_case(occurred_on=D(2026, 1, 1))
    result = assessment.assess_proposal(case, {"violation_code": "ldhtsstl35_user_unit_dispatch", "workers": 3}, TODAY)
    assert not isinstance(result, str)
    assert (result.statutory_min, result.statutory_max) == (Decimal("15000.00"), Decimal("30000.00"))


# --- B2: 减轻处罚 with reasons goes to the legal review ------------------------------------------------------------


def test_a_reduced_fine_with_reasons_is_recorded_for_legal_review_per_article_32(employer_case):
    """行政处罚法 第三十二条 "应当从轻或者减轻": below the 2,000-yuan minimum with a ground and reasons."""
    case = employer_case(occurred_on=D(2026, 1, 1))
    data = {
        "proposed_outcome": "penalty",
        "violation_code": LEDGER,
        "harm": "minor",
        "mitigation": "eliminated_harm",
        "proposed_fine": "1000.00",
        "fine_reasons": "主动补建台账，消除危害后果",
    }
    record, reasons = assessment.proposal_record(case, data, TODAY)
    assert (record["below_minimum"], record["needs_legal_review"], record["may_reduce"]) == (True, True, True)
    assert reasons == "主动补建台账，消除危害后果"
    result = assessment.assess_proposal(case, data, TODAY)
    assert not isinstance(result, str)
    assert assessment.fine_problems(result, Decimal(1000), "") != []
    assert assessment.fine_problems(result, Decimal(1000), data["fine_reasons"]) == []


def test_a_fine_below_the_minimum_without_a_ground_is_refused_per_article_32(employer_case):
    case = employer_case(occurred_on=D(2026, 1, 1))
    result = assessment.assess_proposal(case, {"violation_code": LEDGER, "harm": "minor"}, TODAY)
    assert not isinstance(result, str)
    (problem,) = assessment.fine_problems(result, Decimal(1000), "情节轻微")
    assert "行政处罚法第三十二条" in problem


def test_the_record_names_the_measures_the_article_allows_and_imposes_per_inspection_regulation_article_25(
    employer_case,
):
    """劳动保障监察条例 第二十五条: 警告 (mandatory), 责令限期改正, 可以罚款."""
    case = employer_case(occurred_on=D(2026, 1, 1))
    data = {"proposed_outcome": "penalty", "violation_code": OVERTIME, "workers": 2, "proposed_fine": "400.00"}
    record, _ = assessment.proposal_record(case, data, TODAY)
    assert record["measure_kinds"] == ["order_correction", "warning", "fine"]
    assert record["mandatory_measures"] == ["warning"]
    assert record["needs_prior_order"] is False
    assert record["facts_given"] == {"workers": 2}
