"""seed_demo's listings: made through the actions on the demo's unpaid orders, in several states, and the portal
shows the published ones."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.dishonest_list.models import Listing, PublishedListing
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


def test_the_demo_has_listings_in_several_states_and_the_portal_shows_the_published_ones() -> None:
    out = StringIO()
    call_command("seed_demo", "--cases", "60", "--documents", "0", stdout=out)
    states = set(Listing.objects.values_list("state", flat=True))
    assert {"listed", "notice"} <= states
    assert len(states) >= 3
    assert Entry.objects.filter(action="dishonest_list.give_notice").count() == Listing.objects.count()
    published = PublishedListing.objects.first()
    assert published is not None
    assert published.employer_name in Client().get("/dishonest-list/").content.decode()
    assert "拖欠农民工工资失信联合惩戒名单记录" in out.getvalue()
