"""Demo cases for `manage.py seed_demo`: a year of labour-inspection work in the three demo districts, every case
registered and moved through the procedure by the real actions (`register_case`, `transition`), never by writing a
state directly.

Each case gets a plan (its source, the state it should end in, the steps that lead there with the gaps between them);
the steps of all cases are then taken in date order, each on its own day (time_machine travels there, so periods,
journal times and case numbers come out as they would have). Steps stop at DEMO_AS_OF. Everything comes from one
`random.Random(seed)`, so the same seed gives the same cases. Idempotent: nothing is done when the demo units already
hold cases.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.accounts.models import Unit, User
from fazhi.calendars.queries import working_calendar
from fazhi.cases.actions import TransitionBlocked, WorkerInput, register_case, transition
from fazhi.cases.demo_data import (
    ADDRESSES,
    GIVEN_NAMES,
    INDUSTRIES,
    ORIGIN_DIVISIONS,
    PROPOSALS,
    REASONS,
    SUMMARIES,
    SURNAMES,
    TRADE_NAMES,
)
from fazhi.cases.models import INTAKE_SOURCES, Case, Source
from fazhi.cases.outcomes import REFUSAL_GROUNDS
from fazhi.cases.workflow import BY_ACTION, OPEN_INVESTIGATION_STATES, State
from fazhi.rules.identifiers import make_credit_code, make_id_number

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
    director: str
    legal: str
    weight: int


TEAMS: tuple[Team, ...] = (
    Team("SZ-FT-JC-1", "福田", "440304", ("inspector", "inspector2"), "lead", "director", "legal", 4),
    Team("SZ-FT-JC-2", "福田", "440304", ("ft2_inspector", "ft2_inspector2"), "ft2_lead", "director", "legal", 2),
    Team("SZ-NS-JC-1", "南山", "440305", ("ns_inspector", "ns_inspector2"), "ns_lead", "ns_director", "ns_legal", 3),
    Team("SZ-BA-JC-1", "宝安", "440306", ("ba_inspector", "ba_inspector2"), "ba_lead", "ba_director", "ba_legal", 3),
)


def demo_usernames() -> set[str]:
    return {name for team in TEAMS for name in (*team.handlers, team.lead, team.director, team.legal)}


@dataclass(frozen=True)
class Step:
    actor: str  # "handler" | "co_handler" | "lead" | "director" | "legal"
    action: str
    gap: int  # calendar days after the previous step
    data: dict[str, Any] = field(default_factory=dict)
    reason: str = ""


@dataclass
class Plan:
    team: Team
    target: State
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
OUTCOME_WEIGHTS = {"handling_decision": 50, "rectification": 22, "penalty": 18, "no_penalty": 5, "transfer": 5}
# (target, variant) pairs every demo covers first, so that even a small demo shows each state and each kind of case.
MUST_HAVE: tuple[tuple[State, str], ...] = (
    *((state, "") for state in State),
    (State.INVESTIGATING, "suspended"),
    (State.PROPOSAL_REVIEW, "extended"),
    (State.ARCHIVED, "revoked"),
    (State.INVESTIGATING, "overdue"),
    (State.DECISION, "suspended"),
    (State.ARCHIVED, "extended"),
)


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


def _employer(rng: random.Random, team: Team, known: _Employers) -> dict[str, str]:
    """A new employer of the team's district, or now and then one already in the demo (the same credit code: a repeat
    offender, 广东省劳动保障监察条例 第五十三条)."""
    earlier = known.by_district.setdefault(team.district, [])
    if earlier and rng.random() < 0.08:
        return rng.choice(earlier)
    taken = known.names
    while True:
        industry, suffix = rng.choice(INDUSTRIES)
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


def _workers(rng: random.Random, received: dt.date) -> list[WorkerInput]:
    workers = []
    for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 5, 8])):
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


def _full_path(rng: random.Random, source: str, outcome: str, variant: str, target: State) -> list[Step]:
    """Every step from registration to the archive (or to the refusal), for this case's variant."""
    r = rng.randint
    steps: list[Step] = []
    if source in INTAKE_SOURCES:
        if target == State.AWAITING_COMPLETION or rng.random() < 0.15:
            steps.append(Step("handler", "request_completion", r(1, 3), reason=rng.choice(REASONS["completion"])))
            steps.append(Step("handler", "complete", r(3, 9)))
        if target == State.REFUSED:
            ground = rng.choice(list(REFUSAL_GROUNDS))
            return [*steps, Step("lead", "refuse", r(1, 3), {"refusal_ground": ground}, rng.choice(REASONS["refuse"]))]
        steps.append(Step("handler", "accept", r(1, 4)))
    steps.append(Step("lead", "approve_filing", r(1, 3)))
    if variant == "revoked":
        return [
            *steps,
            Step("director", "revoke_filing", r(10, 25), reason=rng.choice(REASONS["revoke"])),
            Step("lead", "approve_closing", r(1, 4)),
            Step("handler", "archive", r(3, 12)),
        ]
    if variant == "extended":
        steps.append(Step("director", "extend", r(25, 40), reason=rng.choice(REASONS["extend"])))
    # One suspension per case at most: a second one fails on the still-running notice period of the first
    # (suspension_notice_to_complainant is never met, so the second opening breaks its one-live-row constraint).
    if variant != "suspended" and rng.random() < 0.08:
        steps.append(Step("director", "suspend", r(5, 15), reason=rng.choice(REASONS["suspend"])))
        steps.append(Step("director", "resume", r(8, 20)))
    proposal = {"proposed_outcome": outcome, "proposal": PROPOSALS[outcome]}
    steps.append(Step("handler", "propose", r(8, 25), proposal))
    if rng.random() < 0.12:
        steps.append(Step("lead", "send_back_proposal", r(1, 3), reason=rng.choice(REASONS["send_back"])))
        steps.append(Step("handler", "propose", r(5, 12), proposal))
    if outcome == "penalty":
        steps.append(Step("lead", "approve_proposal", r(1, 3)))
        if rng.random() < 0.15:
            steps.append(Step("legal", "fail_legal_review", r(2, 5), reason=rng.choice(REASONS["legal"])))
            steps.append(Step("handler", "propose", r(5, 12), proposal))
            steps.append(Step("lead", "approve_proposal", r(1, 3)))
        steps.append(Step("legal", "pass_legal_review", r(2, 5)))
    else:
        steps.append(Step("lead", "approve_proposal_to_notice", r(1, 3)))
    if target == State.HEARING or (outcome == "penalty" and rng.random() < 0.3):
        steps.append(Step("handler", "request_hearing", r(2, 4)))
        steps.append(Step("handler", "finish_hearing", r(9, 15)))
    else:
        steps.append(Step("handler", "close_notice", r(8, 11)))
    steps.append(Step("director", "decide", r(1, 3)))
    method = rng.choice(["in_person", "in_person", "post", "electronic"])
    steps.append(Step("handler", "serve", r(1, 4), {"service_method": method}))
    steps.append(Step("handler", "file_with_superior", r(2, 12)))  # 10 days (广东条例 第四十八条); now and then late
    steps.append(Step("handler", "record_performance", r(5, 25)))
    steps.append(Step("lead", "approve_closing", r(1, 4)))
    steps.append(Step("handler", "archive", r(3, 15)))
    return steps


def _prefix_ending_in(steps: list[Step], first: State, target: State, variant: str) -> list[Step]:
    """The longest prefix of `steps` after which the case is in `target` (so stays in a state are kept)."""
    state, best = first, 0 if first == target else -1
    for index, step in enumerate(steps, start=1):
        state = BY_ACTION[step.action].target or state
        if state == target:
            best = index
    if best < 0:
        raise ValueError(f"plan never reaches {target}")
    chosen = steps[:best]
    if variant == "suspended":  # the suspension is the last step: the case stays suspended
        while chosen and chosen[-1].action == "resume":
            chosen.pop()
        if not chosen or chosen[-1].action != "suspend":
            chosen.append(Step("director", "suspend", 5, reason=REASONS["suspend"][0]))
    return chosen


def _plan(rng: random.Random, team: Team, target: State, variant: str, known: _Employers) -> Plan:
    intake_only = target in {State.RECEIVED, State.AWAITING_COMPLETION, State.REFUSED}
    source = _pick(rng, SOURCE_WEIGHTS)
    while intake_only and source not in INTAKE_SOURCES:
        source = _pick(rng, SOURCE_WEIGHTS)
    outcome = "penalty" if target in {State.LEGAL_REVIEW, State.HEARING} else _pick(rng, OUTCOME_WEIGHTS)
    first = State.RECEIVED if source in INTAKE_SOURCES else State.FILING_REVIEW
    steps = _prefix_ending_in(_full_path(rng, source, outcome, variant, target), first, target, variant)
    # Leave room for the steps (and a few days of waiting for the hearing period) before DEMO_AS_OF.
    latest = min(LAST_RECEIVED, DEMO_AS_OF - dt.timedelta(days=sum(s.gap for s in steps) + 12))
    earliest = FIRST_RECEIVED
    finished = target in {State.REFUSED, State.CLOSED, State.ARCHIVED}
    if variant != "overdue" and not finished and rng.random() < 0.7:
        earliest = max(earliest, latest - dt.timedelta(days=45))  # most open cases are recent
    if variant == "overdue":
        latest = min(latest, dt.date(2026, 6, 30))
    received = earliest + dt.timedelta(days=rng.randint(0, max((latest - earliest).days, 0)))
    while received.weekday() >= 5:
        received -= dt.timedelta(days=1)
    workers = _workers(rng, received) if source != Source.WRITTEN_REVIEW or rng.random() < 0.5 else []
    complainant: dict[str, Any] = {}
    if source == Source.COMPLAINT or (source in INTAKE_SOURCES and rng.random() < 0.6):
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
    employer = _employer(rng, team, known)
    months = f"{workers[0].period_start:%Y年%-m月}至{workers[0].period_end:%Y年%-m月}" if workers else "近期"
    total = sum((w.amount_owed for w in workers), Decimal("0"))
    summary = rng.choice(SUMMARIES[source]).format(
        employer=employer["employer_name"], workers=len(workers) or 1, months=months, amount=f"{total:,.2f}"
    )
    return Plan(
        team, target, source, received, steps, {**employer, **complainant, "summary": summary, "workers": workers}
    )


def _plans(count: int, rng: random.Random) -> list[Plan]:
    known = _Employers()
    wanted = list(MUST_HAVE[:count])
    while len(wanted) < count:
        variants = ["", "", "", "", "", "", "", "", "extended", "extended", "overdue", "overdue", "suspended"]
        wanted.append((_pick(rng, TARGET_WEIGHTS), rng.choice(variants)))
    plans = []
    for index, (target, variant) in enumerate(wanted):
        # The first cases go round the teams, so each district gets a share of the must-have states.
        team = TEAMS[index % len(TEAMS)] if index < len(MUST_HAVE) else rng.choices(TEAMS, [t.weight for t in TEAMS])[0]
        if variant == "extended" and target in {State.RECEIVED, State.AWAITING_COMPLETION, State.REFUSED}:
            variant = ""
        if variant == "overdue" and target in {State.REFUSED, State.CLOSED, State.ARCHIVED}:
            variant = ""
        if variant == "suspended" and target not in OPEN_INVESTIGATION_STATES:
            variant = ""
        plans.append(_plan(rng, team, target, variant, known))
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
        day = _next_working_day(when.date() + dt.timedelta(days=gap))
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
        data = dict(step.data)
        if step.action == "serve":
            data["served_on"] = when.date().isoformat()
        try:
            run.case = transition(
                actor=run.people[step.actor], case=run.case, action=step.action, data=data, reason=step.reason
            )
        except TransitionBlocked:
            # Only the notice period can hold a step back (行政处罚法 第六十四条): wait a working day and try again.
            if step.action != "close_notice" or run.retries > 15:
                raise
            run.retries += 1
            return
        run.done += 1
        run.retries = 0


def _people(team: Team, rng: random.Random, users: dict[str, User]) -> dict[str, User]:
    handler, co_handler = rng.sample(list(team.handlers), 2)
    return {
        "handler": users[handler],
        "co_handler": users[co_handler],
        "lead": users[team.lead],
        "director": users[team.director],
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
    runs = [_Run(plan, _people(plan.team, rng, users)) for plan in plans]
    with transaction.atomic():
        for when, run in _events(runs, rng):
            _take(run, when)
    return len(runs)
