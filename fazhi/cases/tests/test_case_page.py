"""What the case page shows of one case (fazhi.cases.case_page), and that the API's case detail shows the same: one
masking rule for the people of a case, the same steps offered, a timeline read in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.api.tests.helpers import api_client
from fazhi.cases import case_page
from fazhi.cases.actions import WorkerInput, register_case, transition
from fazhi.cases.models import Case, Source
from fazhi.documents.queries import IssueFailure, issue_options
from fazhi.rules.identifiers import make_credit_code, make_id_number

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
WORKER_ID = make_id_number(random.Random(21), birth=dt.date(1991, 4, 5))
COMPLAINANT_ID = make_id_number(random.Random(22), birth=dt.date(1985, 6, 7))


@pytest.fixture(autouse=True)
def _on_a_known_day() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def case(inspector: User, inspector2: User) -> Case:
    return register_case(
        actor=inspector,
        source=Source.COMPLAINT,
        unit=inspector.unit,  # type: ignore[arg-type]
        employer_name="深圳市福田区某电子有限公司",
        employer_credit_code=make_credit_code(random.Random(23)),
        summary="拖欠 2 名员工 2026 年 1 月至 2 月工资。",
        received_on=dt.date(2026, 3, 2),
        complainant_name="欧阳娜娜",
        complainant_id_number=COMPLAINANT_ID,
        complainant_phone="13800138000",
        workers=[
            WorkerInput(name="欧阳娜娜", amount_owed=Decimal("12000.00"), id_number=WORKER_ID),
            WorkerInput(name="李四", amount_owed=Decimal("9500.50")),
        ],
        handler=inspector,
        co_handler=inspector2,
    )


def page_of(user: User, case: Case) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_one_rule_masks_a_name_an_id_number_and_a_phone_and_keeps_empty_values_empty() -> None:
    masked = case_page.identity("欧阳娜娜", "44030419900307123X", "13800138000", full=False)
    assert (masked.name, masked.id_number, masked.phone, masked.masked) == (
        "欧阳**",
        "4403**********123X",
        "138****8000",
        True,
    )
    assert case_page.identity("张三", full=False) == case_page.Identity("张*", "", "", masked=True)
    assert case_page.identity("张三", "x", "y", full=True) == case_page.Identity("张三", "x", "y", masked=False)


def test_the_supervisor_sees_the_same_masked_people_on_the_case_page_and_in_the_api(
    case: Case, supervisor: User
) -> None:
    """劳动保障监察条例 第九条: the complainant's identity is confidential; the supervisor watches, and sees the people
    of a case masked, on the page as in the API."""
    page = page_of(supervisor, case)
    body = api_client(supervisor).get(f"/api/v1/cases/{case.pk}").json()
    complainant = case_page.complainant(supervisor, case)
    assert complainant.masked
    assert (body["complainant"]["name"], body["complainant"]["phone"]) == (complainant.name, complainant.phone)
    rows = case_page.worker_rows(supervisor, case)
    assert [(w["name"], w["id_number"]) for w in body["workers"]] == [(r.name, r.id_number) for r in rows]
    assert [(r.name, r.id_number) for r in rows] == [("欧阳**", "4403**********" + WORKER_ID[-4:]), ("李*", "")]
    for secret in ("欧阳娜娜", COMPLAINANT_ID, WORKER_ID, "13800138000"):
        assert secret not in page
        assert secret not in json.dumps(body, ensure_ascii=False)
    for shown in ("欧阳**", "138****8000"):
        assert shown in page


def test_an_inspector_who_works_the_case_sees_the_people_in_full_on_the_page_and_in_the_api(
    case: Case, inspector: User
) -> None:
    page = page_of(inspector, case)
    body = api_client(inspector).get(f"/api/v1/cases/{case.pk}").json()
    assert body["complainant"]["masked"] is False
    assert body["workers"][0]["id_number"] == WORKER_ID
    for shown in ("欧阳娜娜", COMPLAINANT_ID, WORKER_ID, "13800138000"):
        assert shown in page
        assert shown in json.dumps(body, ensure_ascii=False)


def test_the_lead_is_offered_the_same_steps_on_the_case_page_and_in_the_api(case: Case, lead: User) -> None:
    body = api_client(lead).get(f"/api/v1/cases/{case.pk}").json()
    offered = {step["action"] for step in body["steps"]}
    assert offered == {"accept", "request_completion", "refuse"}
    page = page_of(lead, case)
    for step in body["steps"]:
        assert f'action="{reverse("cases:step", args=[case.pk, step["action"]])}"' in page


def test_the_timeline_names_the_people_of_every_entry_in_a_fixed_number_of_queries(
    case: Case, inspector: User, inspector2: User, lead: User
) -> None:
    transition(actor=lead, case=case, action="accept", data={})

    def reassign(handler: str, co_handler: str) -> None:
        data = {"handler": handler, "co_handler": co_handler}
        transition(actor=lead, case=case, action="reassign", data=data, reason="调整分工")

    reassign("inspector2", "inspector")
    few = case_page.timeline(case, case_page.Reading(full=True))
    with CaptureQueriesContext(connection) as first:
        case_page.timeline(case, case_page.Reading(full=True))
    for _ in range(3):  # the handlers named again and again: reassignments back and forth
        reassign("inspector", "inspector2")
        reassign("inspector2", "inspector")
    many = case_page.timeline(case, case_page.Reading(full=True))
    with CaptureQueriesContext(connection) as second:
        case_page.timeline(case, case_page.Reading(full=True))
    assert len(many) == len(few) + 6
    assert len(second.captured_queries) == len(first.captured_queries)
    assert ("主办人", inspector2.display_name) in many[-1].details
    assert ("协办人", inspector.display_name) in many[-1].details


def test_the_case_page_carries_each_later_apps_section_and_a_failed_document_issue_is_shown_again(
    case: Case, inspector: User, lead: User
) -> None:
    """The sections of later apps are their own inclusion tags (the cases app imports none of them); a document issue
    the documents app refused comes back through the page's context to its own section."""
    case = transition(actor=lead, case=case, action="accept", data={})
    page = page_of(inspector, case)
    for section in ('id="documents"', 'id="evidence"'):
        assert section in page
    options = issue_options(inspector, case)
    assert options, "a filed case offers its handler a document"
    failure = IssueFailure(options[0].kind.code, {}, {}, "测试：请补充内容")
    request = RequestFactory().get("/")
    request.user = inspector
    html = Template("{% load documents_tags %}{% case_documents_section case %}").render(
        RequestContext(request, {"case": case, "document_failure": failure})
    )
    assert "未能制发：测试：请补充内容" in html
