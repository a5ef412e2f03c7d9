"""manage.py load_standard FILE --effective-from DATE [--name NAME] [--check]: load the bureau's discretionary
standard, a CSV or an Excel workbook (format: docs/standards-format.md); --check prints the preview instead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from fazhi.law import queries
from fazhi.law.actions import LawActionError, load_standard
from fazhi.law.preview import preview_standard, preview_text
from fazhi.law.standard_files import MAX_FILE_BYTES, StandardFileError, parse_standard_file


class Command(BaseCommand):
    help = (
        "导入本局发布的行政处罚裁量基准（CSV 或 Excel 工作簿 .xlsx，格式见 docs/standards-format.md），"
        "自 --effective-from 日期起施行；文件有误时逐项指出工作表、行和列。"
        "--check 只校验不导入，并按违法行为列出各裁量阶次的条件、幅度和计算示例。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="裁量基准文件（.csv，UTF-8；或 .xlsx）")
        parser.add_argument("--effective-from", required=True, metavar="DATE", help="施行日期 YYYY-MM-DD")
        parser.add_argument("--name", default="", help="名称（默认取文件名）")
        parser.add_argument("--check", action="store_true", help="只校验文件并预览，不导入")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            effective_from = dt.date.fromisoformat(options["effective_from"])
        except ValueError:
            raise CommandError(f"施行日期“{options['effective_from']}”应为 YYYY-MM-DD") from None
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(f"{path.name} 过大，上限为 {MAX_FILE_BYTES // 1024 // 1024} MB")
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取 {path}：{error.strerror or error}") from None
        name = options["name"] or path.stem
        if options["check"]:
            try:
                found, standard = parse_standard_file(
                    data, path.name, key="check", name=name, effective_from=effective_from
                )
            except StandardFileError as error:
                listed = "\n".join(f"- {problem}" for problem in error.problems)
                raise CommandError(f"裁量基准“{path.name}”有误：\n{listed}") from None
            self.stdout.write("\n".join(preview_text(preview_standard(found, standard))))
            try:
                taken = queries.version_from(effective_from) is not None
            except DatabaseError:  # a checkout whose database is not set up yet: checking needs none
                taken = False
            if taken:
                self.stdout.write(f"注意：已有自 {effective_from:%Y-%m-%d} 起施行的版本，导入时须另选施行日期。")
            return
        try:
            version = load_standard(
                actor=None, data=data, source_name=path.name, name=name, effective_from=effective_from
            )
        except LawActionError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"已导入“{version.name}”，自 {version.effective_from:%Y-%m-%d} 起施行（SHA-256 {version.sha256}）。"
        )
