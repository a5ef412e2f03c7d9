"""Schemathesis throws generated requests at every operation of our OpenAPI document: none may answer 500, and every
answer must match the document (status codes, content types, schemas).

Twice: anonymously (the case endpoints answer 401), and as a demo-like inspector with a bearer token, with a few
registered cases that generated case ids are pointed at, so that reads and steps reach real cases.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
import time_machine
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from conftest import Org
from fazhi.accounts.models import User
from fazhi.api.tests.helpers import TODAY, bearer, complaint, token_for
from fazhi.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# Valid requests and invalid ones (wrong types, missing fields, out-of-range values): both must be answered cleanly.
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE], database="none"
)

CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Schemathesis calls the WSGI application itself, not through Django's test client, so each request would end
    with `close_old_connections`, which closes a PostgreSQL connection that is inside the test's transaction (the
    test client disconnects it for the same reason)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _check(case: schemathesis.Case[Any], headers: dict[str, str] | None = None) -> None:
    response = case.call(headers=headers)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
    case.validate_response(response, checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_500_or_an_undocumented_answer(case: schemathesis.Case[Any]) -> None:
    _check(case)


@pytest.fixture
def demo_caller(inspector: User, inspector2: User) -> Iterator[tuple[dict[str, str], list[int]]]:
    """The inspector's bearer header, and the ids of complaints in their squad (on a day inside the holiday data)."""
    with time_machine.travel(TODAY, tick=False):
        ids = [complaint(inspector, handler=inspector, co_handler=inspector2).pk for _ in range(3)]
        yield bearer(token_for(inspector, name="fuzz")), ids


@pytest.mark.django_db
@schema.include(path_regex="^/api/v1/cases").parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_an_authenticated_caller_gets_no_500_or_undocumented_answer_from_the_case_endpoints(
    case: schemathesis.Case[Any], demo_caller: tuple[dict[str, str], list[int]]
) -> None:
    headers, ids = demo_caller
    generated = case.path_parameters.get("id") if case.path_parameters else None
    # Small generated ids are pointed at real cases; the others stay, and answer 404 (or 422 when not an id).
    if isinstance(generated, int) and not isinstance(generated, bool) and 0 < generated < 1000:
        assert case.path_parameters is not None
        case.path_parameters["id"] = ids[generated % len(ids)]
    _check(case, headers)


@pytest.fixture
def suggestion_caller(legal: User, org: Org) -> Iterator[tuple[dict[str, str], list[int]]]:
    """The legal reviewer's bearer header, and the ids of suggestions to the 福田 bureau."""
    from fazhi.suggestions.actions import receive_suggestion

    with time_machine.travel(TODAY, tick=False):
        ids = [
            receive_suggestion(
                actor=legal,
                kind="procuratorial",
                organ="深圳市福田区人民检察院",
                number=f"深福检行建〔2026〕{n}号",
                subject="关于加强欠薪案件办理工作的检察建议",
                received_on=TODAY.date(),
                unit=org.futian,
                points=["建议一。", "建议二。"],
            ).pk
            for n in (1, 2)
        ]
        yield bearer(token_for(legal, name="fuzz")), ids


@pytest.mark.django_db
@schema.include(path_regex="^/api/v1/suggestions").parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_an_authenticated_caller_gets_no_500_or_undocumented_answer_from_the_suggestion_endpoints(
    case: schemathesis.Case[Any], suggestion_caller: tuple[dict[str, str], list[int]]
) -> None:
    headers, ids = suggestion_caller
    generated = case.path_parameters.get("id") if case.path_parameters else None
    if isinstance(generated, int) and not isinstance(generated, bool) and 0 < generated < 1000:
        assert case.path_parameters is not None
        case.path_parameters["id"] = ids[generated % len(ids)]
    _check(case, headers)
