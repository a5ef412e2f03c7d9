"""Reads of cases for screens, the API and reports; the unit scope is applied here, once."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from fazhi.accounts.models import User
from fazhi.accounts.queries import scope_by_unit
from fazhi.cases.models import Case, Period, PeriodState
from fazhi.cases.workflow import BY_ACTION, State, Transition, available


def visible_cases(user: User | AnonymousUser | None) -> QuerySet[Case]:
    """The cases `user` may see: their unit's and those of the units below (everything for the supervisor)."""
    return scope_by_unit(Case.objects.select_related("employer", "unit", "handler", "co_handler"), user)


def case_for(user: User | AnonymousUser | None, pk: int) -> Case | None:
    return visible_cases(user).filter(pk=pk).first()


def running_periods(case: Case) -> QuerySet[Period]:
    return case.periods.filter(state__in=[PeriodState.RUNNING, PeriodState.SUSPENDED]).order_by("due_on")


def steps_for(user: User, case: Case) -> list[Transition]:
    """The steps of the procedure `user` holds a role for in the case's current state (guards are checked when the
    step is taken, and say why not)."""
    return [step for step in available(State(case.state)) if user.role_names & step.roles]


def step(action: str) -> Transition | None:
    return BY_ACTION.get(action)
