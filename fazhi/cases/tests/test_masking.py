"""One masking rule for the people of a case, by the reader's relation to it, wherever they appear (security review
M1): the handlers and those who approve and review the case see them in full; the supervisor, and an inspector not
assigned to it, see 马*, 4508**********924X and 137****9483 — in the complainant's and the workers' tables, in the
summary, in the timeline's details and reasons, on the page and in the API (劳动保障监察条例 第九条第三款;
广东省劳动保障监察条例 第三十五条; 个人信息保护法 第六条)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.accounts import testing
from fazhi.accounts.models import Role, User
from fazhi.api.tests.helpers import api_client
from fazhi.cases import case_page
from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import WAGES, RegisterCase, proposal, served_notice, waived, walk

pytestmark = pytest.mark.django_db

COMPLAINANT_ID = "45080219900101924X"
PHONE = "13712349483"
# The record's subject and a witness named in its transcript: natural persons the case knows.
INQUIRY = {
    "record_kind": "inquiry",
    "held_on": "2026-03-09",
    "place": "本局第三询问室",
    "subject": "刘建华（人事行政主管）",
    "content": "问：工资是否支付？\n答：工人马敏的工资尚未支付，证人王德发可以证明。",
}


@pytest.fixture
def paid(register: RegisterCase, inspector: User, lead: User, leader: User) -> Case:
    """The review's case 11: 马敏 complains of her and 邓亚男's wages; an inquiry is recorded, the wages are ordered
    paid, and 马敏 is paid (the timeline then reads 登记工资支付 … 劳动者：马敏)."""
    case = register(
        complainant_name="马敏",
        complainant_id_number=COMPLAINANT_ID,
        complainant_phone=PHONE,
        summary=f"投诉人马敏（电话{PHONE}）反映，该单位拖欠其与邓亚男 2026 年 1 月至 2 月工资。",
        workers=[
            WorkerInput(name="马敏", id_number=COMPLAINANT_ID, amount_owed=Decimal("12000.00")),
            WorkerInput(name="邓亚男", amount_owed=Decimal("9000.00")),
        ],
    )
    case = walk(
        case,
        (lead, "accept", {}),
        (inspector, "record_investigation", INQUIRY),
        (inspector, "propose", proposal("handling_decision", WAGES, fine=None, proposal="马敏、邓亚男的工资应付。")),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", {"comply_by": "2026-03-20"}),
        (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}),
    )
    for name in ("马敏", "邓亚男"):
        line = case.worker_lines.get(name=name)
        case = walk(
            case,
            (inspector, "record_wage_payment", {"worker": str(line.pk), "amount": "1000", "paid_on": "2026-03-09"}),
        )
    return case


SECRETS = ("马敏", "邓亚男", COMPLAINANT_ID, PHONE, "刘建华", "王德发")


def page_of(user: User, case: Case) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_supervisor_cannot_re_identify_the_complainant_through_the_api_workers(paid: Case, supervisor: User):
    """The review's attack: the API's case detail gave 马* as the complainant and 马敏 among the workers."""
    body = api_client(supervisor).get(f"/api/v1/cases/{paid.pk}").json()
    assert body["complainant"] == {
        "name": "马*",
        "id_number": "4508**********924X",
        "phone": "137****9483",
        "anonymous": False,
        "masked": True,
    }
    assert [worker["name"] for worker in body["workers"]] == ["马*", "邓**"]
    assert body["workers"][0]["id_number"] == "4508**********924X"
    assert "马*" in body["summary"]
    assert "137****9483" in body["summary"]
    text = json.dumps(body, ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in text, secret


def test_the_supervisor_reads_the_timeline_and_the_summary_with_the_people_masked(paid: Case, supervisor: User):
    page = page_of(supervisor, paid)
    for secret in SECRETS:
        assert secret not in page, secret
    assert "劳动者：马*" in page
    assert "劳动者：邓**" in page
    assert "投诉人马*（电话137****9483）" in page
    assert "本页的姓名、身份证号码和电话号码已部分隐去" in page


def test_the_timeline_of_a_reader_who_does_not_handle_the_case_masks_every_detail_and_reason(
    paid: Case, supervisor: User
):
    seen = case_page.reading(supervisor, paid)
    assert not seen.full
    assert set(seen.names) == {"马敏", "邓亚男", "刘建华"}
    details = [value for item in case_page.timeline(paid, seen) for _, value in item.details]
    assert "马*" in details
    assert "邓**" in details
    assert not any(secret in value for value in details for secret in SECRETS)


def test_an_inspector_of_the_squad_not_assigned_to_the_case_sees_the_people_masked(paid: Case, org):
    colleague = testing.make_user("inspector3", "赵六", org.futian_squad1, Role.INSPECTOR, certificate="T-0003")
    assert not case_page.handles(colleague, paid)
    page = page_of(colleague, paid)
    for secret in ("马敏", "邓亚男", COMPLAINANT_ID, PHONE):
        assert secret not in page, secret


@pytest.mark.parametrize("persona", ["inspector", "inspector2", "lead", "director", "leader", "legal"])
def test_the_handlers_and_those_who_approve_and_review_the_case_see_the_people_in_full(
    paid: Case, persona: str, request: pytest.FixtureRequest
):
    user = request.getfixturevalue(persona)
    assert case_page.handles(user, paid)
    body = api_client(user).get(f"/api/v1/cases/{paid.pk}").json()
    assert body["complainant"]["name"] == "马敏"
    assert [worker["name"] for worker in body["workers"]] == ["马敏", "邓亚男"]
    page = page_of(user, paid)
    assert "劳动者：马敏" in page
    assert PHONE in page


def test_a_complaint_not_yet_assigned_is_read_in_full_by_the_staff_of_its_unit_who_may_take_it(
    register: RegisterCase, inspector: User, outsider: User, supervisor: User
):
    case = register(handler=None, co_handler=None)
    assert case_page.handles(inspector, case)
    assert not case_page.handles(outsider, case)  # another district: not even in scope
    assert not case_page.handles(supervisor, case)
