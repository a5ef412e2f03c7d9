"""manage.py load_standard FILE --effective-from DATE [--name NAME] [--check]: load the bureau's discretionary
standard (format: docs/standards-format.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.law.actions import LawActionError, load_standard
from fazhi.rules.standards import StandardDataError, parse_standard_csv


class Command(BaseCommand):
    help = (
        "导入本局发布的行政处罚裁量基准（CSV，格式见 docs/standards-format.md），自 --effective-from 日期起施行；"
        "文件有误时逐项指出行号和列。--check 只校验不导入。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="裁量基准文件（CSV，UTF-8）")
        parser.add_argument("--effective-from", required=True, metavar="DATE", help="施行日期 YYYY-MM-DD")
        parser.add_argument("--name", default="", help="名称（默认取文件名）")
        parser.add_argument("--check", action="store_true", help="只校验文件，不导入")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            effective_from = dt.date.fromisoformat(options["effective_from"])
        except ValueError:
            raise CommandError(f"施行日期“{options['effective_from']}”应为 YYYY-MM-DD") from None
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"无法读取 {path}：{error}") from None
        name = options["name"] or path.stem
        if options["check"]:
            try:
                parse_standard_csv(text, source=path.name, key="check", name=name, effective_from=effective_from)
            except StandardDataError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"{path.name} 校验通过。")
            return
        try:
            version = load_standard(
                actor=None, text=text, source_name=path.name, name=name, effective_from=effective_from
            )
        except LawActionError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"已导入“{version.name}”，自 {version.effective_from:%Y-%m-%d} 起施行（SHA-256 {version.sha256}）。"
        )
