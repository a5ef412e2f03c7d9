"""Personal identifiers injected into the case and the listing never appear in any public response of the dishonest
list (security.md: a property test that injects such values and searches every public page, feed and export):
complainants, workers and the directly responsible persons (natural persons other than the legal representative,
kept on the staff side only), ID numbers, phone numbers, bank accounts and home addresses — also written with spaces
or dashes, after 住在, or naming a witness the case never declared (security review M2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from fazhi.cases.actions import WorkerInput
from fazhi.disclosure.tests.identifiers import gaps, identifiers, leaks
from fazhi.dishonest_list import actions
from fazhi.dishonest_list.snapshots import PublishedListing

from .conftest import AFTER, on, order_to_pay

D = dt.date


def public_responses(pk: int) -> list[str]:
    client = Client()
    pages = [
        client.get("/dishonest-list/"),
        client.get("/dishonest-list/?q=鑫达"),
        client.get(f"/dishonest-list/{pk}/"),
        client.get("/dishonest-list.csv"),
        client.get("/dishonest-list.json"),
        client.get("/dishonest-list/feed.atom"),
        client.get("/"),
    ]
    assert all(page.status_code == 200 for page in pages)
    return [page.content.decode("utf-8-sig") for page in pages]


@hypothesis_settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=identifiers(), gap=gaps)
def test_no_personal_identifier_reaches_any_public_response_of_the_list(values, gap, register, inspector, lead, leader):
    phone = values["phone"]
    text = (
        f"投诉人{values['complainant']}（身份证{values['id_number']}，电话{values['phone']}，"
        f"住址：{values['home']}）反映，劳动者{values['worker']}（身份证{values['worker_id']}）的工资"
        f"应打入账户{values['account']}。"
    )
    case = register(
        employer_name="深圳市福田区鑫达建筑劳务有限公司",
        legal_representative="陈建国",
        employer_address=(
            f"深圳市福田区福华路88号（联系人{values['complainant']}，电话{values['phone']}；工友"
            f"{gap.join(values['worker'])}，电话 {phone[:3]}-{phone[3:6]}-{phone[6:]}，住在{values['home']}；"
            f"证人{values['witness']}称）"
        ),
        complainant_name=values["complainant"],
        complainant_id_number=values["id_number"],
        complainant_phone=values["phone"],
        summary=text,
        workers=[
            WorkerInput(
                name=values["worker"],
                id_number=values["worker_id"],
                amount_owed=Decimal("24000"),
                period_start=D(2025, 9, 1),
                period_end=D(2025, 12, 31),
            )
        ],
    )
    case = order_to_pay(case, inspector, lead, leader)
    with on(AFTER):
        listing = actions.give_notice(
            actor=inspector,
            case=case,
            ground="amount",
            served_on=AFTER,
            unpaid_at_deadline=True,
            responsible_persons=f"{values['manager']}（项目经理，住址：{values['home']}，电话{values['phone']}）",
        )
        listing = actions.record_objection(actor=inspector, listing=listing, received_on=AFTER, objection=text)
        listing = actions.answer_objection(actor=lead, listing=listing, upheld=False, result=text)
    with on(D(2026, 3, 31)):
        listing = actions.decide_listing(actor=leader, listing=listing)
        listing = actions.publish(actor=lead, listing=listing)
    pk = PublishedListing.objects.get(listing_id=listing.pk).pk
    with on(D(2026, 4, 1)):
        bodies = public_responses(pk)
    assert "深圳市福田区鑫达建筑劳务有限公司" in bodies[0]
    for body in bodies:
        assert not leaks(body, values)


def test_the_publish_step_shows_the_address_as_it_will_be_published(register, inspector, lead, leader):
    """Security review M2: the one who publishes the listing reads its one free text, the address, redacted first."""
    case = register(
        employer_name="深圳市福田区鑫达建筑劳务有限公司",
        legal_representative="陈建国",
        employer_address="深圳市福田区福华路88号（联系人沈 强，电话 188-603-23294）",
        complainant_name="沈强",
        workers=[
            WorkerInput(
                name="沈强",
                amount_owed=Decimal("24000"),
                period_start=D(2025, 9, 1),
                period_end=D(2025, 12, 31),
            )
        ],
    )
    case = order_to_pay(case, inspector, lead, leader)
    with on(AFTER):
        listing = actions.give_notice(
            actor=inspector, case=case, ground="amount", served_on=AFTER, unpaid_at_deadline=True
        )
    with on(D(2026, 3, 31)):
        listing = actions.decide_listing(actor=leader, listing=listing)
        client = Client()
        client.force_login(lead)
        page = client.get(f"/staff/dishonest-list/{listing.pk}/").content.decode()
    assert "公开的地址（公布预览）" in page
    assert "深圳市福田区福华路88号（联系人某某，电话 [电话号码已隐去]）" in page
