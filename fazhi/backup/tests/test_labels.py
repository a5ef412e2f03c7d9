"""The journal's screens name a backup and a restore in Chinese."""

from __future__ import annotations

from fazhi.backup import actions
from fazhi.journal import labels


def test_the_backup_and_restore_entries_have_chinese_names() -> None:
    assert labels.action_label(actions.BACKUP_ACTION) == "备份数据库和证据文件"
    assert labels.action_label(actions.RESTORE_ACTION) == "从备份恢复数据"
    assert labels.object_label(actions.OBJECT_TYPE) == "备份"
