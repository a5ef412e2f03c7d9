"""The listing's transition table: printed in docs/architecture.md, every period it names is a statutory period, every
action has a Chinese name in the journal."""

from __future__ import annotations

from pathlib import Path

from fazhi.dishonest_list.workflow import STEPS, table_markdown
from fazhi.journal.labels import ACTION_LABELS
from fazhi.rules.periods import period_rule

DOC = Path(__file__).resolve().parents[3] / "docs" / "architecture.md"
START, END = "<!-- dishonest-list-table:start -->", "<!-- dishonest-list-table:end -->"


def test_the_architecture_document_carries_the_current_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    printed = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert printed == table_markdown()


def test_every_period_a_step_names_is_a_statutory_period_of_the_banfa() -> None:
    for step in STEPS:
        for code in (*step.meets, *step.opens):
            rule = period_rule(code, "CN-GD-SZ")
            assert rule.citations[0].statute == "拖欠农民工工资失信联合惩戒对象名单管理暂行办法", code


def test_every_step_has_a_chinese_name_in_the_journal() -> None:
    assert all(f"dishonest_list.{step.action}" in ACTION_LABELS for step in STEPS)
