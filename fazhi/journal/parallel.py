"""Walking the journal in two processes at once: this one and a forked child.

A long journal is walked in blocks of a power of two entries that each process takes as it goes, so that neither
waits long for the other when the machine runs one slower. Each block is walked on its own, taking its first link on
trust; the blocks are then joined in order, checking each link between them, and the blocks' Merkle subtrees compose
into the tree hash as RFC 6962 builds it. From the first block that is not whole and intact, or does not link to the
one before, this process walks on itself, so that every problem is named by the same code and the result never
depends on the number of processes.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import sys
from multiprocessing.connection import Connection
from typing import Any

from django.db import connection, connections

from fazhi.journal.hashing import PREV_HASH
from fazhi.journal.models import Entry
from fazhi.journal.walk import Piece, Problem, Walk, drive, stream_rows

# About how many blocks a walk in two processes cuts the journal into: enough that a process the machine runs slower
# ends up with fewer of them, few enough that the query for each costs nothing much.
_BLOCKS = 32


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


def can_fork() -> bool:
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


def last_seq() -> int | None:
    last = Entry.objects.order_by("-seq").values_list("seq", flat=True).first()
    return int(last) if type(last) is int else None  # SQLite keeps a tampered text number as text, and sorts it last


class Blocks:
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

    def walk(self, index: int, chunk_size: int, merkle_size: int, merkle_algorithm: str) -> Piece | None:
        """Walk one block, taking its first entry's link on trust (the parent checks it); None if it is empty."""
        start = index * self.size
        to_seq = start + self.size if index < self.count - 1 else None
        rows, to_text = stream_rows(chunk_size, from_seq=start + 1, to_seq=to_seq)
        first = next(rows, None)
        if first is None:
            return None
        walk = Walk(merkle_size, merkle_algorithm, start=start + 1, prev=first[PREV_HASH])
        problem = walk.run(itertools.chain((first,), rows), to_text)
        accumulator = walk.accumulator
        return Piece(
            problem=problem,
            count=walk.expected - 1 - start,
            first_prev=first[PREV_HASH],
            last_hash=walk.prev,
            subtrees=accumulator.subtrees() if accumulator is not None else [],
            leaves=accumulator.size if accumulator is not None else 0,
        )

    def walk_share(self, *, from_back: bool, chunk_size: int, merkle_size: int, algorithm: str) -> dict[int, Any]:
        """Walk blocks until none is left; a block that failed in any way maps to None."""
        found: dict[int, Piece | None] = {}
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

    def whole(self, piece: Piece | None, index: int) -> bool:
        """Whether the walk over block `index` found it complete and intact (its link to the block before aside)."""
        if piece is None or piece.problem is not None:
            return False
        return piece.count == self.size if index < self.count - 1 else piece.count >= self.last - index * self.size


def _walk_child_share(sender: Connection, blocks: Blocks, chunk_size: int, merkle_size: int, algorithm: str) -> None:
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


def walk_in_two(walk: Walk, chunk_size: int, last: int) -> tuple[Problem | None, int]:
    """Walk the journal in blocks shared with a forked child; then join the blocks in order, and where one cannot be
    trusted (a problem, a short count, a link to the wrong predecessor), walk on from there in this process.
    Returns the problem and the number of processes that walked entries."""
    connections.close_all()  # each process opens its own connection: none may use the other's socket or handle
    context = multiprocessing.get_context("fork")
    blocks = Blocks(context, last)
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
        return drive(walk, chunk_size), 1 + bool(from_child)
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()
