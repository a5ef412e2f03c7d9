"""The statutory periods running on a case, as `Period` rows: opened and met by the steps of the procedure
(`Transition.opens` / `.meets`), stopped by a suspension (only those whose rule says so) and recomputed on
resumption, lengthened once by an extension.
The rules (days, unit, citation, jurisdiction) are `fazhi.rules.periods`; the calendar is `fazhi.calendars`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings

from fazhi import sql
from fazhi.calendars.queries import working_calendar
from fazhi.cases import enforcement
from fazhi.cases.models import Case, Period, PeriodState
from fazhi.cases.outcomes import PAYMENT_ORDERS
from fazhi.rules import periods as rules
from fazhi.rules.calendar import CalendarYearMissing, WorkingCalendar


def _jurisdiction() -> str:
    return str(settings.FAZHI_JURISDICTION)


def _due(rule: rules.PeriodRule, start: dt.date, calendar: WorkingCalendar) -> tuple[dt.date | None, int | None]:
    """The due date, or (None, the year to load) when the holiday data it needs is missing: never a guess."""
    try:
        return rules.due_date(rule, start, calendar), None
    except CalendarYearMissing as missing:
        return None, missing.year


def _due_from(
    code: str, rule: rules.PeriodRule, start: dt.date, calendar: WorkingCalendar
) -> tuple[dt.date | None, int | None]:
    return _due(rule, start, calendar)


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
        due, awaiting = _due_from(code, rule, start, calendar)
        period = Period(
            case=case,
            unit_id=case.unit_id,
            code=code,
            name=rule.name,
            citation=rule.citation_label,
            days=rule.days,
            day_unit=rule.unit.value,
            started_on=start,
            due_on=due,
            awaiting_year=awaiting,
        )
        if code == enforcement.CODE:
            # Not the rule's 3 months from `start`: the window the remedies and a payment plan give (the row follows).
            period.due_on, period.awaiting_year = None, None
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
    """Compute the due dates that waited for `year`'s holiday data (called when a year is loaded)."""
    calendar = working_calendar()
    done = 0
    for period in Period.objects.filter(awaiting_year__lte=year, due_on__isnull=True):
        if period.code == enforcement.CODE:
            refreshed = enforcement.refresh_enforcement_period(period.case)
            done += refreshed is not None and refreshed.due_on is not None
            continue
        try:
            rule = rules.period_rule(period.code, _jurisdiction())
        except rules.UnknownPeriod:
            continue
        extended = period.days - rule.days
        due, awaiting = _due_from(period.code, rule, period.started_on, calendar)
        if due is not None and extended > 0:
            try:
                due = calendar.add_working_days(due, extended)
            except CalendarYearMissing as missing:
                due, awaiting = None, missing.year
        period.due_on, period.awaiting_year = due, awaiting
        period.save(update_fields=["due_on", "awaiting_year"])
        done += due is not None
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


def resume_periods(case: Case, *, on: dt.date, codes: Iterable[str] | None = None) -> None:
    """Restart the stopped clocks (`codes`, default all): each keeps the working (or calendar) days it had left when
    it was stopped."""
    calendar = working_calendar()
    stopped = Period.objects.filter(case=case, state=PeriodState.SUSPENDED)
    if codes is not None:
        stopped = stopped.filter(code__in=list(codes))
    for period in stopped:
        halted = period.suspended_on or on
        if period.due_on is None:  # still waiting for a calendar year: only the state changes
            period.state, period.suspended_on = PeriodState.RUNNING, None
            period.save(update_fields=["state", "suspended_on"])
            continue
        try:
            if period.day_unit == "working":
                left = max(calendar.working_days_between(halted, period.due_on), 0)
                due: dt.date | None = calendar.add_working_days(on, left) if left else on
            else:
                left = max((period.due_on - halted).days, 0)
                due = calendar.add_calendar_days(on, left) if left else on
            awaiting = None
        except CalendarYearMissing as missing:
            due, awaiting = None, missing.year
        period.state = PeriodState.RUNNING
        period.due_on, period.awaiting_year = due, awaiting
        period.suspended_on = None
        period.save(update_fields=["state", "due_on", "awaiting_year", "suspended_on"])


def extend_period(case: Case, code: str) -> Period | None:
    """Lengthen the running period `code` of the case by its statutory extension (the rule's `extension_days`),
    counted on from its due date; None when no such period is running."""
    period = Period.objects.filter(case=case, code=code, state=PeriodState.RUNNING).first()
    if period is None:
        return None
    rule = rules.period_rule(code, _jurisdiction())
    extra = rule.extension_days or 0
    if extra:
        if period.due_on is not None:
            try:
                period.due_on = working_calendar().add_working_days(period.due_on, extra)
            except CalendarYearMissing as missing:
                period.due_on, period.awaiting_year = None, missing.year
        period.days += extra
        period.extended = True
        period.save(update_fields=["due_on", "awaiting_year", "days", "extended"])
    return period


def due_or_none(code: str, start: dt.date) -> dt.date | None:
    """The due date of period `code` from `start`, or None when the jurisdiction has no such rule or the holiday data
    it needs is not loaded."""
    try:
        rule = rules.period_rule(code, _jurisdiction())
    except rules.UnknownPeriod:
        return None
    return _due(rule, start, working_calendar())[0]
