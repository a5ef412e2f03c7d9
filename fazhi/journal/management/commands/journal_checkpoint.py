"""manage.py journal_checkpoint --out FILE: write a checkpoint of the journal to keep outside the database."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.journal.hashing import ALGORITHMS
from fazhi.journal.management.options import add_walk_arguments, walk_errors, walk_options
from fazhi.journal.verify import make_checkpoint


class Command(BaseCommand):
    help = (
        "校验全过程记录后写出检查点：第 1 至 n 条记录的默克尔树根哈希（RFC 6962）、n、算法、第 n 条记录的哈希和时间。"
        "请把检查点文件保存在数据库之外（归档、另一台机器、公示），日后用 verify_journal --checkpoint 核对。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, metavar="FILE", help="检查点文件的路径")
        parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")
        parser.add_argument("--algorithm", choices=ALGORITHMS, help="默克尔树使用的哈希算法（默认与最后一条记录相同）")
        add_walk_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        chunk_size, workers = walk_options(options)
        if out.is_dir():
            raise CommandError(f"{out} 是目录，请给出文件路径。")
        if out.exists() and not options["force"]:
            raise CommandError(f"文件 {out} 已存在；确需覆盖请加 --force。")
        if not out.parent.is_dir():
            raise CommandError(f"目录 {out.parent} 不存在。")
        with walk_errors():
            report, checkpoint = make_checkpoint(chunk_size=chunk_size, algorithm=options["algorithm"], workers=workers)
        try:
            _write_atomically(out, checkpoint.to_json())
        except OSError as exc:
            raise CommandError(f"无法写入检查点文件 {out}：{exc.strerror or exc}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"已写出检查点 {out}：覆盖第 1 至 {checkpoint.tree_size} 条记录，"
                f"{checkpoint.algorithm} 默克尔根 {checkpoint.root_hash}（已校验 {report.count} 条记录）。"
            )
        )


def _write_atomically(path: Path, text: str) -> None:
    fd, temporary = tempfile.mkstemp(prefix=".checkpoint-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
