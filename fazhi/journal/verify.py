"""Walking the journal: recompute every entry's hash from its columns, check the chain, compare with a checkpoint.

The walk streams (seq, columns…) in sequence order and stops at the first problem, which it names in Chinese:
a gap in the sequence (deleted), an entry whose columns no longer give its hash (tampered), an entry that links to the
wrong predecessor (reordered, inserted or rewritten). A chain cannot see its own tail cut off, nor a history rewritten
from some point on with every later hash recomputed; a checkpoint kept outside the database can
(`verify_against_checkpoint`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import Expression, F, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from fazhi.journal.checkpoint import Checkpoint, CheckpointError
from fazhi.journal.hashing import (
    ALGORITHMS,
    COLUMNS,
    GENESIS_HASH,
    HASH,
    PREV_HASH,
    SEQ,
    TIME,
    AlgorithmUnavailable,
    HashFactory,
    canonical_row,
    canonical_time,
    canonical_time_from_sqlite,
    hash_factory,
)
from fazhi.journal.merkle import MerkleTree
from fazhi.journal.models import Entry

DEFAULT_CHUNK_SIZE = 20_000
_SHIFT_SEARCH = 16  # how far a renumbered entry is looked for when diagnosing a mismatch
# What a tampered column can make the canonical form or the driver raise.
_BAD_VALUE = (TypeError, ValueError, AttributeError, OverflowError, UnicodeError)

# Problem kinds
DELETED = "deleted"
INSERTED = "inserted"
TAMPERED = "tampered"
REORDERED = "reordered"
BROKEN_LINK = "broken_link"
UNREADABLE = "unreadable"
UNSUPPORTED = "unsupported"
TRUNCATED = "truncated"
REWRITTEN = "rewritten"


@dataclass(frozen=True)
class Problem:
    seq: int
    kind: str
    message: str


@dataclass(frozen=True)
class Report:
    """The outcome of a walk: how many entries were verified before any problem, and the problem, if any."""

    count: int
    last_hash: str
    problem: Problem | None = None
    merkle_root: str | None = None  # over the first `merkle_size` entries, when asked for
    merkle_size: int = 0

    @property
    def ok(self) -> bool:
        return self.problem is None


TimeText = Callable[[Any], str]


def _time_column() -> tuple[Expression | F, TimeText]:
    """How the verifier reads `recorded_at`: on SQLite the stored text as it is (Django's datetime parsing would cost
    more than the rest of the verification), elsewhere the datetime the driver builds."""
    if connection.vendor == "sqlite" and connection.timezone_name == "UTC":
        return Cast("recorded_at", output_field=TextField()), canonical_time_from_sqlite
    return F("recorded_at"), canonical_time


def _rows(chunk_size: int, *, from_seq: int) -> tuple[Iterator[tuple[Any, ...]], TimeText]:
    """Rows in COLUMNS order from entry `from_seq` on, streamed in sequence order, and how to turn their time value
    into canonical text."""
    source, to_text = _time_column()
    entries = Entry.objects.filter(seq__gte=from_seq) if from_seq > 1 else Entry.objects.all()
    rows = (
        entries.annotate(time_value=source)
        .order_by("seq")
        .values_list(*COLUMNS[:TIME], "time_value")  # the annotation last, as Django selects it: no reordering
        .iterator(chunk_size=chunk_size)
    )
    return rows, to_text


def _hash_of(row: tuple[Any, ...], seq: int, new: HashFactory, to_text: TimeText) -> str | None:
    try:
        return new(canonical_row((seq, *row[1:]), to_text(row[TIME]))).hexdigest()
    except _BAD_VALUE:
        return None


def _sequence_problem(seq: Any, expected: int) -> Problem:
    if type(seq) is not int:
        return Problem(expected, TAMPERED, f"第 {expected} 号记录被篡改：序号 {seq!r} 不是整数。")
    if seq < expected:
        return Problem(seq, INSERTED, f"第 {seq} 号记录不应存在：序号从 1 起连续编号（记录被插入）。")
    missing = f"第 {expected} 号" if seq == expected + 1 else f"第 {expected} 号至第 {seq - 1} 号"
    return Problem(seq, DELETED, f"第 {seq} 号记录之前缺少记录（被删除）：{missing}记录不存在，序号不连续。")


def _diagnose(row: tuple[Any, ...], new: HashFactory, to_text: TimeText, prev: str, content_ok: bool) -> Problem:
    """Name what happened to `row`, the first entry that fails. Called once per walk, so it may query and rehash."""
    seq: int = row[SEQ]
    stored_prev = row[PREV_HASH]
    linked_to = None
    if stored_prev != prev and isinstance(stored_prev, str):
        linked_to = Entry.objects.filter(hash=stored_prev).exclude(seq=seq - 1).values_list("seq", flat=True).first()
    # It links to an entry that now comes after it: entries were swapped or moved.
    if linked_to is not None and linked_to > seq:
        return Problem(
            seq, REORDERED, f"第 {seq} 号记录顺序错乱：它的前一哈希指向第 {linked_to} 号记录（记录被调换或重新排序）。"
        )
    if not content_ok:
        # Its content is intact under another number: entries before it were inserted or deleted and the rest
        # renumbered.
        for shift in range(1, _SHIFT_SEARCH + 1):
            for original in (seq - shift, seq + shift):
                if original >= 1 and _hash_of(row, original, new, to_text) == row[HASH]:
                    if original < seq:
                        kind, how = INSERTED, f"在它之前被插入了 {seq - original} 条记录"
                    else:
                        kind, how = DELETED, f"在它之前有 {original - seq} 条记录被删除"
                    return Problem(seq, kind, f"第 {seq} 号记录原为第 {original} 号：{how}，后续记录被重新编号。")
    if linked_to is not None:
        return Problem(
            seq, REORDERED, f"第 {seq} 号记录顺序错乱：它的前一哈希指向第 {linked_to} 号记录（记录被调换或重新排序）。"
        )
    if not content_ok:
        return Problem(seq, TAMPERED, f"第 {seq} 号记录被篡改：记录内容与其哈希不符。")
    if seq == 1:
        return Problem(seq, BROKEN_LINK, "第 1 号记录的前一哈希不是起始值：链的开头被改动（记录被插入或删除）。")
    return Problem(
        seq,
        BROKEN_LINK,
        f"第 {seq} 号记录保存的前一哈希与第 {seq - 1} 号记录的哈希不符：第 {seq - 1} 号记录被改写后重算了哈希，"
        f"或第 {seq} 号记录被替换（链接断开）。",
    )


def _algorithm_problem(seq: int, name: Any, exc: AlgorithmUnavailable) -> Problem:
    if name in ALGORITHMS:
        return Problem(seq, UNSUPPORTED, f"第 {seq} 号记录无法校验：{exc}")
    return Problem(seq, TAMPERED, f"第 {seq} 号记录被篡改：哈希算法 {name!r} 无法识别。")


class _Walk:
    """The state of a walk along the chain, so that it can carry on over a fresh query after a read error."""

    def __init__(self, merkle_size: int, merkle_algorithm: str) -> None:
        self.expected = 1
        self.prev = GENESIS_HASH
        self.merkle_size = merkle_size
        self.accumulator = MerkleTree(merkle_algorithm).accumulator() if merkle_size > 0 else None

    def run(self, rows: Iterator[tuple[Any, ...]], to_text: TimeText) -> Problem | None:
        """Check `rows` (which start at entry `expected`) until the first problem or the end."""
        # The hot loop: state in local variables, and only the few operations each entry needs.
        fromhex = bytes.fromhex
        expected, prev, accumulator, merkle_size = self.expected, self.prev, self.accumulator, self.merkle_size
        algorithm: Any = None
        new: HashFactory = hash_factory("sha256")
        try:
            for row in rows:
                seq = row[0]
                if seq != expected:
                    return _sequence_problem(seq, expected)
                if row[1] != algorithm:
                    try:
                        new = hash_factory(row[1])
                    except AlgorithmUnavailable as exc:
                        return _algorithm_problem(seq, row[1], exc)
                    algorithm = row[1]
                try:
                    digest: str | None = new(canonical_row(row, to_text(row[16]))).hexdigest()
                except _BAD_VALUE:
                    digest = None
                stored = row[15]
                if digest != stored or row[14] != prev:
                    return _diagnose(row, new, to_text, prev, content_ok=digest == stored)
                prev = stored
                if accumulator is not None and seq <= merkle_size:
                    accumulator.append(fromhex(stored))
                expected += 1
            return None
        finally:
            self.expected, self.prev = expected, prev


def _undecodable(exc: DatabaseError) -> bool:
    """SQLite's complaint about text that is not UTF-8 (bytes written straight into a column)."""
    return "decode" in str(exc).lower()


def verify_journal(
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    merkle_size: int = 0,
    merkle_algorithm: str = "sha256",
) -> Report:
    """Walk the whole journal. With `merkle_size`, also compute the Merkle tree hash over entries 1..merkle_size."""
    walk = _Walk(merkle_size, merkle_algorithm)
    rows, to_text = _rows(chunk_size, from_seq=1)
    # The rows are tuples that the cyclic garbage collector would keep scanning to no purpose (~7 % of the walk).
    collecting = gc.isenabled()
    gc.disable()
    try:
        while True:
            try:
                problem = walk.run(rows, to_text)
                break
            except DatabaseError as exc:
                if not _undecodable(exc):
                    raise
                if chunk_size == 1:
                    problem = Problem(
                        walk.expected, UNREADABLE, f"第 {walk.expected} 号记录被篡改：无法读取（{exc}）。"
                    )
                    break
                # A whole chunk failed to load: go on one row at a time to find the entry that cannot be read.
                chunk_size = 1
                rows, to_text = _rows(chunk_size, from_seq=walk.expected)
            except _BAD_VALUE as exc:  # a value Django's own conversion of a column chokes on
                problem = Problem(walk.expected, UNREADABLE, f"第 {walk.expected} 号记录被篡改：无法读取（{exc}）。")
                break
    finally:
        if collecting:
            gc.enable()
    accumulator = walk.accumulator
    root = None
    if accumulator is not None and accumulator.size == merkle_size:
        root = accumulator.root().hex()
    return Report(
        count=walk.expected - 1,
        last_hash=walk.prev,
        problem=problem,
        merkle_root=root,
        merkle_size=accumulator.size if accumulator is not None else 0,
    )


def verify_against_checkpoint(checkpoint: Checkpoint, *, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Report:
    """Walk the journal and check that its first n entries are the ones the checkpoint was taken over."""
    try:
        hash_factory(checkpoint.algorithm)
    except AlgorithmUnavailable as exc:
        raise CheckpointError(f"无法按检查点的算法 {checkpoint.algorithm} 校验：{exc}") from None
    n = checkpoint.tree_size
    report = verify_journal(chunk_size=chunk_size, merkle_size=n, merkle_algorithm=checkpoint.algorithm)
    if not report.ok:
        return report
    if report.count < n:
        problem = Problem(
            report.count + 1,
            TRUNCATED,
            f"检查点覆盖 {n} 条记录，但当前全过程记录只有 {report.count} 条："
            f"第 {report.count + 1} 号起的记录被删除（尾部被截断），或该检查点不属于本系统。",
        )
        return Report(report.count, report.last_hash, problem, report.merkle_root, report.merkle_size)
    entry_hash = Entry.objects.filter(seq=n).values_list("hash", flat=True).first()
    if entry_hash != checkpoint.last_entry_hash or report.merkle_root != checkpoint.root_hash:
        problem = Problem(
            n,
            REWRITTEN,
            f"前 {n} 条记录与检查点不符（第 {n} 号记录的哈希或默克尔根不同）："
            "历史记录被改写并重算了哈希，或该检查点不属于本系统。",
        )
        return Report(report.count, report.last_hash, problem, report.merkle_root, report.merkle_size)
    return report


def make_checkpoint(*, chunk_size: int = DEFAULT_CHUNK_SIZE, algorithm: str | None = None) -> tuple[Report, Checkpoint]:
    """Verify the journal and take a checkpoint over all of it. Raises CheckpointError if it is empty or broken."""
    last = Entry.objects.order_by("-seq").values_list("seq", "algorithm").first()
    if last is None:
        raise CheckpointError("全过程记录是空的，没有可写入检查点的记录。")
    n, last_algorithm = last
    tree_algorithm = algorithm or last_algorithm
    try:
        hash_factory(tree_algorithm)
    except AlgorithmUnavailable as exc:
        raise CheckpointError(str(exc)) from None
    report = verify_journal(chunk_size=chunk_size, merkle_size=n, merkle_algorithm=tree_algorithm)
    if not report.ok:
        assert report.problem is not None
        raise CheckpointError(f"全过程记录校验未通过，不写检查点：{report.problem.message}")
    last_entry_hash = Entry.objects.filter(seq=n).values_list("hash", flat=True).first()
    if report.merkle_root is None or report.count < n or last_entry_hash is None:
        raise CheckpointError("校验期间全过程记录发生了变化，请重试。")
    created_at = timezone.localtime(timezone.now()).isoformat(timespec="seconds")
    checkpoint = Checkpoint(
        algorithm=tree_algorithm,
        tree_size=n,
        root_hash=report.merkle_root,
        last_entry_hash=last_entry_hash,
        created_at=created_at,
    )
    return report, checkpoint
