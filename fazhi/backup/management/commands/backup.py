"""manage.py backup --out DIR: back up the database, the evidence files and the last published checkpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.backup.manifest import PROBLEM_LABELS, VENDOR_NAMES
from fazhi.backup.operations import BackupError, take_backup


class Command(BaseCommand):
    help = (
        "备份数据库（SQLite 在线备份，运行中也一致；PostgreSQL 用 pg_dump）、全部证据文件（逐个核对登记的 SHA-256）"
        "和最后公示的全过程记录检查点，写入 --out 目录下以时间命名的子目录，附备份清单 manifest.json（每个文件的 "
        "SHA-256）。备份写入全过程记录（system.backup，含清单的 SHA-256）。用 restore 命令恢复。成功时退出码为 0；"
        "有证据文件缺失或与登记的哈希不符时，备份照常写出，但退出码为 1。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, metavar="DIR", help="存放备份的目录（不存在时自动创建）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = take_backup(Path(options["out"]))
        except BackupError as error:
            raise CommandError(error.message) from None
        checkpoint = (
            f"最后公示的检查点覆盖第 1 至 {result.checkpoint_size} 条记录"
            if result.checkpoint_size is not None
            else "尚未公示过检查点（建议每日运行 publish_checkpoint）"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"已写出备份 {result.folder}：{VENDOR_NAMES[result.vendor]} 数据库"
                f"（全过程记录 {result.journal_head} 条），"
                f"{result.evidence_count} 个证据文件，{checkpoint}。"
            )
        )
        self.stdout.write(f"备份清单 manifest.json 的 SHA-256：{result.manifest_sha256}")
        if result.journaled:
            self.stdout.write("已记入全过程记录（备份数据）。")
        else:
            self.stderr.write(f"注意：{result.journal_note}")
        if result.problems:
            listed = "、".join(
                f"{item['name']}（{PROBLEM_LABELS.get(item['problem'], item['problem'])}）"
                for item in result.problems[:10]
            )
            more = f" 等 {len(result.problems)} 个" if len(result.problems) > 10 else ""
            raise CommandError(f"备份已写出，但以下证据文件未能备份：{listed}{more}。请核查证据目录。")
