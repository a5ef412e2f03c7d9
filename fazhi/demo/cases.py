"""Demo cases for `manage.py seed_demo`: a year of labour-inspection work in the three demo districts, every case
registered and moved through the procedure by the real actions (`register_case`, `transition`), never by writing a
state directly.

Each case gets a plan (its source, the state it should end in, its outcome and features, the steps that lead there
with the gaps between them: `fazhi.demo.steps`); the steps of all cases are then taken in date order, each on its
own day (time_machine travels there, so periods, journal times, case numbers, deadlines and surcharges come out as
they would have). A step held back by a period (the hearing request, the hearing day, the deadline to pay) is tried
again a working day later. Steps stop at DEMO_AS_OF. Everything comes from one `random.Random(seed)`, so the same
seed gives the same cases. Idempotent: nothing is done when the demo units already hold cases.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db import transaction

from fazhi.accounts.models import Unit, User
from fazhi.calendars.queries import working_calendar
from fazhi.cases.actions import TransitionBlocked, WorkerInput, register_case, transition
from fazhi.cases.delegations import delegable_actions, grant_delegation
from fazhi.cases.models import INTAKE_SOURCES, Case, Source
from fazhi.cases.workflow import BY_ACTION, OPEN_INVESTIGATION_STATES, State
from fazhi.demo.data import (
    ADDRESSES,
    GIVEN_NAMES,
    INDUSTRIES,
    ORIGIN_DIVISIONS,
    SUMMARIES,
    SURNAMES,
    TRADE_NAMES,
    VIOLATIONS,
)
from fazhi.demo.steps import (
    Profile,
    Step,
    days_needed,
    fill,
    full_path,
    needs_legal_review,
    not_before,
    proposed_fine,
    suspension,
)
from fazhi.rules.identifiers import make_credit_code, make_id_number
from fazhi.rules.violations import violation

DEFAULT_CASES = 240
DEMO_SEED = 20260105
FIRST_RECEIVED = dt.date(2026, 1, 5)
LAST_RECEIVED = dt.date(2026, 10, 30)
DEMO_AS_OF = dt.date(2026, 11, 20)  # no step is taken after this day
ROOT_UNIT = "SZ"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


class DemoDataError(Exception):
    """The demo cannot be built (e.g. the demo accounts are missing); `message` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Team:
    """A squad that handles demo cases, and who in its district approves, reviews and decides."""

    unit: str
    district: str  # 福田 / 南山 / 宝安
    division: str  # 行政区划代码 of the district, for credit codes
    handlers: tuple[str, ...]
    lead: str
    director: str  # takes the leader's steps by the written delegation of DELEGATIONS
    legal: str
    weight: int
    leader: str  # 局领导 of the district bureau, the organ's 负责人
    reserve: str = ""  # an inspector of the squad on no demo case: the replacement when a handler is recused


TEAMS: tuple[Team, ...] = (
    Team(
        "SZ-FT-JC-1",
        "福田",
        "440304",
        ("inspector", "inspector2"),
        "lead",
        "director",
        "legal",
        4,
        "leader",
        "inspector3",
    ),
    Team(
        "SZ-FT-JC-2",
        "福田",
        "440304",
        ("ft2_inspector", "ft2_inspector2"),
        "ft2_lead",
        "director",
        "legal",
        2,
        "leader",
    ),
    Team(
        "SZ-NS-JC-1",
        "南山",
        "440305",
        ("ns_inspector", "ns_inspector2"),
        "ns_lead",
        "ns_director",
        "ns_legal",
        3,
        "ns_leader",
    ),
    Team(
        "SZ-BA-JC-1",
        "宝安",
        "440306",
        ("ba_inspector", "ba_inspector2"),
        "ba_lead",
        "ba_director",
        "ba_legal",
        3,
        "ba_leader",
    ),
)
# Each district's leader delegates the 负责人's steps of the labour-inspection procedure, in writing and for the demo
# year, to the district's director (fazhi.cases.delegations): (district bureau, leader, director, the document's 文号).
DELEGATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("SZ-FT", "leader", "director", "福人社授〔2026〕1号"),
    ("SZ-NS", "ns_leader", "ns_director", "南人社授〔2026〕1号"),
    ("SZ-BA", "ba_leader", "ba_director", "宝人社授〔2026〕1号"),
)
DELEGATION_YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def grant_demo_delegations(users: dict[str, User]) -> int:
    """The written delegations of DELEGATIONS (one journal entry each)."""
    actions = list(delegable_actions())
    for unit_code, leader, director, document in DELEGATIONS:
        grant_delegation(
            actor=users[leader],
            delegate=users[director],
            unit=Unit.objects.get(code=unit_code),
            actions=actions,
            document=document,
            starts_on=DELEGATION_YEAR[0],
            ends_on=DELEGATION_YEAR[1],
        )
    return len(DELEGATIONS)


def demo_usernames() -> set[str]:
    return {name for team in TEAMS for name in (*team.handlers, team.lead, team.director, team.legal, team.leader)}


@dataclass
class Plan:
    team: Team
    target: State
    features: frozenset[str]
    source: str
    received_on: dt.date
    steps: list[Step]
    register: dict[str, Any]


# The states the demo cases end in, with their weights (most of a year's cases are finished).
TARGET_WEIGHTS: dict[State, int] = {
    State.RECEIVED: 5,
    State.AWAITING_COMPLETION: 3,
    State.REFUSED: 8,
    State.FILING_REVIEW: 5,
    State.INVESTIGATING: 18,
    State.PROPOSAL_REVIEW: 6,
    State.LEGAL_REVIEW: 4,
    State.NOTICE: 4,
    State.HEARING: 3,
    State.DECISION: 4,
    State.SERVICE: 4,
    State.PERFORMANCE: 8,
    State.CLOSING_REVIEW: 5,
    State.CLOSED: 10,
    State.ARCHIVED: 55,
}
SOURCE_WEIGHTS = {
    Source.COMPLAINT: 60,
    Source.REPORT: 14,
    Source.PATROL: 14,
    Source.WRITTEN_REVIEW: 5,
    Source.SPECIAL_CAMPAIGN: 4,
    Source.REFERRAL: 3,
}
OUTCOME_WEIGHTS = {
    "handling_decision": 50,
    "rectification": 22,
    "penalty": 18,
    "no_penalty": 5,
    "transfer": 3,
}
# Features drawn for the cases beyond the must-have ones ("" most of the time); see fazhi.demo.steps.
RANDOM_FEATURES = (
    *([""] * 16),
    *(["extended"] * 2),
    *(["overdue"] * 2),
    "suspended",
    "deemed",
    "preservation",
    "defence",
    "hearing",
    "partial",
    "late_fine",
)
# (target, features) every demo covers first, so that even a small demo shows each state, each kind of case and
# each of the less common steps.
MUST_HAVE: tuple[tuple[State, frozenset[str]], ...] = (
    *((state, frozenset[str]()) for state in State),
    *(
        (state, frozenset(features.split()))
        for state, features in (
            (State.INVESTIGATING, "suspended complaint"),
            (State.PROPOSAL_REVIEW, "extended"),
            (State.ARCHIVED, "revoked"),
            (State.INVESTIGATING, "overdue preservation"),
            (State.DECISION, "suspended"),
            (State.ARCHIVED, "extended reassign"),
            (State.ARCHIVED, "hearing defence major"),
            (State.ARCHIVED, "late_fine"),
            (State.CLOSED, "compensation"),
            (State.ARCHIVED, "partial preservation"),
            (State.ARCHIVED, "rectification"),
            (State.PROPOSAL_REVIEW, "deemed"),
            (State.ARCHIVED, "recusal"),
            (State.CLOSED, "court"),
        )
    ),
)
_INTAKE_ONLY = frozenset({State.RECEIVED, State.AWAITING_COMPLETION, State.REFUSED})
# States only a report or an own discovery reaches (a complaint's acceptance is its filing).
_FILING_ONLY = frozenset({State.FILING_REVIEW, State.NOT_FILED, State.REFERRED})
_FINISHED = frozenset({State.REFUSED, State.NOT_FILED, State.REFERRED, State.CLOSED, State.ARCHIVED})


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice(['38', '39', '35', '36', '37', '50', '52', '58', '59', '86', '87', '88', '77', '89'])}" + (
        f"{rng.randrange(10**8):08d}"
    )


@dataclass
class _Employers:
    names: set[str] = field(default_factory=set)
    by_district: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def _employer(rng: random.Random, team: Team, known: _Employers, *, construction: bool = False) -> dict[str, str]:
    """A new employer of the team's district, or now and then one already in the demo (the same credit code: a repeat
    offender, 广东省劳动保障监察条例 第五十三条). `construction`: a builder (the violations of 农民工工资 rules)."""
    earlier = known.by_district.setdefault(team.district, [])
    if earlier and not construction and rng.random() < 0.08:
        return rng.choice(earlier)
    taken = known.names
    while True:
        industry, suffix = rng.choice(INDUSTRIES[4:6] if construction else INDUSTRIES)
        town = rng.choice(ADDRESSES[team.district])[0] if rng.random() < 0.3 else ""
        name = f"深圳市{team.district}区{town}{rng.choice(TRADE_NAMES)}{industry}{suffix}"
        if name not in taken:
            taken.add(name)
            break
    street, road = rng.choice(ADDRESSES[team.district])
    employer = {
        "employer_name": name,
        "employer_credit_code": make_credit_code(rng, team.division),
        "employer_address": f"深圳市{team.district}区{street}{road}{rng.randint(1, 388)}号",
        "legal_representative": _person(rng),
    }
    earlier.append(employer)
    return employer


def _workers(rng: random.Random, received: dt.date, count: int) -> list[WorkerInput]:
    workers = []
    for _ in range(count):
        birth = dt.date(rng.randint(1966, 2004), rng.randint(1, 12), rng.randint(1, 28))
        months = rng.randint(1, 5)
        end = received.replace(day=1) - dt.timedelta(days=1)  # the last day of the month before
        first_month = end.year * 12 + end.month - 1 - (months - 1)
        start = dt.date(first_month // 12, first_month % 12 + 1, 1)
        workers.append(
            WorkerInput(
                name=_person(rng),
                amount_owed=Decimal(rng.randint(2_600, 9_800) * months) + Decimal(rng.randint(0, 99)) / 100,
                id_number=make_id_number(rng, birth=birth, division=rng.choice(ORIGIN_DIVISIONS)),
                period_start=start,
                period_end=end,
            )
        )
    return workers


def _prefix_ending_in(rng: random.Random, steps: list[Step], first: State, p: Profile) -> list[Step]:
    """The longest prefix of `steps` after which the case is in the target state (so stays in a state are kept); in
    PERFORMANCE any such prefix (the employer has done some, all or none of what was decided)."""
    state, ends = first, [0] if first == p.target else []
    for index, step in enumerate(steps, start=1):
        state = BY_ACTION[step.action].target or state
        if state == p.target:
            ends.append(index)
    if not ends:
        raise ValueError(f"plan never reaches {p.target}")
    chosen = steps[: rng.choice(ends) if p.target == State.PERFORMANCE else ends[-1]]
    if "suspended" in p.features:  # the suspension is the last step: the case stays suspended
        chosen.extend(suspension(rng, p, resume=False))
    return chosen


def _outcome(rng: random.Random, target: State, features: frozenset[str], workers: int) -> str:
    if features & {"hearing", "late_fine", "major", "court"} or target in {State.LEGAL_REVIEW, State.HEARING}:
        return "penalty"
    if features & {"partial", "compensation"}:
        return "handling_decision"
    if "rectification" in features:
        return "rectification"
    outcome = str(_pick(rng, OUTCOME_WEIGHTS))
    return "rectification" if outcome == "handling_decision" and not workers else outcome


def _profile(rng: random.Random, team: Team, target: State, features: frozenset[str], source: str) -> Profile:
    """The case's outcome, violation and fine; the employer comes later (`employer` is filled in by `_plan`)."""
    workers = 0 if source == Source.WRITTEN_REVIEW and rng.random() < 0.5 else rng.choice([1, 1, 2, 2, 3, 4, 5, 8])
    if features & {"partial", "compensation"}:
        workers = max(workers, 2)
    outcome = _outcome(rng, target, features, workers)
    major = outcome == "penalty" and ("major" in features or rng.random() < 0.08)
    code = rng.choice(VIOLATIONS["major" if major else outcome]) if outcome in VIOLATIONS else ""
    fine = decided = None
    if outcome == "penalty":
        fine = decided = proposed_fine(rng, code, workers)
        if target == State.LEGAL_REVIEW and not needs_legal_review(outcome, major, fine):
            major = True  # the bureau does not review every penalty: this one is major, so it is reviewed
        row = violation(code)
        lowest = (row.fine_min or Decimal("0")) * (max(workers, 1) if row.fine_unit == "per_worker" else 1)
        reduced = (fine * Decimal("0.8")).quantize(Decimal("100"), rounding=ROUND_DOWN)
        if reduced >= lowest and reduced > 0 and rng.random() < 0.3:  # lowered after the defence or hearing
            decided = reduced.quantize(Decimal("0.01"))
    complainant = source == Source.COMPLAINT or (source in INTAKE_SOURCES and rng.random() < 0.6)
    return Profile(source, target, outcome, features, workers, complainant, "", code, fine, decided, major, team.legal)


def _plan(rng: random.Random, team: Team, target: State, features: frozenset[str], known: _Employers) -> Plan:
    source = Source.COMPLAINT if features & {"complaint", "deemed"} else _pick(rng, SOURCE_WEIGHTS)
    while (
        (target in _INTAKE_ONLY and source not in INTAKE_SOURCES)
        or (target in _FILING_ONLY and source in INTAKE_SOURCES)
        or (target == State.REFERRED and source != Source.REPORT)
    ):
        source = _pick(rng, SOURCE_WEIGHTS)
    profile = _profile(rng, team, target, features, source)
    employer = _employer(rng, team, known, construction=profile.violation.startswith("nmg"))
    profile = replace(profile, employer=employer["employer_name"])
    first = State.RECEIVED if source in INTAKE_SOURCES else State.FILING_REVIEW
    steps = _prefix_ending_in(rng, full_path(rng, profile), first, profile)
    # Leave room for the steps (and for the days a step may wait, e.g. for the hearing period) before DEMO_AS_OF.
    room = days_needed(steps) + 12
    latest = min(LAST_RECEIVED, DEMO_AS_OF - dt.timedelta(days=room))
    earliest = FIRST_RECEIVED
    if "overdue" not in features and target not in _FINISHED and rng.random() < 0.7:
        earliest = max(earliest, latest - dt.timedelta(days=45))  # most open cases are recent
    if "overdue" in features:
        latest = min(latest, dt.date(2026, 6, 30))
    received = earliest + dt.timedelta(days=rng.randint(0, max((latest - earliest).days, 0)))
    while received.weekday() >= 5:
        received -= dt.timedelta(days=1)
    workers = _workers(rng, received, profile.workers)
    complainant: dict[str, Any] = {}
    if profile.complainant:
        person = workers[0] if workers and source == Source.COMPLAINT else None
        complainant = {
            "complainant_name": person.name if person else _person(rng),
            "complainant_id_number": person.id_number
            if person
            else make_id_number(rng, birth=dt.date(rng.randint(1970, 2002), rng.randint(1, 12), rng.randint(1, 28))),
            "complainant_phone": _mobile(rng),
        }
    elif source == Source.REPORT:
        complainant = {"anonymous": True}
    months = f"{workers[0].period_start:%Y年%-m月}至{workers[0].period_end:%Y年%-m月}" if workers else "近期"
    total = sum((w.amount_owed for w in workers), Decimal("0"))
    summary = rng.choice(SUMMARIES[source]).format(
        employer=employer["employer_name"], workers=len(workers) or 1, months=months, amount=f"{total:,.2f}"
    )
    register = {**employer, **complainant, "summary": summary, "workers": workers}
    return Plan(team, target, features, source, received, steps, register)


def _features(target: State, features: frozenset[str]) -> frozenset[str]:
    """Drop the features a case ending in `target` cannot show."""
    dropped = set()
    if target in _INTAKE_ONLY | _FILING_ONLY:
        dropped |= {"extended", "deemed"}
    if target in _FINISHED:
        dropped.add("overdue")
    if target not in OPEN_INVESTIGATION_STATES:
        dropped.add("suspended")
    return features - dropped


def _plans(count: int, rng: random.Random) -> list[Plan]:
    known = _Employers()
    wanted = list(MUST_HAVE[:count])
    while len(wanted) < count:
        feature = rng.choice(RANDOM_FEATURES)
        wanted.append((_pick(rng, TARGET_WEIGHTS), frozenset({feature} if feature else set())))
    plans = []
    for index, (target, features) in enumerate(wanted):
        # The first cases go round the teams, so each district gets a share of the must-have states.
        team = TEAMS[index % len(TEAMS)] if index < len(MUST_HAVE) else rng.choices(TEAMS, [t.weight for t in TEAMS])[0]
        if "recusal" in features and not team.reserve:
            team = TEAMS[0]  # the recused officer is replaced by the squad's reserve inspector
        plans.append(_plan(rng, team, target, _features(target, features), known))
    return plans


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), SHANGHAI) + dt.timedelta(minutes=rng.randint(0, 8 * 60))


def _next_working_day(day: dt.date) -> dt.date:
    calendar = working_calendar()
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@dataclass
class _Run:
    plan: Plan
    people: dict[str, User]
    case: Case | None = None
    done: int = 0
    retries: int = 0


def _events(runs: list[_Run], rng: random.Random) -> Iterator[tuple[dt.datetime, _Run]]:
    """The steps of every case in time order: registration first, then each step after its gap.

    The consumer takes the step (`_take`) before asking for the next event, so the code after `yield` sees how it
    went (done, or held back and to be retried a working day later)."""
    queue: list[tuple[dt.datetime, int, int]] = []
    for index, run in enumerate(runs):
        heapq.heappush(queue, (_at(_next_working_day(run.plan.received_on), rng), index, index))
    counter = len(runs)
    while queue:
        when, _, index = heapq.heappop(queue)
        run = runs[index]
        yield when, run
        if run.done >= len(run.plan.steps):
            continue
        step = run.plan.steps[run.done]
        gap = 1 if run.retries else step.gap
        day = when.date() + dt.timedelta(days=gap)
        earliest = not_before(step, run.case) if run.case is not None else None
        day = _next_working_day(max(day, earliest) if earliest else day)
        later = max(_at(day, rng), when + dt.timedelta(minutes=rng.randint(5, 40)))
        if later.date() <= DEMO_AS_OF:
            counter += 1
            heapq.heappush(queue, (later, counter, index))


def _take(run: _Run, when: dt.datetime) -> None:
    import time_machine

    plan = run.plan
    with time_machine.travel(when, tick=False):
        if run.case is None:
            unit = Unit.objects.get(code=plan.team.unit)
            run.case = register_case(
                actor=run.people["handler"],
                source=plan.source,
                unit=unit,
                received_on=plan.received_on,
                handler=run.people["handler"],
                co_handler=run.people["co_handler"],
                **plan.register,
            )
            return
        step = plan.steps[run.done]
        actor = None if step.actor == "system" else run.people[step.actor]
        squad = (*plan.team.handlers, plan.team.reserve) if plan.team.reserve else plan.team.handlers
        data = fill(step, run.case, when.date(), squad)
        try:
            run.case = transition(actor=actor, case=run.case, action=step.action, data=data, reason=step.reason)
        except TransitionBlocked:
            # A period or a date holds the step back (the hearing request, the hearing day, the deadline to pay, the
            # time to sue): wait a working day and try again.
            if not step.wait or run.retries > 25:
                raise
            run.retries += 1
            return
        run.done += 1
        run.retries = 0
        if step.action in ("reassign", "decide_recusal"):
            handler, co_handler = run.case.handler, run.case.co_handler
            assert handler is not None
            assert co_handler is not None
            run.people.update(handler=handler, co_handler=co_handler)


def _people(plan: Plan, rng: random.Random, users: dict[str, User]) -> dict[str, User]:
    team = plan.team
    handler, co_handler = rng.sample(list(team.handlers), 2)
    return {
        "handler": users[handler],
        "co_handler": users[co_handler],
        "lead": users[team.lead],
        "director": users[team.director],
        "leader": users[team.leader],
        "legal": users[team.legal],
    }


def demo_cases_exist() -> bool:
    root = Unit.objects.filter(code=ROOT_UNIT).first()
    return root is not None and Case.objects.filter(unit__path__startswith=root.path).exists()


def seed_demo_cases(*, count: int = DEFAULT_CASES, seed: int = DEMO_SEED) -> int:
    """Build `count` demo cases through the actions; returns how many were made (0 if the demo has cases already).

    Needs the demo organisation and the accounts of TEAMS (seed_demo makes them). One transaction: all or nothing.
    """
    if count <= 0 or demo_cases_exist():
        return 0
    wanted = demo_usernames()
    users = {user.username: user for user in User.objects.filter(username__in=wanted).select_related("unit")}
    missing = sorted(wanted - set(users))
    if missing or Unit.objects.filter(code__in=[t.unit for t in TEAMS]).count() != len(TEAMS):
        raise DemoDataError(f"缺少演示机构或账户（{'、'.join(missing) or '中队'}），请先生成演示机构和账户。")
    rng = random.Random(seed)
    plans = _plans(count, rng)
    runs = [_Run(plan, _people(plan, rng, users)) for plan in plans]
    with transaction.atomic():
        grant_demo_delegations(users)
        for when, run in _events(runs, rng):
            _take(run, when)
    return len(runs)
