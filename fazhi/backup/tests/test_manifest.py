"""The backup manifest is read strictly: whatever is wrong with it is said in Chinese, and nothing else is raised."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management.base import CommandError

from fazhi.backup import manifest
from fazhi.backup.manifest import HashMismatch, ManifestError
from fazhi.backup.tests.conftest import run

DATABASE = b"SQLite format 3\x00 (a stand-in)"
EVIDENCE = "0123456789abcdef0123456789abcdef.pdf"


def valid() -> dict[str, Any]:
    return {
        "format": "fazhi-backup",
        "version": 1,
        "created_at": "2026-03-09T10:00:00+08:00",
        "fazhi_version": "0.1.0",
        "database": {"vendor": "sqlite", "file": "database.sqlite3", "tool": "SQLite 3.40.1"},
        "migrations": {"journal": ["0001_append_only_hash_chained_entries"]},
        "journal": {"head_seq": 0, "head_hash": "", "algorithm": ""},
        "checkpoint": None,
        "evidence": {"count": 1, "problems": []},
        "files": {
            "database.sqlite3": {"sha256": hashlib.sha256(DATABASE).hexdigest(), "size": len(DATABASE)},
            f"evidence/{EVIDENCE}": {"sha256": hashlib.sha256(b"%PDF").hexdigest(), "size": 4},
        },
    }


def written(folder: Path, document: dict[str, Any]) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    (folder / "database.sqlite3").write_bytes(DATABASE)
    (folder / "evidence").mkdir(exist_ok=True)
    (folder / "evidence" / EVIDENCE).write_bytes(b"%PDF")
    return folder


def test_a_well_formed_manifest_is_read_and_its_files_checked(tmp_path: Path) -> None:
    folder = written(tmp_path / "b", valid())
    document, digest = manifest.read(folder)
    assert document["database"]["vendor"] == "sqlite"
    assert digest == hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()
    assert manifest.check_files(folder, document) == 2


def broken(change: str) -> dict[str, Any]:
    document = copy.deepcopy(valid())
    if change == "format":
        document["format"] = "something-else"
    elif change == "version":
        document["version"] = 2
    elif change == "missing field":
        del document["journal"]
    elif change == "vendor":
        document["database"]["vendor"] = "oracle"
    elif change == "no database file":
        del document["files"]["database.sqlite3"]
    elif change == "path outside the folder":
        document["files"]["../../etc/passwd"] = document["files"].pop(f"evidence/{EVIDENCE}")
    elif change == "hidden evidence path":
        document["files"]["evidence/../x"] = document["files"].pop(f"evidence/{EVIDENCE}")
    elif change == "bad hash":
        document["files"]["database.sqlite3"]["sha256"] = "XYZ"
    elif change == "checkpoint without file":
        document["checkpoint"] = {"file": "checkpoint.json", "tree_size": 3}
    elif change == "journal head":
        document["journal"]["head_seq"] = "many"
    return document


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ("format", "不是本系统写出的备份"),
        ("version", "不支持的备份格式版本"),
        ("missing field", "缺少字段：journal"),
        ("vendor", "数据库类型 'oracle' 无法识别"),
        ("no database file", "必须列出数据库文件"),
        ("path outside the folder", "不允许的文件名"),
        ("hidden evidence path", "不允许的文件名"),
        ("bad hash", "64 位小写十六进制"),
        ("checkpoint without file", "必须列出检查点文件"),
        ("journal head", "head_seq"),
    ],
)
def test_a_malformed_manifest_is_refused_saying_what_is_wrong(tmp_path: Path, change: str, complaint: str) -> None:
    folder = written(tmp_path / "b", broken(change))
    with pytest.raises(ManifestError, match=complaint):
        manifest.read(folder)


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        (b"{not json", "不是有效的 JSON"),
        (b"[]", "必须是一个 JSON 对象"),
        (b"\xff\xfe", "不是 UTF-8"),
        (b"", "不是有效的 JSON"),
    ],
)
def test_a_manifest_that_is_not_a_json_object_is_refused(tmp_path: Path, content: bytes, complaint: str) -> None:
    (tmp_path / "manifest.json").write_bytes(content)
    with pytest.raises(ManifestError, match=complaint):
        manifest.read(tmp_path)


def test_a_changed_or_missing_file_is_named(tmp_path: Path) -> None:
    folder = written(tmp_path / "b", valid())
    document, _ = manifest.read(folder)
    (folder / "database.sqlite3").write_bytes(DATABASE + b"!")
    (folder / "evidence" / EVIDENCE).unlink()
    with pytest.raises(HashMismatch) as refused:
        manifest.check_files(folder, document)
    assert "database.sqlite3（SHA-256 不符）" in str(refused.value)
    assert f"evidence/{EVIDENCE}（文件缺失）" in str(refused.value)


def test_a_copy_that_does_not_match_its_hash_leaves_the_target_untouched(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    source.write_bytes(b"new")
    target.write_bytes(b"old")
    with pytest.raises(HashMismatch):
        manifest.copy_verified(source, target, expected=hashlib.sha256(b"other").hexdigest())
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["source", "target"]
    assert manifest.copy_verified(source, target, expected=hashlib.sha256(b"new").hexdigest())[1] == 3
    assert target.read_bytes() == b"new"


def test_the_restore_command_answers_a_corrupt_manifest_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match=r"备份清单 manifest\.json 不是有效的 JSON"):
        run("restore", str(tmp_path))
