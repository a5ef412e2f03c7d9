"""A registration is checked once (fazhi.cases.intake): the staff intake form, the API and the intake check refuse the
same bad input with the same Chinese message for the same field, and never with a server error."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.api.tests.helpers import api_client
from fazhi.cases import intake
from fazhi.cases.models import Case, Source
from fazhi.rules.identifiers import make_credit_code

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
CREDIT_CODE = make_credit_code(random.Random(11))


@pytest.fixture(autouse=True)
def _on_a_known_day() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


# One registration in the three shapes: the intake check's fields, the intake form's POST and the API's body.
GOOD: dict[str, Any] = {
    "source": "complaint",
    "received_on": "2026-03-06",
    "employer_name": "深圳市福田区某餐饮管理有限公司",
    "employer_credit_code": CREDIT_CODE,
    "summary": "拖欠 2026 年 1 月至 2 月工资。",
    "complainant_name": "陈小红",
    "complainant_id_number": "",
    "complainant_phone": "13900139000",
    "anonymous": False,
    "handler": "",
    "co_handler": "",
    "workers": [("陈小红", "8200.50")],
}


def _person(username: str) -> User | None:
    return User.objects.filter(username=username).first() if username else None


def through_the_check(inspector: User, fields: dict[str, Any]) -> dict[str, str]:
    """The problems `intake.check` raises (what `register_case` refuses), by field; {} when it passes."""
    typed = intake.Intake(
        source=fields["source"],
        received_on=dt.date.fromisoformat(fields["received_on"]),
        employer_name=fields["employer_name"],
        summary=fields["summary"],
        employer_credit_code=fields["employer_credit_code"],
        complainant_name=fields["complainant_name"],
        complainant_id_number=fields["complainant_id_number"],
        complainant_phone=fields["complainant_phone"],
        anonymous=fields["anonymous"],
        workers=[intake.Worker(name, Decimal(amount)) for name, amount in fields["workers"]],
        handler=_person(fields["handler"]),
        co_handler=_person(fields["co_handler"]),
    )
    assert inspector.unit is not None
    try:
        intake.check(typed, unit=inspector.unit, today=TODAY.date())
    except intake.InvalidIntake as refused:
        return refused.problems
    return {}


def through_the_form(inspector: User, fields: dict[str, Any]) -> tuple[int, str]:
    data: dict[str, str] = {
        key: str(value) for key, value in fields.items() if key not in ("workers", "anonymous", "handler", "co_handler")
    }
    if fields["anonymous"]:
        data["anonymous"] = "on"
    for role in ("handler", "co_handler"):
        person = _person(fields[role])
        data[role] = str(person.pk) if person else ""
    rows = fields["workers"]
    data.update(
        {
            "workers-TOTAL_FORMS": str(max(len(rows), 1)),
            "workers-INITIAL_FORMS": "0",
            "workers-MIN_NUM_FORMS": "0",
            "workers-MAX_NUM_FORMS": "200",
        }
    )
    for index, (name, amount) in enumerate(rows):
        data.update(
            {f"workers-{index}-name": name, f"workers-{index}-id_number": "", f"workers-{index}-amount_owed": amount}
        )
    client = Client()
    client.force_login(inspector)
    response = client.post(reverse("cases:intake"), data)
    return response.status_code, response.content.decode()


def through_the_api(inspector: User, fields: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    body: dict[str, Any] = {
        "source": fields["source"],
        "received_on": fields["received_on"],
        "employer": {"name": fields["employer_name"], "credit_code": fields["employer_credit_code"]},
        "summary": fields["summary"],
        "complainant": {
            "name": fields["complainant_name"],
            "id_number": fields["complainant_id_number"],
            "phone": fields["complainant_phone"],
            "anonymous": fields["anonymous"],
        },
        "workers": [{"name": name, "amount_owed": amount} for name, amount in fields["workers"]],
    }
    for role in ("handler", "co_handler"):
        if fields[role]:
            body[role] = fields[role]
    response = api_client(inspector).post("/api/v1/cases", json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        # The three the code review found the API registering with 201 while the form refused them:
        ({"complainant_phone": ""}, "complainant_phone", "请填写投诉人的联系电话，以便告知受理结果"),
        ({"handler": "lead"}, "handler", intake.HANDLER_CHOICE),
        (
            {"source": "patrol"},
            "complainant_name",
            "自行发现的案件（巡视、书面审查、专项检查）不登记投诉（举报）人",
        ),
        # And the rest of what a registration must hold:
        (
            {"source": "report", "complainant_name": ""},
            "complainant_name",
            "请填写举报人姓名（匿名举报请勾选“匿名举报”）",
        ),
        (
            {"anonymous": True},
            "anonymous",
            "投诉须登记投诉人；匿名反映的，请按“举报”登记（广东省劳动保障监察条例第三十四条）",
        ),
        ({"complainant_name": ""}, "complainant_name", "请填写投诉人姓名"),
        ({"received_on": "2026-03-10"}, "received_on", "收到日期不能晚于今天"),
        ({"received_on": "1999-12-31"}, "received_on", "收到日期不能早于 2000-01-01，请核对"),
        ({"employer_name": "   "}, "employer_name", "请填写用人单位名称"),
        ({"employer_credit_code": CREDIT_CODE[:-1] + "0"}, "employer_credit_code", "统一社会信用代码有误"),
        ({"summary": " "}, "summary", "请填写案情摘要"),
        ({"complainant_phone": "1234"}, "complainant_phone", "手机号码应为11位"),
        ({"co_handler": "inspector2"}, "handler", "请先指定主办人，再指定协办人"),
        ({"handler": "inspector", "co_handler": "inspector"}, "co_handler", "主办人和协办人应为两名不同的执法人员"),
        ({"handler": "outsider"}, "handler", intake.HANDLER_CHOICE),
        ({"workers": [("陈小红", "0")]}, "workers.0.amount_owed", "拖欠金额应大于零"),
        ({"workers": [("", "100")]}, "workers.0.name", "请填写劳动者姓名"),
        ({"workers": [("陈小红", "10000000000")]}, "workers.0.amount_owed", "金额过大，请核对"),
        ({"workers": [("陈小红", "-5")]}, "workers.0.amount_owed", "拖欠金额应大于零"),
    ],
)
def test_an_inspector_gets_the_same_refusal_from_the_form_the_api_and_the_intake_check(
    inspector: User, inspector2: User, lead: User, outsider: User, changes: dict[str, Any], field: str, message: str
) -> None:
    fields = {**GOOD, **changes}
    problems = through_the_check(inspector, fields)
    assert problems[field].startswith(message)
    status, page = through_the_form(inspector, fields)
    assert status == 400
    assert f"{problems[field]}。" in page
    status, answer = through_the_api(inspector, fields)
    assert status == 422
    assert problems[field] in answer["message"]
    path = intake_path(field)
    assert {"loc": ["body", *path.split(".")], "msg": problems[field], "type": "value_error"} in answer["detail"]
    assert not Case.objects.exists()


def intake_path(field: str) -> str:
    nested = {
        "employer_name": "employer.name",
        "employer_credit_code": "employer.credit_code",
        "complainant_name": "complainant.name",
        "complainant_phone": "complainant.phone",
        "anonymous": "complainant.anonymous",
    }
    return nested.get(field, field)


def test_an_inspector_may_register_two_hundred_workers_at_once_and_no_more_through_either_face(
    inspector: User,
) -> None:
    too_many = {**GOOD, "workers": [(f"工人{i}", "100") for i in range(intake.MAX_WORKERS + 1)]}
    assert through_the_check(inspector, too_many) == {"workers": "一次最多登记 200 名劳动者的欠薪明细"}
    status, page = through_the_form(inspector, too_many)
    assert (status, "一次最多登记 200 名劳动者的欠薪明细。" in page) == (400, True)
    status, answer = through_the_api(inspector, too_many)
    assert (status, "一次最多登记 200 名劳动者的欠薪明细" in answer["message"]) == (422, True)
    assert not Case.objects.exists()
    enough = {**GOOD, "workers": [(f"工人{i}", "100") for i in range(intake.MAX_WORKERS)]}
    status, _ = through_the_api(inspector, enough)
    assert status == 201
    assert Case.objects.get().worker_lines.count() == intake.MAX_WORKERS


def test_an_inspector_registers_the_same_complaint_alike_through_the_form_and_the_api(
    inspector: User, inspector2: User
) -> None:
    typed = {**GOOD, "employer_credit_code": CREDIT_CODE.lower(), "complainant_phone": "139 0013 9000"}
    typed |= {"handler": "inspector", "co_handler": "inspector2"}
    assert through_the_check(inspector, typed) == {}
    assert through_the_form(inspector, typed)[0] == 302
    assert through_the_api(inspector, {**typed, "employer_credit_code": CREDIT_CODE})[0] == 201
    by_form, by_api = Case.objects.order_by("pk")
    for case in (by_form, by_api):
        assert (case.employer.credit_code, case.complainant_phone) == (CREDIT_CODE, "13900139000")
        assert (case.handler, case.co_handler) == (inspector, inspector2)
        assert [(line.name, line.amount_owed) for line in case.worker_lines.all()] == [("陈小红", Decimal("8200.50"))]


def test_an_anonymous_report_and_a_patrol_are_registered_without_anybody_named(inspector: User) -> None:
    """广东省劳动保障监察条例 第三十四条: an anonymous report keeps nobody's identity; an own discovery names no
    complainant."""
    nobody = {"complainant_name": "", "complainant_phone": "", "complainant_id_number": ""}
    assert through_the_api(inspector, {**GOOD, **nobody, "source": "report", "anonymous": True})[0] == 201
    assert through_the_form(inspector, {**GOOD, **nobody, "source": Source.PATROL})[0] == 302
    assert list(Case.objects.order_by("pk").values_list("source", "anonymous", "complainant_name")) == [
        ("report", True, ""),
        ("patrol", False, ""),
    ]


def test_the_api_answers_an_unknown_handler_as_it_answers_one_who_may_not_handle(inspector: User, lead: User) -> None:
    """No username oracle: a person who does not exist and one who may not handle get the same words."""
    unknown = through_the_api(inspector, {**GOOD, "handler": "nobody_at_all"})
    not_allowed = through_the_api(inspector, {**GOOD, "handler": "lead"})
    assert unknown == not_allowed
    assert unknown[0] == 422
