"""The remedies' transition tables: printed in docs/architecture.md, every period they name is a statutory period of
the reconsideration or litigation law, every action has a Chinese name in the journal and an action function."""

from __future__ import annotations

from pathlib import Path

from fazhi.journal.labels import ACTION_LABELS
from fazhi.remedies import actions
from fazhi.remedies.workflow import LITIGATION_STEPS, RECONSIDERATION_STEPS, table_markdown
from fazhi.rules.periods import period_rule

DOC = Path(__file__).resolve().parents[3] / "docs" / "architecture.md"
START, END = "<!-- remedies-table:start -->", "<!-- remedies-table:end -->"


def test_the_architecture_document_carries_the_current_tables() -> None:
    text = DOC.read_text(encoding="utf-8")
    printed = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert printed == table_markdown()


def test_every_period_a_step_names_is_a_statutory_period_of_the_remedy_laws() -> None:
    for step in (*RECONSIDERATION_STEPS, *LITIGATION_STEPS):
        for code in (*step.meets, *step.opens):
            rule = period_rule(code, "CN-GD-SZ")
            assert rule.citations[0].statute in ("行政复议法", "行政诉讼法"), code


def test_every_step_has_a_chinese_name_in_the_journal() -> None:
    assert all(f"remedies.reconsideration.{s.action}" in ACTION_LABELS for s in RECONSIDERATION_STEPS)
    assert all(f"remedies.litigation.{s.action}" in ACTION_LABELS for s in LITIGATION_STEPS)


def test_every_row_has_its_action() -> None:
    """Each row's step is taken by a function of fazhi.remedies.actions (`register` by register_<kind>)."""
    for kind, steps in (("reconsideration", RECONSIDERATION_STEPS), ("litigation", LITIGATION_STEPS)):
        for step in steps:
            name = f"register_{kind}" if step.action == "register" else step.action
            assert callable(getattr(actions, name, None)), name
