"""How fast the cases app is: transitions against a bare insert, and the hot reads over a million cases against the
same queries written as bare SQL.

    .venv/bin/python bench/bench_cases.py [--cases N] [--transitions K] [--runs R] [--database-url URL]

Builds its own database: SQLite in a temporary directory by default; with --database-url postgres://… a temporary
database `fazhi_bench_<pid>` on that server (dropped afterwards; the database named in the URL is only used to
create and drop it). Migrates, creates a small organisation through the actions (10 districts × 3 squads, two
certified inspectors per squad, a lead, a district director, the supervisor), then measures:

1. transitions per second: `fazhi.cases.actions.transition` (procedure v2: "accept", then "record_investigation")
   on K cases registered beforehand through `register_case`, one transaction and one journal entry each, beside a
   bare INSERT of one row per transaction on the same database; the two take turns in rounds. Target: at least
   100 steps/s per process (the brief's floor: a case step needs no more; above it simple code beats hand-written
   SQL, so the ratio to the bare insert is printed for information).
2. N cases (default 1,000,000; about 20 % open, with running periods, some of them overdue) and N/2 employers
   bulk-loaded with executemany (SQLite) or COPY (PostgreSQL) — a benchmark fixture, not an action — then ANALYZE.
   p50/p95 over R runs (default 100), each beside bare SQL on the same indexes, measured in the same loop:
   - the first page (50) of `queries.worklist(lead)` (target p95 ≤ 3× bare and < 50 ms on SQLite); the bare SQL is
     the same read written by hand: the waiting cases' ids sorted by due date, then the page's rows joined with their
     employer, unit and handler;
   - `queries.overdue_counts_by_unit` for the supervisor (whole city) and a district director (target ≤ 3× bare and
     < 20 ms on SQLite);
   - `search.search_employers` (count + first page of 50) for 2- and 4-character queries, beside a full-scan LIKE on
     the name (target p95 < 100 ms).
Prints each figure with its baseline and ratio, PASS or FAIL. Exits 0 whatever the timings (a measurement, not a
test); each read is first checked to give the same answer as its bare SQL, and a different answer (a bug) exits 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import operator
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = dt.date(2026, 11, 20)
UTC_NOON = dt.datetime(2026, 11, 20, 4, 0, tzinfo=dt.UTC)
BATCH = 50_000
BENCH_PASSWORD = "bench-password-1"  # noqa: S105  (throw-away accounts in a throw-away database)
BASE_ID = 10_000_000  # bulk-loaded ids start above anything the actions made
DISTRICTS = 10
SQUADS = 3
TARGETS = {"steps_per_s": 100.0, "worklist_ms": 50.0, "overdue_ms": 20.0, "search_ms": 100.0, "vs_bare": 3.0}
OPEN_STATES = (
    ("received", "complaint_acceptance", 5, 6),
    ("filing_review", "filing_own_discovery", 5, 6),
    ("investigating", "investigation", 45, 40),
    ("proposal_review", "investigation", 45, 12),
    ("legal_review", "investigation", 45, 4),
    ("notice", "hearing_request", 5, 6),
    ("decision", "investigation", 45, 6),
    ("service", "service", 7, 6),
    ("performance", "fine_payment", 15, 10),
    ("closing_review", "filing_with_superior", 10, 4),
)
CLOSED_STATES = (("archived", 80), ("closed", 8), ("refused", 12))
TRADE_CHARS = "华强鹏程宏达信启航恒通新鸿金辉盛世腾飞佳美联创海川锦绣宝利嘉禾维优品南方前星河东永利丰汇明珠兴业鑫源卓越天虹安居顺中科智精工益民和谐德胜富昌捷伟长城晶大洋银龙凯旋诚"  # noqa: E501
INDUSTRIES = (
    "电子科技",
    "精密五金",
    "塑胶制品",
    "建筑工程",
    "物业管理",
    "餐饮管理",
    "服装",
    "物流",
    "家具",
    "装饰工程",
)
SUFFIXES = ("有限公司", "有限公司", "有限公司", "厂", "股份有限公司")


# --- set-up ---------------------------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="案件办理性能基准（与裸 SQL、裸插入相比）")
    parser.add_argument("--cases", type=int, default=1_000_000, help="批量装载的案件数（默认 1,000,000）")
    parser.add_argument("--transitions", type=int, default=2_000, help="计时的案件数，每件两个步骤（默认 2,000）")
    parser.add_argument("--runs", type=int, default=100, help="每个查询的计时次数（默认 100）")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL 服务器地址，如 postgres://postgres@127.0.0.1:5432/root"
    )
    args = parser.parse_args()
    if args.cases < 1_000 or args.transitions < 10 or args.runs < 5:
        parser.error("--cases 至少 1000，--transitions 至少 10，--runs 至少 5")
    return args


def postgres_database(url: str) -> tuple[str, Callable[[], None]]:
    """Create a temporary database on the server of `url`; return its URL and a function that drops it."""
    import psycopg

    parts = urlsplit(url)
    name = f"fazhi_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def setup_django(directory: Path, database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    os.environ["FAZHI_VAR_DIR"] = str(directory)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the bench's accounts only
    call_command("migrate", verbosity=0)


def build_organisation() -> dict[str, Any]:
    """The units and staff, through the accounts actions. Returns the personas and each squad's inspectors."""
    from fazhi.accounts.actions import create_unit, create_user
    from fazhi.accounts.models import Role, UnitKind

    def user(name: str, unit: Any, role: str, **extra: Any) -> Any:
        return create_user(
            actor=None, username=name, password=BENCH_PASSWORD, full_name=name, unit=unit, roles=[role], **extra
        )

    city = create_unit(actor=None, code="B", name="市局", kind=UnitKind.CITY_BUREAU, parent=None)
    office = create_unit(actor=None, code="B-DZJC", name="电子监察室", kind=UnitKind.DIVISION, parent=city)
    squads: list[tuple[Any, list[Any]]] = []
    director = None
    for d in range(DISTRICTS):
        district = create_unit(actor=None, code=f"B-{d}", name=f"第{d}区", kind=UnitKind.DISTRICT_BUREAU, parent=city)
        brigade = create_unit(actor=None, code=f"B-{d}-JC", name="大队", kind=UnitKind.BRIGADE, parent=district)
        if d == 0:
            director = user("director", district, Role.DIRECTOR)
        for s in range(SQUADS):
            squad = create_unit(actor=None, code=f"B-{d}-JC-{s}", name="中队", kind=UnitKind.SQUAD, parent=brigade)
            inspectors = [
                user(f"i{d}{s}{k}", squad, Role.INSPECTOR, enforcement_certificate_number=f"C{d}{s}{k}") for k in (1, 2)
            ]
            squads.append((squad, inspectors))
    lead = user("lead", squads[0][0], Role.LEAD)
    supervisor = user("supervisor", office, Role.SUPERVISOR)
    return {"squads": squads, "lead": lead, "director": director, "supervisor": supervisor}


def timed(function: Callable[[], object]) -> float:
    began = time.perf_counter()
    function()
    return time.perf_counter() - began


# --- 1. transitions -------------------------------------------------------------------------------------------------


def bench_transitions(org: dict[str, Any], k: int) -> tuple[float, float, float]:
    """(transitions, bare inserts, ORM inserts) per second, one transaction each, taking turns in rounds."""
    from django.db import connection, transaction

    from fazhi.cases.actions import register_case, transition
    from fazhi.cases.models import Counter, Source
    from fazhi.rules.identifiers import make_credit_code

    squad, (handler, co_handler) = org["squads"][0]
    rng = random.Random(7)
    cases = [
        register_case(
            actor=handler,
            source=Source.COMPLAINT,
            unit=squad,
            employer_name=f"深圳市基准测试{i}号电子有限公司",
            employer_credit_code=make_credit_code(rng),
            summary="拖欠工资。",
            received_on=TODAY,
            complainant_name="王小明",
            complainant_phone="13800138000",
            handler=handler,
            co_handler=co_handler,
        )
        for i in range(k)
    ]
    with connection.cursor() as cursor:
        serial = "BIGSERIAL" if connection.vendor == "postgresql" else "INTEGER"
        cursor.execute(f"CREATE TABLE bench_bare (id {serial} PRIMARY KEY, at VARCHAR(40), payload TEXT)")
    bare_sql = "INSERT INTO bench_bare (at, payload) VALUES (%s, %s)"

    def bare(n: int) -> None:
        for i in range(n):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(bare_sql, [dt.datetime.now(dt.UTC).isoformat(), f'{{"state":"filing_review","n":{i}}}'])

    def orm(n: int, prefix: str) -> None:
        for i in range(n):
            with transaction.atomic():
                Counter.objects.create(key=f"bench:{prefix}:{i}", value=i)

    def steps(chunk: list[Any], action: str, actor: Any, data: dict[str, Any]) -> None:
        for case in chunk:
            transition(actor=actor, case=case, action=action, data=data)

    ours = theirs = orm_seconds = 0.0
    rounds = 4
    size = max(len(cases) // rounds, 1)
    # Procedure v2: the lead accepts (the filing, 广东条例 第三十六条), then the handler records an inquiry.
    inquiry = {
        "record_kind": "inquiry",
        "held_on": TODAY.isoformat(),
        "place": "本局询问室",
        "subject": "张经理（人事主管）",
        "content": "问：你单位是否按时支付工资？\n答：三月份工资尚未支付。",
    }
    for action, actor, data in (("accept", org["lead"], {}), ("record_investigation", handler, inquiry)):
        for start in range(0, len(cases), size):
            chunk = cases[start : start + size]
            began = time.perf_counter()
            steps(chunk, action, actor, data)
            ours += time.perf_counter() - began
            began = time.perf_counter()
            bare(len(chunk))
            theirs += time.perf_counter() - began
            began = time.perf_counter()
            orm(len(chunk), f"{action}{start}")
            orm_seconds += time.perf_counter() - began
    return 2 * len(cases) / ours, 2 * len(cases) / theirs, 2 * len(cases) / orm_seconds


# --- 2. bulk load -----------------------------------------------------------------------------------------------------


def _credit_code(index: int) -> str:
    from fazhi.rules.identifiers import CREDIT_CODE_CHARSET, credit_code_check_char, organisation_code_check_char

    digits = []
    for _ in range(8):
        index, rest = divmod(index, 31)
        digits.append(CREDIT_CODE_CHARSET[rest])
    body = "".join(reversed(digits))
    first17 = "91440300" + body + organisation_code_check_char(body)
    return first17 + credit_code_check_char(first17)


class Loader:
    """Writes rows straight into a model's table: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, model: Any) -> None:
        from django.db import connection

        self.connection = connection
        self.fields = list(model._meta.concrete_fields)
        self.table = model._meta.db_table
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.sqlite = connection.vendor == "sqlite"
        self.pending: list[list[Any]] = []
        self.count = 0

    def _value(self, value: Any) -> Any:
        if isinstance(value, dict | list):  # a JSONField's value (the case's assessment), as JSON text on both
            return json.dumps(value)
        if not self.sqlite:
            return value
        if isinstance(value, dt.datetime):  # as Django stores it in SQLite: naive UTC text
            return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    def add(self, row: dict[str, Any]) -> None:
        values = {**self.defaults, **row}
        self.pending.append([self._value(values[f.attname]) for f in self.fields])

    def flush(self) -> None:
        from django.db import transaction

        if not self.pending:
            return
        quote = self.connection.ops.quote_name
        names = ", ".join(quote(f.column) for f in self.fields)
        with transaction.atomic(), self.connection.cursor() as cursor:
            if self.sqlite:
                marks = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(f"INSERT INTO {quote(self.table)} ({names}) VALUES ({marks})", self.pending)  # noqa: S608
            else:
                with cursor.cursor.copy(f"COPY {quote(self.table)} ({names}) FROM STDIN") as copy:
                    for row in self.pending:
                        copy.write_row(row)
        self.count += len(self.pending)
        self.pending = []


def bulk_load(org: dict[str, Any], n: int) -> dict[str, str]:
    """N cases, N/2 employers, a period per case (running for the open ones). Returns the names to query for."""
    from django.db import connection

    from fazhi.cases.models import Case, Employer, Period
    from fazhi.cases.search import name_bigrams

    rng = random.Random(2026)
    n_employers = max(n // 2, 100)
    trades = [a + b for a in TRADE_CHARS for b in TRADE_CHARS if a != b]
    names: list[str] = []
    began = time.perf_counter()

    employers = Loader(Employer)
    for i in range(n_employers):
        name = f"深圳市{rng.choice(trades)}{rng.choice(INDUSTRIES)}{rng.choice(SUFFIXES)}"
        if i % 997 == 0:
            names.append(name)
        employers.add(
            {
                "id": BASE_ID + i,
                "name": name,
                "name_bigrams": name_bigrams(name),
                "credit_code": _credit_code(i),
                "address": "深圳市某区某路1号",
                "legal_representative": "张三",
                "created_at": UTC_NOON,
            }
        )
        if len(employers.pending) == BATCH:
            employers.flush()
    employers.flush()

    squads = org["squads"]
    open_weights = [w for *_, w in OPEN_STATES]
    closed_weights = [w for _, w in CLOSED_STATES]
    first = dt.date(2017, 1, 2)
    span = (TODAY - first).days
    cases, periods = Loader(Case), Loader(Period)
    for i in range(n):
        squad, (handler, co_handler) = squads[i % len(squads)]
        if rng.random() < 0.2:
            state, code, days, _ = rng.choices(OPEN_STATES, open_weights)[0]
            # Open cases are recent; about one in seven has let its period run out.
            received = TODAY - dt.timedelta(days=rng.randint(0, 120))
            started = received + dt.timedelta(days=min(3, (TODAY - received).days))
            overdue = rng.random() < 0.15
            ahead = -rng.randint(1, 60) if overdue else rng.randint(0, 60)
            periods.add(_period(i, squad.pk, code, days, started, TODAY + dt.timedelta(days=ahead), "running"))
        else:
            state = rng.choices(CLOSED_STATES, closed_weights)[0][0]
            received = first + dt.timedelta(days=rng.randint(0, span))
            due = received + dt.timedelta(days=60)
            periods.add(_period(i, squad.pk, "investigation", 45, received, due, "met", met_on=due))
        filed = state not in ("received", "refused")
        cases.add(
            {
                "id": BASE_ID + i,
                "reference": f"{squad.code}-{received.year}-B{i:07d}",
                "case_number": f"{squad.code}〔{received.year}〕B{i}号" if filed else None,
                "state": state,
                "source": "complaint",
                "unit_id": squad.pk,
                "handler_id": handler.pk,
                "co_handler_id": co_handler.pk,
                "employer_id": BASE_ID + rng.randrange(n_employers),
                "complainant_name": "李四",
                "summary": "拖欠工资。",
                "received_on": received,
                "filed_on": received if filed else None,
                "created_at": UTC_NOON,
                "updated_at": UTC_NOON,
            }
        )
        if len(cases.pending) == BATCH:
            cases.flush()  # before their periods (foreign keys)
            periods.flush()
    cases.flush()
    periods.flush()
    loaded = time.perf_counter() - began
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the ids were given: move the identity sequences past them
            for model in (Employer, Case, Period):
                table = model._meta.db_table
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")  # noqa: S608
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    rows = employers.count + cases.count + periods.count
    print(
        f"bulk load: {cases.count:,} cases, {employers.count:,} employers, {periods.count:,} periods in {loaded:.0f} s "
        f"({rows / loaded:,.0f} rows/s); ANALYZE {time.perf_counter() - began - loaded:.0f} s"
    )
    trade = names[len(names) // 2]
    return {"two": trade[3:5], "four": trade[3:7], "common": "电子"}


def _period(
    i: int,
    unit: int,
    code: str,
    days: int,
    started: dt.date,
    due: dt.date,
    state: str,
    *,
    met_on: dt.date | None = None,
) -> dict[str, Any]:
    return {
        "id": BASE_ID + i,
        "case_id": BASE_ID + i,
        "unit_id": unit,
        "code": code,
        "name": code,
        "citation": "",
        "days": days,
        "day_unit": "working",
        "started_on": started,
        "due_on": due,
        "state": state,
        "met_on": met_on,
    }


# --- 3. reads ---------------------------------------------------------------------------------------------------------


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


class WrongAnswer(Exception):
    pass


def race(
    runs: int, ours: Callable[[], Any], bare: Callable[[], Any], same: Callable[[Any, Any], bool]
) -> tuple[tuple[float, float], tuple[float, float]]:
    if not same(ours(), bare()):  # also warms the caches
        raise WrongAnswer
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(timed(ours))
        theirs.append(timed(bare))
    return percentiles(mine), percentiles(theirs)


def fetch(sql: str, params: list[Any]) -> list[Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[Any] = cursor.fetchall()
        return rows


def bench_reads(
    org: dict[str, Any], runs: int, queries_for: dict[str, str]
) -> list[tuple[str, tuple[float, float], tuple[float, float], float]]:
    from fazhi.accounts.queries import business_scope
    from fazhi.cases import queries
    from fazhi.cases.search import search_employers

    lead, director, supervisor = org["lead"], org["director"], org["supervisor"]
    personal, unit_states = queries.states_waiting_for(frozenset(lead.role_names))
    every_state = sorted(unit_states | personal)
    a_marks = ", ".join(["%s"] * len(every_state))
    u_marks = ", ".join(["%s"] * len(unit_states))
    worklist_sql = f"""
        SELECT c.id, c.reference, c.case_number, c.state, c.received_on, e.name, u.name, h.full_name, w.next_due
        FROM (
            SELECT c.id,
                   (SELECT p.due_on FROM cases_period p WHERE p.case_id = c.id AND p.state = 'running'
                    AND p.due_on IS NOT NULL ORDER BY p.due_on LIMIT 1) AS next_due
            FROM cases_case c
            WHERE c.unit_id IN (SELECT id FROM accounts_unit WHERE path LIKE %s)
              AND c.state IN ({a_marks})
              AND (c.state IN ({u_marks}) OR c.handler_id = %s OR c.co_handler_id = %s)
            ORDER BY next_due ASC NULLS LAST, c.id
            LIMIT 50
        ) w
        JOIN cases_case c ON c.id = w.id
        JOIN cases_employer e ON e.id = c.employer_id
        JOIN accounts_unit u ON u.id = c.unit_id
        LEFT JOIN accounts_user h ON h.id = c.handler_id
        ORDER BY w.next_due ASC NULLS LAST, c.id"""  # noqa: S608
    # The worklist's rows (its unit's cases at the lead's steps, and the lead's own at a handler's step) as one writes
    # them by hand: the state list ANDed with the scope lets the (unit, state) index drive the query, and only the
    # page's 50 rows, once sorted, fetch their employer, unit and handler (joined before the sort, every waiting case
    # would fetch its employer's row: thousands of random reads at a million cases).
    worklist_params = [business_scope(lead) + "%", *every_state, *unit_states, lead.pk, lead.pk]
    overdue_all = "SELECT unit_id, COUNT(*) FROM cases_period WHERE state = 'running' AND due_on < %s GROUP BY unit_id"
    overdue_scoped = (
        "SELECT unit_id, COUNT(*) FROM cases_period WHERE state = 'running' AND due_on < %s "
        "AND unit_id IN (SELECT id FROM accounts_unit WHERE path LIKE %s) GROUP BY unit_id"
    )
    results = []

    def add(
        label: str, ours: Callable[[], Any], bare: Callable[[], Any], limit: float, same: Callable[[Any, Any], bool]
    ) -> None:
        try:
            mine, theirs = race(runs, ours, bare, same)
        except WrongAnswer:
            raise SystemExit(f"{label}: our answer differs from the bare SQL's (a bug)") from None
        results.append((label, mine, theirs, limit))

    add(
        "worklist first page (lead)",
        lambda: list(queries.worklist(lead)[:50]),
        lambda: fetch(worklist_sql, worklist_params),
        TARGETS["worklist_ms"],
        lambda cases, rows: [case.pk for case in cases] == [row[0] for row in rows],
    )
    add(
        "overdue counts per unit (supervisor, whole city)",
        lambda: queries.overdue_counts_by_unit(supervisor, TODAY),
        lambda: dict(fetch(overdue_all, [TODAY])),
        TARGETS["overdue_ms"],
        operator.eq,
    )
    add(
        "overdue counts per unit (district director)",
        lambda: queries.overdue_counts_by_unit(director, TODAY),
        lambda: dict(fetch(overdue_scoped, [TODAY, business_scope(director) + "%"])),
        TARGETS["overdue_ms"],
        operator.eq,
    )
    for label, q in (
        ("2-char", queries_for["two"]),
        ("4-char", queries_for["four"]),
        ("2-char common", queries_for["common"]),
    ):

        def ours(q: str = q) -> tuple[int, list[Any]]:
            found = search_employers(q)
            return found.count(), [tuple(row) for row in found.values_list("pk", "name")[:50]]

        def like(q: str = q) -> tuple[int, list[Any]]:
            pattern = f"%{q}%"
            return (
                fetch("SELECT COUNT(*) FROM cases_employer WHERE name LIKE %s", [pattern])[0][0],
                [
                    tuple(row)
                    for row in fetch(
                        "SELECT id, name FROM cases_employer WHERE name LIKE %s ORDER BY id LIMIT 50", [pattern]
                    )
                ],
            )

        add(f"employer search {label} “{q}” (count + first 50)", ours, like, TARGETS["search_ms"], operator.eq)
    return results


def main() -> None:
    args = parse_args()
    drop: Callable[[], None] | None = None
    database_url = ""
    if args.database_url:
        database_url, drop = postgres_database(args.database_url)
    try:
        with tempfile.TemporaryDirectory(prefix="fazhi-bench-cases-") as tmp:
            setup_django(Path(tmp), database_url)
            from django.db import connection

            print(
                f"database {connection.vendor}; {args.cases:,} cases; {args.runs} runs; {2 * args.transitions:,} steps"
            )
            org = build_organisation()
            ours, bare, orm = bench_transitions(org, args.transitions)
            ratio = ours / bare
            print(
                f"transitions + journal: {ours:,.0f}/s; bare insert, one row per transaction: {bare:,.0f}/s; "
                f"ratio {ratio:.2f}; target ≥ {TARGETS['steps_per_s']:.0f} steps/s "
                f"{'PASS' if ours >= TARGETS['steps_per_s'] else 'FAIL'}"
            )
            print(f"  for information: one ORM insert per transaction {orm:,.0f}/s; ratio {ours / orm:.2f}")
            queries_for = bulk_load(org, args.cases)
            sqlite = connection.vendor == "sqlite"
            for label, (m50, m95), (b50, b95), limit in bench_reads(org, args.runs, queries_for):
                times = m95 / b95 if b95 else float("inf")
                search = label.startswith("employer search")
                if search:
                    verdict = m95 < limit
                    target = f"target p95 < {limit:.0f} ms"
                    baseline = "full-scan LIKE"
                else:
                    verdict = times <= TARGETS["vs_bare"] and (m95 < limit or not sqlite)
                    target = f"target ≤ {TARGETS['vs_bare']:.0f}× bare" + (f" and < {limit:.0f} ms" if sqlite else "")
                    baseline = "bare SQL"
                print(
                    f"{label}: p50 {m50:.2f} ms, p95 {m95:.2f} ms; {baseline} p50 {b50:.2f} ms, p95 {b95:.2f} ms; "
                    f"ratio {times:.2f}× ({target}) {'PASS' if verdict else 'FAIL'}"
                )
    finally:
        if drop is not None:
            drop()


if __name__ == "__main__":
    main()
