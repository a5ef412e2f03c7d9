"""December, and next year's holiday notice is not loaded: a new case's handling period has no due date yet
(待导入节假日), and the screens and the API show a provisional date beside it, labelled 预计 and with the note that it
is not the legal deadline. It never counts: no breach, no alert, no overdue count, no days left, no document. Loading
the year replaces it with the real date (the recomputation of fazhi.cases.receivers)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.api.tests.helpers import api_client
from fazhi.calendars.actions import load_calendar_year
from fazhi.calendars.loader import parse_year_file
from fazhi.calendars.tests.conftest import VALID_2027
from fazhi.cases import case_page
from fazhi.cases.models import Case, Period, PeriodState
from fazhi.cases.queries import DUE_AWAITING, DUE_OVERDUE, filtered_cases, overdue_counts_by_unit
from fazhi.cases.tests.conftest import RegisterCase, latest, on, walk
from fazhi.documents.actions import issue_document
from fazhi.documents.tests.conftest import flat
from fazhi.rules.provisional import NOTE, NOTE_IN_FULL
from fazhi.supervision.queries import scan

pytestmark = pytest.mark.django_db

DECEMBER_7 = dt.date(2026, 12, 7)
# 45 working days from Monday 2026-12-07 (广东省劳动保障监察条例 第四十四条第一款), counting 2027 with its weekends and
# 元旦 only: 2027-02-09 (fazhi/rules/tests/test_provisional.py counts it by hand).
PROVISIONAL = dt.date(2027, 2, 9)
# The same 45 working days once the (example) notice for 2027 is loaded: 1-31 worked, 2-05..2-13 off → 2027-02-16.
LEGAL = dt.date(2027, 2, 16)
TIME_LIMIT_RULES = {"period_breached", "period_due_soon"}
BADGE = f'<span class="due-provisional" title="{NOTE}"> · 预计 {PROVISIONAL.isoformat()}</span>'


@pytest.fixture
def december() -> Iterator[None]:
    with on(DECEMBER_7):
        yield


@pytest.fixture
def accepted(december: None, register: RegisterCase, lead: User) -> Case:
    """A complaint received and accepted (so filed) on 2026-12-07: its 45 working days run into 2027."""
    return walk(register(received_on=DECEMBER_7), (lead, "accept", {}))


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(user: User, name: str, *args: Any) -> str:
    response = client_for(user).get(reverse(name, args=args))
    assert response.status_code == 200
    return str(response.content.decode())


def load_2027(tmp_path: Path) -> None:
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(VALID_2027, ensure_ascii=False), encoding="utf-8")
    load_calendar_year(actor=None, year_file=parse_year_file(path))


def test_the_handling_period_of_a_case_accepted_on_7_december_waits_for_2027_with_a_provisional_date(
    accepted: Case,
) -> None:
    """广东省劳动保障监察条例 第四十四条第一款: 45 working days, the last ones in 2027, not loaded."""
    period = latest(accepted, "investigation")
    assert (period.started_on, period.due_on, period.awaiting_year) == (DECEMBER_7, None, 2027)
    assert period.provisional_due_on == PROVISIONAL
    status = case_page.period_status(period, DECEMBER_7)
    assert (status.awaiting, status.provisional, status.left, status.overdue) == (True, PROVISIONAL, None, False)


def test_my_work_and_the_case_list_show_待导入节假日_with_the_labelled_provisional_date_and_the_note(
    accepted: Case, inspector: User, lead: User
) -> None:
    for html in (page(inspector, "cases:worklist"), page(lead, "cases:list")):
        assert accepted.display_number in html
        assert "待导入节假日" in html
        assert BADGE in html
        assert NOTE_IN_FULL in html
        assert "剩 " not in html  # no days left are counted from an estimate


def test_the_case_page_shows_the_provisional_date_beside_the_awaiting_due_date_and_the_visible_note(
    accepted: Case, inspector: User
) -> None:
    html = page(inspector, "cases:detail", accepted.pk)
    assert f"待导入节假日</span>{BADGE}" in html
    assert f'<p class="provisional-note">{NOTE_IN_FULL}</p>' in html


def test_a_page_without_a_provisional_date_has_no_note(register: RegisterCase, inspector: User) -> None:
    """On the known day (March 2026) every period has its due date."""
    case = register()
    assert "预计" not in page(inspector, "cases:worklist")
    assert "provisional-note" not in page(inspector, "cases:detail", case.pk)


def test_the_api_gives_the_provisional_date_in_its_own_field_and_leaves_the_due_date_empty(
    accepted: Case, inspector: User
) -> None:
    client = api_client(inspector)
    detail = client.get(f"/api/v1/cases/{accepted.pk}").json()
    (handling,) = [p for p in detail["periods"] if p["code"] == "investigation"]
    assert (handling["due_on"], handling["provisional_due_on"]) == (None, PROVISIONAL.isoformat())
    assert (detail["next_due"], detail["next_provisional_due"]) == (None, PROVISIONAL.isoformat())
    (item,) = client.get("/api/v1/cases").json()["items"]
    assert (item["next_due"], item["next_provisional_due"]) == (None, PROVISIONAL.isoformat())
    document = client.get("/api/v1/openapi.json").json()
    period_schema = document["components"]["schemas"]["PeriodOut"]["properties"]["provisional_due_on"]
    assert "不是法定期限" in period_schema["description"]


def test_loading_2027_replaces_the_provisional_date_with_the_real_due_date_everywhere(
    accepted: Case, inspector: User, tmp_path: Path
) -> None:
    with on(DECEMBER_7):
        load_2027(tmp_path)
        period = latest(accepted, "investigation")
        assert (period.due_on, period.awaiting_year, period.provisional_due_on) == (LEGAL, None, None)
        worklist = page(inspector, "cases:worklist")
        detail = page(inspector, "cases:detail", accepted.pk)
        api = api_client(inspector).get(f"/api/v1/cases/{accepted.pk}").json()
    for html in (worklist, detail):
        assert LEGAL.isoformat() in html
        assert "预计" not in html
        assert "待导入节假日" not in html
        assert "provisional-note" not in html
    (handling,) = [p for p in api["periods"] if p["code"] == "investigation"]
    assert (handling["due_on"], handling["provisional_due_on"]) == (LEGAL.isoformat(), None)
    assert api["next_provisional_due"] is None


def test_a_provisional_date_long_past_breaches_nothing_alerts_nothing_and_counts_as_overdue_nowhere(
    accepted: Case, inspector: User, supervisor: User
) -> None:
    """The breach sweep, the supervision time-limit rules and the overdue counts read the due date alone: on
    2027-03-01, three weeks after the provisional date, the period is still only waiting for 2027."""
    later = dt.date(2027, 3, 1)
    period = latest(accepted, "investigation")
    assert later > PROVISIONAL
    call_command("sweep_periods", "--today", later.isoformat(), stdout=StringIO())
    period.refresh_from_db()
    assert (period.breached_on, period.state) == (None, PeriodState.RUNNING)
    time_limits = [alert for alert in scan(later) if alert.rule in TIME_LIMIT_RULES and alert.case_id == accepted.pk]
    assert time_limits == []
    assert overdue_counts_by_unit(supervisor, later).get(accepted.unit_id, 0) == 0
    assert list(filtered_cases(inspector, today=later, due=DUE_OVERDUE)) == []
    assert list(filtered_cases(inspector, today=later, due=DUE_AWAITING)) == [accepted]
    status = case_page.period_status(period, later)
    assert (status.due, status.left, status.overdue) == (None, None, False)


def test_an_extension_moves_the_provisional_date_and_the_notice_to_the_complainant_never_prints_it(
    accepted: Case, inspector: User, leader: User, tmp_path: Path
) -> None:
    """广东省劳动保障监察条例 第四十四条第二款: 30 working days more, counted from the provisional date for the screens;
    the 延长办案期限通知书 states the extension and no date, as it does while the due date is unknown."""
    with on(DECEMBER_7):
        case = walk(accepted, (leader, "extend", {"reason": "涉及劳动者人数多，需委托审计"}))
        document = issue_document(actor=inspector, case=case, doc_type="extension_notice")
    period = latest(case, "investigation")
    # 30 working days after 2027-02-09 on weekends only (no fixed-date holiday in between): 2027-03-23.
    assert (period.due_on, period.provisional_due_on, period.days) == (None, dt.date(2027, 3, 23), 75)
    text = flat(bytes(document.pdf), tmp_path)
    assert "本案办案期限延长三十个工作日" in text
    assert "二〇二七年" not in text
    assert "2027" not in text
    assert "预计" not in text


def test_a_period_resumed_into_2027_gets_a_provisional_date_for_the_days_it_had_left(
    register: RegisterCase, lead: User, leader: User
) -> None:
    """广东省劳动保障监察条例 第四十五条第二款: the clock stopped on 2026-11-02 with its days left, resumed on 12-07."""
    with on(dt.date(2026, 10, 12)):
        case = walk(register(received_on=dt.date(2026, 10, 12)), (lead, "accept", {}))
    running = latest(case, "investigation")
    assert running.due_on is not None
    assert running.provisional_due_on is None
    with on(dt.date(2026, 11, 2)):
        case = walk(case, (leader, "suspend", {"reason": "须以劳动争议仲裁机构的裁决为依据"}))
    with on(DECEMBER_7):
        case = walk(case, (leader, "resume", {"reason": "仲裁裁决已作出"}))
    period = latest(case, "investigation")
    assert (period.state, period.due_on, period.awaiting_year) == (PeriodState.RUNNING, None, 2027)
    assert period.provisional_due_on is not None
    assert period.provisional_due_on > DECEMBER_7


def test_the_calendar_api_answers_a_missing_year_with_a_provisional_date_beside_it(inspector: User) -> None:
    response = Client().get("/api/v1/calendar/due-date", {"start": "2026-12-07", "days": "45"})
    assert response.status_code == 422
    answer = response.json()
    assert (answer["missing_year"], answer["provisional_due_date"]) == (2027, PROVISIONAL.isoformat())
    known = Client().get("/api/v1/calendar/due-date", {"start": "2026-03-02", "days": "5"}).json()
    assert "provisional_due_date" not in known


def test_periods_waiting_before_the_upgrade_get_their_provisional_date_from_the_migration(accepted: Case) -> None:
    """cases.0014 fills the rows that were already waiting (the bureau upgrades in December)."""
    from importlib import import_module

    from django.apps import apps

    Period.objects.filter(case=accepted).update(provisional_due_on=None)
    migration = import_module("fazhi.cases.migrations.0014_period_provisional_due_on")
    migration.fill_provisional_dates(apps, None)
    assert latest(accepted, "investigation").provisional_due_on == PROVISIONAL
