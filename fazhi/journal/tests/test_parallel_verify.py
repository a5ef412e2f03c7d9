"""Verifying in two processes gives exactly what one process gives: the same count, last hash and Merkle root, and the
same named problem wherever the journal was changed, inside a block or right at a boundary between two.

A forked process cannot see pytest's SQLite test database (it lives in memory) nor rows a test has not committed, so
the comparisons run in a child Python on a database file set up as in production, on both the SQLite and the
PostgreSQL runs. On PostgreSQL a transactional test also forks from the test process itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction

from fazhi.journal import verify
from fazhi.journal.actions import record_entry
from fazhi.journal.checkpoint import Checkpoint
from fazhi.journal.hashing import COLUMNS, canonical_bytes
from fazhi.journal.merkle import MerkleError, MerkleTree
from fazhi.journal.models import Entry
from fazhi.journal.tests.conftest import Tamper
from fazhi.journal.verify import Report, make_checkpoint, verify_against_checkpoint, verify_journal

ENTRIES = 1200
THRESHOLD = 100  # low enough that every walk below goes in two processes
BLOCK = 32  # the walk cuts 1200 entries into 38 blocks of 32 (the largest power of two up to 1200 / 32)
EDGE = 18 * BLOCK  # the last entry of a block in the middle
MERKLE_SIZES = (
    1,
    BLOCK - 1,
    BLOCK,
    BLOCK + 1,
    600,
    1000,
    37 * BLOCK,
    37 * BLOCK + 1,
    ENTRIES - 1,
    ENTRIES,
    ENTRIES + 1,
)

Outcome = dict[str, Any]


# --- What runs in the child -----------------------------------------------------------------------------------------


def _outcome(report: Report) -> Outcome:
    problem = report.problem
    return {
        "count": report.count,
        "last_hash": report.last_hash,
        "problem": None if problem is None else [problem.seq, problem.kind, problem.message],
        "merkle_root": report.merkle_root,
        "merkle_size": report.merkle_size,
        "processes": report.processes,
    }


def _both(walk: Callable[[int], Report]) -> dict[str, Outcome]:
    return {"one": _outcome(walk(1)), "two": _outcome(walk(2))}


def _sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _rehash(seq: int, prev_hash: str | None = None, **changes: Any) -> str:
    """Rewrite entry `seq` and recompute its hash, as a forger would; returns the new hash."""
    entry = Entry.objects.get(seq=seq)
    fields = {name: getattr(entry, name) for name in ("seq", "recorded_at", *COLUMNS[1:15])} | changes
    if prev_hash is not None:
        fields["prev_hash"] = prev_hash
    digest = hashlib.sha256(canonical_bytes(**fields)).hexdigest()
    _sql(
        "UPDATE journal_entry SET after = %s, prev_hash = %s, hash = %s WHERE seq = %s",
        [fields["after"], fields["prev_hash"], digest, seq],
    )
    return digest


def _rewrite_from(seq: int) -> None:
    """A different history from entry `seq` on, every later hash recomputed: a chain that holds together."""
    prev = _rehash(seq, after='{"status":"结案"}')
    for later in range(seq + 1, ENTRIES + 1):
        prev = _rehash(later, prev_hash=prev)


def _cut_out(first: int, last: int) -> None:
    """Delete entries first..last and relink the rest of the chain: only the numbers show the gap."""
    prev = Entry.objects.get(seq=first - 1).hash
    _sql("DELETE FROM journal_entry WHERE seq BETWEEN %s AND %s", [first, last])
    for later in range(last + 1, ENTRIES + 1):
        prev = _rehash(later, prev_hash=prev)


SCENARIOS: dict[str, Callable[[], object]] = {
    "intact": lambda: None,
    "tampered_late": lambda: _sql("UPDATE journal_entry SET action = 'x' WHERE seq = 1100"),
    "tampered_early": lambda: _sql("UPDATE journal_entry SET action = 'x' WHERE seq = 300"),
    "tampered_in_the_last_block": lambda: _sql("UPDATE journal_entry SET ip = '' WHERE seq = %s", [ENTRIES - 1]),
    "deleted_at_the_start_of_a_block": lambda: _sql("DELETE FROM journal_entry WHERE seq = %s", [EDGE + 1]),
    "deleted_at_the_end_of_a_block": lambda: _sql("DELETE FROM journal_entry WHERE seq = %s", [EDGE]),
    "cut_out_at_the_end_of_a_block_and_relinked": lambda: _cut_out(EDGE - 1, EDGE),
    "rehashed_at_the_end_of_a_block": lambda: _rehash(EDGE, after='{"x":1}'),
    "first_entry_relinked": lambda: _rehash(1, prev_hash="f" * 64),
    "renumbered_between_two_blocks": lambda: _sql(
        "UPDATE journal_entry SET seq = %s WHERE seq = %s", [EDGE + 0.5, EDGE + 1]
    ),
    "unreadable_late": lambda: _sql(
        "UPDATE journal_entry SET action = CAST(X'FFFE41' AS TEXT) WHERE seq = 1100"  # the block's read fails
    ),
    "tail_cut": lambda: _sql("DELETE FROM journal_entry WHERE seq > 1150"),
    "history_rewritten": lambda: _rewrite_from(1100),
}


def _populate() -> None:
    with transaction.atomic():
        for i in range(ENTRIES):
            record_entry(
                actor=None,
                action=("cases.transition", "accounts.login", "documents.issue")[i % 3],
                object_type="cases.case",
                object_id=1000 + i,
                before={"status": "立案", "n": i},
                after={"status": "调查", "note": 'quote " and \\ backslash\n', "n": i},
                ip=f"10.0.0.{i % 250}",
            )


def _tree_walk(size: int) -> Callable[[int], Report]:
    return lambda workers: verify_journal(merkle_size=size, workers=workers, parallel_threshold=THRESHOLD)


def _run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def compare_on_a_sqlite_file() -> dict[str, Any]:
    """In the child: write a journal, then for each scenario restore it, change it and walk it both ways."""
    _populate()
    checkpoint = make_checkpoint(workers=1)[1]
    database = Path(settings.DATABASES["default"]["NAME"])
    pristine = database.with_name("pristine.sqlite3")
    connections.close_all()  # the last connection to close folds the WAL into the file
    shutil.copyfile(database, pristine)
    results: dict[str, Any] = {"checkpoint_root": checkpoint.root_hash}
    for name, change in SCENARIOS.items():
        connections.close_all()
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(pristine, database)
        change()
        results[name] = {
            "plain": _both(lambda workers: verify_journal(workers=workers, parallel_threshold=THRESHOLD)),
            "checkpoint": _both(
                lambda workers: verify_against_checkpoint(checkpoint, workers=workers, parallel_threshold=THRESHOLD)
            ),
        }
        if name == "intact":
            results["trees"] = {str(size): _both(_tree_walk(size)) for size in MERKLE_SIZES}
            report, again = make_checkpoint(workers=2, parallel_threshold=THRESHOLD)
            results["checkpoint_in_two"] = [again.root_hash, again.tree_size, report.processes]
            results["command"] = _run("verify_journal", "--workers", "2")
    return results


CHILD = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from fazhi.journal import verify
verify.PARALLEL_THRESHOLD = 100  # for the management command, which uses the default
from fazhi.journal.tests.test_parallel_verify import compare_on_a_sqlite_file
print(json.dumps(compare_on_a_sqlite_file()))
"""


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "FAZHI_VAR_DIR": str(tmp_path_factory.mktemp("parallel-verify")),
        "FAZHI_JOURNAL_ALGORITHM": "sha256",
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def assert_same(both: dict[str, Outcome]) -> Outcome:
    """The two-process walk did fork, and found exactly what the one-process walk found."""
    one, two = both["one"], both["two"]
    assert (one["processes"], two["processes"]) == (1, 2)
    assert {**two, "processes": 1} == one
    return two


# (scenario, what the walk alone finds, what the walk against the checkpoint finds): (seq, kind) or None
EXPECTED = [
    ("intact", None, None),
    ("tampered_late", (1100, verify.TAMPERED), (1100, verify.TAMPERED)),
    ("tampered_early", (300, verify.TAMPERED), (300, verify.TAMPERED)),
    ("tampered_in_the_last_block", (ENTRIES - 1, verify.TAMPERED), (ENTRIES - 1, verify.TAMPERED)),
    ("deleted_at_the_start_of_a_block", (EDGE + 2, verify.DELETED), (EDGE + 2, verify.DELETED)),
    ("deleted_at_the_end_of_a_block", (EDGE + 1, verify.DELETED), (EDGE + 1, verify.DELETED)),
    ("cut_out_at_the_end_of_a_block_and_relinked", (EDGE + 1, verify.DELETED), (EDGE + 1, verify.DELETED)),
    ("rehashed_at_the_end_of_a_block", (EDGE + 1, verify.BROKEN_LINK), (EDGE + 1, verify.BROKEN_LINK)),
    ("first_entry_relinked", (1, verify.BROKEN_LINK), (1, verify.BROKEN_LINK)),
    ("renumbered_between_two_blocks", (EDGE + 1, verify.TAMPERED), (EDGE + 1, verify.TAMPERED)),
    ("unreadable_late", (1100, verify.UNREADABLE), (1100, verify.UNREADABLE)),
    ("tail_cut", None, (1151, verify.TRUNCATED)),
    ("history_rewritten", None, (ENTRIES, verify.REWRITTEN)),
]


@pytest.mark.parametrize(("scenario", "alone", "against_checkpoint"), EXPECTED, ids=[row[0] for row in EXPECTED])
def test_two_processes_find_exactly_what_one_finds(
    outcomes: dict[str, Any],
    scenario: str,
    alone: tuple[int, str] | None,
    against_checkpoint: tuple[int, str] | None,
) -> None:
    for mode, expected in (("plain", alone), ("checkpoint", against_checkpoint)):
        found = assert_same(outcomes[scenario][mode])
        assert (found["problem"][:2] if found["problem"] else None) == (list(expected) if expected else None), mode


def test_an_intact_journal_gives_the_same_count_hash_and_root_in_two_processes(outcomes: dict[str, Any]) -> None:
    plain = assert_same(outcomes["intact"]["plain"])
    assert plain["count"] == ENTRIES
    assert len(plain["last_hash"]) == 64
    against = assert_same(outcomes["intact"]["checkpoint"])
    assert (against["merkle_root"], against["merkle_size"]) == (outcomes["checkpoint_root"], ENTRIES)
    assert outcomes["checkpoint_in_two"] == [outcomes["checkpoint_root"], ENTRIES, 2]


@pytest.mark.parametrize("size", MERKLE_SIZES)
def test_the_merkle_root_composes_across_the_split_for_any_tree_size(outcomes: dict[str, Any], size: int) -> None:
    found = assert_same(outcomes["trees"][str(size)])
    if size <= ENTRIES:
        assert found["merkle_size"] == size
        assert found["merkle_root"] is not None
    else:  # a tree over more entries than there are has no root
        assert (found["merkle_root"], found["merkle_size"]) == (None, ENTRIES)
    assert found["count"] == ENTRIES


def test_the_command_says_it_used_two_processes(outcomes: dict[str, Any]) -> None:
    assert f"已校验 {ENTRIES} 条记录" in outcomes["command"]
    assert "2 个进程" in outcomes["command"]


# --- In the test process --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("block", [1, 2, 8, 32])
def test_a_merkle_tree_hash_composes_from_the_subtrees_of_blocks_of_a_power_of_two(block: int) -> None:
    tree = MerkleTree("sha256")
    items = [hashlib.sha256(i.to_bytes(2, "big")).digest() for i in range(100)]
    for size in (1, 31, 32, 33, 64, 100):
        whole = tree.accumulator()
        for start in range(0, size, block):
            part = tree.accumulator()
            for item in items[start : min(start + block, size)]:
                part.append(item)
            whole.extend_with(part.subtrees(), part.size)
        assert (whole.size, whole.root()) == (size, tree.root(items[:size]))


def test_subtrees_that_would_not_be_subtrees_of_the_whole_tree_are_refused() -> None:
    tree = MerkleTree("sha256")
    whole, part = tree.accumulator(), tree.accumulator()
    whole.append(b"a")
    part.append(b"b")
    part.append(b"c")  # a subtree of two leaves cannot start after one
    with pytest.raises(MerkleError):
        whole.extend_with(part.subtrees(), part.size)
    with pytest.raises(MerkleError):
        whole.extend_with([], 1)


@pytest.mark.django_db
def test_inside_a_transaction_the_walk_stays_in_one_process(chain: Callable[[int], list[Entry]]) -> None:
    entries = chain(6)
    report = verify_journal(workers=2, parallel_threshold=2)
    assert (report.ok, report.count, report.last_hash, report.processes) == (True, 6, entries[-1].hash, 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("allow_journal_reset")
def test_a_committed_journal_is_walked_in_two_processes_where_another_process_can_see_it(
    chain: Callable[[int], list[Entry]], tamper: Tamper
) -> None:
    entries = chain(40)
    checkpoint: Checkpoint = make_checkpoint(workers=1)[1]
    one = verify_against_checkpoint(checkpoint, workers=1)
    two = verify_against_checkpoint(checkpoint, workers=2, parallel_threshold=10)
    # pytest's SQLite database is in memory: a forked process could not open it.
    assert two.processes == (1 if connection.vendor == "sqlite" else 2)
    assert (two.count, two.last_hash, two.merkle_root, two.problem) == (
        40,
        entries[-1].hash,
        checkpoint.root_hash,
        None,
    )
    assert (one.count, one.last_hash, one.merkle_root, one.problem) == (
        40,
        entries[-1].hash,
        checkpoint.root_hash,
        None,
    )
    tamper("UPDATE journal_entry SET actor_username = 'x' WHERE seq = 37")
    one = verify_journal(workers=1)
    two = verify_journal(workers=2, parallel_threshold=10)
    assert two.problem is not None
    assert (two.problem.seq, two.problem.kind) == (37, verify.TAMPERED)
    assert (two.count, two.last_hash, two.problem) == (one.count, one.last_hash, one.problem)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["3", "0", "两", "-1"])
def test_the_commands_accept_only_one_or_two_workers(value: str) -> None:
    for command in ("verify_journal", "journal_checkpoint"):
        args = ["--workers", value] if command == "verify_journal" else ["--workers", value, "--out", "/nonexistent/x"]
        with pytest.raises(CommandError, match="--workers 只能是 1 或 2"):
            _run(command, *args)


@pytest.mark.django_db
def test_one_worker_is_accepted_by_the_command(chain: Callable[[int], list[Entry]]) -> None:
    chain(3)
    assert "已校验 3 条记录" in _run("verify_journal", "--workers", "1")


def test_verify_journal_refuses_other_worker_counts() -> None:
    with pytest.raises(ValueError, match="只能是 1 或 2"):
        verify_journal(workers=3)
