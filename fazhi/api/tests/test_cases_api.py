"""The case endpoints: scoped reads, intake, steps through the same actions, and idempotent retries."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from conftest import make_user
from fazhi.accounts.models import Role, User
from fazhi.api import idempotency
from fazhi.api.models import IdempotencyKey
from fazhi.api.tests.helpers import (
    COMPLAINANT_ID,
    TODAY,
    WORKER_ID,
    api_client,
    complaint,
    intake_body,
)
from fazhi.cases.models import Case
from fazhi.cases.workflow import State
from fazhi.journal.models import Entry
from fazhi.rules.identifiers import mask_id_number

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases"


@pytest.fixture(autouse=True)
def _on_a_known_day() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def case(inspector: User, inspector2: User) -> Case:
    return complaint(inspector, handler=inspector, co_handler=inspector2)


def post(client: Client, path: str, body: dict[str, Any], key: str | None = None) -> Any:
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def entries(case: Case, action: str) -> int:
    return Entry.objects.filter(object_type="cases.case", object_id=str(case.pk), action=action).count()


# --- Reads and scope -------------------------------------------------------------------------------------------------


def test_an_inspector_lists_their_units_cases_without_any_complainant_identity(case: Case, inspector: User) -> None:
    response = api_client(inspector).get(CASES)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == case.pk
    assert item["reference"] == case.reference
    assert item["state"] == "received"
    assert item["state_label"] == "待受理"
    assert item["unit"]["code"] == inspector.unit.code  # type: ignore[union-attr]
    assert item["employer"]["credit_code"] == case.employer.credit_code
    assert item["handler"] == {"username": "inspector", "name": "张伟"}
    assert item["next_due"] == "2026-03-09"  # 5 working days after 2026-03-02 (广东条例 第三十九条)
    text = response.content.decode()
    assert "王小明" not in text
    assert "13800138000" not in text
    assert "complainant" not in text


def test_an_inspector_of_another_district_sees_no_case_and_gets_404_for_its_detail_and_its_steps(
    case: Case, outsider: User
) -> None:
    client = api_client(outsider)
    assert client.get(CASES).json()["count"] == 0
    detail = client.get(f"{CASES}/{case.pk}")
    assert detail.status_code == 404
    assert detail.json()["message"] == "未找到该案件，或该案件不在您的范围内。"
    step = post(client, f"{CASES}/{case.pk}/steps/accept", {})
    assert step.status_code == 404
    case.refresh_from_db()
    assert case.state == State.RECEIVED


def test_the_case_detail_shows_an_inspector_the_workers_periods_version_and_the_steps_the_case_page_offers(
    case: Case, inspector: User, lead: User
) -> None:
    body = api_client(inspector).get(f"{CASES}/{case.pk}").json()
    assert body["version"] == 1
    assert [(w["name"], w["amount_owed"]) for w in body["workers"]] == [("王小明", "12000.00"), ("李四", "9500.50")]
    assert body["workers"][0]["id_number"] == WORKER_ID  # those who work the case see it, as on the case page
    assert body["total_owed"] == "21500.50"
    assert [(p["code"], p["due_on"], p["state"]) for p in body["periods"]] == [
        ("complaint_acceptance", "2026-03-09", "running")
    ]
    assert body["periods"][0]["citation"]
    # The handler may ask for completion; acceptance is the 科长's (广东条例 第三十六条第一款、第三十九条).
    assert [(s["action"], s["blockers"]) for s in body["steps"]] == [("request_completion", [])]
    lead_steps = api_client(lead).get(f"{CASES}/{case.pk}").json()["steps"]
    assert {s["action"] for s in lead_steps} == {"accept", "request_completion", "refuse"}
    assert body["complainant"] == {
        "name": "王小明",
        "id_number": COMPLAINANT_ID,
        "phone": "13800138000",
        "anonymous": False,
        "masked": False,
    }


def test_the_supervisor_reads_every_case_with_the_complainant_masked_and_no_steps(case: Case, supervisor: User) -> None:
    client = api_client(supervisor)
    assert client.get(CASES).json()["count"] == 1
    body = client.get(f"{CASES}/{case.pk}").json()
    assert body["steps"] == []
    assert body["complainant"]["masked"] is True
    assert body["complainant"]["name"] == "王**"
    assert body["complainant"]["phone"] == "138****8000"
    assert body["complainant"]["id_number"] == mask_id_number(COMPLAINANT_ID)
    # The workers' identities are masked for the supervisor as the complainant's are (one rule: fazhi.cases.case_page).
    assert [(w["name"], w["id_number"]) for w in body["workers"]] == [("王**", mask_id_number(WORKER_ID)), ("李*", "")]
    assert WORKER_ID not in json.dumps(body)


def test_the_supervisor_cannot_take_a_step_and_the_refusal_is_journaled(case: Case, supervisor: User) -> None:
    response = post(api_client(supervisor), f"{CASES}/{case.pk}/steps/accept", {})
    assert response.status_code == 403
    assert response.json()["message"] == "您没有办理此步骤的权限。"
    case.refresh_from_db()
    assert case.state == State.RECEIVED
    refused = Entry.objects.get(object_type="cases.case", object_id=str(case.pk), action="cases.accept")
    assert refused.outcome == "refused"


def test_the_supervisor_cannot_register_a_case(supervisor: User, org: Any) -> None:
    response = post(api_client(supervisor), CASES, intake_body(unit=org.futian_squad1.code))
    assert response.status_code == 403
    assert not Case.objects.exists()


@pytest.mark.parametrize("persona", ["sysadmin", "secadmin", "auditadmin"])
def test_the_three_administrators_get_no_case_data(request: pytest.FixtureRequest, persona: str, case: Case) -> None:
    client = api_client(request.getfixturevalue(persona))
    for response in (client.get(CASES), client.get(f"{CASES}/{case.pk}")):
        assert response.status_code == 403
        assert response.json()["message"] == "只有办案人员和电子监察员可以使用案件接口。"


def test_the_list_filters_by_state_source_unit_and_overdue(inspector: User, inspector2: User, org: Any) -> None:
    late = complaint(inspector, received_on=dt.date(2026, 2, 2))  # acceptance was due long before 2026-03-09
    fresh = complaint(inspector, received_on=dt.date(2026, 3, 6))
    client = api_client(inspector)

    def ids(**params: Any) -> set[int]:
        response = client.get(CASES, params)
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids(overdue="true") == {late.pk}
    assert ids(overdue="false") == {fresh.pk}
    assert ids(state="received") == {late.pk, fresh.pk}
    assert ids(state="investigating") == set()
    assert ids(source="report") == set()
    assert ids(unit=org.futian.code) == {late.pk, fresh.pk}
    assert ids(unit=org.futian_squad2.code) == set()


def test_the_list_is_paginated_newest_first_and_refuses_pages_over_100(inspector: User) -> None:
    first = complaint(inspector, received_on=dt.date(2026, 3, 2))
    second = complaint(inspector, received_on=dt.date(2026, 3, 3))
    client = api_client(inspector)
    page = client.get(CASES, {"limit": 1, "offset": 1}).json()
    assert (page["count"], page["limit"], page["offset"]) == (2, 1, 1)
    assert [item["id"] for item in page["items"]] == [first.pk]
    assert client.get(CASES, {"limit": 1}).json()["items"][0]["id"] == second.pk
    too_many = client.get(CASES, {"limit": 101})
    assert too_many.status_code == 422
    assert too_many.json()["message"] == "请求参数有误 — limit：数值太大"


def test_an_unknown_unit_or_state_in_the_filters_is_a_chinese_422(inspector: User) -> None:
    client = api_client(inspector)
    unit = client.get(CASES, {"unit": "NOPE"})
    assert unit.status_code == 422
    assert "unit：没有代码为 NOPE 的机构" in unit.json()["message"]
    state = client.get(CASES, {"state": "flying"})
    assert state.status_code == 422
    assert state.json()["message"] == "请求参数有误 — state：取值不在允许范围内"


def test_a_case_id_that_is_not_a_number_is_a_422_and_an_unknown_one_a_404(inspector: User) -> None:
    client = api_client(inspector)
    assert client.get(f"{CASES}/abc").status_code == 422
    assert client.get(f"{CASES}/99999999").status_code == 404
    assert client.get(f"{CASES}/{2**63}").status_code == 422


# --- Intake ----------------------------------------------------------------------------------------------------------


def test_an_inspector_registers_a_complaint_through_the_api_and_it_is_journaled(
    inspector: User, inspector2: User
) -> None:
    body = intake_body(handler="inspector", co_handler="inspector2")
    response = post(api_client(inspector), CASES, body)
    assert response.status_code == 201, response.content
    created = response.json()
    case = Case.objects.get(pk=created["id"])
    assert case.state == State.RECEIVED
    assert case.unit == inspector.unit
    assert (case.handler, case.co_handler) == (inspector, inspector2)
    assert created["complainant"]["name"] == "赵六"
    assert created["workers"][0]["amount_owed"] == "8800.50"
    assert str(case.worker_lines.get().amount_owed) == "8800.50"
    assert entries(case, "cases.register") == 1


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"employer": {"name": "某公司", "credit_code": "91440300MA5ABCDE1X"}}, "employer.credit_code", "校验"),
        ({"employer": {"name": "某公司", "credit_code": "123"}}, "employer.credit_code", "应为18位"),
        ({"workers": [{"name": "赵六", "amount_owed": "0"}]}, "workers.0.amount_owed", "拖欠金额应大于零"),
        ({"workers": [{"name": "赵六", "amount_owed": "1.234"}]}, "workers.0.amount_owed", "两位小数"),
        ({"workers": [{"name": "赵六", "amount_owed": "10000000000"}]}, "workers.0.amount_owed", "金额过大"),
        ({"workers": [{"name": "赵六", "amount_owed": "1e5"}]}, "workers.0.amount_owed", "请填写金额数字"),
        ({"workers": [{"name": "赵六", "amount_owed": "-5"}]}, "workers.0.amount_owed", "拖欠金额应大于零"),
        ({"workers": [{"name": "赵六", "amount_owed": "NaN"}]}, "workers.0.amount_owed", "请填写金额数字"),
        ({"received_on": "2026-03-10"}, "received_on", "不能晚于今天"),
        ({"received_on": "2026-02-30"}, "received_on", "不是有效的日期"),
        ({"source": "rumour"}, "source", "取值不在允许范围内"),
        ({"complainant": {"name": ""}}, "complainant.name", "请填写投诉人姓名"),
        ({"complainant": {"name": "赵六", "phone": "12345"}}, "complainant.phone", "手机"),
        ({"complainant": {"name": "赵六", "id_number": "440304199001011234"}}, "complainant.id_number", "校验"),
        ({"handler": "outsider"}, "handler", "请从本机构及下级机构持证的监察员中选择"),
        ({"summary": "   "}, "summary", "请填写案情摘要"),
        ({"summary": "含有\x00字符"}, "summary", "取值无效"),
        ({"employer": None}, "employer.name", "必须填写"),
    ],
)
def test_a_bad_intake_is_a_422_naming_the_field_in_chinese_and_registers_nothing(
    inspector: User, outsider: User, change: dict[str, Any], field: str, reason: str
) -> None:
    response = post(api_client(inspector), CASES, intake_body(**change))
    assert response.status_code == 422, response.content
    message = response.json()["message"]
    assert message.startswith("请求参数有误 — ")
    assert f"{field}：" in message
    assert reason in message
    assert not Case.objects.exists()


def test_a_missing_employer_is_named_in_chinese(inspector: User) -> None:
    body = intake_body()
    del body["employer"]
    response = post(api_client(inspector), CASES, body)
    assert response.status_code == 422
    assert response.json()["message"] == "请求参数有误 — employer：必须填写"


def test_a_case_for_a_unit_outside_my_scope_is_refused_and_journaled(inspector: User, org: Any) -> None:
    response = post(api_client(inspector), CASES, intake_body(unit=org.nanshan_squad1.code))
    assert response.status_code == 403
    assert not Case.objects.exists()
    assert Entry.objects.filter(action="cases.register", outcome="refused").count() == 1


# --- Steps -----------------------------------------------------------------------------------------------------------


def test_a_step_through_the_api_moves_the_case_and_writes_one_journal_entry(case: Case, lead: User) -> None:
    response = post(api_client(lead), f"{CASES}/{case.pk}/steps/accept", {"expected_version": 1})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["version"]) == ("investigating", 2)
    assert {p["code"]: p["state"] for p in body["periods"]} == {
        "complaint_acceptance": "met",
        "investigation": "running",
    }
    case.refresh_from_db()
    assert case.state == State.INVESTIGATING
    assert entries(case, "cases.accept") == 1


def test_a_stale_expected_version_is_a_409_and_changes_nothing(case: Case, inspector: User, lead: User) -> None:
    assert post(api_client(lead), f"{CASES}/{case.pk}/steps/accept", {}).status_code == 200
    response = post(
        api_client(inspector),
        f"{CASES}/{case.pk}/steps/request_completion",
        {"reason": "请补充劳动合同", "expected_version": 1},
    )
    assert response.status_code == 409
    assert "请刷新后重试" in response.json()["message"]
    case.refresh_from_db()
    assert (case.state, case.version) == (State.INVESTIGATING, 2)


def test_a_rule_of_the_procedure_that_says_no_is_a_422_with_its_reasons(case: Case, lead: User) -> None:
    response = post(api_client(lead), f"{CASES}/{case.pk}/steps/refuse", {})
    assert response.status_code == 422
    body = response.json()
    assert body["reasons"] == ["请选择不予受理的法定理由。", "不予受理须填写理由。"]
    assert body["message"] == "请选择不予受理的法定理由。；不予受理须填写理由。"
    refused = post(
        api_client(lead),
        f"{CASES}/{case.pk}/steps/refuse",
        {"reason": "已申请仲裁", "data": {"refusal_ground": "arbitration_or_court"}},
    )
    assert refused.status_code == 200
    assert refused.json()["state"] == "refused"


def test_an_unknown_step_is_a_404(case: Case, inspector: User) -> None:
    response = post(api_client(inspector), f"{CASES}/{case.pk}/steps/teleport", {})
    assert response.status_code == 404
    assert response.json()["message"] == "没有名为 teleport 的办案步骤。"


def test_a_wrong_step_body_is_a_chinese_422(case: Case, inspector: User) -> None:
    client = api_client(inspector)
    response = post(client, f"{CASES}/{case.pk}/steps/accept", {"expected_version": "one"})
    assert response.status_code == 422
    assert response.json()["message"] == "请求参数有误 — expected_version：必须是整数"
    bad_key = post(client, f"{CASES}/{case.pk}/steps/accept", {"data": {"Bad Key": 1}})
    assert bad_key.status_code == 422


def test_a_field_the_step_does_not_take_is_a_422_naming_it(case: Case, lead: User) -> None:
    response = post(api_client(lead), f"{CASES}/{case.pk}/steps/accept", {"data": {"state": "archived"}})
    assert response.status_code == 422
    assert "data.state：“受理并立案”没有这个字段" in response.json()["message"]
    case.refresh_from_db()
    assert case.state == State.RECEIVED


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"service_method": "pigeon", "served_on": "2026-03-09"}, "送达方式：没有这个选项"),
        (
            {"service_method": "post", "served_on": "09/03/2026"},
            "送达日期：请按“年-月-日”填写日期",
        ),
        ({"service_method": "post", "served_on": "2026-03-10"}, "送达日期：送达日期不能晚于今天"),
        ({"service_method": "post"}, "请填写送达日期"),
        ({"service_method": 3, "served_on": "2026-03-09"}, "送达方式：必须是字符串"),
    ],
)
def test_the_service_step_checks_its_method_and_date_as_the_case_page_does(
    case: Case, inspector: User, data: dict[str, Any], problem: str
) -> None:
    response = post(api_client(inspector), f"{CASES}/{case.pk}/steps/serve", {"data": data})
    assert response.status_code == 422
    assert problem in response.json()["message"]


# --- Idempotency -----------------------------------------------------------------------------------------------------


def test_a_retried_step_with_the_same_key_applies_once_and_gets_the_first_answer(case: Case, lead: User) -> None:
    client = api_client(lead)
    path = f"{CASES}/{case.pk}/steps/accept"
    first = post(client, path, {"expected_version": 1}, key="step-1")
    again = post(client, path, {"expected_version": 1}, key="step-1")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert entries(case, "cases.accept") == 1
    case.refresh_from_db()
    assert case.version == 2


INQUIRY = {
    "record_kind": "inquiry",
    "held_on": "2026-03-09",
    "place": "本局第三询问室",
    "subject": "张经理（人事主管）",
    "content": "问：你单位是否按时支付工资？\n答：三月份工资尚未支付。",
}


def test_a_recording_step_without_a_version_or_a_key_is_a_428_and_records_nothing(
    case: Case, inspector: User, lead: User
) -> None:
    # Security review L8: two identical calls without either both recorded; now neither records.
    assert post(api_client(lead), f"{CASES}/{case.pk}/steps/accept", {"expected_version": 1}).status_code == 200
    response = post(api_client(inspector), f"{CASES}/{case.pk}/steps/record_investigation", {"data": INQUIRY})
    assert response.status_code == 428
    assert "expected_version" in response.json()["message"]
    assert "Idempotency-Key" in response.json()["message"]
    assert entries(case, "cases.record_investigation") == 0


def test_the_reviews_two_clients_recording_with_the_version_they_read_record_once(
    case: Case, inspector: User, inspector2: User, lead: User
) -> None:
    # Security review L8 (the attack as run): inspector and inspector2 post the same inquiry; one gets 409.
    post(api_client(lead), f"{CASES}/{case.pk}/steps/accept", {"expected_version": 1})
    version = api_client(inspector).get(f"{CASES}/{case.pk}").json()["version"]
    body = {"data": INQUIRY, "expected_version": version}
    first = post(api_client(inspector), f"{CASES}/{case.pk}/steps/record_investigation", body)
    second = post(api_client(inspector2), f"{CASES}/{case.pk}/steps/record_investigation", body)
    assert [first.status_code, second.status_code] == [200, 409]
    assert entries(case, "cases.record_investigation") == 1


def test_a_recording_step_with_only_a_key_records_once_however_often_it_is_retried(
    case: Case, inspector: User, lead: User
) -> None:
    post(api_client(lead), f"{CASES}/{case.pk}/steps/accept", {"expected_version": 1})
    client = api_client(inspector)
    path = f"{CASES}/{case.pk}/steps/record_investigation"
    answers = [post(client, path, {"data": INQUIRY}, key="inquiry-1").status_code for _ in range(3)]
    assert answers == [200, 200, 200]
    assert entries(case, "cases.record_investigation") == 1


def test_a_retried_intake_with_the_same_key_registers_one_case(inspector: User) -> None:
    client = api_client(inspector)
    body = intake_body()
    first = post(client, CASES, body, key="c8a1f0f2-0b7e-4a57-9d0c-2f6e5c1d7a11")
    # The same body written differently (key order) is the same request.
    again = post(client, CASES, dict(reversed(list(body.items()))), key="c8a1f0f2-0b7e-4a57-9d0c-2f6e5c1d7a11")
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert Case.objects.count() == 1
    assert Entry.objects.filter(action="cases.register").count() == 1


def test_the_same_key_with_a_different_body_or_path_is_a_chinese_422(case: Case, lead: User) -> None:
    client = api_client(lead)
    assert post(client, f"{CASES}/{case.pk}/steps/accept", {}, key="k-1").status_code == 200
    other_body = post(client, f"{CASES}/{case.pk}/steps/accept", {"reason": "另一个"}, key="k-1")
    assert other_body.status_code == 422
    assert other_body.json()["message"].startswith("Idempotency-Key 已用于另一个请求")
    other_path = post(client, CASES, intake_body(), key="k-1")
    assert other_path.status_code == 422
    assert not Case.objects.exclude(pk=case.pk).exists()


def test_a_failed_step_keeps_no_answer_so_a_retry_with_the_key_tries_again(case: Case, lead: User) -> None:
    client = api_client(lead)
    path = f"{CASES}/{case.pk}/steps/refuse"
    body = {"reason": "已申请仲裁", "data": {"refusal_ground": "arbitration_or_court"}}
    assert post(client, path, {**body, "expected_version": 7}, key="r-1").status_code == 409
    assert not IdempotencyKey.objects.exists()
    assert post(client, path, body, key="r-2").status_code == 200
    assert IdempotencyKey.objects.get().response_status == 200


def test_keys_belong_to_their_user(case: Case, lead: User, org: Any) -> None:
    lead2 = make_user("lead2", "冯军", org.futian_squad1, Role.LEAD)
    assert post(api_client(lead), f"{CASES}/{case.pk}/steps/accept", {}, key="same").status_code == 200
    # The other lead's request with the same key is a request of its own: the case has moved on, so it conflicts.
    response = post(api_client(lead2), f"{CASES}/{case.pk}/steps/accept", {}, key="same")
    assert response.status_code == 409


def test_an_idempotency_key_that_is_too_long_is_a_chinese_422(case: Case, inspector: User) -> None:
    response = post(api_client(inspector), f"{CASES}/{case.pk}/steps/accept", {}, key="k" * 101)
    assert response.status_code == 422
    assert response.json()["message"] == "请求参数有误 — Idempotency-Key：内容太长"


def test_a_twin_that_committed_the_key_first_is_answered_from_the_unique_constraint(
    case: Case, lead: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = api_client(lead)
    path = f"{CASES}/{case.pk}/steps/accept"
    first = post(client, path, {}, key="twin")
    # The twin looked before the first request committed (it saw no key), then claims the key: the unique
    # constraint stops it, its transaction is rolled back, and it answers with what the first one stored.
    looks: list[str] = []
    real_stored = idempotency.stored

    def late_look(user: User, key: str) -> IdempotencyKey | None:
        looks.append(key)
        return None if len(looks) == 1 else real_stored(user, key)

    monkeypatch.setattr(idempotency, "stored", late_look)
    twin = post(client, path, {}, key="twin")
    assert looks == ["twin", "twin"]
    assert twin.status_code == 200
    assert twin.json() == first.json()
    assert twin.headers["Idempotent-Replayed"] == "true"
    assert entries(case, "cases.accept") == 1
    assert IdempotencyKey.objects.count() == 1


# --- No user-name oracle (security review I2) -----------------------------------------------------------------------


def test_a_handler_outside_the_case_unit_and_an_unknown_user_name_get_the_same_answer_that_names_nobody(
    case: Case, lead: User, outsider: User
) -> None:
    from fazhi.cases.actions import transition

    transition(actor=lead, case=case, action="accept", data={})
    client = api_client(lead)
    answers = []
    for handler in ("outsider", "nobody-at-all", "inspector2x"):
        body = {"data": {"handler": handler, "co_handler": "inspector2"}, "reason": "调整分工", "expected_version": 2}
        response = post(client, f"{CASES}/{case.pk}/steps/reassign", body)
        assert response.status_code == 422
        answers.append(response.json())
        assert outsider.full_name not in response.content.decode()
    assert answers[0] == answers[1] == answers[2]
    assert "本案承办机构中没有这个在职的执法人员" in json.dumps(answers[0], ensure_ascii=False)
    case.refresh_from_db()
    assert case.handler is not None
    assert case.handler.username == "inspector"
