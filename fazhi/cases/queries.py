"""Reads of cases for screens, the API and reports; the unit scope is applied here, once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from fazhi import sql
from fazhi.accounts.models import Role, Unit, User
from fazhi.accounts.queries import business_scope_condition, scope_by_unit, visible_users
from fazhi.calendars.queries import working_calendar
from fazhi.cases import assessment, delegations
from fazhi.cases.models import Case, Employer, Period, PeriodState
from fazhi.cases.outcomes import OUTCOMES, PRESERVATION_DECISIONS, RECUSED_ROLES, SERVICE_METHODS
from fazhi.cases.periods import chain_start
from fazhi.cases.procedure.base import GUARD_KINDS, GUARDS, Context, GuardKind
from fazhi.cases.procedure.common import district_path
from fazhi.cases.procedure.performance import surcharge_due
from fazhi.cases.search import filter_by_employer_name
from fazhi.cases.workflow import BY_ACTION, TRANSITIONS, State, Transition, available, by_action
from fazhi.journal.models import Entry
from fazhi.rules import violations
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


def running_periods(case: Case) -> QuerySet[Period]:
    return case.periods.filter(state__in=[PeriodState.RUNNING, PeriodState.SUSPENDED]).order_by("due_on")


def steps_for(user: User, case: Case) -> list[Transition]:
    """The steps of the procedure `user` holds a role for in the case's current state (guards are checked when the
    step is taken, and say why not)."""
    delegated = delegations.held_actions(user, case.unit, timezone.localdate())
    return [
        step
        for step in available(State(case.state), case.procedure_version)
        if user.role_names & step.roles or (step.delegable and step.action in delegated)
    ]


def step(action: str, version: int | None = None) -> Transition | None:
    return (by_action(version) if version else BY_ACTION).get(action)


# --- Reads for the staff screens (fazhi.cases.views) ----------------------------------------------------------------

# Due windows of the case list.
DUE_OVERDUE = "overdue"
DUE_SOON = "soon"
DUE_AWAITING = "awaiting"
SOON_WORKING_DAYS = 5


@dataclass(frozen=True)
class StepOption:
    """A step `steps_for` offers, with the reasons it cannot be taken now that are known before any input."""

    step: Transition
    blockers: list[str]


def step_options(user: User, case: Case, today: dt.date) -> list[StepOption]:
    """The steps of `steps_for(user, case)` worth showing, each with what already stands in its way (empty: it may be
    taken). Steps stopped by a routing guard are left out; the input guards are checked when the step is taken."""
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


def working_days_left(due: dt.date | None, today: dt.date, calendar: WorkingCalendar | None = None) -> int | None:
    """Working days from `today` to `due` (negative once overdue); None when unknown (no due date, or a holiday year
    missing on the way)."""
    if due is None:
        return None
    try:
        return (calendar or working_calendar()).working_days_between(today, due)
    except CalendarError:
        return None


def days_left(period: Period, today: dt.date, calendar: WorkingCalendar | None = None) -> int | None:
    """What is left of a running period, in its own unit: working days, or calendar days for the other periods."""
    if period.due_on is None:
        return None
    if period.day_unit == "working":
        return working_days_left(period.due_on, today, calendar)
    return (period.due_on - today).days


@dataclass(frozen=True)
class DueStatus:
    """Where a due date stands today, for the screens."""

    due: dt.date | None
    left: int | None  # days left in `unit` (negative: overdue by that many); None when not known
    working: bool  # counted in working days (else calendar days)
    overdue: bool
    awaiting: bool  # no due date until the holiday data of a later year is loaded


def due_status(
    due: dt.date | None,
    today: dt.date,
    *,
    awaiting: bool = False,
    working: bool = True,
    calendar: WorkingCalendar | None = None,
) -> DueStatus:
    if due is None:
        return DueStatus(None, None, working, False, awaiting)
    left = working_days_left(due, today, calendar) if working else (due - today).days
    return DueStatus(due, left, working, today > due, False)


def period_starts(period: Period, calendar: WorkingCalendar | None = None) -> dt.date | None:
    """The day the period starts counting (for a chained period, the end of the one it follows; None if unknown)."""
    return chain_start(period.code, period.started_on, calendar)[0]


def period_status(period: Period, today: dt.date, calendar: WorkingCalendar | None = None) -> DueStatus:
    running = period.state == PeriodState.RUNNING
    return due_status(
        period.due_on if running else None,
        today,
        awaiting=running and period.due_on is None,
        working=period.day_unit == "working",
        calendar=calendar,
    )


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
    order: str = "",
) -> QuerySet[Case]:
    """The case list: `visible_cases(user)` narrowed by the list's filters, with `next_due` and `awaiting_calendar`."""
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


@dataclass(frozen=True)
class TimelineItem:
    entry: Entry
    actor_name: str  # the actor's name as it is now, or the username recorded, or "" for the system
    reason: str  # the reason or remark given with the step ("" when none)
    details: list[tuple[str, str]]  # what else the step recorded, as (Chinese label, value)


# What a step's journal entry records beyond its reason, and how the timeline names it.
_DETAIL_LABELS = {
    "case_number": "案号",
    "refusal_ground_label": "不予受理理由",
    "proposed_outcome": "拟处理意见",
    "violation_code": "违法行为",
    "proposed_fine": "拟罚款（元）",
    "major_case": "情节复杂或者重大",
    "repeat_offender": "一年内同类违法（从重）",
    "decision_outcome": "处理决定",
    "fine_amount": "罚款（元）",
    "comply_by": "履行期限",
    "service_method": "送达方式",
    "served_on": "送达日期",
    "service_effective_on": "送达生效日期",
    "consent": "当事人同意电子送达",
    "waived": "当事人放弃陈述申辩和听证",
    "preservation_items": "登记保存的证据",
    "preservation_decision": "处理决定",
    "recused": "回避人员",
    "replacement": "改由",
    "handler": "主办人",
    "co_handler": "协办人",
    "defence": "陈述申辩",
    "hearing_on": "听证日期",
    "hearing_presider": "听证主持人",
    "hearing_record": "听证笔录摘要",
    "discussion": "集体讨论",
    "worker_name": "劳动者",
    "paid_on": "支付日期",
    "amount": "金额（元）",
    "surcharge_paid": "其中加处罚款（元）",
    "rate": "加付比例",
    "additional_compensation_total": "加付赔偿金合计（元）",
}

_CHOICE_LABELS: dict[str, dict[str, str]] = {
    "proposed_outcome": OUTCOMES,
    "decision_outcome": OUTCOMES,
    "service_method": SERVICE_METHODS,
    "preservation_decision": PRESERVATION_DECISIONS,
    "recused": RECUSED_ROLES,
}


def violation_name(code: str) -> str:
    """The Chinese name of a violation code, or the code itself if the list no longer has it."""
    try:
        return violations.violation(code).name
    except violations.UnknownViolation:
        return code


def _details(after: dict[str, Any]) -> list[tuple[str, str]]:
    details = []
    for key, label in _DETAIL_LABELS.items():
        value = after.get(key)
        if value in (None, "", False) or (key == "surcharge_paid" and value in ("0", "0.00")):
            continue
        if key in _CHOICE_LABELS:
            value = _CHOICE_LABELS[key].get(str(value), str(value))
        elif key == "violation_code":
            value = violation_name(str(value))
        elif key in ("handler", "co_handler", "replacement", "hearing_presider"):
            value = _staff_name(value)
        elif value is True:
            value = "是"
        details.append((label, str(value)))
    return details


def _staff_name(value: object) -> str:
    """A person recorded by username (step data) or id (case fields): their name as it is now."""
    user = (
        User.objects.filter(pk=value).first()
        if isinstance(value, int)
        else User.objects.filter(username=str(value)).first()
    )
    return user.display_name if user else str(value)


def timeline(case: Case) -> list[TimelineItem]:
    """The case's journal entries, oldest first: what happened to it, who did it, when, and why."""
    entries = list(Entry.objects.filter(object_type="cases.case", object_id=str(case.pk)).order_by("seq"))
    usernames = {entry.actor_username for entry in entries if entry.actor_username}
    names = {
        username: full_name or username
        for username, full_name in User.objects.filter(username__in=usernames).values_list("username", "full_name")
    }
    items = []
    for entry in entries:
        try:
            after = entry.after_data
        except ValueError:  # a damaged entry still shows; verify_journal names it
            after = None
        after = after if isinstance(after, dict) else {}
        items.append(
            TimelineItem(
                entry,
                names.get(entry.actor_username, entry.actor_username),
                str(after.get("reason") or ""),
                _details(after),
            )
        )
    return items


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    warn: bool = False  # shown as a warning (从重, a surcharge running, …)


def _day(value: dt.date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def case_facts(case: Case, today: dt.date) -> list[Fact]:
    """What the procedure has established about the case so far (violation, notice, hearing, decision, service,
    payment), for the case page; empty entries are left out."""
    facts: list[Fact] = []

    def add(label: str, value: str, warn: bool = False) -> None:
        if value:
            facts.append(Fact(label, value, warn))

    if case.deemed_accepted:
        add("受理", "逾期未告知，自收到投诉之日起视为受理（广东省劳动保障监察条例第三十九条）")
    if case.violation_code:
        try:
            found = violations.violation(case.violation_code)
            add("违法行为", f"{found.name}（{found.basis}）")
        except violations.UnknownViolation:
            add("违法行为", case.violation_code)
    if case.repeat_offender:
        add("从重情节", "一年内因同类违法行为受过行政处罚（广东省劳动保障监察条例第五十三条）", warn=True)
    if case.major_case:
        add("案件性质", "情节复杂或者重大违法行为：须负责人集体讨论、法制审核（行政处罚法第五十七、五十八条）")
    if case.proposed_fine is not None:
        add("拟罚款", f"{case.proposed_fine} 元")
    for label, value, warn in assessment.case_page_facts(case, today):
        add(label, value, warn)
    if case.preservation == "requested":
        add("先行登记保存", "已申请，待负责人批准（行政处罚法第五十六条）", warn=True)
    elif case.preservation == "preserved":
        add("先行登记保存", "已登记保存，须在七个工作日内作出处理决定", warn=True)
    if case.notice_given_on:
        notified = f"，告知罚款 {case.notified_fine} 元" if case.notified_fine is not None else ""
        add("告知", f"{_day(case.notice_given_on)}{notified}{'；当事人已陈述申辩' if case.defence_stated else ''}")
    if case.hearing_on:
        presider = case.hearing_presider.display_name if case.hearing_presider else ""
        held = f"，已于 {_day(case.hearing_held_on)} 举行" if case.hearing_held_on else ""
        add("听证", f"{_day(case.hearing_on)}，主持人 {presider}（{_day(case.hearing_notified_on)} 通知）{held}")
    add("法制审核通过", _day(case.legal_review_passed_on))
    add("集体讨论", _day(case.collective_discussion_on))
    if case.fine_amount is not None:
        add("罚款", f"{case.fine_amount} 元")
    add("履行（改正）期限", _day(case.comply_by))
    if case.served_on:
        effective = (
            f"，{_day(case.service_effective_on)} 视为送达"
            if case.service_effective_on and case.service_effective_on != case.served_on
            else ""
        )
        add(
            "送达", f"{SERVICE_METHODS.get(case.service_method, case.service_method)} {_day(case.served_on)}{effective}"
        )
    if case.decision_outcome == "penalty" and case.fine_amount is not None:
        if case.fine_paid_on:
            extra = f"（含加处罚款 {case.surcharge_paid} 元）" if case.surcharge_paid else ""
            add("罚款缴纳", f"{_day(case.fine_paid_on)} 缴纳 {case.fine_paid_amount} 元{extra}")
        elif case.served_on:
            surcharge = surcharge_due(case, today)
            if surcharge:
                add(
                    "罚款缴纳",
                    f"逾期未缴：截至今日应缴 {case.fine_amount + surcharge} 元（罚款 {case.fine_amount} 元，"
                    f"加处罚款 {surcharge} 元，每日 3%，以罚款数额为限；行政处罚法第七十二条）",
                    warn=True,
                )
            else:
                add("罚款缴纳", "尚未缴纳")
    add("整改复查", _day(case.correction_verified_on))
    add("申请人民法院强制执行", _day(case.court_enforcement_applied_on))
    return facts
