"""The kinds of suggestion and their reply deadlines (fazhi/rules/suggestions.py, data/suggestions.toml)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.rules import suggestions as rules

D = dt.date


def test_both_kinds_load_with_their_bases_and_a_marked_default() -> None:
    judicial, procuratorial = rules.kind("judicial"), rules.kind("procuratorial")
    assert judicial is not None
    assert procuratorial is not None
    assert "行政诉讼法 第九十六条第（四）项" in judicial.basis_label
    # Unverified defaults are marked [S] with a note (product rule: never a silent constant).
    assert judicial.reply_status == procuratorial.reply_status == "S"
    assert "[S]" in judicial.note
    assert "[S]" in procuratorial.note


def test_a_procuratorial_suggestion_without_a_stated_deadline_is_answered_within_two_months_of_receipt() -> None:
    """人民检察院检察建议工作规定 (2019) [S]: 自收到检察建议书之日起两个月以内."""
    assert rules.default_deadline("procuratorial", D(2026, 3, 9)) == D(2026, 5, 9)
    # No corresponding day: the month's last day (民法典 第二百零二条).
    assert rules.default_deadline("procuratorial", D(2025, 12, 31)) == D(2026, 2, 28)


def test_a_judicial_suggestion_without_a_stated_deadline_is_answered_within_sixty_days_of_receipt() -> None:
    """最高人民法院关于适用《行政诉讼法》的解释 第一百四十九条第四款: 收到司法建议之日起六十日内书面答复."""
    assert rules.default_deadline("judicial", D(2026, 3, 9)) == D(2026, 5, 8)


def test_the_bureau_setting_replaces_the_default_length() -> None:
    assert rules.default_deadline("procuratorial", D(2026, 3, 9), 1) == D(2026, 4, 9)
    assert rules.default_deadline("judicial", D(2026, 3, 9), 30) == D(2026, 4, 8)
    with pytest.raises(ValueError, match="至少为 1"):
        rules.default_deadline("judicial", D(2026, 3, 9), 0)
    with pytest.raises(ValueError, match="未知的建议类别"):
        rules.default_deadline("other", D(2026, 3, 9))


def test_a_reply_is_late_when_sent_after_the_deadline_or_still_unsent_past_it() -> None:
    deadline = D(2026, 5, 8)
    assert not rules.reply_late(deadline, D(2026, 5, 8), D(2026, 6, 1))
    assert rules.reply_late(deadline, D(2026, 5, 9), D(2026, 6, 1))
    assert not rules.reply_late(deadline, None, D(2026, 5, 8))
    assert rules.reply_late(deadline, None, D(2026, 5, 9))
    # As of a day before it was sent late, the reply was simply not yet due or overdue.
    assert not rules.reply_late(deadline, D(2026, 5, 20), D(2026, 5, 1))
    assert rules.reply_late(deadline, D(2026, 5, 20), D(2026, 5, 10))


def test_a_data_file_without_both_kinds_is_refused(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    bad = tmp_path / "s.toml"
    bad.write_text('[[kind]]\ncode = "judicial"\n', encoding="utf-8")
    with pytest.raises(rules.SuggestionDataError):
        rules.load_kinds(bad)
