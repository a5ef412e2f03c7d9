"""Reads of cases for screens, the API and reports; the unit scope is applied here, once."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Min, OuterRef, Q, QuerySet, Subquery

from fazhi.accounts.models import Role, User
from fazhi.accounts.queries import scope_by_unit
from fazhi.cases.models import Case, Period, PeriodState
from fazhi.cases.workflow import BY_ACTION, TRANSITIONS, State, Transition, available


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


def worklist(user: User) -> QuerySet[Case]:
    """待办: the cases waiting for `user` — their own cases at an inspector's step, and their unit's cases at a step
    of their other roles — soonest due first."""
    personal, unit = states_waiting_for(frozenset(user.role_names))
    mine = Q(handler=user) | Q(co_handler=user)
    condition = Q(state__in=[s.value for s in unit]) | (Q(state__in=[s.value for s in personal]) & mine)
    if not personal and not unit:
        return Case.objects.none()
    return with_next_due(visible_cases(user).filter(condition)).order_by(F("next_due").asc(nulls_last=True), "pk")


def overdue_counts_by_unit(user: User | AnonymousUser | None, today: dt.date) -> dict[int, int]:
    """How many running periods are past their due date, per unit (of the units `user` may see)."""
    rows = (
        scope_by_unit(Period.objects.all(), user)
        .filter(state=PeriodState.RUNNING, due_on__lt=today)
        .values("unit_id")
        .annotate(overdue=Count("pk"))
    )
    return {row["unit_id"]: row["overdue"] for row in rows}


def first_due(case: Case) -> dt.date | None:
    found: dt.date | None = case.periods.filter(state=PeriodState.RUNNING, due_on__isnull=False).aggregate(
        first=Min("due_on")
    )["first"]
    return found


def running_periods(case: Case) -> QuerySet[Period]:
    return case.periods.filter(state__in=[PeriodState.RUNNING, PeriodState.SUSPENDED]).order_by("due_on")


def steps_for(user: User, case: Case) -> list[Transition]:
    """The steps of the procedure `user` holds a role for in the case's current state (guards are checked when the
    step is taken, and say why not)."""
    return [step for step in available(State(case.state)) if user.role_names & step.roles]


def step(action: str) -> Transition | None:
    return BY_ACTION.get(action)
