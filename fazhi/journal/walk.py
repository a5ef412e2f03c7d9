"""Walking the chain: recompute every entry's hash from its columns, check each link, name the first problem.

The walk streams (seq, columns…) in sequence order and stops at the first problem, which it names in Chinese:
a gap in the sequence (deleted), an entry whose columns no longer give its hash (tampered), an entry that links to the
wrong predecessor (reordered, inserted or rewritten). `fazhi.journal.verify` drives it over the whole journal, in one
process or, through `fazhi.journal.parallel`, in two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import Expression, F, TextField
from django.db.models.functions import Cast

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
    processes: int = 1  # how many processes walked entries

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class Piece:
    """What a walk over one block of the journal found (see `fazhi.journal.parallel`)."""

    problem: Problem | None
    count: int  # entries verified
    first_prev: Any  # the stored previous hash of the block's first entry, taken on trust
    last_hash: str
    subtrees: list[bytes]  # the block's Merkle leaves, as full subtrees (MerkleAccumulator.subtrees)
    leaves: int


TimeText = Callable[[Any], str]


def _time_column() -> tuple[Expression | F, TimeText]:
    """How the verifier reads `recorded_at`: on SQLite the stored text as it is (Django's datetime parsing would cost
    more than the rest of the verification), elsewhere the datetime the driver builds."""
    if connection.vendor == "sqlite" and connection.timezone_name == "UTC":
        return Cast("recorded_at", output_field=TextField()), canonical_time_from_sqlite
    return F("recorded_at"), canonical_time


def stream_rows(
    chunk_size: int, *, from_seq: int, to_seq: int | None = None
) -> tuple[Iterator[tuple[Any, ...]], TimeText]:
    """Rows in COLUMNS order after entry `from_seq - 1` (up to entry `to_seq`), streamed in sequence order, and how
    to turn their time value into canonical text.

    "After from_seq - 1" rather than "from from_seq": SQLite keeps a tampered non-integer sequence number such as
    5.5 as it is, and a walk that resumes at entry 6 must still meet it, as a walk from the start would.
    """
    source, to_text = _time_column()
    entries = Entry.objects.filter(seq__gt=from_seq - 1) if from_seq > 1 else Entry.objects.all()
    if to_seq is not None:
        entries = entries.filter(seq__lte=to_seq)
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


class Walk:
    """The state of a walk along the chain, so that it can carry on over a fresh query after a read error, or after
    the entries another process walked."""

    def __init__(self, merkle_size: int, merkle_algorithm: str, *, start: int = 1, prev: str = GENESIS_HASH) -> None:
        self.expected = start
        self.prev = prev
        self.merkle_size = merkle_size
        self.merkle_algorithm = merkle_algorithm
        # Leaves for entries start..merkle_size; with start > 1 their tree hash is MTH(D[start - 1:merkle_size]).
        self.accumulator = MerkleTree(merkle_algorithm).accumulator() if merkle_size >= start else None

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

    def adopt(self, piece: Piece) -> None:
        """Carry on after a block another walk verified, as if this walk had checked it."""
        self.expected += piece.count
        self.prev = piece.last_hash
        if piece.leaves:
            assert self.accumulator is not None
            self.accumulator.extend_with(piece.subtrees, piece.leaves)

    def merkle(self) -> tuple[str | None, int]:
        """The tree hash over entries 1..merkle_size if the walk got that far, and how many leaves it has."""
        accumulator = self.accumulator
        if accumulator is None:
            return None, 0
        return (accumulator.root().hex() if accumulator.size == self.merkle_size else None), accumulator.size


def _undecodable(exc: DatabaseError) -> bool:
    """SQLite's complaint about text that is not UTF-8 (bytes written straight into a column)."""
    return "decode" in str(exc).lower()


def drive(walk: Walk, chunk_size: int) -> Problem | None:
    """Walk the entries from `walk.expected` on, going on after a chunk that cannot be read."""
    rows, to_text = stream_rows(chunk_size, from_seq=walk.expected)
    while True:
        try:
            return walk.run(rows, to_text)
        except DatabaseError as exc:
            if not _undecodable(exc):
                raise
            if chunk_size == 1:
                return Problem(walk.expected, UNREADABLE, f"第 {walk.expected} 号记录被篡改：无法读取（{exc}）。")
            # A whole chunk failed to load: go on one row at a time to find the entry that cannot be read.
            chunk_size = 1
            rows, to_text = stream_rows(chunk_size, from_seq=walk.expected)
        except _BAD_VALUE as exc:  # a value Django's own conversion of a column chokes on
            return Problem(walk.expected, UNREADABLE, f"第 {walk.expected} 号记录被篡改：无法读取（{exc}）。")
