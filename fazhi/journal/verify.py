"""Walking the journal: recompute every entry's hash from its columns, check the chain, compare with a checkpoint.

The walk streams (seq, columns…) in sequence order and stops at the first problem, which it names in Chinese:
a gap in the sequence (deleted), an entry whose columns no longer give its hash (tampered), an entry that links to the
wrong predecessor (reordered, inserted or rewritten). A chain cannot see its own tail cut off, nor a history rewritten
from some point on with every later hash recomputed; a checkpoint kept outside the database can
(`verify_against_checkpoint`).

A long journal is walked in two processes at once (`workers=2`), this one and a forked child, in blocks of a power of
two entries that each takes as it goes, so that neither waits long for the other when the machine runs one slower.
Each block is walked on its own, taking its first link on trust; the blocks are then joined in order, checking each
link between them, and the blocks' Merkle subtrees compose into the tree hash as RFC 6962 builds it. From the first
block that is not whole and intact, or does not link to the one before, this process walks on itself, so that every
problem is named by the same code and the result never depends on the number of processes.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from django.db import DatabaseError, connection, connections
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

# Rows fetched at a time. Small batches keep the rows in the processor's caches (on SQLite a walk is ~15 % faster
# with 500 than with 20,000) and still make few round trips to PostgreSQL (its walk is no faster with larger ones).
DEFAULT_CHUNK_SIZE = 500
# Below this many entries a second process saves less than forking and reconnecting cost.
PARALLEL_THRESHOLD = 50_000
# About how many blocks a walk in two processes cuts the journal into: enough that a process the machine runs slower
# ends up with fewer of them, few enough that the query for each costs nothing much.
_BLOCKS = 32
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


TimeText = Callable[[Any], str]


def _time_column() -> tuple[Expression | F, TimeText]:
    """How the verifier reads `recorded_at`: on SQLite the stored text as it is (Django's datetime parsing would cost
    more than the rest of the verification), elsewhere the datetime the driver builds."""
    if connection.vendor == "sqlite" and connection.timezone_name == "UTC":
        return Cast("recorded_at", output_field=TextField()), canonical_time_from_sqlite
    return F("recorded_at"), canonical_time


def _rows(chunk_size: int, *, from_seq: int, to_seq: int | None = None) -> tuple[Iterator[tuple[Any, ...]], TimeText]:
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


class _Walk:
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

    def adopt(self, piece: _Piece) -> None:
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


def _drive(walk: _Walk, chunk_size: int) -> Problem | None:
    """Walk the entries from `walk.expected` on, going on after a chunk that cannot be read."""
    rows, to_text = _rows(chunk_size, from_seq=walk.expected)
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
            rows, to_text = _rows(chunk_size, from_seq=walk.expected)
        except _BAD_VALUE as exc:  # a value Django's own conversion of a column chokes on
            return Problem(walk.expected, UNREADABLE, f"第 {walk.expected} 号记录被篡改：无法读取（{exc}）。")


# --- Two processes -------------------------------------------------------------------------------------------------


def default_workers() -> int:
    """Two processes where there are two cores to run them."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def workers_option(value: Any) -> int:
    """The number of processes given to a command (`--workers`), or ValueError with a message in Chinese."""
    if value is None:
        return default_workers()
    text = str(value).strip()
    if text not in ("1", "2"):
        raise ValueError(f"--workers 只能是 1 或 2（校验时使用的进程数），不能是 {value!r}。")
    return int(text)


@dataclass(frozen=True)
class _Piece:
    """What a walk over one block found."""

    problem: Problem | None
    count: int  # entries verified
    first_prev: Any  # the stored previous hash of the block's first entry, taken on trust
    last_hash: str
    subtrees: list[bytes]  # the block's Merkle leaves, as full subtrees (MerkleAccumulator.subtrees)
    leaves: int


def _can_fork() -> bool:
    """Whether a forked process can see what this one sees, on its own connection."""
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return False
    if multiprocessing.current_process().daemon:  # a daemonic process may not have children
        return False
    # Inside a transaction another process cannot see uncommitted rows, and closing the connection would end it.
    if any(alias.in_atomic_block for alias in connections.all(initialized_only=True)):
        return False
    if connection.vendor == "sqlite":
        name = connection.settings_dict["NAME"]
        if not name or (isinstance(name, str) and (name == ":memory:" or "mode=memory" in name)):
            return False  # an in-memory database belongs to the connection that made it
    return True


def _last_seq() -> int | None:
    last = Entry.objects.order_by("-seq").values_list("seq", flat=True).first()
    return int(last) if type(last) is int else None  # SQLite keeps a tampered text number as text, and sorts it last


class _Blocks:
    """The journal cut into blocks of `size` entries (a power of two; the last block runs to the end), handed out
    from the front to this process and from the back to the child, so that a process running slower walks fewer.
    Each starts with its own end block, so both always take part.

    As `size` is a power of two, each block's Merkle subtrees are subtrees of the whole tree (RFC 6962 §2.1), so the
    tree hash composes from the blocks' subtrees whoever walked them.
    """

    def __init__(self, context: Any, last: int) -> None:
        # At least two blocks (last >= 2): the largest power of two up to last / _BLOCKS, and at least 1.
        self.size = 1 << max((last // _BLOCKS).bit_length() - 1, 0)
        self.count = (last - 1) // self.size + 1
        self.last = last
        self._lock = context.Lock()
        self._bounds = context.RawArray("q", [1, self.count - 1])  # the blocks still to hand out: [front, back)

    def take(self, *, from_back: bool) -> int | None:
        with self._lock:
            front: int = self._bounds[0]
            back: int = self._bounds[1]
            if front >= back:
                return None
            if from_back:
                self._bounds[1] = back - 1
                return back - 1
            self._bounds[0] = front + 1
            return front

    def give_up_after(self, index: int) -> None:
        """Block `index` cannot be trusted: the blocks after it will not be used."""
        with self._lock:
            self._bounds[1] = min(self._bounds[1], index + 1)

    def walk(self, index: int, chunk_size: int, merkle_size: int, merkle_algorithm: str) -> _Piece | None:
        """Walk one block, taking its first entry's link on trust (the parent checks it); None if it is empty."""
        start = index * self.size
        to_seq = start + self.size if index < self.count - 1 else None
        rows, to_text = _rows(chunk_size, from_seq=start + 1, to_seq=to_seq)
        first = next(rows, None)
        if first is None:
            return None
        walk = _Walk(merkle_size, merkle_algorithm, start=start + 1, prev=first[PREV_HASH])
        problem = walk.run(itertools.chain((first,), rows), to_text)
        accumulator = walk.accumulator
        return _Piece(
            problem=problem,
            count=walk.expected - 1 - start,
            first_prev=first[PREV_HASH],
            last_hash=walk.prev,
            subtrees=accumulator.subtrees() if accumulator is not None else [],
            leaves=accumulator.size if accumulator is not None else 0,
        )

    def walk_share(self, *, from_back: bool, chunk_size: int, merkle_size: int, algorithm: str) -> dict[int, Any]:
        """Walk blocks until none is left; a block that failed in any way maps to None."""
        found: dict[int, _Piece | None] = {}
        index: int | None = self.count - 1 if from_back else 0
        while index is not None:
            piece = None
            # Whatever the error, the parent walks this block again itself, and reports what it finds.
            with contextlib.suppress(Exception):
                piece = self.walk(index, chunk_size, merkle_size, algorithm)
            found[index] = piece
            if not self.whole(piece, index):
                self.give_up_after(index)
            index = self.take(from_back=from_back)
        return found

    def whole(self, piece: _Piece | None, index: int) -> bool:
        """Whether the walk over block `index` found it complete and intact (its link to the block before aside)."""
        if piece is None or piece.problem is not None:
            return False
        return piece.count == self.size if index < self.count - 1 else piece.count >= self.last - index * self.size


def _walk_child_share(sender: Connection, blocks: _Blocks, chunk_size: int, merkle_size: int, algorithm: str) -> None:
    """The child process's work: walk blocks from the back and send what it found."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which then ends this process
    try:
        found: dict[int, Any] = {}
        with contextlib.suppress(Exception):  # what is missing, the parent walks itself
            found = blocks.walk_share(
                from_back=True, chunk_size=chunk_size, merkle_size=merkle_size, algorithm=algorithm
            )
        with contextlib.suppress(OSError):  # the parent may have stopped listening
            sender.send(found)
    finally:
        sender.close()
        connections.close_all()


def _walk_in_two(walk: _Walk, chunk_size: int, last: int) -> tuple[Problem | None, int]:
    """Walk the journal in blocks shared with a forked child; then join the blocks in order, and where one cannot be
    trusted (a problem, a short count, a link to the wrong predecessor), walk on from there in this process.
    Returns the problem and the number of processes that walked entries."""
    connections.close_all()  # each process opens its own connection: none may use the other's socket or handle
    context = multiprocessing.get_context("fork")
    blocks = _Blocks(context, last)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_walk_child_share,
        args=(sender, blocks, chunk_size, walk.merkle_size, walk.merkle_algorithm),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        found = blocks.walk_share(
            from_back=False, chunk_size=chunk_size, merkle_size=walk.merkle_size, algorithm=walk.merkle_algorithm
        )
        from_child: dict[int, Any] = {}
        with contextlib.suppress(EOFError, OSError):  # the child died without an answer
            from_child = receiver.recv()
        found |= from_child
        for index in range(blocks.count):
            piece = found.get(index)
            if piece is None or not blocks.whole(piece, index) or piece.first_prev != walk.prev:
                break
            walk.adopt(piece)
        else:
            return None, 1 + bool(from_child)
        # Whatever is wrong from here on is named here, by the same walk as in one process.
        return _drive(walk, chunk_size), 1 + bool(from_child)
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()


# --- Verification --------------------------------------------------------------------------------------------------


def verify_journal(
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    merkle_size: int = 0,
    merkle_algorithm: str = "sha256",
    workers: int | None = None,
    parallel_threshold: int | None = None,
) -> Report:
    """Walk the whole journal. With `merkle_size`, also compute the Merkle tree hash over entries 1..merkle_size.

    `workers`: 1 or 2 processes (default: 2 on a machine with two cores or more). Two are used only for journals of
    at least `parallel_threshold` entries (default PARALLEL_THRESHOLD), outside a transaction, and not on an
    in-memory SQLite database.
    """
    processes = default_workers() if workers is None else workers
    if processes not in (1, 2):
        raise ValueError(f"workers 只能是 1 或 2，不能是 {workers!r}。")
    walk = _Walk(merkle_size, merkle_algorithm)
    # The rows are tuples that the cyclic garbage collector would keep scanning to no purpose (~7 % of the walk).
    collecting = gc.isenabled()
    gc.disable()
    try:
        threshold = PARALLEL_THRESHOLD if parallel_threshold is None else parallel_threshold
        last = _last_seq() if processes > 1 and _can_fork() else None
        if last is None or last < max(threshold, 2):
            processes = 1
            problem = _drive(walk, chunk_size)
        else:
            problem, processes = _walk_in_two(walk, chunk_size, last)
    finally:
        if collecting:
            gc.enable()
    root, size = walk.merkle()
    return Report(
        count=walk.expected - 1,
        last_hash=walk.prev,
        problem=problem,
        merkle_root=root,
        merkle_size=size,
        processes=processes,
    )


def verify_against_checkpoint(
    checkpoint: Checkpoint,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    workers: int | None = None,
    parallel_threshold: int | None = None,
) -> Report:
    """Walk the journal and check that its first n entries are the ones the checkpoint was taken over."""
    try:
        hash_factory(checkpoint.algorithm)
    except AlgorithmUnavailable as exc:
        raise CheckpointError(f"无法按检查点的算法 {checkpoint.algorithm} 校验：{exc}") from None
    n = checkpoint.tree_size
    report = verify_journal(
        chunk_size=chunk_size,
        merkle_size=n,
        merkle_algorithm=checkpoint.algorithm,
        workers=workers,
        parallel_threshold=parallel_threshold,
    )
    if not report.ok:
        return report
    if report.count < n:
        problem = Problem(
            report.count + 1,
            TRUNCATED,
            f"检查点覆盖 {n} 条记录，但当前全过程记录只有 {report.count} 条："
            f"第 {report.count + 1} 号起的记录被删除（尾部被截断），或该检查点不属于本系统。",
        )
        return Report(report.count, report.last_hash, problem, report.merkle_root, report.merkle_size, report.processes)
    entry_hash = Entry.objects.filter(seq=n).values_list("hash", flat=True).first()
    if entry_hash != checkpoint.last_entry_hash or report.merkle_root != checkpoint.root_hash:
        problem = Problem(
            n,
            REWRITTEN,
            f"前 {n} 条记录与检查点不符（第 {n} 号记录的哈希或默克尔根不同）："
            "历史记录被改写并重算了哈希，或该检查点不属于本系统。",
        )
        return Report(report.count, report.last_hash, problem, report.merkle_root, report.merkle_size, report.processes)
    return report


def make_checkpoint(
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    algorithm: str | None = None,
    workers: int | None = None,
    parallel_threshold: int | None = None,
) -> tuple[Report, Checkpoint]:
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
    report = verify_journal(
        chunk_size=chunk_size,
        merkle_size=n,
        merkle_algorithm=tree_algorithm,
        workers=workers,
        parallel_threshold=parallel_threshold,
    )
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
