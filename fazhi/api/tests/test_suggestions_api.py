"""The suggestion endpoints: registration with the stated or default deadline, the steps through the same actions
(the reply refused until every point is answered), scope (404 outside it), Chinese messages on bad input, and the
OpenAPI document describing them."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from fazhi.accounts.models import User
from fazhi.api.tests.helpers import TODAY, api_client
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_a_known_day() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "procuratorial",
        "organ": "深圳市福田区人民检察院",
        "number": "深福检行建〔2026〕1号",
        "subject": "关于加强欠薪案件办理工作的检察建议",
        "received_on": "2026-03-02",
        "points": ["建议完整收集工资支付凭证。", "建议规范送达程序。"],
    }
    data.update(overrides)
    return data


def post(user: User, path: str, data: dict[str, Any]) -> Any:
    return api_client(user).post(f"/api/v1/suggestions{path}", data, content_type="application/json")


def test_legal_registers_a_suggestion_and_walks_it_to_the_reply(legal: User, director: User, leader: User) -> None:
    created = post(legal, "", body())
    assert created.status_code == 201, created.content
    suggestion = created.json()
    assert suggestion["reply_due_on"] == "2026-05-02"  # 检察建议工作规定 [S]: two months from receipt
    assert suggestion["deadline_source"] == "default"
    pk = suggestion["id"]
    assert post(director, f"/{pk}/steps/assign", {"handler": legal.username}).status_code == 200
    early = post(legal, f"/{pk}/steps/submit_reply", {})
    assert early.status_code == 422
    assert "尚有建议事项未答复（第1条、第2条）" in early.json()["message"]
    for n in (1, 2):
        assert post(legal, f"/{pk}/steps/answer_point", {"point": n, "measures": "已落实。"}).status_code == 200
    assert post(legal, f"/{pk}/steps/submit_reply", {}).status_code == 200
    assert post(director, f"/{pk}/steps/approve_reply", {}).status_code == 403
    approved = post(leader, f"/{pk}/steps/approve_reply", {})
    assert approved.status_code == 200
    assert approved.json()["reply_number"].endswith("函〔2026〕1号")
    sent = post(legal, f"/{pk}/steps/send_reply", {"sent_on": "2026-03-09", "sent_how": "mail"})
    assert sent.json()["state"] == "answered"
    assert sent.json()["answered_late"] is False
    assert post(legal, f"/{pk}/steps/send_reply", {"sent_on": "2026-03-09", "sent_how": "mail"}).status_code == 409
    assert Entry.objects.filter(action="suggestions.approve_reply", outcome="refused").count() == 1


def test_the_stated_deadline_wins_and_overdue_ones_can_be_listed(legal: User) -> None:
    post(legal, "", body(stated_deadline="2026-03-05"))
    post(legal, "", body(number="深福检行建〔2026〕2号"))
    listed = api_client(legal).get("/api/v1/suggestions?overdue=true").json()
    assert listed["count"] == 1
    assert listed["items"][0]["reply_due_on"] == "2026-03-05"
    assert listed["items"][0]["overdue"] is True


def test_outside_the_scope_a_suggestion_is_404_and_bad_input_answers_in_chinese(legal: User, outsider: User) -> None:
    pk = post(legal, "", body()).json()["id"]
    assert api_client(outsider).get(f"/api/v1/suggestions/{pk}").status_code == 404
    assert api_client(outsider).get("/api/v1/suggestions").json()["count"] == 0
    wrong = post(legal, "", body(received_on="2026-03-10", number="x"))
    assert wrong.status_code == 422
    assert "收到日期不能晚于今天" in wrong.json()["message"]
    duplicate = post(legal, "", body())
    assert duplicate.status_code == 422
    assert "已经登记" in duplicate.json()["message"]
    unparsed = post(legal, "", body(kind="other"))
    assert unparsed.status_code == 422
    assert "请求参数有误" in unparsed.json()["message"]


def test_the_openapi_document_describes_the_suggestion_endpoints_in_chinese(legal: User) -> None:
    document = api_client(legal).get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/suggestions"]["post"]
    assert "登记收到的建议" in operation["summary"]
    assert "/api/v1/suggestions/{id}/steps/{action}" in document["paths"]
