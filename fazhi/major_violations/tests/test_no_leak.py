"""Personal identifiers injected into case data never appear in any public response of the major-violation lists
(security.md: a property test that injects such values and searches every public page, feed and export): not the
complainant's or workers' names, ID numbers, phone numbers, bank accounts or home addresses — even when the staff's
text of the main facts and handling carries them."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from fazhi.cases.actions import WorkerInput
from fazhi.disclosure.tests.identifiers import identifiers
from fazhi.major_violations.actions import publish_batch, withdraw_publication
from fazhi.major_violations.models import Batch, Selection
from fazhi.major_violations.snapshots import PublishedMajorViolation

from .conftest import decide_wages, select


def public_responses(client: Client, pk: int) -> list[str]:
    pages = [
        client.get("/major-violations/"),
        client.get("/major-violations/", {"q": "宏图"}),
        client.get(f"/major-violations/{pk}/"),
        client.get("/major-violations.csv"),
        client.get("/major-violations.json"),
        client.get("/major-violations/feed.atom"),
    ]
    assert all(page.status_code == 200 for page in pages)
    return [page.content.decode("utf-8-sig") for page in pages]


@hypothesis_settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=identifiers(), withdraw=st.booleans())
def test_no_personal_identifier_reaches_any_public_response(
    values, withdraw, register, inspector, lead, director, leader
):
    # Each example starts from empty lists (the examples share the test's database).
    PublishedMajorViolation.objects.all().delete()
    Selection.objects.all().delete()
    Batch.objects.all().delete()
    text = (
        f"投诉人{values['complainant']}（身份证{values['id_number']}，电话{values['phone']}，"
        f"住址：{values['home']}）反映，劳动者{values['worker']}（身份证{values['worker_id']}）的工资"
        f"打入账户{values['account']}后被扣回。"
    )
    case = register(
        employer_name="深圳市福田区宏图建筑劳务有限公司",
        legal_representative="赵建国",
        employer_address="深圳市福田区福华路88号",
        complainant_name=values["complainant"],
        complainant_id_number=values["id_number"],
        complainant_phone=values["phone"],
        summary=text,
        workers=[WorkerInput(name=values["worker"], id_number=values["worker_id"], amount_owed=Decimal("150000"))],
    )
    # The facts found are printed on the decision (行政处罚法 第五十九条); the public list must not carry them raw.
    case = decide_wages(case, inspector, lead, leader, findings=f"经查，{text}")
    selection = select(
        case, lead, "wages", f"经查，{text}", f"已责令向{values['worker']}（电话{values['phone']}）支付。"
    )
    publish_batch(actor=director, batch=selection.batch)
    if withdraw:
        withdraw_publication(
            actor=director, selection=selection, reason=f"{values['complainant']}撤回投诉，电话{values['phone']}。"
        )
    published = PublishedMajorViolation.objects.get(selection_id=selection.pk)
    bodies = public_responses(Client(), published.pk)
    assert all("宏图建筑劳务" in body for body in bodies)  # the entry is there, only without the secrets
    for body in bodies:
        for name, secret in values.items():
            assert secret not in body, f"{name} {secret!r} leaked"
