"""The bureau's window to apply for court enforcement of a case's decision, from the facts the case holds and those
the remedies give (`remedy_facts.facts_for`), and the case's period row that shows it.

The rule is `fazhi.rules.remedies.court_enforcement_window` (行政诉讼法解释 第一百五十六条;
行政处罚法 第七十二条第二款; 行政诉讼法 第四十五条、第九十五条、第九十七条). The row `court_enforcement_application`
opens at service (`started_on`: the day the party knew the decision, 行政诉讼法 第四十六条) and its due date, state
and name follow the window:

- running to the window's end (the decision's: 3 months from the end of the party's time to sue or of an approved
  deferral or instalments; a final judgment's: 2 years, 解释 第一百五十三条, the row then named for the judgment);
- suspended while a remedy is pending or the execution is suspended (no application then);
- met on the day the decision was set aside (nothing left to enforce as made).

It is recomputed when the window's inputs change: at service, when a plan is approved, when a calendar year loads
(`periods.recompute_awaiting`) and when the remedies app reports new facts (`on_facts_changed`, registered in
`CasesConfig.ready`). A recomputation is not a user's step: it writes no journal entry, like the due dates a calendar
year completes (fazhi.cases.receivers); the steps that cause it are journaled.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from fazhi.calendars.queries import working_calendar
from fazhi.cases.fine_plan import approved_plan, fine_decision
from fazhi.cases.models import Case, Decision, Period, PeriodState
from fazhi.cases.remedy_facts import facts_for
from fazhi.rules import periods as period_rules
from fazhi.rules import provisional, remedies
from fazhi.rules.calendar import CalendarYearMissing, WorkingCalendar

CODE = "court_enforcement_application"


def _jurisdiction() -> str:
    return str(settings.FAZHI_JURISDICTION)


def window_of(
    case: Case, *, known_on: dt.date | None = None, calendar: WorkingCalendar | None = None
) -> tuple[remedies.EnforcementWindow | None, int | None]:
    """(the window, None), or (None, the year to load) when a date needs holiday data not yet loaded, or (None, None)
    when the decision was not served yet. `known_on`: the day the party knew the decision (default: its service)."""
    known = known_on or case.service_effective_on
    if known is None:
        return None, None
    facts = facts_for(case.decision)
    plan = approved_plan(fine_decision(case)) if case.decision_outcome == "penalty" else None
    jurisdiction = _jurisdiction()
    cal = calendar or working_calendar()
    plan_ends_on = plan.ends_on if plan is not None else None
    try:
        suit = facts.suit_deadline or remedies.party_suit_deadline(
            known_on=known, calendar=cal, jurisdiction=jurisdiction
        )
    except CalendarYearMissing as missing:
        return None, missing.year
    try:
        window = remedies.court_enforcement_window(
            suit_deadline=suit,
            calendar=cal,
            plan_ends_on=plan_ends_on,
            pending=facts.pending,
            suspended=facts.enforcement_suspended,
            final_judgment_on=facts.final_judgment_on,
            set_aside=facts.set_aside,
            jurisdiction=jurisdiction,
        )
    except CalendarYearMissing as missing:
        # Its start is known, its end waits for the year's holidays (never guessed).
        kind = remedies.WindowKind.JUDGMENT if facts.final_judgment_on else remedies.WindowKind.DECISION
        opens = facts.final_judgment_on or max(suit, plan_ends_on or suit)
        code = "judgment_enforcement_application" if facts.final_judgment_on else CODE
        after_plan = not facts.final_judgment_on and plan_ends_on is not None and plan_ends_on > suit
        return remedies.EnforcementWindow(kind, opens_after=opens, code=code, after_plan=after_plan), missing.year
    return window, None


def window_start(period: Period, calendar: WorkingCalendar | None = None) -> dt.date | None:
    """The day the row's window starts counting (the end of the party's time to sue; None when unknown)."""
    window, _ = window_of(period.case, known_on=period.started_on, calendar=calendar)
    return window.opens_after if window is not None else None


def provisional_closes_on(case: Case, known_on: dt.date) -> dt.date | None:
    """The window's end counted on the provisional calendar (fazhi.rules.provisional), for the row to show while
    its real end waits for a year's holidays; None when even the estimate cannot say."""
    window, awaiting = window_of(case, known_on=known_on, calendar=provisional.provisional_calendar(working_calendar()))
    return window.closes_on if window is not None and awaiting is None else None


def refresh_enforcement_period(case: Case, *, on: dt.date | None = None) -> Period | None:
    """Bring the case's live court-enforcement row in line with the window (see the module's docstring)."""
    period = (
        Period.objects.select_for_update()
        .filter(case=case, code=CODE, state__in=(PeriodState.RUNNING, PeriodState.SUSPENDED))
        .first()
    )
    if period is None:
        return None
    on = on or timezone.localdate()
    window, awaiting = window_of(case, known_on=period.started_on)
    fields = {"state", "suspended_on", "due_on", "awaiting_year", "provisional_due_on"}
    if window is None or window.kind in (remedies.WindowKind.DECISION, remedies.WindowKind.JUDGMENT):
        period.state, period.suspended_on = PeriodState.RUNNING, None
        period.due_on = window.closes_on if window is not None else None
        period.awaiting_year = awaiting
        period.provisional_due_on = provisional_closes_on(case, period.started_on) if awaiting else None
        rule = period_rules.period_rule(window.code if window is not None else CODE, _jurisdiction())
        period.name, period.citation, period.days, period.day_unit = (
            rule.name,
            rule.citation_label,
            rule.days,
            rule.unit.value,
        )
        fields |= {"name", "citation", "days", "day_unit"}
    elif window.kind is remedies.WindowKind.CLOSED:
        period.state, period.suspended_on = PeriodState.SUSPENDED, period.suspended_on or on
    else:  # set aside: nothing to enforce as decided
        period.state, period.met_on, period.suspended_on = PeriodState.MET, on, None
        fields.add("met_on")
    period.save(update_fields=sorted(fields))
    return period


def on_facts_changed(decision: Decision) -> None:
    """The listener `remedy_facts.facts_changed` calls (inside the remedies app's transaction). A decision no longer
    owed as made (revoked, void, changed) ends the party's time to pay it: its period is met that day, so no breach
    is reported of a fine nobody owes."""
    case = decision.case
    refresh_enforcement_period(case)
    if facts_for(decision).not_owed_as_made:
        Period.objects.filter(
            case=case, code="fine_payment", state__in=(PeriodState.RUNNING, PeriodState.SUSPENDED)
        ).update(state=PeriodState.MET, met_on=timezone.localdate(), suspended_on=None)
