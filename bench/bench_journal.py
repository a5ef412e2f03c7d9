"""How fast the journal verifies, against bare hashlib over the same bytes.

    .venv/bin/python bench/bench_journal.py [--entries N] [--runs R] [--algorithm sha256|sm3]

Builds its own SQLite database in a temporary directory, appends N chained entries (the chain is computed here in
Python and written with bulk_create), then times (a) bare hashlib over the entries' canonical bytes, checking each
digest, (b) the full verification from the database (fazhi.journal.verify.verify_journal) and (c) just streaming the
rows the verifier reads, the floor under (b). Prints the rates, the ratio (target ≥ 0.125) and the time for the whole
journal (target < 30 s for 1,000,000 entries, scaled for other sizes), PASS or FAIL. It always exits 0: it is a
measurement, not a test.
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

RATIO_TARGET = 0.125
SECONDS_PER_MILLION_TARGET = 30.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="全过程记录校验速度基准（与裸 hashlib 相比）")
    parser.add_argument("--entries", type=int, default=1_000_000, help="记录条数（默认 1,000,000）")
    parser.add_argument("--runs", type=int, default=3, help="每项计时的次数，取中位数（默认 3）")
    parser.add_argument("--algorithm", choices=["sha256", "sm3"], default="sha256", help="哈希算法（默认 sha256）")
    parser.add_argument("--chunk-size", type=int, default=None, help="校验时每批读取的行数")
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
    """Append n chained entries; return their canonical bytes and hashes for the bare-hashlib baseline."""
    from django.db import transaction

    from fazhi.journal.hashing import GENESIS_HASH, EntryFields, canonical_bytes, canonical_json, hash_factory
    from fazhi.journal.models import Entry

    new = hash_factory(algorithm)
    actions = ["accounts.login", "cases.transition", "documents.issue", "access.refused", "cases.evidence_add"]
    users = [("王小明", "inspector"), ("李科长", "lead"), ("auditor", "auditadmin"), ("zhang.wei", "inspector")]
    start = dt.datetime(2026, 1, 5, 1, 0, tzinfo=dt.UTC)
    blobs: list[bytes] = []
    hashes: list[str] = []
    prev = GENESIS_HASH
    batch: list[Entry] = []
    began = time.perf_counter()
    for seq in range(1, n + 1):
        username, role = users[seq % len(users)]
        action = actions[seq % len(actions)]
        before = canonical_json({"status": "investigating", "fine": "12000.00", "case": f"深人社监〔2026〕{seq}号"})
        after = canonical_json({"status": "review", "fine": "15000.00", "case": f"深人社监〔2026〕{seq}号"})
        recorded_at = start + dt.timedelta(seconds=seq, microseconds=seq % 997)
        fields: EntryFields = {
            "seq": seq,
            "recorded_at": recorded_at,
            "algorithm": algorithm,
            "actor_id": 1 + seq % 40,
            "actor_username": username,
            "actor_role": role,
            "actor_roles": f"{role},lead" if role == "inspector" else role,
            "actor_unit_code": f"4403{seq % 9:02d}",
            "action": action,
            "object_type": "cases.case",
            "object_id": str(100_000 + seq // 7),
            "before": before,
            "after": after,
            "ip": f"10.{seq % 200}.{seq % 250}.{seq % 251}",
            "outcome": "refused" if action == "access.refused" else "success",
            "prev_hash": prev,
        }
        blob = canonical_bytes(**fields)
        digest = new(blob).hexdigest()
        blobs.append(blob)
        hashes.append(digest)
        batch.append(Entry(**fields, hash=digest))
        prev = digest
        if len(batch) == 50_000 or seq == n:
            with transaction.atomic():
                Entry.objects.bulk_create(batch, batch_size=1_000)
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


def journal_verify(n: int, chunk_size: int | None) -> float:
    from fazhi.journal.verify import DEFAULT_CHUNK_SIZE, verify_journal

    began = time.perf_counter()
    report = verify_journal(chunk_size=chunk_size or DEFAULT_CHUNK_SIZE)
    elapsed = time.perf_counter() - began
    if not report.ok or report.count != n:
        raise SystemExit(f"journal verify failed: {report}")
    return elapsed


def stream_only(n: int, chunk_size: int | None) -> float:
    """Just reading the rows the verifier reads, as it reads them: the ceiling for any verifier in Python."""
    from fazhi.journal.verify import DEFAULT_CHUNK_SIZE, _rows

    rows, _ = _rows(chunk_size or DEFAULT_CHUNK_SIZE, from_seq=1)
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
        bare = statistics.median(bare_hashlib(blobs, hashes, args.algorithm) for _ in range(args.runs))
        del blobs, hashes
        ours = statistics.median(journal_verify(n, args.chunk_size) for _ in range(args.runs))
        streaming = statistics.median(stream_only(n, args.chunk_size) for _ in range(args.runs))
    bare_rate = n / bare
    our_rate = n / ours
    ratio = our_rate / bare_rate
    time_target = SECONDS_PER_MILLION_TARGET * n / 1_000_000
    print(
        f"journal verify: {our_rate:,.0f} entries/s; bare {args.algorithm}: {bare_rate:,.0f} entries/s; "
        f"ratio {ratio:.3f} (target ≥ {RATIO_TARGET})"
    )
    print(
        f"full verification of {n:,} entries: {ours:.2f} s (target < {time_target:.1f} s); median of {args.runs} runs"
    )
    # Streaming the rows is the floor of any verifier that reads them through the ORM; hashing comes on top.
    ceiling = bare / (streaming + bare)
    print(
        f"reading the rows alone (no hashing): {n / streaming:,.0f} entries/s; "
        f"even a free canonical form could reach ratio {ceiling:.3f} at most"
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
