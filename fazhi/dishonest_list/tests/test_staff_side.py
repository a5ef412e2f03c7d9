"""The staff screens: the case page offers the prior notice, the notice form keeps what was typed, a listing's steps
are forms that call the actions, the list shows the state and the next deadline, and others' listings are 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.accounts.models import User
from fazhi.dishonest_list.models import Listing
from fazhi.dishonest_list.workflow import State
from fazhi.journal.models import Entry

from .conftest import AFTER, Ordered, listed, notice, on

pytestmark = pytest.mark.django_db
D = dt.date


def client(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_case_page_offers_the_notice_once_the_deadline_has_passed(ordered: Ordered, inspector: User) -> None:
    case = ordered()
    assert "告知拟列入失信名单" not in client(inspector).get(f"/staff/cases/{case.pk}/").content.decode()
    with on(AFTER):
        page = client(inspector).get(f"/staff/cases/{case.pk}/").content.decode()
    assert f'href="/staff/dishonest-list/cases/{case.pk}/notice/"' in page


def test_the_notice_form_gives_notice_and_opens_the_listing(ordered: Ordered, inspector: User) -> None:
    case = ordered()
    with on(AFTER):
        response = client(inspector).post(
            f"/staff/dishonest-list/cases/{case.pk}/notice/",
            {
                "ground": "amount",
                "served_on": "2026-03-23",
                "unpaid_at_deadline": "on",
                "responsible_persons": "赵有才",
            },
        )
    listing = Listing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/dishonest-list/{listing.pk}/"
    assert listing.responsible_persons == "赵有才"


def test_a_wrong_notice_is_shown_again_with_what_was_typed_and_why(ordered: Ordered, inspector: User) -> None:
    case = ordered()
    with on(AFTER):
        response = client(inspector).post(
            f"/staff/dishonest-list/cases/{case.pk}/notice/",
            {"ground": "incident", "served_on": "2026-03-23", "responsible_persons": "赵有才（项目经理）"},
        )
    page = response.content.decode()
    assert response.status_code == 400
    assert "请写明引发的群体性事件" in page
    assert "仍未支付工资" in page
    assert "赵有才（项目经理）" in page
    assert not Listing.objects.exists()


def test_a_step_form_calls_the_action_and_a_failed_one_keeps_the_input(
    ordered: Ordered, inspector: User, leader: User
) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
    with on(D(2026, 3, 31)):
        failed = client(inspector).post(
            f"/staff/dishonest-list/{listing.pk}/record_objection/",
            {"record_objection-received_on": "2026-03-31", "record_objection-objection": "工资已经付清了"},
        )
        assert failed.status_code == 400
        page = failed.content.decode()
        assert "异议期已于 2026-03-30 届满" in page
        assert "工资已经付清了" in page
        done = client(leader).post(f"/staff/dishonest-list/{listing.pk}/decide_listing/", {})
    assert done.status_code == 302
    assert Listing.objects.get().state == State.LISTED


def test_the_inspector_is_not_offered_the_decision_and_is_refused_if_he_tries(
    ordered: Ordered, inspector: User
) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
    with on(D(2026, 3, 31)):
        page = client(inspector).get(f"/staff/dishonest-list/{listing.pk}/").content.decode()
        assert "step-record_objection" in page
        assert "step-decide_listing" not in page
        response = client(inspector).post(f"/staff/dishonest-list/{listing.pk}/decide_listing/", {})
    assert response.status_code == 403
    assert Entry.objects.filter(action="dishonest_list.decide_listing", outcome="refused").count() == 1


def test_the_list_shows_state_and_next_deadline_and_hides_other_districts(
    ordered: Ordered, inspector: User, outsider: User
) -> None:
    case = ordered()
    with on(AFTER):
        listing = notice(inspector, case)
        page = client(inspector).get("/staff/dishonest-list/").content.decode()
    assert "拟列入（已告知）" in page
    assert "2026-03-30" in page  # the objection window's end comes first
    assert listing.employer_name not in client(outsider).get("/staff/dishonest-list/").content.decode()
    assert client(outsider).get(f"/staff/dishonest-list/{listing.pk}/").status_code == 404


def test_the_decision_page_carries_what_article_eight_prescribes(
    ordered: Ordered, inspector: User, leader: User
) -> None:
    listing = listed(inspector, leader, ordered())
    page = client(leader).get(f"/staff/dishonest-list/{listing.pk}/decision/").content.decode()
    for part in ("列入事由", "列入依据", "联合惩戒措施提示", "提前移出条件和程序", "救济措施", listing.decision_number):
        assert part in page


def test_the_sweep_command_moves_expired_listings_to_removal(ordered: Ordered, inspector: User, leader: User) -> None:
    listing = listed(inspector, leader, ordered())
    Listing.objects.filter(pk=listing.pk).update(ends_on=D(2026, 6, 19))
    with on(D(2026, 6, 22)):
        call_command("sweep_dishonest_list", stdout=__import__("io").StringIO())
    assert Listing.objects.get().state == State.REMOVAL_PENDING


def test_an_objection_period_ending_in_an_unloaded_year_shows_a_labelled_provisional_date(
    ordered: Ordered, inspector: User
) -> None:
    """暂行办法 第六条第二款: 5 working days to object from the notice served on Monday 2026-12-28: 12-29, 12-30,
    12-31, then 2027, not loaded: 待导入 with 预计 2027-01-05 (2027 counted with its weekends and 元旦)."""
    case = ordered()
    with on(D(2026, 12, 28)):
        listing = notice(inspector, case, served_on=D(2026, 12, 28))
        page = client(inspector).get(f"/staff/dishonest-list/{listing.pk}/").content.decode()
    assert "待 2027 年节假日数据导入后计算" in page
    assert "· 预计 2027-01-05" in page
