"""A bureau's standard shaped like the published tables, in a case (行政处罚法 第三十二、三十三、三十四条): the proposal
asks only the facts the standard names and takes what the case records; a tier tiered by workers applies without any
harm stated; the 不予处罚 row and the 减轻 row go through the legal review (第五十八条) to the decision, which keeps
the standard and tier it applied."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.cases import assessment
from fazhi.cases.actions import TransitionBlocked, transition
from fazhi.cases.models import Case, Decision
from fazhi.cases.procedure.proposal import needs_legal_review
from fazhi.cases.tests.conftest import LEDGER, RegisterCase, proposal, served_notice, waived, walk
from fazhi.cases.workflow import State
from fazhi.law.actions import load_standard
from fazhi.rules.facts import FactsError

pytestmark = pytest.mark.django_db

PUBLISHED_SHAPE = Path(__file__).resolve().parents[2] / "rules" / "tests" / "data" / "published_shape_standard.csv"
STANDARD_NAME = "本局行政处罚裁量基准（测试用）"


@pytest.fixture
def published_shape(legal: User) -> None:
    load_standard(
        actor=legal,
        text=PUBLISHED_SHAPE.read_text(encoding="utf-8"),
        source_name=PUBLISHED_SHAPE.name,
        name=STANDARD_NAME,
        effective_from=dt.date(2025, 1, 1),
    )


@pytest.fixture
def investigating(register: RegisterCase, lead: User) -> Case:
    """A filed complaint about an employer with two workers owed 21,500.50 yuan (conftest's `register`)."""
    return walk(register(), (lead, "accept", {}))


@pytest.fixture
def no_review_of_every_penalty(settings: Any) -> None:
    """The bureau reviews only what the law and its list require (行政处罚法 第五十八条), not every penalty."""
    settings.FAZHI_LEGAL_REVIEW_OUTCOMES = []


def test_the_workers_on_file_choose_the_tier_without_any_harm_stated_per_article_thirty_four(
    investigating: Case, inspector: User, published_shape: None, no_review_of_every_penalty: None
) -> None:
    with pytest.raises(TransitionBlocked, match=r"超出裁量幅度（2000\.00 元至 8000\.00 元）"):
        transition(actor=inspector, case=investigating, action="propose", data=proposal("penalty", LEDGER, "9000"))
    case = walk(investigating, (inspector, "propose", proposal("penalty", LEDGER, "6000")))
    saved = case.assessment
    assert (saved["standard_name"], saved["tier_label"], saved["fine_min"], saved["fine_max"]) == (
        STANDARD_NAME,
        "一般",
        "2000.00",
        "8000.00",
    )
    assert (saved["facts"]["workers"], saved["needs"], "harm" in saved["facts"]) == (2, [], False)
    assert not needs_legal_review(case)


def test_a_first_violation_corrected_in_time_is_proposed_unpunished_and_legally_reviewed_per_article_thirty_three(
    investigating: Case,
    inspector: User,
    lead: User,
    legal: User,
    leader: User,
    published_shape: None,
    no_review_of_every_penalty: None,
) -> None:
    waiver = proposal("no_penalty", LEDGER, None, first_violation="on", corrected_in_time="yes")
    case = walk(investigating, (inspector, "propose", waiver))
    saved = case.assessment
    assert (saved["outcome"], saved["tier_outcome"], saved["needs_legal_review"]) == ("no_penalty", "no_penalty", True)
    assert {"statute": "行政处罚法", "article": 33, "paragraph": 1} in [
        {k: c[k] for k in ("statute", "article", "paragraph")} for c in saved["citations"]
    ]
    assert needs_legal_review(case)
    with pytest.raises(TransitionBlocked, match="须先经法制审核"):
        transition(actor=lead, case=case, action="approve_proposal_to_notice")
    case = walk(
        case,
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", {"decision_outcome": "no_penalty"}),
    )
    applied = Decision.objects.get(case=case).assessment
    assert (applied["outcome"], applied["standard_name"], applied["tier_label"]) == (
        "no_penalty",
        STANDARD_NAME,
        "轻微（不予行政处罚）",
    )
    assert case.legal_review_passed_on is not None


def test_a_reduced_fine_on_the_standards_reduced_row_needs_reasons_and_the_legal_review_per_article_thirty_two(
    investigating: Case, inspector: User, lead: User, published_shape: None, no_review_of_every_penalty: None
) -> None:
    facts = {"mitigation": "confessed", "corrected_in_time": "yes"}
    with pytest.raises(TransitionBlocked, match="属减轻处罚，须书面写明理由"):
        transition(
            actor=inspector, case=investigating, action="propose", data=proposal("penalty", LEDGER, "1500", **facts)
        )
    reasons = "当事人主动供述本局尚未掌握的违法行为，并在责令改正期限内建立台账。"
    case = walk(
        investigating, (inspector, "propose", proposal("penalty", LEDGER, "1500", fine_reasons=reasons, **facts))
    )
    saved = case.assessment
    assert (saved["tier_outcome"], saved["fine_min"], saved["fine_max"]) == ("reduced", "1000.00", "2000.00")
    assert (saved["below_minimum"], case.fine_reasons) == (True, reasons)
    assert needs_legal_review(case)
    with pytest.raises(TransitionBlocked, match="须先经法制审核"):
        transition(actor=lead, case=case, action="approve_proposal_to_notice")
    assert walk(case, (lead, "approve_proposal", {})).state == State.LEGAL_REVIEW


def test_a_first_violation_whose_correction_is_not_yet_known_waits_for_it_per_article_thirty_three(
    investigating: Case, inspector: User, published_shape: None, no_review_of_every_penalty: None
) -> None:
    case = walk(investigating, (inspector, "propose", proposal("penalty", LEDGER, "6000", first_violation="on")))
    assert case.assessment["tier"] is None
    assert [need["fact"] for need in case.assessment["needs"]] == ["corrected_in_time"]
    assert "未认定在责令改正期限内改正" in case.assessment["explanation"]


def test_the_proposal_asks_only_the_facts_the_standard_names_prefilled_from_the_case_per_article_thirty_four(
    client: Client, investigating: Case, inspector: User, legal: User
) -> None:
    client.force_login(inspector)
    page = client.get(reverse("cases:detail", args=[investigating.pk])).content.decode()
    assert 'name="propose-amount_owed"' not in page  # the example set names only the harm and the correction
    assert 'name="propose-corrected_in_time"' not in page
    load_standard(
        actor=legal,
        text=PUBLISHED_SHAPE.read_text(encoding="utf-8"),
        source_name=PUBLISHED_SHAPE.name,
        name=STANDARD_NAME,
        effective_from=dt.date(2025, 1, 1),
    )
    page = client.get(reverse("cases:detail", args=[investigating.pk])).content.decode()
    assert 'name="propose-amount_owed" value="21500.50"' in page
    assert 'name="propose-workers" value="2"' in page
    assert 'name="propose-corrected_in_time"' in page
    assert 'name="propose-earlier_violations"' in page


def test_what_the_case_records_wins_over_a_contradicting_proposal_per_article_thirty_four(
    investigating: Case,
) -> None:
    """The verification of the order (劳动保障监察条例 第十八条) says whether it was met in time; the file says how
    many earlier violations there were, and the proposal may not state fewer."""
    Case.objects.filter(pk=investigating.pk).update(corrected=False)
    investigating.refresh_from_db()
    with pytest.raises(FactsError) as error:
        assessment.facts_for(investigating, {"corrected_in_time": "yes"}, LEDGER)
    assert "与复查记录（逾期未改正）不符" in error.value.problems["corrected_in_time"]
    facts = assessment.facts_for(investigating, {}, LEDGER)
    assert (facts.corrected_in_time, facts.earlier_violations, facts.amount_owed) == (
        False,
        0,
        Decimal("21500.50"),
    )
