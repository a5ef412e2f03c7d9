"""Personal identifiers injected into case data never appear in any public response (security.md: a property test
that injects such values and searches every public page, feed and export)."""

from __future__ import annotations

from decimal import Decimal

from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from fazhi.cases.actions import WorkerInput
from fazhi.complaints.tests.test_complaints import file
from fazhi.disclosure.actions import publish_decision

from .conftest import decide_penalty
from .identifiers import identifiers


def public_responses(client: Client, pk: int, code: str, phone: str) -> list[str]:
    pages = [
        client.get("/decisions/"),
        client.get(f"/decisions/{pk}/"),
        client.get("/decisions.csv"),
        client.get("/decisions.json"),
        client.get("/decisions/feed.atom"),
        client.post("/complaints/status/", {"code": code, "phone": phone}),
    ]
    assert all(page.status_code == 200 for page in pages)
    return [page.content.decode("utf-8-sig") for page in pages]


@hypothesis_settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=identifiers())
def test_no_personal_identifier_reaches_any_public_response(
    values, register, inspector, lead, legal, director, leader, settings
):
    cache.clear()
    settings.FAZHI_INTAKE_UNITS = {"440305": "T-NS-JC"}
    settings.FAZHI_INTAKE_DEFAULT_UNIT = "T-SZ"
    text = (
        f"投诉人{values['complainant']}（身份证{values['id_number']}，电话{values['phone']}，"
        f"住址：{values['home']}）反映，劳动者{values['worker']}（身份证{values['worker_id']}）的工资"
        f"打入账户{values['account']}后被扣回。"
    )
    client = Client()
    file(
        client,
        complainant_name=values["complainant"],
        complainant_id_number=values["id_number"],
        phone=values["phone"],
        facts=text,
        worker1_name=values["worker"],
    )
    page = client.get("/complaints/received/").content.decode()
    code = page.split('id="query-code">', 1)[1].split("<", 1)[0]
    case = register(
        employer_name="深圳市福田区华强电子有限公司",
        legal_representative="周大福",
        complainant_name=values["complainant"],
        complainant_id_number=values["id_number"],
        complainant_phone=values["phone"],
        summary=text,
        workers=[WorkerInput(name=values["worker"], id_number=values["worker_id"], amount_owed=Decimal("5000"))],
    )
    # The facts found are printed on the decision (行政处罚法 第五十九条) that is published: they must be redacted too.
    case = decide_penalty(
        case,
        inspector,
        lead,
        legal,
        leader,
        reasons=f"另查明{values['worker']}电话{values['phone']}。",
        findings=f"经查，该单位未建立用工管理台账；{text}",
    )
    published = publish_decision(actor=director, case=case)
    for body in public_responses(client, published.pk, code, values["phone"]):
        for name, secret in values.items():
            assert secret not in body, f"{name} {secret!r} leaked"
