"""The remedies API (/api/v1/remedies/): register, read and take steps through the same actions as the staff pages;
scope answers 404; bad input answers 422 in Chinese; refusals 403; and generated requests never get a 500 or an
answer the OpenAPI document does not describe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from fazhi.accounts.models import User
from fazhi.api.tests.helpers import api_client, bearer, token_for
from fazhi.api.tests.test_fuzz import _check, _keep_the_test_connection, schema
from fazhi.cases.models import Case
from fazhi.journal.models import Entry
from fazhi.remedies.models import Reconsideration

from .conftest import COPY, D, on, reconsider, sue

__all__ = ["_keep_the_test_connection"]
pytestmark = pytest.mark.django_db

BODY = {
    "applicant": "深圳市福田区华强电子有限公司",
    "applied_on": "2026-03-20",
    "accepted_on": "2026-03-25",
    "copy_received_on": "2026-03-27",
}


def test_registering_through_the_api_opens_the_answer_period(decided: Case, legal: User) -> None:
    with on(COPY):
        response = api_client(legal).post(
            "/api/v1/remedies/reconsiderations", {"case": decided.pk, **BODY}, content_type="application/json"
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organ"] == "深圳市福田区人民政府"
    assert [(p["code"], p["due_on"]) for p in body["periods"]] == [("reconsideration_answer", "2026-04-13")]
    assert "record_discussion" in body["steps"]


def test_a_step_through_the_api_and_its_problems_in_chinese(decided: Case, legal: User) -> None:
    record = reconsider(legal, decided)
    url = f"/api/v1/remedies/reconsiderations/{record.pk}/steps/record_discussion"
    with on(D(2026, 3, 31)):
        bad = api_client(legal).post(url, {"discussed_on": "2026-03-31"}, content_type="application/json")
        assert bad.status_code == 422
        assert "请填写集体讨论纪要" in bad.json()["message"]
        good = api_client(legal).post(
            url, {"discussed_on": "2026-03-31", "minutes": "同意答复。"}, content_type="application/json"
        )
    assert good.status_code == 200
    assert good.json()["discussed_on"] == "2026-03-31"


def test_a_malformed_date_is_refused_in_chinese(decided: Case, legal: User) -> None:
    with on(COPY):
        response = api_client(legal).post(
            "/api/v1/remedies/reconsiderations",
            {"case": decided.pk, **BODY, "applied_on": "三月二十日"},
            content_type="application/json",
        )
    assert response.status_code == 422
    assert "不是有效的日期" in response.json()["message"]


def test_another_district_gets_404_and_a_wrong_role_403_journaled(
    decided: Case, legal: User, inspector: User, nanshan_legal: User
) -> None:
    record = reconsider(legal, decided)
    with on(D(2026, 3, 31)):
        assert api_client(nanshan_legal).get(f"/api/v1/remedies/reconsiderations/{record.pk}").status_code == 404
        assert api_client(nanshan_legal).get("/api/v1/remedies/reconsiderations").json() == []
        response = api_client(inspector).post(
            f"/api/v1/remedies/reconsiderations/{record.pk}/steps/record_discussion",
            {"discussed_on": "2026-03-31", "minutes": "讨论"},
            content_type="application/json",
        )
    assert response.status_code == 403
    assert Entry.objects.filter(action="remedies.reconsideration.record_discussion", outcome="refused").exists()
    assert Reconsideration.objects.get().discussed_on is None


@pytest.fixture
def remedy_caller(decided: Case, legal: User) -> Iterator[tuple[dict[str, str], list[int]]]:
    """The legal reviewer's bearer header and the ids of a reconsideration and a lawsuit in scope."""
    record = reconsider(legal, decided)
    suit = sue(legal, decided)
    with on(D(2026, 5, 8)):
        yield bearer(token_for(legal, name="fuzz")), [record.pk, suit.pk, decided.pk]


@schema.include(path_regex="^/api/v1/remedies").parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_legal_reviewer_gets_no_500_or_undocumented_answer_from_the_remedies_endpoints(
    case: schemathesis.Case[Any], remedy_caller: tuple[dict[str, str], list[int]]
) -> None:
    headers, ids = remedy_caller
    generated = case.path_parameters.get("id") if case.path_parameters else None
    if isinstance(generated, int) and not isinstance(generated, bool) and 0 < generated < 1000:
        assert case.path_parameters is not None
        case.path_parameters["id"] = ids[generated % 2]
    body = case.body
    target = body.get("case") if isinstance(body, dict) else None
    if isinstance(body, dict) and isinstance(target, int) and not isinstance(target, bool) and 0 < target < 1000:
        body["case"] = ids[2]
    _check(case, headers)
