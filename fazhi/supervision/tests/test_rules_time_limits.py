"""The time-limit rules over running periods: yellow with five working days or fewer left, red once breached, and
both replayed "as of" a past day. The complaint of the fixtures was received Monday 2026-03-02: its acceptance period
(5 working days, 广东省劳动保障监察条例 第三十六条) runs 03, 04, 05, 06, 09 March and is due Monday 03-09."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Period
from fazhi.cases.tests.conftest import RegisterCase, on, walk
from fazhi.supervision.queries import make_dashboard
from fazhi.supervision.rules import Severity
from fazhi.supervision.tests.conftest import alerts_of

pytestmark = pytest.mark.django_db


def test_a_complaint_due_for_acceptance_today_is_yellow_and_says_which_period_and_why(register: RegisterCase) -> None:
    case = register()
    [alert] = alerts_of("period_due_soon", case=case)
    assert (alert.severity, alert.case_id, alert.unit_id) == ("yellow", case.pk, case.unit_id)
    assert "投诉受理期限将于 2026-03-09 届满" in alert.detail
    assert "第三十六条" in alert.detail
    assert alerts_of("period_breached", case=case) == []


def test_a_period_with_more_than_five_working_days_left_raises_nothing(register: RegisterCase) -> None:
    case = register(received_on=dt.date(2026, 3, 9))  # due Monday 03-16: six working days from Friday 03-06
    assert alerts_of("period_due_soon", dt.date(2026, 3, 6), case=case) == []
    assert [a.rule for a in alerts_of("period_due_soon", dt.date(2026, 3, 9), case=case)] == ["period_due_soon"]


def test_the_warning_window_follows_the_setting(register: RegisterCase, settings: object) -> None:
    case = register(received_on=dt.date(2026, 3, 9))
    settings.FAZHI_SUPERVISION_WARNING_WORKING_DAYS = 3  # type: ignore[attr-defined]
    assert alerts_of("period_due_soon", dt.date(2026, 3, 10), case=case) == []
    assert len(alerts_of("period_due_soon", dt.date(2026, 3, 11), case=case)) == 1


def test_an_unanswered_complaint_is_red_the_day_after_its_acceptance_period(register: RegisterCase) -> None:
    case = register()
    [alert] = alerts_of("period_breached", dt.date(2026, 3, 10), case=case)
    assert (alert.severity, alert.since) == ("red", dt.date(2026, 3, 10))
    assert alerts_of("period_due_soon", dt.date(2026, 3, 10), case=case) == []


def test_a_complaint_accepted_in_time_raises_nothing_afterwards(register: RegisterCase, lead: User) -> None:
    case = walk(register(), (lead, "accept", {}))
    assert alerts_of("period_breached", dt.date(2026, 3, 10), case=case) == []
    assert alerts_of("period_due_soon", dt.date(2026, 3, 10), case=case) == []


def test_a_late_acceptance_is_replayed_red_for_the_days_it_was_late_and_quiet_after(
    register: RegisterCase, lead: User
) -> None:
    case = register()
    with on(dt.date(2026, 3, 11)):
        walk(case, (lead, "accept", {}))
    with on(dt.date(2026, 3, 12)):  # replayed afterwards: the met period is read from its dates
        assert len(alerts_of("period_breached", dt.date(2026, 3, 10), case=case)) == 1
        assert alerts_of("period_breached", dt.date(2026, 3, 11), case=case) == []
        assert alerts_of("period_breached", dt.date(2026, 3, 12), case=case) == []  # today: the running periods
        assert alerts_of("period_due_soon", dt.date(2026, 3, 1), case=case) == []  # not yet received


def test_todays_scan_and_a_later_replay_of_the_same_day_agree(register: RegisterCase, lead: User) -> None:
    case = register()
    today = [(a.rule, a.subject_id, a.since, a.detail) for a in alerts_of("period_due_soon", case=case)]
    with on(dt.date(2026, 3, 10)):
        breached_today = [
            (a.subject_id, a.since) for a in alerts_of("period_breached", dt.date(2026, 3, 10), case=case)
        ]
    with on(dt.date(2026, 3, 11)):
        walk(case, (lead, "accept", {}))
    with on(dt.date(2026, 3, 20)):  # the acceptance is done; both days are replayed from the period's dates
        replayed = [(a.rule, a.subject_id, a.since, a.detail) for a in alerts_of("period_due_soon", case=case)]
        later = [(a.subject_id, a.since) for a in alerts_of("period_breached", dt.date(2026, 3, 10), case=case)]
        assert alerts_of("period_breached", dt.date(2026, 3, 20), case=case) == []
    assert len(today) == 1
    assert replayed == today
    assert breached_today == later != []


def test_a_period_suspended_later_is_replayed_as_running_before_its_suspension(
    register: RegisterCase, lead: User, leader: User
) -> None:
    case = walk(register(), (lead, "accept", {}))
    period = Period.objects.filter(case=case, state="running").order_by("due_on").first()
    assert period is not None
    assert period.due_on is not None
    due = period.due_on
    with on(due + dt.timedelta(days=2)):
        walk(case, (leader, "suspend", {"reason": "等待仲裁结果"}))
    period.refresh_from_db()
    assert period.state == "suspended"
    with on(due + dt.timedelta(days=3)):
        assert period.pk in {a.subject_id for a in alerts_of("period_due_soon", due, case=case)}
        assert period.pk in {a.subject_id for a in alerts_of("period_breached", due + dt.timedelta(days=1), case=case)}
        assert period.pk not in {
            a.subject_id for a in alerts_of("period_breached", due + dt.timedelta(days=2), case=case)
        }


def test_a_suspended_period_is_quiet_while_suspended(register: RegisterCase, lead: User, leader: User) -> None:
    case = walk(
        register(),
        (lead, "accept", {}),
        (leader, "suspend", {"reason": "等待仲裁结果"}),
    )
    as_of = dt.date(2026, 7, 1)  # long after the investigation's 45 working days
    assert [
        a for a in alerts_of("period_breached", as_of, case=case) if "调查" in a.detail or "处理期限" in a.detail
    ] == []


def test_a_late_acceptance_stays_as_completed_late_with_the_periods_own_article_after_the_step(
    register: RegisterCase, lead: User, supervisor: User
) -> None:
    """广东省劳动保障监察条例 第三十六条: accepted on Wednesday 03-11, two days after the period was due (03-09); the
    breach is kept once the step is taken, on the dashboard's counts and the unit's row."""
    case = register()
    with on(dt.date(2026, 3, 11)):
        walk(case, (lead, "accept", {}))
    with on(dt.date(2026, 3, 20)):
        assert alerts_of("period_met_late", dt.date(2026, 3, 10), case=case) == []  # replayed: still running then
        [alert] = alerts_of("period_met_late", dt.date(2026, 3, 20), case=case)
        assert (alert.severity, alert.since) == ("orange", dt.date(2026, 3, 11))
        assert "投诉受理期限应于 2026-03-09 届满前办理，2026-03-11 才完成，逾期 2 日" in alert.detail
        assert "第三十六条" in alert.detail
        assert alerts_of("period_breached", dt.date(2026, 3, 20), case=case) == []
        board = make_dashboard(dt.date(2026, 3, 20), supervisor)
    assert next(c.count for c in board.by_rule if c.rule.code == "period_met_late") == 1
    [row] = [r for r in board.units if r.unit == case.unit]
    assert (row.met_late, row.by_severity[Severity.ORANGE]) == (1, 1)


def test_an_acceptance_in_time_is_not_completed_late_and_a_late_one_leaves_after_the_look_back(
    register: RegisterCase, lead: User, settings: object
) -> None:
    """广东省劳动保障监察条例 第三十六条: met on its due day is in time; a late one is kept for the look-back only."""
    in_time = walk(register(), (lead, "accept", {}))
    assert alerts_of("period_met_late", case=in_time) == []
    late = register()
    with on(dt.date(2026, 3, 11)):
        walk(late, (lead, "accept", {}))
    settings.FAZHI_SUPERVISION_LOOKBACK_DAYS = 30  # type: ignore[attr-defined]
    with on(dt.date(2026, 5, 1)):
        assert len(alerts_of("period_met_late", dt.date(2026, 4, 10), case=late)) == 1
        assert alerts_of("period_met_late", dt.date(2026, 4, 11), case=late) == []
