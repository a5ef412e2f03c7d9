"""Fazhi at national scale on PostgreSQL: 10,000,000 cases, the hot reads beside bare SQL, and a bounded mixed load.

    .venv/bin/python bench/bench_scale.py [--cases N] [--runs R] [--database-url URL] [--rebuild]
                                          [--duration S] [--connections C] [--no-load] [--no-reads]

1. The database (PostgreSQL only; `--database-url` names the server, default postgres://postgres@127.0.0.1:5432/
   postgres, whose database is used only to create the bench's own, `fazhi_bench_scale_<N>`). Built once and reused:
   the table `bench_scale_marker` records the case count and the migration state (every migration on disk); a
   database without it, with another count or with other migrations is dropped and built again. The build:
   `migrate`; `seed_demo` (the demo organisation — three districts, six squads — its accounts and demo cases, through
   the actions); 40 more certified inspectors per squad (through `create_user`), so that the cases have handlers; then,
   set-based (INSERT … SELECT over generate_series, one statement per table and million cases, with the tables'
   secondary indexes and foreign keys dropped during the load and made again afterwards):
   - N/4 employers (Chinese names and their search bigrams; credit codes unique but WITHOUT valid check characters);
   - N cases across the six squads and their inspectors: about 20 % open (recent, with the state's running period,
     about one in seven of those overdue), the rest closed over ten years (refused, closed, archived; the closed ones
     decided — a third penalties with a reviewed, paid fine — and closed);
   - two periods per case (the acceptance period, met; and the current stage's, running for an open case);
   - 0–3 worker lines per case (1.5 on average; unpaid for open cases);
   - journal rows, `--journal-per-case` per case (default 3; a real bureau writes ~10): their hashes are NOT a valid
     chain (no read measured here verifies it; bench_journal.py measures the chain); the newest 10,001 entries are
     then written through `record_entry`, so that the scan's `journal_broken` rule walks a sound tail.
   Then VACUUM ANALYZE. The build's time is printed.
2. The reads, each beside a hand-written statement giving the same answer through the same connection, p50/p95 over R
   runs taking turns, and their ratio (first checked equal; a different answer exits 1):
   A read taking more than 2 s is timed 5 times only.
   - the worklist (the inspector's and the lead's), first page of `queries.worklist`, and the page itself
     (GET /staff/cases/ through Django's test client, beside the bare page + its count);
   - case search: the case list filtered by employer name (2 and 4 characters; count + first page, as the list
     shows it) for the district director, and `search.search_employers`;
   - overdue counts (`queries.overdue_counts_by_unit`) for the supervisor and a district director;
   - the supervision scan (`supervision.queries.scan`, every rule once, every alert made) beside the bare fetch of
     its largest rule's rows plus a count(*) of the open cases; and `period_breached` alone beside its bare rows.
3. The mixed load (skipped with --no-load): gunicorn as `make run` starts it (2 workers × 4 threads, DEBUG off) on
   that database, and from another process C (default 32) keep-alive connections for S (default 60) seconds, each
   request a page drawn at random: staff pages under signed-in sessions (worklist, case list, a case, a search,
   the supervision dashboard) and portal pages (home, decisions list, a decision, standards). Reports requests, errors
   (any non-200 or failed request; must be 0) and p50/p95 per page.
Exits 0 whatever the timings (a measurement, not a test); 1 on a wrong answer, an error under load, or a failed build;
2 when PostgreSQL cannot be reached.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(ROOT))

from bench_cases import (  # noqa: E402
    BENCH_PASSWORD,
    CLOSED_STATES,
    INDUSTRIES,
    OPEN_STATES,
    SUFFIXES,
    TRADE_CHARS,
    percentiles,
)

BASE_ID = 10_000_000  # bulk-loaded ids start above anything the actions made
CHUNK = 1_000_000
MARKER = "bench_scale_marker"
SQUAD_INSPECTORS = 40
LOADED_TABLES = ("cases_employer", "cases_case", "cases_period", "cases_workerline", "journal_entry")
SLOW_SECONDS, SLOW_RUNS = 2.0, 5
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="千万级案件性能基准（PostgreSQL，与裸 SQL 相比，并发混合负载）")
    parser.add_argument("--cases", type=int, default=10_000_000, help="案件数（默认 10,000,000）")
    parser.add_argument("--runs", type=int, default=30, help="每个查询的计时次数（默认 30）")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    parser.add_argument("--journal-per-case", type=int, default=3, help="每件案件的全过程记录条数（默认 3）")
    parser.add_argument("--rebuild", action="store_true", help="无论是否已建好，都重建基准数据库")
    parser.add_argument("--build-only", action="store_true", help="只建库，不计时")
    parser.add_argument("--no-load", action="store_true", help="不做并发混合负载")
    parser.add_argument("--no-reads", action="store_true", help="不做查询计时（只做混合负载）")
    parser.add_argument("--duration", type=float, default=60.0, help="混合负载秒数（默认 60）")
    parser.add_argument("--connections", type=int, default=32, help="混合负载的长连接数（默认 32）")
    parser.add_argument("--load", default="", help=argparse.SUPPRESS)  # internal: run as the load generator
    args = parser.parse_args()
    if args.cases < 10_000 or args.runs < 5 or args.journal_per_case < 0:
        parser.error("--cases 至少 10000，--runs 至少 5，--journal-per-case 不能为负")
    return args


# --- the database -----------------------------------------------------------------------------------------------------


def database_url(server: str, n: int) -> tuple[str, str]:
    parts = urlsplit(server)
    name = f"fazhi_bench_scale_{n}"
    return name, urlunsplit(parts._replace(path=f"/{name}"))


def reachable(server: str) -> None:
    import psycopg

    try:
        psycopg.connect(server, connect_timeout=5).close()
    except psycopg.Error as exc:
        print(f"无法连接 PostgreSQL（{server}）：{exc}".strip(), file=sys.stderr)
        print(
            "千万级基准需要 PostgreSQL：请启动它，或用 --database-url / BENCH_DATABASE_URL 指明服务器。",
            file=sys.stderr,
        )
        sys.exit(2)


def migration_state() -> str:
    """Every migration on disk, one a line: a database built with other migrations is brought up to date with
    `migrate` when it only lacks new ones (an index, say), and built again otherwise (one renamed or removed)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True, load=True)
    return "\n".join(sorted(f"{a}.{m}" for a, m in loader.disk_migrations))


def built(server: str, name: str, n: int, state: str) -> bool:
    """Whether the database for N cases is complete (its marker written) with these migrations or a subset of them
    (then migrated here)."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            return False
    with psycopg.connect(database_url(server, n)[1], autocommit=True) as db:
        if db.execute("SELECT to_regclass(%s)", [MARKER]).fetchone() == (None,):
            return False
        row = db.execute(f"SELECT cases, migrations, seconds FROM {MARKER}").fetchone()  # noqa: S608
    if row is None or row[0] != n or not set(row[1].splitlines()) <= set(state.splitlines()):
        return False
    print(f"复用已建好的基准数据库 {name}（{n:,} 件案件，建库用时 {row[2]:.0f} 秒）")
    if row[1] != state:
        from django.core.management import call_command

        began = time.perf_counter()
        call_command("migrate", verbosity=0)
        execute(f"UPDATE {MARKER} SET migrations = %s", [state])  # noqa: S608
        print(f"  已应用新的迁移：{time.perf_counter() - began:.0f} 秒")
    return True


def recreate(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")


def setup_django(var_dir: Path, url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_portal_settings"
    os.environ["FAZHI_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = url
    os.environ["STATIC_ROOT"] = str(var_dir / "static")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the bench's accounts only
    settings.ALLOWED_HOSTS = ["*"]


def execute(sql: str, params: list[Any] | None = None) -> int:
    """Run `sql` (with no parameters, `%` is a plain character: the generators use it as modulo)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if params is None:
            cursor.execute(sql)
        else:
            cursor.execute(sql, params)
        return int(cursor.rowcount)


def fetch(sql: str, params: list[Any] | None = None) -> list[Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        rows: list[Any] = cursor.fetchall()
        return rows


def literal(value: Any) -> str:
    """`value` as an SQL literal (psycopg's own quoting)."""
    from django.db import connection
    from psycopg import sql

    connection.ensure_connection()
    return str(sql.Literal(value).as_string(connection.connection))


def insert_select(model: Any, values: dict[str, str], source: str) -> int:
    """INSERT INTO model's table every concrete column: `values[column]` (an SQL expression over `source`) or the
    field's default as a typed literal. Returns the rows written."""
    from django.db import connection

    columns, expressions = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.column not in values and getattr(field, "db_returning", False):
            continue  # an auto field: its identity gives it
        columns.append(connection.ops.quote_name(field.column))
        if field.column in values:
            expressions.append(values[field.column])
            continue
        default = field.get_default()
        value = None if default is None else field.get_db_prep_save(default, connection)
        expressions.append(f"{literal(value)}::{field.db_type(connection)}")
    unknown = set(values) - {f.column for f in model._meta.concrete_fields}
    assert not unknown, f"no such columns in {model._meta.db_table}: {unknown}"
    return execute(
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {', '.join(expressions)} FROM {source}"
    )


def strip_tables() -> list[str]:
    """Drop the loaded tables' secondary indexes, unique and foreign-key constraints; return the DDL to make them again
    (indexes built after the load are built in one sort each)."""
    restore: list[str] = []
    for table in LOADED_TABLES:
        for name, definition in fetch(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f')",
            [table],
        ):
            execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for name, definition in fetch(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary "
            "AND i.indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        ):
            execute(f'DROP INDEX "{name}"')
            restore.insert(0, definition)  # indexes before the foreign keys that may use them
    return restore


def sql_array(items: list[str] | tuple[str, ...]) -> str:
    return "ARRAY[" + ", ".join("'" + item.replace("'", "''") + "'" for item in items) + "]"


def teams_table() -> int:
    """bench_teams(slot, unit_id, unit_code, handler_id, co_handler_id): the squads' pairs of certified inspectors
    (the demo's and the bench's); case g is handled by pair g mod (number of pairs). Returns the number of pairs."""
    from fazhi.accounts.models import Role, Unit, UnitKind, User

    rows = []
    for squad in Unit.objects.filter(kind=UnitKind.SQUAD).order_by("path"):
        inspectors = list(
            User.objects.filter(unit=squad, role_grants__role=Role.INSPECTOR, is_active=True)
            .exclude(enforcement_certificate_number="")
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()
        )
        for k, handler in enumerate(inspectors):
            rows.append((squad.pk, squad.code, handler, inspectors[(k + 1) % len(inspectors)]))
    execute("DROP TABLE IF EXISTS bench_teams")
    execute(
        "CREATE TABLE bench_teams (slot int PRIMARY KEY, unit_id bigint, unit_code text, handler_id bigint, co bigint)"
    )
    for slot, row in enumerate(rows):
        execute("INSERT INTO bench_teams VALUES (%s, %s, %s, %s, %s)", [slot, *row])
    return len(rows)


def seal_journal_tail() -> None:
    """Write the newest entries through `record_entry` (as many as the scan's journal_broken rule walks, plus one), so
    that the walk verifies a sound chain, as on a real journal; the bulk-loaded entries before them are not a chain."""
    from django.conf import settings
    from django.db import transaction

    from fazhi.journal.actions import record_entry

    began = time.perf_counter()
    tail = int(getattr(settings, "FAZHI_SUPERVISION_JOURNAL_TAIL", 10_000)) + 1
    for start in range(0, tail, 1000):
        with transaction.atomic():
            for i in range(start, min(start + 1000, tail)):
                record_entry(actor=None, action="bench.seal", object_type="bench", object_id=i)
    print(f"  {tail:,} 条记录经 record_entry 写入（监察扫描校验的最新记录）：{time.perf_counter() - began:.0f} 秒")


def names_table(trades: list[str]) -> int:
    """bench_names(k, name, bigrams): every employer name the bench makes, with its search bigrams made by
    `fazhi.rules.textsearch.name_bigrams` itself. Returns how many."""
    from django.db import connection

    from fazhi.rules.textsearch import name_bigrams

    names = [f"深圳市{t}{i}{s}" for t in trades for i in INDUSTRIES for s in SUFFIXES]
    execute("DROP TABLE IF EXISTS bench_names")
    execute("CREATE TABLE bench_names (k bigint PRIMARY KEY, name text, bigrams text)")
    with connection.cursor() as cursor, cursor.cursor.copy("COPY bench_names FROM STDIN") as copy:
        for k, name in enumerate(names):
            copy.write_row((k, name, name_bigrams(name)))
    return len(names)


def states_table() -> None:
    """bench_states(lo, hi, state, open, code, days): a case's state by a draw in [0, 1000)."""
    execute("DROP TABLE IF EXISTS bench_states")
    execute("CREATE TABLE bench_states (lo int, hi int, state text, open bool, code text, days int)")
    lo = 0
    open_total = sum(w for *_, w in OPEN_STATES)
    for state, code, days, weight in OPEN_STATES:  # 20 % open
        hi = lo + round(200 * weight / open_total)
        execute("INSERT INTO bench_states VALUES (%s, %s, %s, true, %s, %s)", [lo, hi, state, code, days])
        lo = hi
    closed_total = sum(w for _, w in CLOSED_STATES)
    for i, (state, weight) in enumerate(CLOSED_STATES):
        hi = 1000 if i == len(CLOSED_STATES) - 1 else lo + round(800 * weight / closed_total)
        execute("INSERT INTO bench_states VALUES (%s, %s, %s, false, 'investigation', 45)", [lo, hi, state])
        lo = hi


def day(value: dt.date) -> str:
    return f"DATE '{value.isoformat()}'"


# A draw in [0, m) for row g and salt s, the same on every build.
def draw(g: str, salt: int, m: int) -> str:
    return f"(abs(hashint8({g} * 7919 + {salt})) % {m})"


def build(n: int, journal_per_case: int) -> float:
    """Migrate, seed the demo, add inspectors, load everything set-based, index, analyse. Returns the seconds taken."""
    from django.core.management import call_command
    from django.db import connection

    from fazhi.accounts.actions import create_user
    from fazhi.accounts.models import Role, Unit, UnitKind
    from fazhi.cases.models import Case, Employer, Period, WorkerLine
    from fazhi.journal.models import Entry

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    for squad in Unit.objects.filter(kind=UnitKind.SQUAD).order_by("path"):
        for k in range(SQUAD_INSPECTORS):
            name = f"b{squad.pk}_{k}"
            create_user(
                actor=None,
                username=name,
                password=BENCH_PASSWORD,
                full_name=f"检查员{squad.pk}-{k}",
                unit=squad,
                roles=[Role.INSPECTOR],
                enforcement_certificate_number=f"B{squad.pk:04d}{k:04d}",
            )
    print(f"  迁移、演示数据与 {SQUAD_INSPECTORS} 名/中队检查员：{time.perf_counter() - began:.0f} 秒", flush=True)
    pairs = teams_table()
    states_table()
    execute("SET maintenance_work_mem = '1GB'")
    execute("SET work_mem = '256MB'")
    execute("SET synchronous_commit = off")
    restore = strip_tables()
    today = dt.date.today()
    n_employers = max(n // 4, 1000)
    trades = [a + b for a in TRADE_CHARS for b in TRADE_CHARS if a != b]
    t0 = time.perf_counter()
    names = names_table(trades)
    for lo in range(0, n_employers, CHUNK):
        hi = min(lo + CHUNK, n_employers) - 1
        insert_select(
            Employer,
            {
                "id": f"{BASE_ID} + g",
                "name": "nm.name",
                "name_bigrams": "nm.bigrams",
                "credit_code": "'91440300' || lpad(upper(to_hex(g)), 10, '0')",
                "address": "'深圳市福田区深南大道' || (g % 3000 + 1) || '号'",
                "legal_representative": "'张三'",
                "created_at": "now()",
            },
            f"generate_series({lo}::bigint, {hi}) g JOIN bench_names nm ON nm.k = {draw('g', 1, names)}",
        )
    print(f"  {n_employers:,} 家用人单位：{time.perf_counter() - t0:.0f} 秒", flush=True)

    first = dt.date(today.year - 10, 1, 2)
    span = (today - first).days
    t0 = time.perf_counter()
    cases = periods = lines = entries = 0
    for lo in range(0, n, CHUNK):
        hi = min(lo + CHUNK, n) - 1
        # The chunk's draws, made once and read by each table's INSERT.
        execute("DROP TABLE IF EXISTS bench_chunk")
        execute(
            f"CREATE UNLOGGED TABLE bench_chunk AS SELECT g, st.state, st.open, st.code, st.days, t.unit_id, "  # noqa: S608
            f"  t.unit_code, t.handler_id, t.co, "
            f"  CASE WHEN st.open THEN {day(today)} - {draw('g', 5, 121)}::int "
            f"       ELSE {day(first)} + {draw('g', 6, span)}::int END AS received, "
            f"  {draw('g', 7, n_employers)} AS employer, {draw('g', 8, 21)}::int AS idle, "
            f"  {draw('g', 9, 100)} AS late, {draw('g', 10, 60)}::int AS ahead, {draw('g', 11, 4)}::int AS lines "
            f" FROM generate_series({lo}::bigint, {hi}) g "
            f" JOIN bench_teams t ON t.slot = g % {pairs} "
            f" JOIN bench_states st ON {draw('g', 4, 1000)} >= st.lo AND {draw('g', 4, 1000)} < st.hi"
        )
        source = "bench_chunk s"
        closed = "s.state IN ('closed', 'archived')"
        penalty = f"{closed} AND g % 3 = 0"
        cases += insert_select(
            Case,
            {
                "id": f"{BASE_ID} + g",
                "reference": "s.unit_code || '-' || extract(year FROM received)::int || '-B' || lpad(g::text, 8, '0')",
                "case_number": "CASE WHEN s.state NOT IN ('received', 'refused') THEN s.unit_code || '〔' || "
                "extract(year FROM received)::int || '〕B' || g || '号' END",
                "state": "s.state",
                "source": "CASE WHEN g % 10 < 7 THEN 'complaint' WHEN g % 10 < 9 THEN 'report' ELSE 'patrol' END",
                "unit_id": "s.unit_id",
                "handler_id": "s.handler_id",
                "co_handler_id": "s.co",
                "employer_id": f"{BASE_ID} + s.employer",
                "complainant_name": "'李四'",
                "summary": "'拖欠工资。'",
                "received_on": "received",
                "filed_on": "CASE WHEN s.state NOT IN ('received', 'refused') THEN received END",
                "decided_on": f"CASE WHEN {closed} THEN received + 50 END",
                "closed_on": f"CASE WHEN {closed} THEN received + 60 END",
                "decision_outcome": f"CASE WHEN {penalty} THEN 'penalty' WHEN {closed} THEN 'handling_decision' "
                "ELSE '' END",
                "violation_code": f"CASE WHEN {penalty} THEN 'gdjc49_no_ledger' WHEN {closed} "
                "THEN 'lbjc26_1_wage_arrears' ELSE '' END",
                "fine_amount": f"CASE WHEN {penalty} THEN 10000 END",
                "legal_review_passed_on": f"CASE WHEN {penalty} THEN received + 45 END",
                "fine_paid_on": f"CASE WHEN {penalty} THEN received + 55 END",
                "comply_by": f"CASE WHEN {closed} THEN received + 55 END",
                "created_at": "received::timestamptz",
                # An open case moved within the last three weeks (so the idle-case rule flags what a bureau would).
                "updated_at": f"CASE WHEN s.open THEN ({day(today)} - s.idle)::timestamptz "
                "ELSE (received + 60)::timestamptz END",
            },
            source,
        )
        # Two periods a case: acceptance (met) and the current stage (running for an open case, about one in seven
        # of those overdue; met for a closed one).
        periods += insert_select(
            Period,
            {
                "id": f"{BASE_ID} + 2 * g",
                "case_id": f"{BASE_ID} + g",
                "unit_id": "s.unit_id",
                "code": "'complaint_acceptance'",
                "name": "'受理期限'",
                "citation": "'广东省劳动保障监察条例 第三十六条'",
                "days": "5",
                "day_unit": "'working'",
                "started_on": "received",
                "due_on": "received + 7",
                "state": "'met'",
                "met_on": "received + 3",
            },
            source,
        )
        periods += insert_select(
            Period,
            {
                "id": f"{BASE_ID} + 2 * g + 1",
                "case_id": f"{BASE_ID} + g",
                "unit_id": "s.unit_id",
                "code": "CASE WHEN s.code = 'complaint_acceptance' THEN 'stage' ELSE s.code END",
                "name": "'办案期限'",
                "citation": "'劳动保障监察条例 第十七条'",
                "days": "s.days",
                "day_unit": "'working'",
                "started_on": "received + 3",
                "due_on": f"CASE WHEN NOT s.open THEN received + 60 WHEN s.late < 15 "
                f"THEN {day(today)} - 1 - s.ahead ELSE {day(today)} + s.ahead END",
                "state": "CASE WHEN s.open THEN 'running' ELSE 'met' END",
                "met_on": "CASE WHEN s.open THEN NULL ELSE received + 58 END",
            },
            source,
        )
        lines += insert_select(
            WorkerLine,
            {
                "case_id": f"{BASE_ID} + g",
                "name": "'工人' || k",
                "period_start": "received - 90",
                "period_end": "received - 1",
                "amount_owed": "5000 + k * 100",
                "amount_paid": "CASE WHEN s.open THEN 0 ELSE 5000 + k * 100 END",
            },
            f"{source} CROSS JOIN LATERAL generate_series(1, s.lines) k",
        )
        if journal_per_case:
            entries += insert_select(
                Entry,
                {
                    "seq": f"{BASE_ID} * 10 + g * {journal_per_case} + k",
                    "recorded_at": "(received + k)::timestamptz",
                    "algorithm": "'sha256'",
                    "actor_id": "s.handler_id",
                    "actor_username": "'b' || s.handler_id",
                    "actor_role": "'inspector'",
                    "actor_roles": "'inspector'",
                    "actor_unit_code": "s.unit_code",
                    "action": "CASE k WHEN 1 THEN 'cases.register' ELSE 'cases.transition' END",
                    "object_type": "'cases.case'",
                    "object_id": f"({BASE_ID} + g)::text",
                    "before": """'{"state":"received"}'""",
                    "after": """'{"state":"' || s.state || '"}'""",
                    "ip": "'10.0.0.1'",
                    "prev_hash": "md5(g::text || k) || md5(k::text || g)",
                    "hash": "md5(g::text || '-' || k) || md5(k::text || '-' || g)",
                },
                f"{source} CROSS JOIN generate_series(1, {journal_per_case}) k",
            )
        print(f"  案件 {cases:,}：{time.perf_counter() - t0:.0f} 秒", flush=True)
    execute("DROP TABLE IF EXISTS bench_chunk")
    loaded = time.perf_counter() - t0
    print(
        f"  装载 {cases:,} 件案件、{periods:,} 个期限、{lines:,} 条欠薪明细、{entries:,} 条记录：{loaded:.0f} 秒",
        flush=True,
    )
    t0 = time.perf_counter()
    for ddl in restore:
        execute(ddl)
    for model in (Employer, Case, Period, WorkerLine):
        table = model._meta.db_table
        execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")  # noqa: S608
    print(f"  索引与约束：{time.perf_counter() - t0:.0f} 秒", flush=True)
    seal_journal_tail()
    t0 = time.perf_counter()
    execute("VACUUM ANALYZE")
    print(f"  VACUUM ANALYZE：{time.perf_counter() - t0:.0f} 秒", flush=True)
    seconds = time.perf_counter() - began
    execute(f"CREATE TABLE {MARKER} (cases bigint, migrations text, seconds float, built_at timestamptz)")
    execute(f"INSERT INTO {MARKER} VALUES (%s, %s, %s, now())", [n, migration_state(), seconds])  # noqa: S608
    connection.close()
    return seconds


# --- 2. the reads ----------------------------------------------------------------------------------------------------


class WrongAnswer(Exception):
    pass


Result = tuple[str, tuple[float, float], tuple[float, float]]


def race(runs: int, ours: Callable[[], Any], bare: Callable[[], Any], same: Callable[[Any, Any], bool]) -> Any:
    """p50/p95 (ms) of `ours` and `bare`, taking turns, after checking they agree (which also warms the caches)."""
    began = time.perf_counter()
    answer = ours()
    if time.perf_counter() - began > SLOW_SECONDS:
        runs = min(runs, SLOW_RUNS)  # a read of seconds (the scan at ten million cases): a few runs tell enough
    if not same(answer, bare()):
        raise WrongAnswer
    mine, theirs = [], []
    for _ in range(runs):
        began = time.perf_counter()
        ours()
        mine.append(time.perf_counter() - began)
        began = time.perf_counter()
        bare()
        theirs.append(time.perf_counter() - began)
    return percentiles(mine), percentiles(theirs)


def scope_sql(user: Any, column: str) -> tuple[str, list[Any]]:
    from fazhi.accounts.queries import business_scope

    scope = business_scope(user)
    if scope == "all":
        return "TRUE", []
    return f"{column} IN (SELECT id FROM accounts_unit WHERE path LIKE %s)", [scope + "%"]  # noqa: S608


def worklist_bare(user: Any) -> tuple[str, list[Any]]:
    """The worklist written by hand: the waiting cases' ids sorted by their next due date (one seek each on the running
    periods' (case, due) index), then the page's rows with their employer, unit and handler."""
    from fazhi.cases import queries

    personal, unit = queries.states_waiting_for(frozenset(user.role_names))
    every = sorted(personal | unit)
    scope, params = scope_sql(user, "c.unit_id")
    waiting = f"c.state IN ({', '.join(['%s'] * len(every))})"
    mine = "(c.handler_id = %s OR c.co_handler_id = %s)"
    if unit:
        who = f"(c.state IN ({', '.join(['%s'] * len(unit))}) OR {mine})"
        who_params = [*sorted(unit), user.pk, user.pk]
    else:
        who, who_params = mine, [user.pk, user.pk]
    sql = f"""
        SELECT c.id, c.reference, c.case_number, c.state, c.received_on, e.name, u.name, h.full_name, w.next_due
        FROM (
            SELECT c.id,
                   (SELECT p.due_on FROM cases_period p WHERE p.case_id = c.id AND p.state = 'running'
                    AND p.due_on IS NOT NULL ORDER BY p.due_on LIMIT 1) AS next_due
            FROM cases_case c
            WHERE {scope} AND {waiting} AND {who}
            ORDER BY next_due ASC NULLS LAST, c.id
            LIMIT 50
        ) w
        JOIN cases_case c ON c.id = w.id
        JOIN cases_employer e ON e.id = c.employer_id
        JOIN accounts_unit u ON u.id = c.unit_id
        LEFT JOIN accounts_user h ON h.id = c.handler_id
        ORDER BY w.next_due ASC NULLS LAST, c.id"""  # noqa: S608
    count = f"SELECT COUNT(*) FROM cases_case c WHERE {scope} AND {waiting} AND {who}"  # noqa: S608
    return sql + "\n;;\n" + count, [*params, *every, *who_params]


def bench_reads(runs: int) -> list[Result]:
    from django.test import Client
    from django.utils import timezone

    from fazhi.accounts.models import User
    from fazhi.cases import queries
    from fazhi.cases.search import search_employers
    from fazhi.rules.textsearch import name_bigrams
    from fazhi.supervision.queries import scan
    from fazhi.supervision.rules import BY_CODE

    today = timezone.localdate()
    people = {u.username: u for u in User.objects.filter(username__in=["inspector", "lead", "director", "supervisor"])}
    results: list[Result] = []

    def add(label: str, ours: Callable[[], Any], bare: Callable[[], Any], same: Callable[[Any, Any], bool]) -> None:
        try:
            mine, theirs = race(runs, ours, bare, same)
        except WrongAnswer:
            raise SystemExit(f"{label}：与裸 SQL 的结果不同（程序错误）") from None
        results.append((label, mine, theirs))
        print_result(results[-1])

    for username in ("inspector", "lead"):
        user = people[username]
        both, params = worklist_bare(user)
        page_sql, count_sql = both.split("\n;;\n")
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
        client.force_login(user)

        def first_page(user: Any = user) -> list[Any]:
            return list(queries.worklist(user)[:50])

        def bare_page(page_sql: str = page_sql, params: list[Any] = params) -> list[Any]:
            return fetch(page_sql, params)

        def worklist_page(client: Any = client) -> Any:
            return client.get("/staff/cases/")

        def bare_page_and_count(
            page_sql: str = page_sql, count_sql: str = count_sql, params: list[Any] = params
        ) -> tuple[list[Any], list[Any]]:
            return fetch(page_sql, params), fetch(count_sql, params[: count_sql.count("%s")])

        def shows_first(response: Any, rows: tuple[list[Any], list[Any]]) -> bool:
            first = rows[0][0] if rows[0] else None  # the first row's case number (or reference) is on the page
            return bool(response.status_code == 200 and (first is None or (first[2] or first[1]) in response.text))

        add(
            f"待办首页 queries.worklist（{username}）",
            first_page,
            bare_page,
            lambda cases, rows: [c.pk for c in cases] == [r[0] for r in rows],
        )
        add(f"待办页面 GET /staff/cases/（{username}）", worklist_page, bare_page_and_count, shows_first)

    director, supervisor = people["director"], people["supervisor"]
    trade = fetch("SELECT name FROM cases_employer WHERE id = %s", [BASE_ID + 4242])[0][0]
    for label, q in (("两字", trade[3:5]), ("四字", trade[3:7])):
        scope, sp = scope_sql(director, "c.unit_id")
        match = (
            "c.employer_id IN (SELECT id FROM cases_employer WHERE to_tsvector('simple'::regconfig, name_bigrams) "
            "@@ phraseto_tsquery('simple'::regconfig, %s))"
        )
        page = (
            f"SELECT c.id FROM cases_case c WHERE {scope} AND {match} ORDER BY c.received_on DESC, c.id DESC LIMIT 50"  # noqa: S608
        )
        count = f"SELECT COUNT(*) FROM cases_case c WHERE {scope} AND {match}"  # noqa: S608
        params = [*sp, name_bigrams(q)]

        def ours(q: str = q) -> tuple[int, list[int]]:
            found = queries.filtered_cases(director, today=today, employer=q)
            return found.count(), [c.pk for c in found[:50]]

        def bare(page: str = page, count: str = count, params: list[Any] = params) -> tuple[int, list[int]]:
            return fetch(count, params)[0][0], [r[0] for r in fetch(page, params)]

        add(f"案件列表按单位名称检索{label}“{q}”（director，计数 + 首页）", ours, bare, lambda a, b: a == b)

        def employers(q: str = q) -> tuple[int, list[int]]:
            found = search_employers(q)
            return found.count(), list(found.values_list("pk", flat=True)[:50])

        e_match = "to_tsvector('simple'::regconfig, name_bigrams) @@ phraseto_tsquery('simple'::regconfig, %s)"

        def bare_employers(q: str = q, e_match: str = e_match) -> tuple[int, list[int]]:
            t = [name_bigrams(q)]
            return (
                fetch(f"SELECT COUNT(*) FROM cases_employer WHERE {e_match}", t)[0][0],  # noqa: S608
                [r[0] for r in fetch(f"SELECT id FROM cases_employer WHERE {e_match} ORDER BY id LIMIT 50", t)],  # noqa: S608
            )

        add(f"用人单位检索{label}“{q}” search_employers（计数 + 首页）", employers, bare_employers, lambda a, b: a == b)

    overdue = "SELECT unit_id, COUNT(*) FROM cases_period WHERE state = 'running' AND due_on < %s"
    for viewer in (supervisor, director):
        scope, sp = scope_sql(viewer, "unit_id")

        def counts(viewer: Any = viewer) -> dict[int, int]:
            return queries.overdue_counts_by_unit(viewer, today)

        def bare_counts(scope: str = scope, sp: list[Any] = sp) -> dict[int, int]:
            return dict(fetch(f"{overdue} AND {scope} GROUP BY unit_id", [today, *sp]))

        add(f"超期计数 overdue_counts_by_unit（{viewer.username}）", counts, bare_counts, lambda a, b: a == b)

    breached = BY_CODE["period_breached"]
    rows_sql = (
        "SELECT id, case_id, unit_id, due_on FROM cases_period WHERE state = 'running' AND due_on < %s "
        "AND started_on <= %s ORDER BY due_on, case_id, id"
    )
    add(
        "监察规则 period_breached（全市）",
        lambda: breached.alerts(today),
        lambda: fetch(rows_sql, [today, today]),
        lambda alerts, rows: sorted(a.subject_id for a in alerts) == sorted(r[0] for r in rows),
    )
    open_count = "SELECT COUNT(*) FROM cases_case WHERE state NOT IN ('refused', 'closed', 'archived')"
    add(
        "监察扫描 supervision scan（全部规则，全市）",
        lambda: scan(today),
        lambda: (fetch(rows_sql, [today, today]), fetch(open_count)),
        lambda alerts, bare: len(alerts) >= len(bare[0]),
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
    client.force_login(supervisor)
    from django.conf import settings

    settings.FAZHI_SUPERVISION_BOARD_SECONDS = 0  # made afresh each time
    add(
        "监察看板 GET /staff/supervision/（每次重新生成）",
        lambda: client.get("/staff/supervision/"),
        lambda: dict(fetch(f"{overdue} GROUP BY unit_id", [today])),
        lambda response, _: response.status_code == 200,
    )
    return results


def print_result(result: Result) -> None:
    label, (m50, m95), (b50, b95) = result
    ratio = m95 / b95 if b95 else float("inf")
    print(
        f"{label}: p50 {m50:.1f} ms, p95 {m95:.1f} ms; 裸 SQL p50 {b50:.1f} ms, p95 {b95:.1f} ms; "
        f"p95 之比 {ratio:.2f}×",
        flush=True,
    )


# --- 3. the mixed load -----------------------------------------------------------------------------------------------

# (page, weight): staff pages under a signed-in session, portal pages anonymous.
PAGE_WEIGHTS = (
    ("worklist", 15),
    ("case_list", 10),
    ("case", 15),
    ("search", 10),
    ("supervision", 5),
    ("portal_home", 15),
    ("decisions", 10),
    ("decision", 10),
    ("standards", 10),
)
SEARCHES = ("华强", "电子", "科技", "鹏程", "宏达信", "物流", "精密五金", "金辉")


def load(plan: dict[str, Any], *, duration: float, connections: int) -> dict[str, Any]:
    """`connections` threads, each with its own keep-alive http.client connection, GET random pages for `duration`
    seconds. Every answer must be 200 (a redirect to the login page would be an error too)."""
    host, port = "127.0.0.1", int(plan["port"])
    stop = time.perf_counter() + duration
    samples: dict[str, list[float]] = {page: [] for page, _ in PAGE_WEIGHTS}
    errors: list[str] = []
    lock = threading.Lock()
    pages = [page for page, _ in PAGE_WEIGHTS]
    weights = [weight for _, weight in PAGE_WEIGHTS]

    def target(rng: random.Random, page: str) -> tuple[str, str]:
        sessions = plan["sessions"]
        if page == "worklist":
            return "/staff/cases/", sessions[rng.choice(("inspector", "lead"))]
        if page == "case_list":
            return "/staff/cases/all/", sessions["director"]
        if page == "case":
            return f"/staff/cases/{rng.choice(plan['cases'])}/", sessions["inspector"]
        if page == "search":
            return f"/staff/cases/all/?q={quote(rng.choice(SEARCHES))}", sessions["director"]
        if page == "supervision":
            return "/staff/supervision/", sessions["supervisor"]
        if page == "portal_home":
            return "/", ""
        if page == "decisions":
            return "/decisions/", ""
        if page == "decision":
            return f"/decisions/{rng.choice(plan['decisions'])}/", ""
        return "/standards/", ""

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(host, port, timeout=60)
        mine: dict[str, list[float]] = {page: [] for page in pages}
        failed: list[str] = []
        while time.perf_counter() < stop:
            page = rng.choices(pages, weights)[0]
            path, cookie = target(rng, page)
            headers = {"Accept-Language": "zh-CN,zh;q=0.9", "User-Agent": "fazhi-bench-scale"}
            if cookie:
                headers["Cookie"] = f"{plan['cookie_name']}={cookie}"
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                failed.append(f"{page} {path}: {type(exc).__name__}")
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
                continue
            took = time.perf_counter() - began
            if status != 200:
                failed.append(f"{page} {path}: HTTP {status}")
            else:
                mine[page].append(took)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
        connection.close()
        with lock:
            for page, taken in mine.items():
                samples[page] += taken
            errors.extend(failed)

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures = {}
    for page, taken in samples.items():
        p50, p95 = percentiles(taken) if taken else (0.0, 0.0)
        figures[page] = {"requests": len(taken), "p50_ms": p50, "p95_ms": p95}
    return {"pages": figures, "errors": len(errors), "error_examples": errors[:5], "duration": duration}


def serve(var_dir: Path, url: str, port: int) -> subprocess.Popen[bytes]:
    """gunicorn as `make run` starts it: 2 workers × 4 threads, DEBUG off, a shared file cache."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_portal_settings",
        "DATABASE_URL": url,
        "FAZHI_VAR_DIR": str(var_dir),
        "STATIC_ROOT": str(var_dir / "static"),
        "CACHE_URL": f"file://{var_dir / 'cache'}",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "fazhi.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"]
    command += ["--log-level", "warning", "--pythonpath", f"{BENCH_DIR},{ROOT}", "--chdir", str(ROOT)]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            probe.request("GET", "/bench/ok")
            if probe.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("服务器未能启动")


def mixed_load(var_dir: Path, url: str, args: argparse.Namespace) -> int:
    """Serve, load from another process, report. Returns the number of errors."""
    from bench_portal import free_port
    from django.conf import settings
    from django.test import Client

    from fazhi.accounts.models import Unit, User
    from fazhi.disclosure.models import PublishedDecision

    sessions = {}
    for username in ("inspector", "lead", "director", "supervisor"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        sessions[username] = client.cookies[settings.SESSION_COOKIE_NAME].value
    squad = Unit.objects.get(code="SZ-FT-JC-1")
    cases = [
        r[0]
        for r in fetch(
            "SELECT id FROM cases_case WHERE unit_id = %s AND id >= %s AND id %% 97 = 0 LIMIT 500",
            [squad.pk, BASE_ID],
        )
    ]
    decisions = list(PublishedDecision.objects.filter(withdrawn_on__isnull=True).values_list("pk", flat=True)[:200])
    if not cases or not decisions:
        raise SystemExit("基准数据库中没有可访问的案件或公示决定")
    port = free_port()
    plan = {"port": port, "sessions": sessions, "cookie_name": settings.SESSION_COOKIE_NAME, "cases": cases}
    plan["decisions"] = decisions
    from django.db import connections

    connections.close_all()
    server = serve(var_dir, url, port)
    try:
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for path in ("/", "/decisions/", "/standards/"):
            warm.request("GET", path)
            warm.getresponse().read()
        command = [sys.executable, __file__, "--load", json.dumps(plan), "--duration", str(args.duration)]
        command += ["--connections", str(args.connections)]
        done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=args.duration * 3 + 120)
        result = json.loads(done.stdout)
    finally:
        server.terminate()  # gunicorn waits up to 30 s for requests in flight (a dashboard being made)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    total = sum(page["requests"] for page in result["pages"].values())
    print()
    print(
        f"混合负载：gunicorn 2 进程 × 4 线程，{args.connections} 个长连接，{args.duration:g} 秒；"
        f"成功 {total:,} 次（{total / args.duration:,.1f} 次/秒），错误 {result['errors']} 次"
    )
    print(f"{'页面':16}{'次数':>8}{'p50 毫秒':>12}{'p95 毫秒':>12}")
    for page, figures in result["pages"].items():
        print(f"{page:16}{figures['requests']:>8,}{figures['p50_ms']:>12.1f}{figures['p95_ms']:>12.1f}")
    for example in result["error_examples"]:
        print(f"  错误：{example}")
    return int(result["errors"])


def main() -> None:
    args = parse_args()
    if args.load:
        print(json.dumps(load(json.loads(args.load), duration=args.duration, connections=args.connections)))
        return
    reachable(args.database_url)
    name, url = database_url(args.database_url, args.cases)
    var_dir = BENCH_DIR / ".data" / f"scale-{args.cases}"
    var_dir.mkdir(parents=True, exist_ok=True)
    setup_django(var_dir, url)
    state = migration_state()
    if args.rebuild or not built(args.database_url, name, args.cases, state):
        print(f"建立基准数据库 {name}：{args.cases:,} 件案件", flush=True)
        recreate(args.database_url, name)
        seconds = build(args.cases, args.journal_per_case)
        print(f"建库用时 {seconds:.0f} 秒（{seconds / 60:.1f} 分钟）", flush=True)
    if args.build_only:
        return
    from django.core.management import call_command
    from django.db import connection

    if not (var_dir / "static" / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    print(
        f"PostgreSQL {getattr(connection, 'pg_version', 0) // 10000}; {args.cases:,} 件案件；"
        f"每项 {args.runs} 次，与裸 SQL 轮流计时"
    )
    if not args.no_reads:
        bench_reads(args.runs)
    if args.no_load:
        return
    errors = mixed_load(var_dir, url, args)
    if errors:
        print(f"混合负载出现 {errors} 次错误（应为 0）")
        sys.exit(1)


if __name__ == "__main__":
    main()
