"""manage.py restore DIR [--force] [--checkpoint FILE]: restore a backup of `backup`, then verify the journal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.backup.manifest import PROBLEM_LABELS, VENDOR_NAMES
from fazhi.backup.operations import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "从 backup 命令写出的备份目录恢复数据库和证据文件。动手之前先核对备份清单中每个文件的 SHA-256、数据库类型和"
        "迁移版本；当前数据库已有数据时须加 --force。恢复后对照备份中最后公示的检查点（以及 --checkpoint 给出的、"
        "另行保存的检查点）和备份时的最后一条记录校验全过程记录，并记入全过程记录（system.restore）。"
        "校验通过时退出码为 0，否则非 0。恢复前请先停止应用服务。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", metavar="DIR", help="备份目录（其中有 manifest.json）")
        parser.add_argument("--force", action="store_true", help="当前数据库已有数据时仍然恢复（覆盖现有数据）")
        parser.add_argument(
            "--checkpoint", metavar="FILE", help="另行保存的检查点文件（如从门户网站下载的），恢复后一并核对"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoint = Path(options["checkpoint"]) if options["checkpoint"] else None
        try:
            result = restore_backup(Path(options["folder"]), force=options["force"], checkpoint_file=checkpoint)
        except BackupError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"已核对备份清单中 {result.files_checked} 个文件的 SHA-256。")
        self.stdout.write(
            f"已恢复 {VENDOR_NAMES[result.vendor]} 数据库；证据文件恢复 {result.evidence_copied} 个，"
            f"{result.evidence_unchanged} 个已存在且内容相同。"
        )
        for item in result.evidence_problems:
            label = PROBLEM_LABELS.get(str(item.get("problem")), str(item.get("problem")))
            self.stderr.write(f"注意：证据文件 {item.get('name')} 备份时{label}，备份中没有它。")
        if result.migrations_behind:
            self.stderr.write(
                f"注意：备份早于当前程序（缺少 {result.migrations_behind} 个数据库迁移），请运行 manage.py migrate。"
            )
        for line in result.verification[:-1]:
            self.stdout.write(line)
        if not result.journaled:
            self.stderr.write(f"注意：{result.journal_note}")
        if not result.verified:
            raise CommandError(result.verification[-1], returncode=2)
        self.stdout.write(self.style.SUCCESS(result.verification[-1]))
        self.stdout.write("已记入全过程记录（从备份恢复）。请重新启动应用服务。")
