"""manage.py procedure_table [--write FILE]: print the labour-inspection procedure's transition table as Markdown,
or rewrite it in FILE between the markers (docs/architecture.md carries it; a test keeps the two equal)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.cases.workflow import STATE_LABELS, transition_table_markdown

START = "<!-- procedure-table:start -->"
END = "<!-- procedure-table:end -->"


def procedure_markdown() -> str:
    states = "、".join(f"`{state.value}` {label}" for state, label in STATE_LABELS.items())
    return f"States (状态): {states}.\n\n{transition_table_markdown()}"


class Command(BaseCommand):
    help = "以 Markdown 表格打印劳动保障监察案件办理程序（状态转换表）；--write 文件 则改写该文件中两个标记之间的内容。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", metavar="FILE", help=f"改写该文件中 {START} 与 {END} 之间的内容")

    def handle(self, *args: Any, **options: Any) -> None:
        table = procedure_markdown()
        if not options["write"]:
            self.stdout.write(table)
            return
        path = Path(options["write"])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"无法读取 {path}：{exc.strerror}") from exc
        if START not in text or END not in text:
            raise CommandError(f"{path} 中没有 {START} 和 {END} 标记。")
        before, rest = text.split(START, 1)
        _, after = rest.split(END, 1)
        path.write_text(f"{before}{START}\n{table}\n{END}{after}", encoding="utf-8")
        self.stdout.write(f"已更新 {path} 中的程序表。")
