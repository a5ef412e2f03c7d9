"""Reads for supervision: the scan, the dashboard's figures, an alert's evidence, and supervision orders; the unit
scope is applied here (the supervisor sees everything; a director or leader sees their own units)."""

from __future__ import annotations

import datetime as dt
import gc
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils import timezone

from fazhi.accounts.models import Role, Unit, User
from fazhi.accounts.queries import business_scope, scope_by_unit, visible_units
from fazhi.cases.models import Case, Period
from fazhi.journal.models import Entry
from fazhi.supervision.models import OrderState, SupervisionOrder
from fazhi.supervision.rules import BY_CODE, RULES, SEVERITY_ORDER, Alert, Evidence, Rule, Severity
from fazhi.supervision.rules.base import setting_int

# Who may open the supervision screens: the supervisor (everything) and the bureau's responsible people (their units).
VIEWER_ROLES = (Role.SUPERVISOR, Role.DIRECTOR, Role.LEADER)
# The statistics (on-time rate, handling time) cover what was finished in this many days up to the day shown.
STATS_DAYS = 90
NEWEST = 12
FEW = 500  # a rule with this many alerts or fewer is read whole for its newest


def _scope_user(user: User | None) -> User | None:
    """None (no scope filter) for the supervisor, whose scope is everything: the rules' queries stay bare."""
    if user is not None and business_scope(user) == "all":
        return None
    return user


def scan(as_of: dt.date, user: User | None = None) -> list[Alert]:
    """Every rule once, as of `as_of`: all alerts, most severe first, then newest first, then by rule, then as the rule
    reads them (by its order column, case and row).

    Sorted in stable passes rather than with one composite key per alert: each rule's alerts come in the order of its
    index, are gathered by severity in the order of the rules' codes, then each severity is sorted newest first."""
    with _collector_paused():
        return _scan(as_of, _scope_user(user))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A scan makes tens of thousands of alerts (tuples, in no cycle): the garbage collector, whose every pass walks all
    the objects of the process, is paused while they are made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _scan(as_of: dt.date, scoped: User | None) -> list[Alert]:
    by_severity: dict[Severity, list[Alert]] = {severity: [] for severity in SEVERITY_ORDER}
    for rule in sorted(RULES, key=attrgetter("code")):
        by_severity[rule.severity] += rule.alerts(as_of, scoped)  # by case and row
    alerts: list[Alert] = []
    for severity in SEVERITY_ORDER:
        by_severity[severity].sort(key=itemgetter(Alert.SINCE), reverse=True)  # stable, also reversed
        alerts += by_severity[severity]
    return alerts


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    by_severity: dict[Severity, int]
    total: int
    overdue: int  # running periods past their due date
    met: int  # periods met in the statistics window
    met_on_time: int
    closed: int  # cases closed in the window
    average_days: float | None  # their average handling time, received to closed, in calendar days

    @property
    def met_late(self) -> int:
        """Periods met after their due date in the statistics window (办理超期, rule `period_met_late`)."""
        return self.met - self.met_on_time

    @property
    def on_time_rate(self) -> float | None:
        return self.met_on_time / self.met if self.met else None


@dataclass(frozen=True)
class RuleCount:
    rule: Rule
    count: int


@dataclass
class Dashboard:
    as_of: dt.date
    by_severity: dict[Severity, int]
    by_rule: list[RuleCount]
    units: list[UnitRow]
    newest: list[Alert]
    open_orders: int
    overdue_orders: int
    unit_names: dict[int, str] = field(default_factory=dict)
    case_numbers: dict[int, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


def _statistics(as_of: dt.date, user: User | None) -> tuple[dict[int, tuple[int, int]], dict[int, tuple[int, Any]]]:
    start = as_of - dt.timedelta(days=STATS_DAYS)
    periods = Period.objects.filter(met_on__gt=start, met_on__lte=as_of)
    if user is not None:
        periods = scope_by_unit(periods, user)
    on_time = {
        row["unit_id"]: (row["n"], row["on_time"])
        for row in periods.order_by()
        .values("unit_id")
        .annotate(n=Count("*"), on_time=Count("id", filter=Q(met_on__lte=F("due_on"))))
    }
    closed_cases = Case.objects.filter(closed_on__gt=start, closed_on__lte=as_of)
    if user is not None:
        closed_cases = scope_by_unit(closed_cases, user)
    took = ExpressionWrapper(F("closed_on") - F("received_on"), output_field=DurationField())
    closed = {
        row["unit_id"]: (row["n"], row["took"])
        for row in closed_cases.order_by().values("unit_id").annotate(n=Count("*"), took=Sum(took))
    }
    return on_time, closed


# The dashboards made lately, by (day, viewer, journal head): polled every few seconds by every open screen, a board is
# made again only when something was recorded (every change of a case writes its journal entry) or it grew old.
_BOARDS: dict[tuple[object, ...], tuple[float, Dashboard]] = {}
_BOARDS_LOCK = threading.Lock()
_BOARDS_KEPT = 64


def journal_head() -> tuple[int, str] | None:
    """The newest journal entry's number and hash: they change with every recorded action, and the hash names the
    whole history before it."""
    head = Entry.objects.order_by("-seq").values_list("seq", "hash").first()
    return None if head is None else (int(head[0]), str(head[1]))


def forget_dashboards() -> None:
    with _BOARDS_LOCK:
        _BOARDS.clear()


def dashboard(as_of: dt.date, user: User) -> Dashboard:
    """The supervisor's dashboard as of `as_of` for `user`: made at most once per recorded action and
    FAZHI_SUPERVISION_BOARD_SECONDS (0: every time)."""
    seconds = setting_int("FAZHI_SUPERVISION_BOARD_SECONDS")
    if seconds <= 0:
        return make_dashboard(as_of, user)
    key = (as_of, user.pk, timezone.localdate(), journal_head())
    now = time.monotonic()
    with _BOARDS_LOCK:
        kept = _BOARDS.get(key)
    if kept is not None and now - kept[0] < seconds:
        return kept[1]
    board = make_dashboard(as_of, user)
    with _BOARDS_LOCK:
        if len(_BOARDS) >= _BOARDS_KEPT:
            _BOARDS.clear()
        _BOARDS[key] = (now, board)
    return board


def make_dashboard(as_of: dt.date, user: User) -> Dashboard:
    """The dashboard read afresh: a count per rule and unit and the newest alerts of each rule, all in SQL."""
    scoped = _scope_user(user)
    by_severity = dict.fromkeys(SEVERITY_ORDER, 0)
    by_unit: dict[int | None, dict[Severity, int]] = {}
    by_rule = []
    overdue: dict[int | None, int] = {}
    for rule in RULES:
        counts = rule.counts(as_of, scoped)
        if rule.code == "period_breached":
            overdue = counts
        by_rule.append(RuleCount(rule, sum(counts.values())))
        for unit, n in counts.items():
            by_severity[rule.severity] += n
            row = by_unit.setdefault(unit, dict.fromkeys(SEVERITY_ORDER, 0))
            row[rule.severity] += n
    on_time, closed = _statistics(as_of, scoped)
    units = {unit.pk: unit for unit in visible_units(user)}
    rows = []
    for pk in sorted(
        (set(by_unit) | set(on_time) | set(closed)) - {None}, key=lambda k: units[k].path if k in units else ""
    ):
        if pk is None or pk not in units:
            continue
        severities = by_unit.get(pk, dict.fromkeys(SEVERITY_ORDER, 0))
        met, met_on_time = on_time.get(pk, (0, 0))
        n_closed, took = closed.get(pk, (0, None))
        average = took.total_seconds() / 86400 / n_closed if n_closed and took is not None else None
        rows.append(
            UnitRow(
                units[pk], severities, sum(severities.values()), overdue.get(pk, 0), met, met_on_time, n_closed, average
            )
        )
    newest = sorted(
        (alert for count in by_rule for alert in _newest(count, as_of, scoped)),
        key=lambda a: (a.since, -a.severity.rank),
        reverse=True,
    )[:NEWEST]
    orders = visible_orders(user).filter(state=OrderState.OPEN)
    board = Dashboard(
        as_of,
        by_severity,
        by_rule,
        rows,
        newest,
        orders.count(),
        orders.filter(respond_by__lt=as_of).count(),
        unit_names={pk: unit.name for pk, unit in units.items()},
    )
    board.case_numbers = case_numbers({a.case_id for a in newest if a.case_id})
    return board


def _newest(count: RuleCount, as_of: dt.date, user: User | None) -> list[Alert]:
    """A rule's newest alerts, knowing how many it has: none to read; a few, read whole (one pass over the rule's own
    index, like its count); many, read newest first (the first rows of an index on the `order` column)."""
    if count.count == 0:
        return []
    if count.count <= FEW:
        return sorted(count.rule.alerts(as_of, user), key=itemgetter(Alert.SINCE), reverse=True)[:NEWEST]
    return count.rule.newest(as_of, user, NEWEST)


def case_numbers(ids: set[int]) -> dict[int, str]:
    return {
        pk: number or reference
        for pk, number, reference in Case.objects.filter(pk__in=ids).values_list("pk", "case_number", "reference")
    }


@dataclass(frozen=True)
class AlertDetail:
    rule: Rule
    case: Case
    alerts: list[Alert]
    evidence: Evidence
    entries: list[Entry]


def alert_detail(rule_code: str, case_id: int, as_of: dt.date, user: User) -> AlertDetail | None:
    """The alerts of one rule on one case, with their evidence (None: the case is not visible, the rule unknown)."""
    rule = BY_CODE.get(rule_code)
    case = (
        scope_by_unit(Case.objects.select_related("unit", "employer", "handler", "co_handler"), user)
        .filter(pk=case_id)
        .first()
    )
    if rule is None or case is None:
        return None
    alerts = rule.alerts(as_of, _scope_user(user), case_id=case_id)
    evidence = rule.evidence(case_id, as_of)
    entries = Entry.objects.filter(object_type="cases.case", object_id=str(case_id)).order_by("seq")
    if evidence.journal_actions:
        entries = entries.filter(action__in=evidence.journal_actions)
    return AlertDetail(rule, case, alerts, evidence, list(entries))


def journal_alerts(as_of: dt.date, user: User) -> list[Alert]:
    return BY_CODE["journal_broken"].alerts(as_of, _scope_user(user))


# --- supervision orders --------------------------------------------------------------------------------------------


def visible_orders(user: User | None) -> QuerySet[SupervisionOrder]:
    """Orders addressed to the units `user` may see (all of them for the supervisor)."""
    orders = SupervisionOrder.objects.select_related("unit", "case", "raised_by", "answered_by")
    return scope_by_unit(orders, user).order_by("-raised_on", "-pk")


def order_for(user: User, pk: int) -> SupervisionOrder | None:
    return visible_orders(user).filter(pk=pk).first()


def orders_waiting_for(user: User) -> QuerySet[SupervisionOrder]:
    """Open orders addressed to the user's units, for their work list: only for those who answer them."""
    if not user.role_names & {Role.LEAD, Role.DIRECTOR, Role.LEADER}:
        return SupervisionOrder.objects.none()
    return visible_orders(user).filter(state=OrderState.OPEN).order_by("respond_by", "pk")


def order_entries(order: SupervisionOrder) -> list[Entry]:
    return list(Entry.objects.filter(object_type="supervision.order", object_id=str(order.pk)).order_by("seq"))
