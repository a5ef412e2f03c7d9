"""POST /api/v1/penalties/assess and the published standards: public, answered in yuan with citations and a Chinese
explanation; bad input is a 422 whose message says what is wrong."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.law.actions import load_standard

pytestmark = pytest.mark.django_db


def _assess(client: Client, body: dict[str, Any]) -> Any:
    return client.post("/api/v1/penalties/assess", json.dumps(body), content_type="application/json")


def test_anyone_can_assess_a_fine_per_worker_without_logging_in(client: Client) -> None:
    response = _assess(
        client, {"violation": "lbjc23_1_female_prohibited_work", "facts": {"workers": 3, "harm": "serious"}}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["statutory_min"], body["statutory_max"]) == ("3000.00", "15000.00")
    assert body["tier_label"] == "严重"
    assert (body["fine_min"], body["fine_max"]) == ("12600.00", "15000.00")
    assert body["measures"] == ["责令改正", "罚款"]
    assert body["citations"][0] == {
        "statute": "劳动保障监察条例",
        "article": 23,
        "paragraph": None,
        "item": 1,
        "label": "《劳动保障监察条例》第二十三条第（一）项",
    }
    assert "按受侵害的劳动者 3 人计罚" in body["explanation"]
    assert body["standard_example"] is True


def test_a_csrf_checking_client_may_still_post_to_the_public_calculator() -> None:
    client = Client(enforce_csrf_checks=True)
    response = _assess(client, {"violation": "gdjc49_no_ledger"})
    assert response.status_code == 200


def test_a_harmless_promptly_corrected_violation_answers_no_penalty(client: Client) -> None:
    body = _assess(
        client, {"violation": "gdjc49_no_ledger", "facts": {"harm": "none", "corrected_promptly": True}}
    ).json()
    assert body["outcome"] == "no_penalty"
    assert body["fine_min"] is None
    assert any(c["article"] == 33 for c in body["citations"])


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"violation": "no_such_code"}, "未知的违法行为代码“no_such_code”"),
        ({"violation": "lbjc23_1_female_prohibited_work"}, "受侵害的劳动者人数"),
        ({"violation": "lbjc23_1_female_prohibited_work", "facts": {"workers": -2}}, "facts.workers：数值太小"),
        ({"violation": "gdjc49_no_ledger", "facts": {"colour": "red"}}, "facts.colour：不是可用的字段"),
        ({"violation": "gdjc49_no_ledger", "facts": {"first_violation": True, "repeat_within_year": True}}, "矛盾"),
        ({"violation": "sbf86_2_arrears_fine", "facts": {}}, "base_amount）须填写"),
    ],
)
def test_bad_input_gets_a_422_that_says_what_is_wrong(client: Client, body: dict[str, Any], says: str) -> None:
    response = _assess(client, body)
    assert response.status_code == 422
    assert says in response.json()["message"]


def test_the_bureaus_loaded_standard_replaces_the_example_from_its_effective_day(client: Client, legal: User) -> None:
    text = "code,tier,when,fine_min,fine_max,facts\ngdjc49_no_ledger,一般,,3000,6000,其他情形\n"
    load_standard(
        actor=legal, text=text, source_name="本局.csv", name="本局裁量基准", effective_from=dt.date(2025, 1, 1)
    )
    facts = {"harm": "moderate"}
    before = _assess(client, {"violation": "gdjc49_no_ledger", "facts": facts, "decided_on": "2024-12-31"}).json()
    after = _assess(client, {"violation": "gdjc49_no_ledger", "facts": facts, "decided_on": "2025-01-02"}).json()
    assert before["standard_example"] is True
    assert (after["standard_name"], after["fine_min"], after["fine_max"]) == ("本局裁量基准", "3000.00", "6000.00")
    listing = client.get("/api/v1/penalties/standards").json()
    assert [s["example"] for s in listing] == [True, False]


def test_a_violation_shows_its_basis_tiers_and_power(client: Client) -> None:
    body = client.get("/api/v1/penalties/violations/lbjc30_1_obstruct_inspection").json()
    assert body["basis"] == "劳动保障监察条例 第三十条第一款第（一）项"
    assert [t["label"] for t in body["tiers"]] == ["严重", "较重", "轻微", "一般"]
    assert body["power"] == "CF-01"
    assert client.get("/api/v1/penalties/violations/nope").status_code == 404


def test_the_powers_list_is_public(client: Client) -> None:
    powers = client.get("/api/v1/penalties/powers").json()
    assert {"行政处罚", "行政检查", "行政强制", "行政处理"} <= {p["type"] for p in powers}


def test_the_calculator_is_in_the_openapi_document(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/penalties/assess" in paths
    assert "post" in paths["/api/v1/penalties/assess"]


def test_a_retired_code_answers_with_its_replacement_at_the_laws_range(client: Client) -> None:
    """Codes are never renamed (product guide); 劳动合同法实施条例 第三十五条 is governed by 劳动合同法 第九十二条第二款
    (每人五千元以上一万元以下, legal review A8)."""
    body = _assess(client, {"violation": "ldhtsstl35_user_unit_dispatch", "facts": {"workers": 3}}).json()
    assert (body["violation"], body["requested_violation"]) == (
        "ldht92_2_dispatch_violation",
        "ldhtsstl35_user_unit_dispatch",
    )
    assert (body["statutory_min"], body["statutory_max"]) == ("15000.00", "30000.00")
    assert body["needs_prior_order"] is True  # 第九十二条第二款: 逾期不改正的
    assert "已停用" in body["explanation"]
    detail = client.get("/api/v1/penalties/violations/ldhtsstl35_user_unit_dispatch").json()
    assert detail["replaced_by"] == "ldht92_2_dispatch_violation"


def test_a_current_code_answers_as_before_with_the_added_fields(client: Client) -> None:
    body = _assess(client, {"violation": "lbjc25_overtime_excess", "facts": {"workers": 2}}).json()
    assert body["requested_violation"] == body["violation"] == "lbjc25_overtime_excess"
    # 劳动保障监察条例 第二十五条: 给予警告，责令限期改正，并可以…罚款.
    assert body["measure_kinds"] == ["order_correction", "warning", "fine"]
    assert body["mandatory_measures"] == ["warning"]
    assert (body["may_reduce"], body["needs_prior_order"]) == (False, False)


def test_a_harmful_safety_violation_is_assessed_within_five_years(client: Client) -> None:
    """行政处罚法 第三十六条第一款: 涉及公民生命健康安全…且有危害后果的，延长至五年."""
    facts = {
        "workers": 1,
        "harm": "serious",
        "safety_related": True,
        "occurred_on": "2023-01-01",
        "discovered_on": "2025-06-01",
    }
    body = _assess(
        client, {"violation": "lbjc23_7_minor_prohibited_work", "facts": facts, "decided_on": "2025-06-10"}
    ).json()
    assert body["outcome"] == "penalty"


def test_a_mediation_ground_of_guangdong_article_42_allows_a_reduced_fine(client: Client) -> None:
    """广东省劳动保障监察条例 第四十二条第三款: 从轻或者减轻; 行政处罚法 第三十二条第（五）项."""
    body = _assess(client, {"violation": "gdjc49_no_ledger", "facts": {"mitigation": ["mediated_agreed"]}}).json()
    assert body["may_reduce"] is True
    assert any(c["statute"] == "广东省劳动保障监察条例" and c["article"] == 42 for c in body["citations"])


PUBLISHED_SHAPE = Path(__file__).resolve().parents[2] / "rules" / "tests" / "data" / "published_shape_standard.csv"


@pytest.fixture
def published_shape(legal: User) -> None:
    """The test set shaped like the bureaus' published tables (fazhi/rules/tests/data), in force from 2025."""
    load_standard(
        actor=legal,
        text=PUBLISHED_SHAPE.read_text(encoding="utf-8"),
        source_name=PUBLISHED_SHAPE.name,
        name="本局行政处罚裁量基准（测试用）",
        effective_from=dt.date(2025, 1, 1),
    )


def test_a_standard_tiered_by_workers_answers_its_tier_without_any_harm_per_article_thirty_four(
    client: Client, published_shape: None
) -> None:
    body = _assess(client, {"violation": "lbjc30_1_obstruct_inspection", "facts": {"workers": 12}}).json()
    assert (body["tier_label"], body["fine_min"], body["fine_max"]) == ("一般", "5000.00", "10000.00")
    assert (body["needs"], body["tier_description"], body["tier_outcome"]) == (
        [],
        "受侵害劳动者 11 至 30 人",
        "penalty",
    )
    assert body["tier_facts"] == "涉及劳动者11人以上30人以下的"
    assert "facts" not in body or "harm" not in body["facts"]


def test_the_answer_names_the_facts_the_tiers_wait_for_per_article_thirty_four(
    client: Client, published_shape: None
) -> None:
    body = _assess(client, {"violation": "lbjc30_3_refuse_correction", "facts": {"amount_owed": "20000"}}).json()
    assert body["tier"] is None
    assert body["needs"] == [{"fact": "duration_months", "label": "违法行为持续的月数"}]
    assert (body["fine_min"], body["fine_max"]) == ("2000.00", "20000.00")
    lasted = {"amount_owed": "20000", "occurred_on": "2025-01-01", "ended_on": "2025-04-15"}
    body = _assess(client, {"violation": "lbjc30_3_refuse_correction", "facts": lasted}).json()
    assert (body["tier_label"], body["fine_min"], body["fine_max"]) == ("一般", "5000.00", "10000.00")


def test_the_first_violation_corrected_in_time_answers_no_penalty_per_article_thirty_three(
    client: Client, published_shape: None
) -> None:
    facts = {"first_violation": True, "corrected_in_time": True, "workers": 40}
    body = _assess(client, {"violation": "gdjc49_no_ledger", "facts": facts}).json()
    assert (body["outcome"], body["tier_outcome"], body["fine_max"]) == ("no_penalty", "no_penalty", None)
    assert {"article": 33, "paragraph": 1} in [
        {"article": c["article"], "paragraph": c["paragraph"]} for c in body["citations"]
    ]
    # Until correction in time is known, the 不予处罚 row waits; were it not corrected, the workers would choose.
    waiting = _assess(client, {"violation": "gdjc49_no_ledger", "facts": {"first_violation": True}}).json()
    assert [need["fact"] for need in waiting["needs"]] == ["corrected_in_time", "workers"]


def test_the_reduced_row_answers_a_range_below_the_minimum_per_article_thirty_two(
    client: Client, published_shape: None
) -> None:
    facts = {"mitigation": ["confessed"], "corrected_in_time": True}
    body = _assess(client, {"violation": "gdjc49_no_ledger", "facts": facts}).json()
    assert (body["tier_outcome"], body["fine_min"], body["fine_max"]) == ("reduced", "1000.00", "2000.00")
    assert (body["statutory_min"], body["may_reduce"]) == ("2000.00", True)


def test_a_warning_only_tier_answers_its_measures_and_no_fine_per_article_thirty_four(
    client: Client, published_shape: None
) -> None:
    facts = {"workers": 3, "corrected_in_time": True}
    body = _assess(client, {"violation": "lbjc25_overtime_excess", "facts": facts}).json()
    assert (body["tier_measures"], body["fine_allowed"], body["fine_max"]) == (["warning"], False, None)
    assert body["measures"] == ["责令改正", "警告"]
    detail = client.get("/api/v1/penalties/violations/lbjc25_overtime_excess").json()
    assert [(t["label"], t["outcome"], t["measures"]) for t in detail["tiers"]][:2] == [
        ("轻微", "penalty", ["warning"]),
        ("一般", "penalty", ["warning", "fine"]),
    ]
    assert detail["tiers"][0]["description"] == "受侵害劳动者 10 人以下，在责令改正期限内改正"


def test_the_new_facts_are_validated_with_a_422(client: Client) -> None:
    body = {"violation": "gdjc49_no_ledger", "facts": {"first_violation": True, "earlier_violations": 2}}
    response = _assess(client, body)
    assert response.status_code == 422
    assert "与“初次违法”矛盾" in response.json()["message"]
    assert _assess(client, {"violation": "gdjc49_no_ledger", "facts": {"amount_owed": -1}}).status_code == 422
