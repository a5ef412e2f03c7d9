"""How fast electronic supervision is: the full alert scan and the dashboard over a million cases, each beside a bare
count(*) of the open cases measured in the same run.

    .venv/bin/python bench/bench_supervision.py [--cases N] [--runs R] [--database-url URL] [--keep]

Builds its database as bench/bench_cases.py does (SQLite in a temporary directory, or a temporary PostgreSQL database
on the server of --database-url): the organisation through the actions, then N cases (default 1,000,000; about 20 %
open with a running period, about one in seven of those overdue) bulk-loaded with their periods. The closed cases get
a decision (a third of them penalties with a reviewed, paid fine in range), a decision date and a closing date, so
that the rules over decisions and closings have the rows they would have in a real bureau. Then ANALYZE, and:

1. `fazhi.supervision.queries.scan(today)`: every rule once, every alert made (target p95 ≤ 20× the bare count and
   < 1 s). This is today's scan (the dashboard's and cron's): the time-limit and other rules read the rows as they
   stand through their indexes; replaying a past day (`--as-of`) reads the dates' alternatives and is slower;
2. the supervisor's dashboard page, GET /staff/supervision/ through Django's test client (target p95 < 300 ms), as
   served (made once per journal head: the polls between two recorded actions get the same board), then made afresh on
   every request (FAZHI_SUPERVISION_BOARD_SECONDS=0), for information.
Prints each figure beside its baseline, PASS or FAIL; exits 0 whatever the timings (a measurement, not a test).

Building a million cases takes minutes: with --keep the database is kept (SQLite in bench/.data/, PostgreSQL as
`fazhi_bench_supervision_<N>` on the server) and a later run with --keep and the same --cases reuses it (migrating it
first, so new indexes are built).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_cases import BASE_ID, TODAY, build_organisation, bulk_load, percentiles, postgres_database, setup_django

TARGETS = {"scan_vs_count": 20.0, "scan_ms": 1000.0, "dashboard_ms": 300.0}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="电子监察性能基准（与未结案件 count(*) 相比）")
    parser.add_argument("--cases", type=int, default=1_000_000, help="批量装载的案件数（默认 1,000,000）")
    parser.add_argument("--runs", type=int, default=20, help="每项的计时次数（默认 20）")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL 服务器地址，如 postgres://postgres@127.0.0.1:5432/root"
    )
    parser.add_argument("--keep", action="store_true", help="保留并复用基准数据库（同一 --cases）")
    parser.add_argument("--build-only", action="store_true", help="只建立（与 --keep 一起用）基准数据库，不计时")
    args = parser.parse_args()
    if args.cases < 1_000 or args.runs < 5:
        parser.error("--cases 至少 1000，--runs 至少 5")
    return args


def decide_closed_cases() -> None:
    """Give the closed cases a decision and a closing, as a real bureau's would have (one UPDATE)."""
    from django.db import connection

    sql = """
        UPDATE cases_case SET
          decided_on = received_on + {d50}, closed_on = received_on + {d60},
          decision_outcome = CASE WHEN id % 3 = 0 THEN 'penalty' ELSE 'handling_decision' END,
          violation_code = CASE WHEN id % 3 = 0 THEN 'gdjc49_no_ledger' ELSE 'lbjc26_1_wage_arrears' END,
          fine_amount = CASE WHEN id % 3 = 0 THEN 10000 ELSE NULL END,
          legal_review_passed_on = CASE WHEN id % 3 = 0 THEN received_on + {d45} ELSE NULL END,
          fine_paid_on = CASE WHEN id % 3 = 0 THEN received_on + {d55} ELSE NULL END,
          comply_by = received_on + {d55}
        WHERE state IN ('closed', 'archived')
    """
    if connection.vendor == "sqlite":
        days = {f"d{n}": f"0, date(received_on, '+{n} days')" for n in (45, 50, 55, 60)}
        sql = sql.replace("received_on + {d", "{d")
        for key, value in days.items():
            sql = sql.replace("{" + key + "}", value.split(", ", 1)[1])
    else:
        sql = sql.format(**{f"d{n}": str(n) for n in (45, 50, 55, 60)})
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"closed cases decided and closed in {time.perf_counter() - began:.0f} s")


def kept_postgres(url: str, n: int) -> str:
    """The kept PostgreSQL database for N cases on the server of `url` (created if missing); its URL."""
    import psycopg

    parts = urlsplit(url)
    name = f"fazhi_bench_supervision_{n}"
    with psycopg.connect(url, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            admin.execute(f"CREATE DATABASE {name}")
    return urlunsplit(parts._replace(path=f"/{name}"))


def loaded(n: int) -> dict[str, Any] | None:
    """The organisation of a kept database already holding N bench cases (None: build it)."""
    from fazhi.accounts.models import User
    from fazhi.cases.models import Case

    supervisor = User.objects.filter(username="supervisor").first()
    if supervisor is None or Case.objects.filter(id__gte=BASE_ID).count() != n:
        return None
    return {"supervisor": supervisor}


def rule_scan(rule: Any) -> Callable[[], object]:
    return lambda: rule.alerts(TODAY)


def timed_runs(function: Callable[[], object], runs: int) -> list[float]:
    function()  # warm: statements, calendar
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        samples.append(time.perf_counter() - began)
    return samples


def main() -> None:
    args = parse_args()
    drop: Callable[[], None] | None = None
    database_url = ""
    if args.database_url:
        if args.keep:
            database_url = kept_postgres(args.database_url, args.cases)
        else:
            database_url, drop = postgres_database(args.database_url)
    try:
        with tempfile.TemporaryDirectory(prefix="fazhi-bench-supervision-") as tmp:
            directory = Path(tmp)
            if args.keep and not database_url:
                directory = Path(__file__).resolve().parent / ".data" / f"supervision-{args.cases}"
                directory.mkdir(parents=True, exist_ok=True)
            setup_django(directory, database_url)
            import time_machine
            from django.conf import settings
            from django.db import connection
            from django.test import Client

            from fazhi.cases.models import OPEN_STATES
            from fazhi.supervision.queries import scan

            settings.ALLOWED_HOSTS = ["*"]
            settings.STORAGES = {  # no collectstatic manifest in a bench database's settings
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
            print(f"database {connection.vendor}; {args.cases:,} cases; {args.runs} runs")
            org = loaded(args.cases) if args.keep else None
            if org is None:
                org = build_organisation()
                bulk_load(org, args.cases)
                decide_closed_cases()
            else:
                print("reusing the kept database")
            if args.build_only:
                return
            marks = ", ".join(["%s"] * len(OPEN_STATES))
            count_sql = f"SELECT COUNT(*) FROM cases_case WHERE state IN ({marks})"  # noqa: S608

            def bare_count() -> int:
                with connection.cursor() as cursor:
                    cursor.execute(count_sql, OPEN_STATES)
                    return int(cursor.fetchone()[0])

            with time_machine.travel(TODAY, tick=True):
                alerts = scan(TODAY)
                print(f"open cases {bare_count():,}; alerts {len(alerts):,}")
                by_rule: dict[str, int] = {}
                for alert in alerts:
                    by_rule[alert.rule] = by_rule.get(alert.rule, 0) + 1
                print("  " + ", ".join(f"{k} {v:,}" for k, v in sorted(by_rule.items())))
                from fazhi.supervision.rules import RULES

                costs = {rule.code: percentiles(timed_runs(rule_scan(rule), 5))[0] for rule in RULES}
                print("  per rule, p50 ms: " + ", ".join(f"{k} {v:.1f}" for k, v in costs.items()))
                counts, scans = [], []
                for _ in range(args.runs):  # taking turns, so both see the same machine
                    counts += timed_runs(bare_count, 1)
                    scans += timed_runs(lambda: scan(TODAY), 1)
                c50, c95 = percentiles(counts)
                s50, s95 = percentiles(scans)
                ratio = s95 / c95
                ok = ratio <= TARGETS["scan_vs_count"] and s95 < TARGETS["scan_ms"]
                print(
                    f"full scan as of today: p50 {s50:.1f} ms, p95 {s95:.1f} ms; "
                    f"bare count(*) of open cases p50 {c50:.1f} ms, p95 {c95:.1f} ms; ratio {ratio:.1f}× "
                    f"(target ≤ {TARGETS['scan_vs_count']:.0f}× and < {TARGETS['scan_ms']:.0f} ms) "
                    f"{'PASS' if ok else 'FAIL'}"
                )
                client = Client()
                client.force_login(org["supervisor"])
                page = f"/staff/supervision/?as_of={TODAY.isoformat()}"
                assert client.get(page).status_code == 200
                pages = timed_runs(lambda: client.get(page), args.runs)
                p50, p95 = percentiles(pages)
                print(
                    f"dashboard page (made once per journal head, as served): p50 {p50:.1f} ms, p95 {p95:.1f} ms; "
                    f"bare count(*) p95 {c95:.1f} ms (ratio {p95 / c95:.1f}×); target p95 < "
                    f"{TARGETS['dashboard_ms']:.0f} ms {'PASS' if p95 < TARGETS['dashboard_ms'] else 'FAIL'}"
                )
                settings.FAZHI_SUPERVISION_BOARD_SECONDS = 0  # every request makes the board afresh
                cold = timed_runs(lambda: client.get(page), args.runs)
                f50, f95 = percentiles(cold)
                print(
                    f"  dashboard page made afresh on every request: p50 {f50:.1f} ms, p95 {f95:.1f} ms "
                    f"(ratio to the bare count {f95 / c95:.1f}×; "
                    f"{'under' if f95 < TARGETS['dashboard_ms'] else 'over'} {TARGETS['dashboard_ms']:.0f} ms)"
                )
    finally:
        if drop is not None:
            drop()


if __name__ == "__main__":
    main()
