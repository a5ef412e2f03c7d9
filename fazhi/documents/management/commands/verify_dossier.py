"""manage.py verify_dossier FILE.zip: check every file of an exported dossier against its manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.documents.dossier import DossierError, verify_dossier


class Command(BaseCommand):
    help = "校验导出的案件卷宗（ZIP）：逐个文件核对清单中的哈希值，指出被改动、增加或删除的文件。完好时退出码为 0。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE.zip", help="由 export_dossier 导出的卷宗")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"找不到卷宗文件：{path}") from None
        except IsADirectoryError:
            raise CommandError(f"{path} 是目录，不是卷宗文件。") from None
        except OSError as exc:
            raise CommandError(f"无法读取卷宗文件 {path}：{exc.strerror or exc}") from None
        try:
            problems = verify_dossier(data)
        except DossierError as exc:
            raise CommandError(f"{path}：{exc}") from None
        if problems:
            raise CommandError(f"卷宗 {path} 校验未通过：" + "".join(problems), returncode=2)
        self.stdout.write(self.style.SUCCESS(f"卷宗完好：{path} 中的全部文件与清单一致。"))
