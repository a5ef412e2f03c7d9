"""docs/architecture.md prints the procedure exactly as the code runs it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from fazhi.cases.management.commands.procedure_table import END, START, procedure_markdown


def test_the_architecture_document_carries_the_current_procedure_table() -> None:
    text = (Path(settings.BASE_DIR) / "docs" / "architecture.md").read_text(encoding="utf-8")
    printed = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert printed == procedure_markdown(), "run `make docs` to refresh docs/architecture.md"


def test_writing_the_table_replaces_only_what_is_between_the_markers(tmp_path: Path) -> None:
    target = tmp_path / "doc.md"
    target.write_text(f"intro\n{START}\nold\n{END}\noutro\n", encoding="utf-8")
    call_command("procedure_table", "--write", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("intro\n")
    assert text.endswith("\noutro\n")
    assert "old" not in text
    assert "| `decide` | 作出决定 |" in text


def test_a_file_without_markers_is_refused_with_a_chinese_message(tmp_path: Path) -> None:
    target = tmp_path / "doc.md"
    target.write_text("no markers", encoding="utf-8")
    with pytest.raises(CommandError, match="标记"):
        call_command("procedure_table", "--write", str(target))
