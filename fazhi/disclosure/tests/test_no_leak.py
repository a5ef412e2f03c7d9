"""Personal identifiers injected into case data never appear in any public response (security.md: a property test
that injects such values and searches every public page, feed and export) — also written with spaces or dashes,
after 住在, or naming a witness the case never declared (security review M2)."""

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
from .identifiers import gaps, identifiers, leaks, spelled


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
@given(values=identifiers(), gap=gaps)
def test_no_personal_identifier_reaches_any_public_response(
    values, gap, register, inspector, lead, legal, director, leader, settings, captcha_answer
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
        summary=text + spelled(values, gap),
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
        findings=f"经查，该单位未建立用工管理台账；{text}{spelled(values, gap)}",
    )
    published = publish_decision(actor=director, case=case)
    for body in public_responses(client, published.pk, code, values["phone"]):
        assert not leaks(body, values)


def test_the_lead_reads_the_redacted_facts_and_the_warnings_before_publishing(
    register, inspector, lead, legal, leader, supervisor
):
    """Security review M2: the one who publishes sees what the portal will show — the complainant's spaced name and the
    grouped numbers gone, the witness named only in the text removed and reported, an unusual name flagged."""
    case = register(
        employer_name="深圳市福田区华强电子有限公司",
        legal_representative="周大福",
        complainant_name="沈强",
        summary="投诉人沈 强（电话 188-603-23294）反映，证人王德发、证人阿依古丽称属实。",
    )
    case = decide_penalty(case, inspector, lead, legal, leader)
    client = Client()
    client.force_login(lead)
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    preview = page.split("公示的违法事实（公布预览）", 1)[1].split("</blockquote>", 1)[0]
    assert "投诉人某某（电话 [电话号码已隐去]）反映，证人某某、证人阿依古丽称属实。" in preview
    assert "以下姓名未登记为本案人员，已按其前的称谓隐去，请核对：证人王德发。" in page
    assert "以下称谓后的文字可能是姓名，未能自动隐去，请修改原文后再公布：证人阿依古。" in page
    client.force_login(supervisor)  # who may not publish gets no preview
    assert "公布预览" not in client.get(f"/staff/cases/{case.pk}/").content.decode()
