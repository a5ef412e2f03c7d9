"""A complaint whose address names no district lands at the city's intake; the city's 科长 sends it, before
acceptance, to the district that has jurisdiction (劳动保障监察条例 第十三条).
The receipt stands; the periods follow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client

from conftest import Org, make_user
from fazhi.accounts.models import Role, User
from fazhi.cases.actions import transition
from fazhi.cases.models import Case, Period
from fazhi.cases.workflow import State
from fazhi.complaints.actions import ComplaintError, route_complaint, routing_targets
from fazhi.complaints.tests.test_complaints import file
from fazhi.demo.complaints import file_demo_complaints
from fazhi.demo.management.commands.seed_demo import build_demo_organisation
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


def test_the_city_lead_routes_a_portal_complaint_to_the_district_squad_whose_lead_accepts(
    org: Org, city_lead: User, lead: User, landed_at_city: Case
) -> None:
    received_on = landed_at_city.received_on
    due = {p.code: p.due_on for p in Period.objects.filter(case=landed_at_city)}
    moved = route_complaint(actor=city_lead, case=landed_at_city, unit=org.futian_squad1, reason="用人单位在福田区。")
    assert moved.unit == org.futian_squad1
    assert moved.received_on == received_on
    assert moved.version == landed_at_city.version + 1
    periods = Period.objects.filter(case=moved)
    assert periods.exists()
    assert {p.code: p.due_on for p in periods} == due  # the time to decide on acceptance keeps running
    assert {p.unit_id for p in periods} == {org.futian_squad1.pk}
    entry = Entry.objects.get(action="complaints.route_complaint")
    assert (entry.actor_id, entry.before_data, entry.after_data["unit"]) == (
        city_lead.pk,
        {"unit": "T-SZ"},
        "T-FT-JC-1",
    )


def test_routing_is_refused_with_a_reason_and_journaled(
    org: Org, city_lead: User, lead: User, inspector: User, outsider: User, landed_at_city: Case
) -> None:
    for actor, unit, reason, message in (
        (inspector, org.futian_squad1, "在福田", "只有本机构及上级机构的科长或负责人"),
        (city_lead, None, "在福田", "请选择接收的监察机构"),
        (city_lead, org.info_centre, "在福田", "请选择接收的监察机构"),
        (city_lead, org.city, "在福田", "案件已在该机构"),
        (city_lead, org.futian_brigade, "在福田", "福田区劳动监察大队没有可以受理投诉的科长"),
        (city_lead, org.futian_squad1, "   ", "请填写移交理由"),
    ):
        with pytest.raises(ComplaintError, match=message):
            route_complaint(actor=actor, case=landed_at_city, unit=unit, reason=reason)
    assert Entry.objects.filter(action="complaints.route_complaint", outcome="refused").count() == 6
    assert Case.objects.get(pk=landed_at_city.pk).unit == org.city


def test_a_district_lead_cannot_route_a_case_outside_their_scope(org: Org, lead: User, landed_at_city: Case) -> None:
    with pytest.raises(ComplaintError, match="只有本机构及上级机构"):
        route_complaint(actor=lead, case=landed_at_city, unit=org.futian_squad1, reason="在福田")


def test_an_accepted_case_is_not_routed(org: Org, city_lead: User, landed_at_city: Case) -> None:
    Case.objects.filter(pk=landed_at_city.pk).update(state="filing_review", filed_on=dt.date(2026, 3, 9))
    with pytest.raises(ComplaintError, match="已经受理或处理"):
        route_complaint(actor=city_lead, case=landed_at_city, unit=org.futian_brigade, reason="在福田")


def test_the_case_page_routes_keeps_a_refused_form_and_lands_in_the_district_work_list(
    org: Org, city_lead: User, lead: User, landed_at_city: Case, client: Client
) -> None:
    client.force_login(city_lead)
    page = client.get(f"/staff/cases/{landed_at_city.pk}/").content.decode()
    assert "移交有管辖权的机构" in page
    assert "本件由门户网站提交" in page
    assert 'value="T-FT-JC-1"' in page
    assert 'value="T-FT-JC"' not in page  # nobody in the brigade itself may accept: not offered
    url = f"/staff/complaints/cases/{landed_at_city.pk}/route/"
    refused = client.post(url, {"unit": "T-FT-JC-1", "reason": ""})
    assert refused.status_code == 400
    assert "请填写移交理由" in refused.content.decode()
    assert 'value="T-FT-JC-1" selected' in refused.content.decode()
    done = client.post(url, {"unit": "T-FT-JC-1", "reason": "用人单位在福田区。"}, follow=True)
    assert done.redirect_chain == [(f"/staff/cases/{landed_at_city.pk}/", 302)]
    assert f"已将 {landed_at_city.reference} 移交福田区劳动监察大队第一中队" in done.content.decode()
    assert Case.objects.get(pk=landed_at_city.pk).unit == org.futian_squad1
    client.force_login(lead)
    assert landed_at_city.reference in client.get("/staff/cases/").content.decode()


def test_inspectors_do_not_see_the_routing_form(inspector: User, client: Client, org: Org) -> None:
    file(Client(), employer_address="深圳市福田区福华路1号")
    case = Case.objects.get()
    client.force_login(inspector)
    assert "移交有管辖权的机构" not in client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert (
        client.post(f"/staff/complaints/cases/{case.pk}/route/", {"unit": "T-NS-JC", "reason": "x"}).status_code == 403
    )


# --- Where a public complaint lands (劳动保障监察条例 第十三条; 广东省劳动保障监察条例 第三十六条、第三十九条) ------


@pytest.fixture
def nanshan_lead(org: Org) -> User:
    """南山's squad lead (科长): the district's own user who may accept its complaints."""
    return make_user("nanshan_lead", "高峰", org.nanshan_squad1, Role.LEAD)


def test_a_nanshan_complaint_lands_at_the_squad_whose_lead_accepts_and_waits_in_their_work_list(
    org: Org, nanshan_lead: User, city_lead: User, outsider: User, client: Client
) -> None:
    """The district's intake is configured as its brigade, where no user may accept: the complaint goes on to the
    nearest unit below with a 科长, so that the 5 working days of 广东条例 第三十九条 run where someone can act, and
    the district's own users find it (劳动保障监察条例 第十三条)."""
    file(Client())  # 南山区 in the address; FAZHI_INTAKE_UNITS names T-NS-JC
    case = Case.objects.get()
    assert case.unit == org.nanshan_squad1
    client.force_login(nanshan_lead)
    assert case.reference in client.get("/staff/cases/").content.decode()
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "受理并立案" in page  # the step is offered to the lead
    client.force_login(outsider)  # an inspector of the squad sees it too, to be named handler
    assert client.get(f"/staff/cases/{case.pk}/").status_code == 200


def test_a_complaint_stays_at_the_configured_intake_when_its_own_lead_sits_there(org: Org) -> None:
    brigade_lead = make_user("ns_brigade_lead", "罗斌", org.nanshan_brigade, Role.LEAD)
    make_user("nanshan_lead", "高峰", org.nanshan_squad1, Role.LEAD)
    file(Client())
    assert Case.objects.get().unit == org.nanshan_brigade
    assert brigade_lead.unit == org.nanshan_brigade


def test_an_inactive_lead_or_another_role_does_not_make_a_unit_an_intake(org: Org, city_lead: User) -> None:
    gone = make_user("gone_lead", "离职", org.nanshan_squad1, Role.LEAD)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    make_user("ns_director", "罗斌", org.nanshan, Role.DIRECTOR)
    file(Client())
    assert Case.objects.get().unit == org.city  # the city's 科长 routes it


def test_a_district_without_anyone_to_accept_sends_its_complaints_to_the_city_lead_to_route(
    org: Org, city_lead: User, lead: User
) -> None:
    """福田 has a lead (in its first squad) but 南山 has none: a 南山 complaint never lands in 福田, it goes to the
    city's intake, whose 科长 routes it."""
    file(Client())
    assert Case.objects.get().unit == org.city


def test_with_nobody_anywhere_to_accept_the_complaint_is_still_received_at_the_district_intake(org: Org) -> None:
    assert file(Client()).status_code == 302
    assert Case.objects.get().unit == org.nanshan_brigade


def test_the_city_lead_is_offered_only_units_where_someone_may_accept(
    org: Org, city_lead: User, lead: User, nanshan_lead: User
) -> None:
    assert [unit.code for unit in routing_targets()] == ["T-SZ", "T-FT-JC-1", "T-NS-JC-1"]


def test_the_demo_nanshan_complaint_reaches_ns_lead_who_accepts_it_with_two_nanshan_inspectors(settings) -> None:
    """The demo's organisation as seed_demo builds it, with the deployment's default intake units (440305 → the
    南山 brigade): the 南山 complaint lands in the squad of 南山's 科长, who accepts and files it (广东条例 第三十六条
    第一款) naming two certified 南山 inspectors (行政处罚法 第四十二条); the complaint naming no district stays with
    the city's 科长, who routes it."""
    settings.FAZHI_INTAKE_UNITS = {"440304": "SZ-FT-JC", "440305": "SZ-NS-JC", "440306": "SZ-BA-JC"}
    settings.FAZHI_INTAKE_DEFAULT_UNIT = "SZ"
    with transaction.atomic():
        build_demo_organisation()
    file_demo_complaints()
    nanshan, nowhere = Case.objects.order_by("pk")
    assert (nanshan.unit.code, nowhere.unit.code) == ("SZ-NS-JC-1", "SZ")
    ns_lead = User.objects.get(username="ns_lead")
    data = {"assign_handler": "ns_inspector", "assign_co_handler": "ns_inspector2"}
    accepted = transition(actor=ns_lead, case=nanshan, action="accept", data=data)
    assert accepted.state == State.INVESTIGATING
    assert accepted.filed_on == accepted.received_on
