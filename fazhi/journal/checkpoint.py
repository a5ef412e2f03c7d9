"""Checkpoint files: the Merkle tree hash over entries 1..n, kept outside the database. Pure Python: no Django import.

A checkpoint is a small JSON object:

    {"format": "fazhi-journal-checkpoint", "version": 1, "algorithm": "sha256", "tree_size": 1234,
     "root_hash": "<hex>", "last_entry_hash": "<hex of entry n's hash>", "created_at": "<ISO 8601 with offset>"}

Reading one never raises anything but CheckpointError, whose message (in Chinese) says what is wrong with the file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi.journal.hashing import ALGORITHMS, DIGEST_SIZE

FORMAT = "fazhi-journal-checkpoint"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024
_FIELDS = ("format", "version", "algorithm", "tree_size", "root_hash", "last_entry_hash", "created_at")
_HEX = frozenset("0123456789abcdef")


class CheckpointError(ValueError):
    """The checkpoint file is missing or malformed."""


@dataclass(frozen=True)
class Checkpoint:
    algorithm: str
    tree_size: int
    root_hash: str
    last_entry_hash: str
    created_at: str

    def to_json(self) -> str:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "algorithm": self.algorithm,
            "tree_size": self.tree_size,
            "root_hash": self.root_hash,
            "last_entry_hash": self.last_entry_hash,
            "created_at": self.created_at,
        }
        return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _hex_digest(document: dict[str, Any], field: str) -> str:
    value = document[field]
    if not isinstance(value, str) or len(value) != 2 * DIGEST_SIZE or not set(value) <= _HEX:
        raise CheckpointError(f"检查点文件的 {field} 必须是 {2 * DIGEST_SIZE} 位小写十六进制哈希值。")
    return value


def parse_checkpoint(text: str) -> Checkpoint:
    """The checkpoint in `text`, or CheckpointError saying what is wrong."""
    if not text.strip():
        raise CheckpointError("检查点文件是空的。")
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise CheckpointError(f"检查点文件不是有效的 JSON：{exc}") from None
    if not isinstance(document, dict):
        raise CheckpointError("检查点文件必须是一个 JSON 对象。")
    missing = [field for field in _FIELDS if field not in document]
    if missing:
        raise CheckpointError(f"检查点文件缺少字段：{', '.join(missing)}。")
    unknown = sorted(set(document) - set(_FIELDS))
    if unknown:
        raise CheckpointError(f"检查点文件含有未知字段：{', '.join(unknown)}。")
    if document["format"] != FORMAT:
        raise CheckpointError(f"检查点文件的 format 应为 {FORMAT!r}。")
    if type(document["version"]) is not int or document["version"] != VERSION:
        raise CheckpointError(f"不支持的检查点版本 {document['version']!r}（支持 {VERSION}）。")
    algorithm = document["algorithm"]
    if algorithm not in ALGORITHMS:
        raise CheckpointError(f"检查点文件的算法 {algorithm!r} 无法识别：只能是 {' 或 '.join(ALGORITHMS)}。")
    size = document["tree_size"]
    if type(size) is not int:
        raise CheckpointError("检查点文件的 tree_size 必须是整数。")
    if size < 1:
        raise CheckpointError(f"检查点文件的 tree_size 为 {size}：检查点至少要覆盖 1 条记录。")
    created_at = document["created_at"]
    if not isinstance(created_at, str):
        raise CheckpointError("检查点文件的 created_at 必须是 ISO 8601 时间字符串。")
    try:
        moment = dt.datetime.fromisoformat(created_at)
    except ValueError:
        raise CheckpointError(f"检查点文件的 created_at 不是有效时间：{created_at!r}。") from None
    if moment.tzinfo is None:
        raise CheckpointError("检查点文件的 created_at 必须带时区偏移。")
    return Checkpoint(
        algorithm=algorithm,
        tree_size=size,
        root_hash=_hex_digest(document, "root_hash"),
        last_entry_hash=_hex_digest(document, "last_entry_hash"),
        created_at=created_at,
    )


def read_checkpoint(path: Path) -> Checkpoint:
    """The checkpoint in the file at `path`, or CheckpointError (missing, unreadable, too large, malformed)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise CheckpointError(f"找不到检查点文件：{path}") from None
    except IsADirectoryError:
        raise CheckpointError(f"{path} 是目录，不是检查点文件。") from None
    except OSError as exc:
        raise CheckpointError(f"无法读取检查点文件 {path}：{exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise CheckpointError(f"检查点文件过大（超过 {MAX_FILE_BYTES // 1024} KiB），不是本系统写出的检查点。")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CheckpointError("检查点文件不是 UTF-8 文本。") from None
    return parse_checkpoint(text)
