"""How fast the journal verifies, against bare hashlib over the same bytes.

    .venv/bin/python bench/bench_journal.py [--entries N] [--runs R] [--algorithm sha256|sm3] [--workers 1|2]

Builds its own SQLite database in a temporary directory, appends N chained entries (the chain is computed here in
Python and written with executemany on the DB-API cursor), then times (a) bare hashlib in one thread over the entries'
canonical bytes, checking each digest, (b) the full verification from the database
(fazhi.journal.verify.verify_journal) with its default number of processes (two on a machine with two cores or more,
for a journal of at least PARALLEL_THRESHOLD entries), (c) the same in one process, for information, and (d) just
streaming the rows the verifier reads, the floor under (c). (a), (b) and (c) take turns, run after run, so that a
slow spell of the machine weighs on each alike. Prints the medians' rates, the ratio of (b) to (a) (target ≥ 0.125)
and the time for the whole journal (target < 30 s for 1,000,000 entries, scaled for other sizes), PASS or FAIL. It
always exits 0: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RATIO_TARGET = 0.125
SECONDS_PER_MILLION_TARGET = 30.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="全过程记录校验速度基准（与裸 hashlib 相比）")
    parser.add_argument("--entries", type=int, default=1_000_000, help="记录条数（默认 1,000,000）")
    parser.add_argument("--runs", type=int, default=3, help="每项计时的次数，取中位数（默认 3）")
    parser.add_argument("--algorithm", choices=["sha256", "sm3"], default="sha256", help="哈希算法（默认 sha256）")
    parser.add_argument("--chunk-size", type=int, default=None, help="校验时每批读取的行数")
    parser.add_argument("--workers", type=int, choices=[1, 2], default=None, help="校验使用的进程数（默认同校验命令）")
    args = parser.parse_args()
    if args.entries < 1 or args.runs < 1:
        parser.error("--entries 与 --runs 必须是正整数")
    return args


def setup_django(directory: Path, algorithm: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    os.environ["FAZHI_VAR_DIR"] = str(directory)
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ["FAZHI_JOURNAL_ALGORITHM"] = algorithm
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(n: int, algorithm: str) -> tuple[list[bytes], list[str]]:
    """Append n chained entries; return their canonical bytes and hashes for the bare-hashlib baseline.

    The chain is computed here and written with one executemany per batch of precomputed tuples on the DB-API cursor:
    building model instances for bulk_create took most of the set-up time.
    """
    from django.db import connection, transaction

    from fazhi.journal.hashing import GENESIS_HASH, EntryFields, canonical_bytes, canonical_json, hash_factory
    from fazhi.journal.models import Entry

    new = hash_factory(algorithm)
    actions = ["accounts.login", "cases.transition", "documents.issue", "access.refused", "cases.evidence_add"]
    users = [("王小明", "inspector"), ("李科长", "lead"), ("auditor", "auditadmin"), ("zhang.wei", "inspector")]
    start = dt.datetime(2026, 1, 5, 1, 0, tzinfo=dt.UTC)
    names = [*EntryFields.__annotations__, "hash"]
    quote = connection.ops.quote_name  # the model's columns are named as its fields
    sql = (
        f"INSERT INTO {quote(Entry._meta.db_table)} ({', '.join(quote(name) for name in names)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(names))})"
    )
    # The payloads as canonical_json writes them, and the time as Django stores it in SQLite (naive UTC text), both
    # written directly: going through canonical_json and the backend's adapter per row took half the set-up time.
    before_text = '{"case":"深人社监〔2026〕%d号","fine":"12000.00","status":"investigating"}'
    after_text = '{"case":"深人社监〔2026〕%d号","fine":"15000.00","status":"review"}'
    assert before_text % 7 == canonical_json(
        {"status": "investigating", "fine": "12000.00", "case": "深人社监〔2026〕7号"}
    )
    assert after_text % 7 == canonical_json({"status": "review", "fine": "15000.00", "case": "深人社监〔2026〕7号"})
    sqlite = connection.vendor == "sqlite"
    start_naive = start.replace(tzinfo=None)
    assert not sqlite or str(start_naive) == connection.ops.adapt_datetimefield_value(start)
    assert names[1] == "recorded_at"
    blobs: list[bytes] = []
    hashes: list[str] = []
    prev = GENESIS_HASH
    batch: list[list[Any]] = []
    began = time.perf_counter()
    for seq in range(1, n + 1):
        username, role = users[seq % len(users)]
        action = actions[seq % len(actions)]
        offset = dt.timedelta(seconds=seq, microseconds=seq % 997)
        fields: EntryFields = {
            "seq": seq,
            "recorded_at": start + offset,
            "algorithm": algorithm,
            "actor_id": 1 + seq % 40,
            "actor_username": username,
            "actor_role": role,
            "actor_roles": f"{role},lead" if role == "inspector" else role,
            "actor_unit_code": f"4403{seq % 9:02d}",
            "action": action,
            "object_type": "cases.case",
            "object_id": str(100_000 + seq // 7),
            "before": before_text % seq,
            "after": after_text % seq,
            "ip": f"10.{seq % 200}.{seq % 250}.{seq % 251}",
            "outcome": "refused" if action == "access.refused" else "success",
            "prev_hash": prev,
        }
        blob = canonical_bytes(**fields)
        digest = new(blob).hexdigest()
        blobs.append(blob)
        hashes.append(digest)
        row = [*fields.values(), digest]
        if sqlite:
            row[1] = str(start_naive + offset)  # recorded_at as Django stores it in SQLite
        batch.append(row)
        prev = digest
        if len(batch) == 50_000 or seq == n:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, batch)
            batch = []
    print(f"写入 {n:,} 条链式记录用时 {time.perf_counter() - began:.1f} s", flush=True)
    return blobs, hashes


def bare_hashlib(blobs: list[bytes], hashes: list[str], algorithm: str) -> float:
    from fazhi.journal.hashing import hash_factory

    new = hash_factory(algorithm)
    began = time.perf_counter()
    for blob, expected in zip(blobs, hashes, strict=True):
        if new(blob).hexdigest() != expected:
            raise SystemExit("bare hashlib: chain mismatch (bug in the benchmark)")
    return time.perf_counter() - began


def journal_verify(n: int, chunk_size: int | None, workers: int | None) -> tuple[float, int]:
    """Seconds for the full verification, and how many processes took part."""
    from fazhi.journal.verify import DEFAULT_CHUNK_SIZE, verify_journal

    began = time.perf_counter()
    report = verify_journal(chunk_size=chunk_size or DEFAULT_CHUNK_SIZE, workers=workers)
    elapsed = time.perf_counter() - began
    if not report.ok or report.count != n:
        raise SystemExit(f"journal verify failed: {report}")
    return elapsed, report.processes


def stream_only(n: int, chunk_size: int | None) -> float:
    """Just reading the rows the verifier reads, as it reads them: the ceiling for any verifier in Python."""
    from fazhi.journal.verify import DEFAULT_CHUNK_SIZE
    from fazhi.journal.walk import stream_rows

    rows, _ = stream_rows(chunk_size or DEFAULT_CHUNK_SIZE, from_seq=1)
    began = time.perf_counter()
    count = sum(1 for _ in rows)
    elapsed = time.perf_counter() - began
    if count != n:
        raise SystemExit(f"streamed {count} rows, expected {n}")
    return elapsed


def main() -> None:
    args = parse_args()
    n = args.entries
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-journal-") as tmp:
        setup_django(Path(tmp), args.algorithm)
        blobs, hashes = populate(n, args.algorithm)
        # The measurements take turns, so that a slow spell of the machine weighs on each of them alike.
        bares, ours_runs, singles = [], [], []
        for _ in range(args.runs):
            bares.append(bare_hashlib(blobs, hashes, args.algorithm))
            ours_runs.append(journal_verify(n, args.chunk_size, args.workers))
            singles.append(journal_verify(n, args.chunk_size, 1)[0])
        del blobs, hashes
        streaming = statistics.median(stream_only(n, args.chunk_size) for _ in range(args.runs))
    bare = statistics.median(bares)
    ours = statistics.median(seconds for seconds, _ in ours_runs)
    processes = max(processes for _, processes in ours_runs)
    single = statistics.median(singles)
    bare_rate = n / bare
    our_rate = n / ours
    ratio = our_rate / bare_rate
    time_target = SECONDS_PER_MILLION_TARGET * n / 1_000_000
    print(
        f"journal verify: {our_rate:,.0f} entries/s; bare {args.algorithm}: {bare_rate:,.0f} entries/s; "
        f"ratio {ratio:.3f} (target ≥ {RATIO_TARGET}); {processes} process{'es' if processes > 1 else ''}"
    )
    print(
        f"full verification of {n:,} entries: {ours:.2f} s (target < {time_target:.1f} s); median of {args.runs} runs"
    )
    print(f"in one process (for information): {n / single:,.0f} entries/s, {single:.2f} s; ratio {bare / single:.3f}")
    # Streaming the rows is the floor of any one-process verifier that reads them through the ORM.
    ceiling = bare / (streaming + bare)
    print(
        f"reading the rows alone (no hashing): {n / streaming:,.0f} entries/s; "
        f"even a free canonical form could reach ratio {ceiling:.3f} at most in one process"
    )
    verdicts = {
        "ratio": ratio >= RATIO_TARGET,
        "time": ours < time_target,
    }
    for name, passed in verdicts.items():
        print(f"{name}: {'PASS' if passed else 'FAIL'}")
    print("PASS" if all(verdicts.values()) else "FAIL")


if __name__ == "__main__":
    main()
