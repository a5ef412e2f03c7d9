"""Correcting a loaded year moves the stored due dates of the live periods whose span touches a changed day, and the
load's one journal entry records each move. The correction is the real one: 2005-12-31 was a make-up working day
(国办发明电〔2005〕35号 一: "12月31日（星期六）上班"), which the seed from chinese-calendar lacked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from fazhi.calendars.actions import load_calendar_year
from fazhi.calendars.loader import parse_year_file
from fazhi.cases.models import Period, PeriodState, Source
from fazhi.cases.tests.conftest import RegisterCase
from fazhi.journal.models import Entry
from fazhi.journal.verify import verify_journal

pytestmark = pytest.mark.django_db

D = dt.date
CORRECTED_2005 = Path(__file__).resolve().parents[3] / "docs" / "calendar" / "2005.toml"
PATROL = {"source": Source.PATROL, "complainant_name": "", "complainant_phone": ""}


def load_2005_as_seeded() -> None:
    """2005 as chinese-calendar had it: the corrected file without the make-up day of the 2006 notice."""
    corrected = parse_year_file(CORRECTED_2005)
    seeded = dataclasses.replace(
        corrected,
        holidays=tuple(h for h in corrected.holidays if h.name != "元旦（2006年）"),
        notice_number="",
        notice_title="",
        source="chinese-calendar 1.11.0",
    )
    load_calendar_year(actor=None, year_file=seeded)


def load_corrected_2005() -> dict[str, Any]:
    out = io.StringIO()
    call_command("load_calendar", str(CORRECTED_2005), stdout=out)
    assert out.getvalue().startswith("已替换：2005 年（CN）")
    entry = Entry.objects.filter(action="calendars.year_load").latest("seq")
    after: dict[str, Any] = json.loads(entry.after)
    return after


def test_a_period_across_2005_12_31_ends_a_working_day_earlier_once_the_year_is_corrected(register: RegisterCase):
    """5 working days to file a case found on patrol (广东省劳动保障监察条例 第三十二条) from Wednesday 2005-12-28:
    under the seeded data they end on 2006-01-06; with Saturday 12-31 worked they end on 2006-01-05."""
    load_2005_as_seeded()
    case = register(received_on=D(2005, 12, 28), **PATROL)
    period = case.periods.get(code="filing_own_discovery")
    assert period.due_on == D(2006, 1, 6)
    before = Entry.objects.count()

    after = load_corrected_2005()

    period.refresh_from_db()
    assert period.due_on == D(2006, 1, 5)
    assert Entry.objects.count() == before + 1  # the load's entry is the only one
    assert after["notice_number"] == "国办发明电〔2005〕35号"
    assert after["changed_days"] == ["2005-12-31"]
    assert after["periods_moved"] == [
        {
            "case": case.display_number,
            "period": period.pk,
            "code": "filing_own_discovery",
            "name": period.name,
            "due_on_before": "2006-01-06",
            "due_on_after": "2006-01-05",
        }
    ]
    assert after["periods_to_check"] == []
    assert verify_journal().ok


def test_periods_that_do_not_span_the_day_or_are_met_are_left_as_they_were(register: RegisterCase):
    load_2005_as_seeded()
    early = register(received_on=D(2005, 12, 1), **PATROL).periods.get()  # due 2005-12-08
    late = register(received_on=D(2006, 1, 4), **PATROL).periods.get()  # due 2006-01-11
    met = register(received_on=D(2005, 12, 29), **PATROL).periods.get()
    Period.objects.filter(pk=met.pk).update(state=PeriodState.MET, met_on=D(2005, 12, 30))

    after = load_corrected_2005()

    assert after["periods_moved"] == []
    for period, due in ((early, D(2005, 12, 8)), (late, D(2006, 1, 11)), (met, D(2006, 1, 9))):
        period.refresh_from_db()
        assert period.due_on == due


def test_taking_a_working_day_away_moves_due_dates_later_and_withdraws_a_breach_that_no_longer_holds(
    register: RegisterCase,
):
    """The reverse change (loading 2005 as seeded over the corrected year): the period ends on 2006-01-06 again, so
    the breach the daily sweep recorded on 2006-01-06 (the day after 01-05) was no breach."""
    case = register(received_on=D(2005, 12, 28), **PATROL)
    period = case.periods.get()
    assert period.due_on == D(2006, 1, 5)
    Period.objects.filter(pk=period.pk).update(breached_on=D(2006, 1, 6))

    load_2005_as_seeded()

    period.refresh_from_db()
    assert (period.due_on, period.breached_on) == (D(2006, 1, 6), None)
    entry = Entry.objects.filter(action="calendars.year_load").latest("seq")
    assert [(m["due_on_before"], m["due_on_after"]) for m in json.loads(entry.after)["periods_moved"]] == [
        ("2006-01-05", "2006-01-06")
    ]


def test_a_suspended_period_keeps_the_time_it_had_left(register: RegisterCase):
    """A suspended clock (中止) is moved too, so that resuming it later counts the working days left correctly."""
    load_2005_as_seeded()
    period = register(received_on=D(2005, 12, 28), **PATROL).periods.get()
    Period.objects.filter(pk=period.pk).update(state=PeriodState.SUSPENDED, suspended_on=D(2005, 12, 29))

    load_corrected_2005()

    period.refresh_from_db()
    assert (period.state, period.due_on) == (PeriodState.SUSPENDED, D(2006, 1, 5))
