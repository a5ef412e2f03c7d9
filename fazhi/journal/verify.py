"""Verifying the journal: walk every entry and check the chain, compare with a checkpoint, take a checkpoint.

A chain cannot see its own tail cut off, nor a history rewritten from some point on with every later hash
recomputed; a checkpoint kept outside the database can (`verify_against_checkpoint`). How one entry after another is
checked and each problem named is in `fazhi.journal.walk`; how a long journal is walked in two processes at once,
with the same result as in one, in `fazhi.journal.parallel`.
"""

from __future__ import annotations

import gc

from django.utils import timezone

from fazhi.journal.checkpoint import Checkpoint, CheckpointError
from fazhi.journal.hashing import AlgorithmUnavailable, hash_factory
from fazhi.journal.models import Entry
from fazhi.journal.parallel import can_fork, default_workers, last_seq, walk_in_two, workers_option
from fazhi.journal.walk import (
    BROKEN_LINK,
    DELETED,
    INSERTED,
    REORDERED,
    REWRITTEN,
    TAMPERED,
    TRUNCATED,
    UNREADABLE,
    UNSUPPORTED,
    Problem,
    Report,
    Walk,
    drive,
)

__all__ = [
    "BROKEN_LINK",
    "DEFAULT_CHUNK_SIZE",
    "DELETED",
    "INSERTED",
    "PARALLEL_THRESHOLD",
    "REORDERED",
    "REWRITTEN",
    "TAMPERED",
    "TRUNCATED",
    "UNREADABLE",
    "UNSUPPORTED",
    "Problem",
    "Report",
    "default_workers",
    "make_checkpoint",
    "verify_against_checkpoint",
    "verify_journal",
    "workers_option",
]


# Rows fetched at a time. Small batches keep the rows in the processor's caches (on SQLite a walk is ~15 % faster
# with 500 than with 20,000) and still make few round trips to PostgreSQL (its walk is no faster with larger ones).
DEFAULT_CHUNK_SIZE = 500
# Below this many entries a second process saves less than forking and reconnecting cost.
PARALLEL_THRESHOLD = 50_000


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
    walk = Walk(merkle_size, merkle_algorithm)
    # The rows are tuples that the cyclic garbage collector would keep scanning to no purpose (~7 % of the walk).
    collecting = gc.isenabled()
    gc.disable()
    try:
        threshold = PARALLEL_THRESHOLD if parallel_threshold is None else parallel_threshold
        last = last_seq() if processes > 1 and can_fork() else None
        if last is None or last < max(threshold, 2):
            processes = 1
            problem = drive(walk, chunk_size)
        else:
            problem, processes = walk_in_two(walk, chunk_size, last)
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
