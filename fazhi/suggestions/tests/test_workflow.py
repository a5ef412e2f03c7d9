"""The suggestions' transition table: printed in docs/architecture.md, every step has a Chinese name in the journal,
every step an action takes is a row, and the rule data carries its citations."""

from __future__ import annotations

from pathlib import Path

from fazhi.journal.labels import ACTION_LABELS
from fazhi.suggestions import actions
from fazhi.suggestions.workflow import STEPS, table_markdown

DOC = Path(__file__).resolve().parents[3] / "docs" / "architecture.md"
START, END = "<!-- suggestions-table:start -->", "<!-- suggestions-table:end -->"


def test_the_architecture_document_carries_the_current_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    printed = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert printed == table_markdown()


def test_every_step_has_a_chinese_name_in_the_journal() -> None:
    assert all(f"suggestions.{step.action}" in ACTION_LABELS for step in STEPS)


def test_every_row_has_its_action() -> None:
    names = {
        "receive": "receive_suggestion",
        "assign": "assign_suggestion",
        "answer_point": "answer_point",
        "submit_reply": "submit_reply",
        "return_reply": "return_reply",
        "approve_reply": "approve_reply",
        "send_reply": "send_reply",
        "record_feedback": "record_feedback",
    }
    assert set(names) == {step.action for step in STEPS}
    assert all(callable(getattr(actions, function)) for function in names.values())
