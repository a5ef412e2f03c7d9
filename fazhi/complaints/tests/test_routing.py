"""A complaint whose address names no district lands at the city's intake; the city's 科长 sends it, before
acceptance, to the district that has jurisdiction (劳动保障监察条例 第十三条).
The receipt stands; the periods follow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from conftest import Org, make_user
from fazhi.accounts.models import Role, User
from fazhi.cases.models import Case, Period
from fazhi.complaints.actions import ComplaintError, route_complaint
from fazhi.complaints.tests.test_complaints import file
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_lead(org: Org) -> User:
    return make_user("citylead", "钱进", org.city, Role.LEAD)


@pytest.fixture
def landed_at_city(org: Org) -> Case:
    """A complaint filed on the portal whose employer's address names no district."""
    file(Client(), employer_address="深圳市某某路88号")
    case = Case.objects.get()
    assert case.unit == org.city
    return case


def test_the_city_lead_routes_a_portal_complaint_to_the_district_brigade(
    org: Org, city_lead: User, landed_at_city: Case
) -> None:
    received_on = landed_at_city.received_on
    due = {p.code: p.due_on for p in Period.objects.filter(case=landed_at_city)}
    moved = route_complaint(actor=city_lead, case=landed_at_city, unit=org.futian_brigade, reason="用人单位在福田区。")
    assert moved.unit == org.futian_brigade
    assert moved.received_on == received_on
    assert moved.version == landed_at_city.version + 1
    periods = Period.objects.filter(case=moved)
    assert periods.exists()
    assert {p.code: p.due_on for p in periods} == due  # the time to decide on acceptance keeps running
    assert {p.unit_id for p in periods} == {org.futian_brigade.pk}
    entry = Entry.objects.get(action="complaints.route_complaint")
    assert (entry.actor_id, entry.before_data, entry.after_data["unit"]) == (
        city_lead.pk,
        {"unit": "T-SZ"},
        "T-FT-JC",
    )


def test_routing_is_refused_with_a_reason_and_journaled(
    org: Org, city_lead: User, inspector: User, outsider: User, landed_at_city: Case
) -> None:
    for actor, unit, reason, message in (
        (inspector, org.futian_brigade, "在福田", "只有本机构及上级机构的科长或负责人"),
        (city_lead, None, "在福田", "请选择接收的监察机构"),
        (city_lead, org.info_centre, "在福田", "请选择接收的监察机构"),
        (city_lead, org.city, "在福田", "案件已在该机构"),
        (city_lead, org.futian_brigade, "   ", "请填写移交理由"),
    ):
        with pytest.raises(ComplaintError, match=message):
            route_complaint(actor=actor, case=landed_at_city, unit=unit, reason=reason)
    assert Entry.objects.filter(action="complaints.route_complaint", outcome="refused").count() == 5
    assert Case.objects.get(pk=landed_at_city.pk).unit == org.city


def test_a_district_lead_cannot_route_a_case_outside_their_scope(org: Org, lead: User, landed_at_city: Case) -> None:
    with pytest.raises(ComplaintError, match="只有本机构及上级机构"):
        route_complaint(actor=lead, case=landed_at_city, unit=org.futian_squad1, reason="在福田")


def test_an_accepted_case_is_not_routed(org: Org, city_lead: User, landed_at_city: Case) -> None:
    Case.objects.filter(pk=landed_at_city.pk).update(state="filing_review", filed_on=dt.date(2026, 3, 9))
    with pytest.raises(ComplaintError, match="已经受理或处理"):
        route_complaint(actor=city_lead, case=landed_at_city, unit=org.futian_brigade, reason="在福田")


def test_the_case_page_routes_keeps_a_refused_form_and_lands_in_the_district_work_list(
    org: Org, city_lead: User, landed_at_city: Case, client: Client
) -> None:
    client.force_login(city_lead)
    page = client.get(f"/staff/cases/{landed_at_city.pk}/").content.decode()
    assert "移交有管辖权的机构" in page
    assert "本件由门户网站提交" in page
    url = f"/staff/complaints/cases/{landed_at_city.pk}/route/"
    refused = client.post(url, {"unit": "T-FT-JC", "reason": ""})
    assert refused.status_code == 400
    assert "请填写移交理由" in refused.content.decode()
    assert 'value="T-FT-JC" selected' in refused.content.decode()
    done = client.post(url, {"unit": "T-FT-JC", "reason": "用人单位在福田区。"}, follow=True)
    assert done.redirect_chain == [(f"/staff/cases/{landed_at_city.pk}/", 302)]
    assert f"已将 {landed_at_city.reference} 移交福田区劳动监察大队" in done.content.decode()
    assert Case.objects.get(pk=landed_at_city.pk).unit == org.futian_brigade


def test_inspectors_do_not_see_the_routing_form(inspector: User, client: Client, org: Org) -> None:
    file(Client(), employer_address="深圳市福田区福华路1号")
    case = Case.objects.get()
    client.force_login(inspector)
    assert "移交有管辖权的机构" not in client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert (
        client.post(f"/staff/complaints/cases/{case.pk}/route/", {"unit": "T-NS-JC", "reason": "x"}).status_code == 403
    )
