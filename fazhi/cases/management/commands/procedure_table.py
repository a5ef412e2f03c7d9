"""manage.py procedure_table [--write FILE]: print the labour-inspection procedure's transition table as Markdown,
or rewrite it, and the other procedures' tables, in FILE between their markers (docs/architecture.md carries them;
tests keep them equal).

The other procedures are those of later apps (the dishonest list, …): each app's config names its tables in
`procedure_tables` (marker → a function printing the table), so this command imports none of those apps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.apps import apps
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
        text = _replace(text, START, END, table)
        # The other procedures' tables, where the file carries their markers.
        for config in apps.get_app_configs():
            tables: dict[str, Callable[[], str]] = getattr(config, "procedure_tables", {})
            for marker, markdown in tables.items():
                text = _replace(text, f"<!-- {marker}:start -->", f"<!-- {marker}:end -->", markdown())
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"已更新 {path} 中的程序表。")


def _replace(text: str, start: str, end: str, table: str) -> str:
    if start not in text or end not in text:
        return text
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    return f"{before}{start}\n{table}\n{end}{after}"
