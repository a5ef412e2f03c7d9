"""What the journal's commands (verify_journal, journal_checkpoint) share: the options of a walk and its errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import DatabaseError

from fazhi.journal.checkpoint import CheckpointError
from fazhi.journal.verify import DEFAULT_CHUNK_SIZE, PARALLEL_THRESHOLD, workers_option


def add_walk_arguments(parser: CommandParser) -> None:
    """--chunk-size and --workers."""
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help="每批读取的记录数（默认 %(default)s）",
    )
    parser.add_argument(
        "--workers",
        metavar="N",
        help=f"校验使用的进程数：1 或 2（默认：两核及以上为 2；记录不足 {PARALLEL_THRESHOLD:,} 条时只用 1 个）",
    )


def walk_options(options: dict[str, Any]) -> tuple[int, int]:
    """The chunk size and the number of processes the options give, or CommandError."""
    chunk_size: int = options["chunk_size"]
    if chunk_size < 1:
        raise CommandError("--chunk-size 必须是正整数。")
    try:
        workers = workers_option(options["workers"])
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    return chunk_size, workers


@contextmanager
def walk_errors() -> Iterator[None]:
    """Turn a bad checkpoint or a journal that cannot be read into CommandError."""
    try:
        yield
    except CheckpointError as exc:
        raise CommandError(str(exc)) from None
    except DatabaseError as exc:
        raise CommandError(f"无法读取全过程记录：{exc}") from None
