"""The enforcement officers published on the portal: active holders of a certificate in an enforcing role, with the
organ they act for; nobody else."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.accounts.models import User
from fazhi.disclosure.models import PublishedOfficer
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


def test_certified_enforcers_are_published_with_their_organ_and_others_are_not(
    inspector: User, inspector2: User, lead: User, legal: User, sysadmin: User, client: Client
) -> None:
    User.objects.filter(pk=inspector2.pk).update(is_active=False)  # left the bureau
    out = io.StringIO()
    call_command("publish_officers", stdout=out)
    listed = {officer.name: officer for officer in PublishedOfficer.objects.all()}
    assert inspector.full_name in listed
    assert listed[inspector.full_name].certificate_number == inspector.enforcement_certificate_number
    assert listed[inspector.full_name].organ == "福田区人力资源局"  # the organ, not the squad
    assert inspector2.full_name not in listed
    assert sysadmin.full_name not in listed
    assert legal.full_name not in listed  # reviews; does not enforce
    assert f"已在门户网站公示 {len(listed)} 名执法人员" in out.getvalue()
    page = client.get("/officers/").content.decode()
    assert inspector.full_name in page
    assert inspector.enforcement_certificate_number in page
    assert inspector2.full_name not in page
    found = client.get("/officers/", {"q": inspector.enforcement_certificate_number}).content.decode()
    assert inspector.full_name in found
    assert Entry.objects.filter(action="disclosure.publish_officers").count() == 1


def test_publishing_again_replaces_the_list(inspector: User, client: Client) -> None:
    call_command("publish_officers", stdout=io.StringIO())
    User.objects.filter(pk=inspector.pk).update(enforcement_certificate_number="")  # certificate withdrawn
    call_command("publish_officers", stdout=io.StringIO())
    assert not PublishedOfficer.objects.filter(name=inspector.full_name).exists()
    assert "尚未公示执法人员名单" in client.get("/officers/").content.decode()


def test_the_bodies_page_names_each_organ_with_its_units_and_officer_counts(
    inspector: User, inspector2: User, outsider: User, legal: User, client: Client
) -> None:
    assert "尚未公示执法主体" in client.get("/bodies/").content.decode()
    call_command("publish_officers", stdout=io.StringIO())
    page = client.get("/bodies/").content.decode()
    sections = {part.split("</h2>")[0]: part for part in page.split('class="section-title">')[1:]}
    assert set(sections) == {"福田区人力资源局", "南山区人力资源局"}
    assert "持证执法人员 2 人" in sections["福田区人力资源局"]  # the two inspectors; the legal reviewer does not
    assert "持证执法人员 1 人" in sections["南山区人力资源局"]
    assert "<td>福田区劳动监察大队第一中队</td><td>2 人</td>" in page
    assert "<td>南山区劳动监察大队第一中队</td><td>1 人</td>" in page
    assert "劳动保障监察条例第三条" in page
    assert inspector.full_name not in page  # names are on the officers page, not here
