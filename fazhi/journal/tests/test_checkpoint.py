"""Reading checkpoint files: anything malformed is a CheckpointError with a Chinese message, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fazhi.journal.checkpoint import MAX_FILE_BYTES, Checkpoint, CheckpointError, parse_checkpoint, read_checkpoint

GOOD = Checkpoint(
    algorithm="sha256",
    tree_size=12,
    root_hash="a" * 64,
    last_entry_hash="b" * 64,
    created_at="2026-11-26T17:30:00+08:00",
)


def document(**changes: Any) -> str:
    data = json.loads(GOOD.to_json())
    for key, value in changes.items():
        if value is ...:
            del data[key]
        else:
            data[key] = value
    return json.dumps(data)


def test_a_checkpoint_survives_being_written_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.json"
    path.write_text(GOOD.to_json(), encoding="utf-8")
    assert read_checkpoint(path) == GOOD


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "空的"),
        ("   \n", "空的"),
        ("{not json", "不是有效的 JSON"),
        ("[1, 2]", "JSON 对象"),
        ("null", "JSON 对象"),
        ("[" * 100_000, "不是有效的 JSON"),
        (document(root_hash=...), "缺少字段：root_hash"),
        (document(tree_size=..., algorithm=...), "缺少字段：algorithm, tree_size"),
        (document(extra=1), "未知字段：extra"),
        (document(format="something-else"), "format"),
        (document(version=2), "不支持的检查点版本"),
        (document(version="1"), "不支持的检查点版本"),
        (document(algorithm="md5"), "无法识别"),
        (document(tree_size=0), "至少要覆盖 1 条记录"),
        (document(tree_size=-5), "至少要覆盖 1 条记录"),
        (document(tree_size="12"), "必须是整数"),
        (document(tree_size=12.0), "必须是整数"),
        (document(tree_size=True), "必须是整数"),
        (document(tree_size=None), "必须是整数"),
        (document(root_hash="a" * 63), "64 位小写十六进制"),
        (document(root_hash="A" * 64), "64 位小写十六进制"),
        (document(root_hash="g" * 64), "64 位小写十六进制"),
        (document(root_hash=12), "64 位小写十六进制"),
        (document(last_entry_hash="b" * 66), "64 位小写十六进制"),
        (document(created_at="yesterday"), "不是有效时间"),
        (document(created_at="2026-11-26T17:30:00"), "时区"),
        (document(created_at=20261126), "ISO 8601"),
    ],
)
def test_a_malformed_checkpoint_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(CheckpointError, match=message):
        parse_checkpoint(text)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CheckpointError, match="找不到检查点文件"):
        read_checkpoint(tmp_path / "nowhere.json")


def test_a_directory_is_not_a_checkpoint(tmp_path: Path) -> None:
    with pytest.raises(CheckpointError, match="是目录"):
        read_checkpoint(tmp_path)


def test_an_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(CheckpointError, match="过大"):
        read_checkpoint(path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(CheckpointError, match="UTF-8"):
        read_checkpoint(path)
