"""The statutory periods running on a case, as `Period` rows: opened and met by the steps of the procedure
(`Transition.opens` / `.meets`), stopped by a suspension (only those whose rule says so) and recomputed on
resumption, lengthened once by an extension.
The rules (days, unit, citation, jurisdiction) are `fazhi.rules.periods`; the calendar is `fazhi.calendars`.

A due date that needs a year whose holidays are not loaded stays empty (`awaiting_year` names the year), and the row
keeps a provisional date for the screens (`provisional_due_on`, `fazhi.rules.provisional`), set and cleared with
`awaiting_year`. Nothing here or elsewhere counts from the provisional date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import NamedTuple

from django.conf import settings

from fazhi import sql
from fazhi.calendars.queries import working_calendar
from fazhi.cases import enforcement
from fazhi.cases.models import Case, Period, PeriodState
from fazhi.cases.outcomes import PAYMENT_ORDERS
from fazhi.rules import periods as rules
from fazhi.rules import provisional
from fazhi.rules.calendar import CalendarYearMissing, WorkingCalendar


def _jurisdiction() -> str:
    return str(settings.FAZHI_JURISDICTION)


class Due(NamedTuple):
    """A period's due date, or, while the holiday data it needs is missing, the year to load and the provisional
    date shown meanwhile (None when even the estimate cannot reach that far)."""

    on: dt.date | None
    awaiting: int | None = None
    provisional: dt.date | None = None


def counted(calendar: WorkingCalendar, count: Callable[[WorkingCalendar], dt.date]) -> Due:
    """`count(calendar)` as a Due: the date, or the missing year and `count` done on the provisional calendar."""
    try:
        return Due(count(calendar))
    except CalendarYearMissing as missing:
        return Due(None, missing.year, provisional.estimate(calendar, count))


def _due(rule: rules.PeriodRule, start: dt.date, calendar: WorkingCalendar) -> Due:
    return counted(calendar, lambda cal: rules.due_date(rule, start, cal))


def open_periods(case: Case, codes: Iterable[str], *, start: dt.date) -> list[Period]:
    """Start the periods `codes` on `case` from `start` (start day not counted). A period the deployment's
    jurisdiction has no rule for is skipped (e.g. a Guangdong-only limit elsewhere), and so is one still live (running
    or suspended) from an earlier step, e.g. at a second suspension: one live row per code, which the database's
    unique constraint decides as the row is inserted."""
    calendar: WorkingCalendar | None = None  # loaded only when a period is opened
    opened = []
    for code in codes:
        try:
            rule = rules.period_rule(code, _jurisdiction())
        except rules.UnknownPeriod:
            continue
        if calendar is None:
            calendar = working_calendar()
        due = _due(rule, start, calendar)
        period = Period(
            case=case,
            unit_id=case.unit_id,
            code=code,
            name=rule.name,
            citation=rule.citation_label,
            days=rule.days,
            day_unit=rule.unit.value,
            started_on=start,
            due_on=due.on,
            awaiting_year=due.awaiting,
            provisional_due_on=due.provisional,
        )
        if code == enforcement.CODE:
            # Not the rule's 3 months from `start`: the window the remedies and a payment plan give (the row follows).
            period.due_on, period.awaiting_year, period.provisional_due_on = None, None, None
        if sql.insert(period, ignore_conflicts=True):
            if code == enforcement.CODE:
                enforcement.refresh_enforcement_period(case, on=start)
            opened.append(period)
    return opened


def start_after_public_notices() -> int:
    """Cases served by public notice whose effective day waited for a year's holidays: record the day and start the
    periods that run from it (called when a year is loaded, like `recompute_awaiting`)."""
    done = 0
    waiting = Case.objects.filter(service_method="public_notice", served_on__isnull=False, service_effective_on=None)
    for case in waiting.select_related("unit"):
        assert case.served_on is not None
        # 广东条例 第四十七条第二款: 3 days in a case under 第四十一条 or after a mass incident, else 60.
        code = "public_notice_service_summons" if case.short_public_notice else "public_notice_service"
        effective = due_or_none(code, case.served_on)
        if effective is None:
            continue
        Case.objects.filter(pk=case.pk).update(service_effective_on=effective)
        case.service_effective_on = effective
        if case.decision_outcome == "penalty":
            open_periods(case, ["fine_payment"], start=effective)
        if case.decision_outcome in PAYMENT_ORDERS:
            open_periods(case, ["court_enforcement_application"], start=effective)
        done += 1
    return done


def recompute_awaiting(year: int) -> int:
    """Compute the due dates that waited for `year`'s holiday data (called when a year is loaded), replacing their
    provisional dates. Those still waiting for a later year get their provisional date counted again, `year` now
    loaded."""
    calendar = working_calendar()
    done = 0
    for period in Period.objects.filter(awaiting_year__isnull=False, due_on__isnull=True):
        if period.code == enforcement.CODE:
            refreshed = enforcement.refresh_enforcement_period(period.case)
            done += refreshed is not None and refreshed.due_on is not None
            continue
        try:
            rule = rules.period_rule(period.code, _jurisdiction())
        except rules.UnknownPeriod:
            continue
        extended = period.days - rule.days

        def count(
            cal: WorkingCalendar,
            rule: rules.PeriodRule = rule,
            start: dt.date = period.started_on,
            more: int = extended,
        ) -> dt.date:
            due = rules.due_date(rule, start, cal)
            return cal.add_working_days(due, more) if more > 0 else due

        due = counted(calendar, count)
        period.due_on, period.awaiting_year, period.provisional_due_on = due
        period.save(update_fields=["due_on", "awaiting_year", "provisional_due_on"])
        done += due.on is not None
    return done


def meet_periods(case: Case, codes: Iterable[str], *, on: dt.date) -> int:
    codes = list(codes)
    if not codes:
        return 0
    connection, update = sql.statement(
        Period,
        "UPDATE {table} SET {state} = %s, {met_on} = %s "  # noqa: S608 (names from the model, values are parameters)
        f"WHERE {{case}} = %s AND {{code}} IN ({', '.join(['%s'] * len(codes))}) AND {{state}} = %s",
    )
    met_on = sql.field(Period, "met_on").get_db_prep_save(on, connection)
    with connection.cursor() as cursor:
        cursor.execute(update, [PeriodState.MET.value, met_on, case.pk, *codes, PeriodState.RUNNING.value])
        return int(cursor.rowcount)


def codes_stopped_by_suspension() -> tuple[str, ...]:
    """The periods a suspension (中止) stops in this jurisdiction: those whose rule says `stops_on_suspension` (in
    Guangdong the handling period, 广东省劳动保障监察条例 第四十五条 "中止计算监察办案时限"; nothing nationally)."""
    return tuple(code for code, rule in rules.period_rules(_jurisdiction()).items() if rule.stops_on_suspension)


def suspend_periods(case: Case, *, on: dt.date, codes: Iterable[str] | None = None) -> int:
    """Stop the running clocks `codes` of the case (default: those a suspension stops). Every other period runs on:
    the party's hearing period, the 7 working days for preserved evidence (行政处罚法 第五十六条), …"""
    stopped = list(codes_stopped_by_suspension() if codes is None else codes)
    return Period.objects.filter(case=case, state=PeriodState.RUNNING, code__in=stopped).update(
        state=PeriodState.SUSPENDED, suspended_on=on
    )


def _days_left_from(
    on: dt.date, *, halted: dt.date, due: dt.date, working: bool
) -> Callable[[WorkingCalendar], dt.date]:
    """The count of a resumed period: the days it had left when it was stopped on `halted`, counted again from `on`."""

    def count(cal: WorkingCalendar) -> dt.date:
        if working:
            left = max(cal.working_days_between(halted, due), 0)
            return cal.add_working_days(on, left) if left else on
        left = max((due - halted).days, 0)
        return cal.add_calendar_days(on, left) if left else on

    return count


def resume_periods(case: Case, *, on: dt.date, codes: Iterable[str] | None = None) -> None:
    """Restart the stopped clocks (`codes`, default all): each keeps the working (or calendar) days it had left when
    it was stopped."""
    calendar = working_calendar()
    stopped = Period.objects.filter(case=case, state=PeriodState.SUSPENDED)
    if codes is not None:
        stopped = stopped.filter(code__in=list(codes))
    for period in stopped:
        halted, stopped_due = period.suspended_on or on, period.due_on
        if stopped_due is None:  # still waiting for a calendar year: only the state changes
            period.state, period.suspended_on = PeriodState.RUNNING, None
            period.save(update_fields=["state", "suspended_on"])
            continue
        count = _days_left_from(on, halted=halted, due=stopped_due, working=period.day_unit == "working")
        period.state = PeriodState.RUNNING
        period.due_on, period.awaiting_year, period.provisional_due_on = counted(calendar, count)
        period.suspended_on = None
        period.save(update_fields=["state", "due_on", "awaiting_year", "provisional_due_on", "suspended_on"])


def extend_period(case: Case, code: str) -> Period | None:
    """Lengthen the running period `code` of the case by its statutory extension (the rule's `extension_days`),
    counted on from its due date; None when no such period is running."""
    period = Period.objects.filter(case=case, code=code, state=PeriodState.RUNNING).first()
    if period is None:
        return None
    rule = rules.period_rule(code, _jurisdiction())
    extra = rule.extension_days or 0
    if extra:
        calendar = working_calendar()
        if period.due_on is not None:
            old_due = period.due_on
            period.due_on, period.awaiting_year, period.provisional_due_on = counted(
                calendar, lambda cal: cal.add_working_days(old_due, extra)
            )
        elif period.provisional_due_on is not None:  # the extension runs on from the provisional date too
            old_provisional = period.provisional_due_on
            period.provisional_due_on = provisional.estimate(
                calendar, lambda cal: cal.add_working_days(old_provisional, extra)
            )
        period.days += extra
        period.extended = True
        period.save(update_fields=["due_on", "awaiting_year", "provisional_due_on", "days", "extended"])
    return period


def due_or_none(code: str, start: dt.date) -> dt.date | None:
    """The due date of period `code` from `start`, or None when the jurisdiction has no such rule or the holiday data
    it needs is not loaded."""
    try:
        rule = rules.period_rule(code, _jurisdiction())
    except rules.UnknownPeriod:
        return None
    try:
        return rules.due_date(rule, start, working_calendar())
    except CalendarYearMissing:
        return None
