"""Scoped reads of cases for the screens, the API and reports: which cases a user may see, their work list and the
case list's filters, the steps the procedure offers them, and who may handle a case. The unit scope is applied here,
once (`fazhi.accounts.queries.scope_by_unit`). What the case page shows of one case (due status, timeline, facts,
masked identities) is assembled in `fazhi.cases.case_page`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from fazhi import sql
from fazhi.accounts.access import can_write
from fazhi.accounts.models import Role, Unit, User
from fazhi.accounts.queries import business_scope_condition, scope_by_unit, visible_users
from fazhi.calendars.queries import working_calendar
from fazhi.cases import delegations, enforcement
from fazhi.cases.models import Case, Employer, Period, PeriodState
from fazhi.cases.procedure.base import GUARD_KINDS, GUARDS, Context, GuardKind
from fazhi.cases.procedure.common import district_path
from fazhi.cases.search import filter_by_employer_name, filter_by_identifier
from fazhi.cases.workflow import TRANSITIONS, State, Transition, available
from fazhi.rules.calendar import CalendarError, WorkingCalendar


def visible_cases(user: User | AnonymousUser | None) -> QuerySet[Case]:
    """The cases `user` may see: their unit's and those of the units below (everything for the supervisor)."""
    return scope_by_unit(Case.objects.select_related("employer", "unit", "handler", "co_handler"), user)


def case_for(user: User | AnonymousUser | None, pk: int) -> Case | None:
    return visible_cases(user).filter(pk=pk).first()


def with_next_due(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate each case with `next_due`: the earliest due date of its running periods."""
    next_due = (
        Period.objects.filter(case=OuterRef("pk"), state=PeriodState.RUNNING, due_on__isnull=False)
        .order_by("due_on")
        .values("due_on")[:1]
    )
    return cases.annotate(next_due=Subquery(next_due))


def states_waiting_for(roles: frozenset[str]) -> tuple[set[State], set[State]]:
    """(states where the user's own cases wait for them, states where any case of their unit waits for them).

    A step inspectors may take is the handlers' work: it waits for whoever handles the case, even when a lead may
    take it too. The other steps (approvals, legal review, decisions) wait for every holder of the role in scope."""
    personal: set[State] = set()
    unit: set[State] = set()
    for step in TRANSITIONS:
        if step.target is None:  # suspension and extension wait for nobody
            continue
        held = roles & step.roles
        if not held:
            continue
        (personal if Role.INSPECTOR in step.roles else unit).update(step.sources)
    return personal, unit


# What a list of cases shows (cases/_case_table.html), and no more: the worklist's database sorts every waiting case
# by its next due date before the page is cut, so each of those rows should be narrow and cheap to make.
LIST_COLUMNS = (
    "reference",
    "case_number",
    "state",
    "source",
    "suspended",
    "extended",
    "received_on",
    "employer",
    "unit",
    "handler",
    "co_handler",
)


def worklist(user: User) -> QuerySet[Case]:
    """待办: the cases waiting for `user` — their own cases at an inspector's step, and their unit's cases at a step
    of their other roles — soonest due first.

    The employers' names come with a second query for the page's rows only: joined in the first, each of the
    (thousands of) waiting cases would fetch its employer's row before the sort, where the units and staff are a few
    rows read again and again."""
    personal, unit = states_waiting_for(frozenset(user.role_names))
    mine = Q(handler=user) | Q(co_handler=user)
    # The same rows as "unit states, or personal states on my cases", written so SQLite can use the state index.
    condition = Q(state__in=[s.value for s in unit | personal]) & (Q(state__in=[s.value for s in unit]) | mine)
    if not personal and not unit:
        return Case.objects.none()
    cases = (
        visible_cases(user)
        .select_related(None)
        .prefetch_related(
            Prefetch("employer", queryset=Employer.objects.only("name")),
            Prefetch("unit", queryset=Unit.objects.only("name")),
            Prefetch("handler", queryset=User.objects.only("username", "full_name")),
            Prefetch("co_handler", queryset=User.objects.only("username", "full_name")),
        )
        .filter(condition)
        .only(*LIST_COLUMNS)
    )
    return with_next_due(cases).order_by(F("next_due").asc(nulls_last=True), "pk")


def overdue_counts_by_unit(user: User | AnonymousUser | None, today: dt.date) -> dict[int, int]:
    """How many running periods are past their due date, per unit (of the units `user` may see).

    A statement built once per connection and scope shape (the supervisors' and directors' dashboards ask often, and
    composing the ORM query took several times as long as running it); the scope is `business_scope_condition`."""
    connection = sql.connection_for()
    scope = business_scope_condition(user, connection.ops.quote_name(sql.field(Period, "unit").column), connection)
    if scope is None:
        return {}
    condition, params = scope
    _, counts = sql.statement(
        Period,
        "SELECT {unit}, COUNT(*) FROM {table} WHERE {state} = %s AND {due_on} < %s"  # noqa: S608
        + (f" AND {condition}" if condition else "")
        + " GROUP BY {unit}",
    )
    due_on = sql.field(Period, "due_on").get_db_prep_value(today, connection)
    with connection.cursor() as cursor:
        cursor.execute(counts, [PeriodState.RUNNING.value, due_on, *params])
        return {int(unit): int(overdue) for unit, overdue in cursor.fetchall()}


def first_due(case: Case) -> dt.date | None:
    found: dt.date | None = case.periods.filter(state=PeriodState.RUNNING, due_on__isnull=False).aggregate(
        first=Min("due_on")
    )["first"]
    return found


def steps_for(user: User, case: Case) -> list[Transition]:
    """The steps of the procedure `user` holds a role for in the case's current state (guards are checked when the
    step is taken, and say why not)."""
    delegated = delegations.held_actions(user, case.unit, timezone.localdate())
    return [
        step
        for step in available(State(case.state), case.procedure_version)
        if user.role_names & step.roles or (step.delegable and step.action in delegated)
    ]


# Due windows of the case list (and the API's `overdue` filter: "overdue" or "in_time").
DUE_OVERDUE = "overdue"
DUE_IN_TIME = "in_time"  # no running period past its due date
DUE_SOON = "soon"
DUE_AWAITING = "awaiting"
SOON_WORKING_DAYS = 5


@dataclass(frozen=True)
class StepOption:
    """A step `steps_for` offers, with the reasons it cannot be taken now that are known before any input."""

    step: Transition
    blockers: list[str]


def step_options(user: User, case: Case, today: dt.date) -> list[StepOption]:
    """The steps of `steps_for(user, case)` worth offering, on the case page and in the API's case detail alike, each
    with what already stands in its way (empty: it may be taken). Nothing for a reader who cannot change business data
    (`can_write`: the supervisor, the 三员). Steps stopped by a routing guard are left out; the input guards are
    checked when the step is taken."""
    if not can_write(user):
        return []
    context = Context(case, user, {}, today)
    options = []
    for step in steps_for(user, case):
        failing = {name: GUARDS[name](context) for name in step.guards if GUARD_KINDS[name] != GuardKind.INPUT}
        if any(problems for name, problems in failing.items() if GUARD_KINDS[name] == GuardKind.ROUTING):
            continue
        options.append(StepOption(step, [problem for problems in failing.values() for problem in problems]))
    return options


def with_awaiting_calendar(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate each case with `awaiting_calendar`: a running period has no due date until a holiday year is loaded."""
    undated = Period.objects.filter(case=OuterRef("pk"), state=PeriodState.RUNNING, due_on__isnull=True)
    return cases.annotate(awaiting_calendar=Exists(undated))


def provisional_dates(case_ids: Iterable[int]) -> dict[int, dt.date]:
    """The earliest provisional date (fazhi.rules.provisional) among each case's running periods that wait for a
    holiday year, for the rows of one page of a list: one query. Shown only; `next_due`, the due filters and the
    order ignore it."""
    rows = (
        Period.objects.filter(
            case_id__in=list(case_ids),
            state=PeriodState.RUNNING,
            due_on__isnull=True,
            provisional_due_on__isnull=False,
        )
        .values("case_id")
        .annotate(first=Min("provisional_due_on"))
        .values_list("case_id", "first")
    )
    return dict(rows)


def next_provisional(codes: Iterable[str], case: str = "case") -> Subquery:
    """For a list of another app's records on cases (OuterRef `case`): the earliest provisional date among the
    case's running periods `codes` that wait for a holiday year. Shown beside 待导入节假日, never counted from."""
    return Subquery(
        Period.objects.filter(
            case=OuterRef(case),
            code__in=list(codes),
            state=PeriodState.RUNNING,
            due_on__isnull=True,
            provisional_due_on__isnull=False,
        )
        .order_by("provisional_due_on")
        .values("provisional_due_on")[:1]
    )


def period_starts(period: Period, calendar: WorkingCalendar | None = None) -> dt.date | None:
    """The day the period starts counting: its start, but for the court-enforcement application the end of the
    party's time to sue or of an approved payment plan (None if unknown; fazhi.cases.enforcement)."""
    if period.code == enforcement.CODE:
        return enforcement.window_start(period, calendar)
    return period.started_on


def soon_limit(today: dt.date) -> dt.date | None:
    """The last day of the "due within 5 working days" window, or None when the calendar does not reach that far."""
    try:
        return working_calendar().add_working_days(today, SOON_WORKING_DAYS)
    except CalendarError:
        return None


def filtered_cases(
    user: User,
    *,
    today: dt.date,
    state: str = "",
    source: str = "",
    unit: Unit | None = None,
    handler: User | None = None,
    due: str = "",
    employer: str = "",
    violation: str = "",
    person: str = "",
    order: str = "",
) -> QuerySet[Case]:
    """The case list: `visible_cases(user)` narrowed by the list's filters, with `next_due` and `awaiting_calendar`.

    `person` (an exact phone or ID number of the complainant or a worker) is a filter for the staff who handle cases:
    a reader who sees the people of a case masked (the supervisor) would re-identify them by it, so for such a reader
    it finds nothing (劳动保障监察条例 第九条第三款; 个人信息保护法 第六条)."""
    cases = with_awaiting_calendar(with_next_due(visible_cases(user)))
    if state:
        cases = cases.filter(state=state)
    if source:
        cases = cases.filter(source=source)
    if unit is not None:
        cases = cases.filter(unit__in=Unit.objects.filter(path__startswith=unit.path).values("pk"))
    if handler is not None:
        cases = cases.filter(Q(handler=handler) | Q(co_handler=handler))
    if due == DUE_OVERDUE:
        cases = cases.filter(Q(next_due__lt=today))
    elif due == DUE_IN_TIME:
        cases = cases.filter(Q(next_due__isnull=True) | Q(next_due__gte=today))
    elif due == DUE_SOON:
        limit = soon_limit(today)
        window = Q(next_due__gte=today) & (Q(next_due__lte=limit) if limit else Q())
        cases = cases.filter(window)
    elif due == DUE_AWAITING:
        cases = cases.filter(Q(awaiting_calendar=True))
    if violation:
        cases = cases.filter(violation_code=violation)
    if employer.strip():
        cases = filter_by_employer_name(cases, employer)
    if person.strip():
        cases = filter_by_identifier(cases, person) if can_write(user) else cases.none()
    if order == "due":
        return cases.order_by(F("next_due").asc(nulls_last=True), "pk")
    if order == "received":
        return cases.order_by("received_on", "pk")
    return cases.order_by("-received_on", "-pk")


def case_handlers(user: User) -> QuerySet[User]:
    """Inspectors of the units `user` may see: the handler filter of the case list."""
    return visible_users(user).filter(role_grants__role=Role.INSPECTOR).distinct()


def certified_inspectors(unit: Unit) -> QuerySet[User]:
    """Active inspectors with an enforcement certificate in `unit` and below: who may handle a case registered there
    (行政处罚法 第四十二条)."""
    return (
        User.objects.filter(
            is_active=True,
            role_grants__role=Role.INSPECTOR,
            unit__in=Unit.objects.filter(path__startswith=unit.path).values("pk"),
        )
        .exclude(enforcement_certificate_number="")
        .select_related("unit")
        .order_by("unit__path", "username")
        .distinct()
    )


def hearing_presiders(case: Case) -> QuerySet[User]:
    """Who may preside over the case's hearing: active staff of the bureau in the case's district or above it, who
    did not investigate the case (行政处罚法 第六十四条第一款第（四）项)."""
    district = district_path(case)
    above = [part for part in case.unit.path.split("/")[1:-1]]
    ancestors = ["/" + "/".join(above[: i + 1]) + "/" for i in range(len(above))]
    return (
        User.objects.filter(
            is_active=True,
            role_grants__role__in=[Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL, Role.INSPECTOR],
        )
        .filter(Q(unit__path__startswith=district) | Q(unit__path__in=ancestors))
        .exclude(pk__in=[pk for pk in (case.handler_id, case.co_handler_id, case.proposed_by_id) if pk])
        .select_related("unit")
        .order_by("unit__path", "username")
        .distinct()
    )
