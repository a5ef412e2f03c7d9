"""The manifest of a backup folder (manifest.json) and the files it vouches for. Pure Python: no Django import.

A backup is a folder named `fazhi-backup-YYYYMMDD-HHMMSS` (local time) holding

    manifest.json          this file's subject
    database.sqlite3       SQLite: a consistent copy made by SQLite's online backup
    database.pgdump        PostgreSQL: `pg_dump --format=custom`, taken in one snapshot with what the manifest says
    checkpoint.json        the last journal checkpoint published on the portal, exactly as published (if any)
    evidence/<name>        every evidence file, under its stored name, checked against the SHA-256 recorded for it

and the manifest is a JSON object (docs/adr/0015-backup-format.md):

    {"format": "fazhi-backup", "version": 1, "created_at": "<ISO 8601 with offset>", "fazhi_version": "0.1.0",
     "database": {"vendor": "sqlite" | "postgresql", "file": "database.sqlite3", "tool": "<the tool's version>"},
     "migrations": {"<app>": ["<migration>", …], …},
     "journal": {"head_seq": n, "head_hash": "<hex>" | "", "algorithm": "sha256" | "sm3" | ""},
     "checkpoint": {"file": "checkpoint.json", "tree_size": k, "root_hash": "<hex>", "created_at": "…"} | null,
     "evidence": {"count": m, "problems": [{"name": "<stored name>", "problem": "missing" | "mismatch"}, …]},
     "files": {"<relative path>": {"sha256": "<hex>", "size": bytes}, …}}

Reading one never raises anything but ManifestError, whose message (Chinese) says what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

FORMAT = "fazhi-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHECKPOINT = "checkpoint.json"
EVIDENCE = "evidence"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024
# A stored evidence name (server-generated: a uuid and an extension) and nothing that could leave the folder.
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}(\.[A-Za-z0-9]{1,10})?")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_FIELDS = frozenset(
    {
        "format",
        "version",
        "created_at",
        "fazhi_version",
        "database",
        "migrations",
        "journal",
        "checkpoint",
        "evidence",
        "files",
    }
)
PROBLEM_LABELS = {
    "missing": "文件缺失",
    "mismatch": "内容与登记的 SHA-256 不符",
    "unreadable": "无法读取",
    "unsafe": "存储文件名不合规",
}


class ManifestError(ValueError):
    """The manifest is missing or malformed, or a file does not match it."""


class HashMismatch(ManifestError):
    """A file's content is not what its SHA-256 says it should be."""


def sha256_file(path: Path) -> tuple[str, int]:
    """The SHA-256 (hex) and size of the file at `path`, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def copy_verified(source: Path, target: Path, expected: str | None = None) -> tuple[str, int]:
    """Copy `source` to `target` through a temporary file beside it, hashing on the way; (sha256, size).

    With `expected`, a copy whose hash differs is deleted and HashMismatch raised: `target` is then untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.part")
    digest = hashlib.sha256()
    size = 0
    try:
        with source.open("rb") as reader, temporary.open("wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        if expected is not None and digest.hexdigest() != expected:
            raise HashMismatch(f"{source.name} 的内容与登记的 SHA-256 不符。")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return digest.hexdigest(), size


def dump(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _safe_path(name: object) -> str:
    """A path the manifest may name: the database, the checkpoint or evidence/<safe name>; nothing else."""
    if not isinstance(name, str):
        raise ManifestError("备份清单的 files 中有不是字符串的文件名。")
    if name in DATABASE_FILES.values() or name == CHECKPOINT:
        return name
    folder, _, base = name.partition("/")
    if folder == EVIDENCE and SAFE_NAME.fullmatch(base):
        return name
    raise ManifestError(f"备份清单列出了不允许的文件名：{name[:100]!r}。")


def _object(document: dict[str, Any], field: str) -> dict[str, Any]:
    value = document[field]
    if not isinstance(value, dict):
        raise ManifestError(f"备份清单的 {field} 必须是 JSON 对象。")
    return value


def _files(document: dict[str, Any]) -> dict[str, tuple[str, int]]:
    files: dict[str, tuple[str, int]] = {}
    for name, entry in _object(document, "files").items():
        path = _safe_path(name)
        if not isinstance(entry, dict) or set(entry) != {"sha256", "size"}:
            raise ManifestError(f"备份清单中 {path} 的记录必须恰好含有 sha256 和 size。")
        digest, size = entry["sha256"], entry["size"]
        if not isinstance(digest, str) or not _HEX64.fullmatch(digest):
            raise ManifestError(f"备份清单中 {path} 的 sha256 必须是 64 位小写十六进制哈希值。")
        if type(size) is not int or size < 0:
            raise ManifestError(f"备份清单中 {path} 的 size 必须是非负整数。")
        files[path] = (digest, size)
    return files


def parse(text: str) -> dict[str, Any]:
    """The manifest in `text`, checked for shape (not yet against the files), or ManifestError."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ManifestError(f"备份清单 {MANIFEST} 不是有效的 JSON：{exc}") from None
    if not isinstance(document, dict):
        raise ManifestError(f"备份清单 {MANIFEST} 必须是一个 JSON 对象。")
    missing = sorted(_FIELDS - set(document))
    if missing:
        raise ManifestError(f"备份清单缺少字段：{', '.join(missing)}。")
    if document["format"] != FORMAT:
        raise ManifestError(f"备份清单的 format 应为 {FORMAT!r}：这不是本系统写出的备份。")
    if type(document["version"]) is not int or document["version"] != VERSION:
        raise ManifestError(f"不支持的备份格式版本 {document['version']!r}（支持 {VERSION}）。")
    database = _object(document, "database")
    vendor = database.get("vendor")
    if vendor not in DATABASE_FILES:
        raise ManifestError(f"备份清单中的数据库类型 {vendor!r} 无法识别：只能是 sqlite 或 postgresql。")
    files = _files(document)
    if database.get("file") != DATABASE_FILES[vendor] or DATABASE_FILES[vendor] not in files:
        raise ManifestError(f"备份清单必须列出数据库文件 {DATABASE_FILES[vendor]}。")
    journal = _object(document, "journal")
    if (
        type(journal.get("head_seq")) is not int
        or journal["head_seq"] < 0
        or not isinstance(journal.get("head_hash"), str)
    ):
        raise ManifestError("备份清单的 journal 必须含有 head_seq（非负整数）和 head_hash。")
    checkpoint = document["checkpoint"]
    if checkpoint is not None and (not isinstance(checkpoint, dict) or checkpoint.get("file") != CHECKPOINT):
        raise ManifestError(f"备份清单的 checkpoint 必须为 null，或指向 {CHECKPOINT}。")
    if checkpoint is not None and CHECKPOINT not in files:
        raise ManifestError(f"备份清单必须列出检查点文件 {CHECKPOINT}。")
    migrations = _object(document, "migrations")
    for app, names in migrations.items():
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise ManifestError(f"备份清单中 {app} 的迁移记录必须是字符串列表。")
    evidence = _object(document, "evidence")
    if not isinstance(evidence.get("problems"), list):
        raise ManifestError("备份清单的 evidence 必须含有 problems 列表。")
    if not isinstance(document["created_at"], str):
        raise ManifestError("备份清单的 created_at 必须是时间字符串。")
    return document


def read(folder: Path) -> tuple[dict[str, Any], str]:
    """The manifest of the backup in `folder` and the SHA-256 of its bytes, or ManifestError."""
    if not folder.exists():
        raise ManifestError(f"找不到备份目录：{folder}")
    if not folder.is_dir():
        raise ManifestError(f"{folder} 不是目录：请给出备份目录（其中有 {MANIFEST}）。")
    path = folder / MANIFEST
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
    except FileNotFoundError:
        raise ManifestError(f"{folder} 中没有备份清单 {MANIFEST}：这不是本系统写出的备份目录。") from None
    except OSError as exc:
        raise ManifestError(f"无法读取备份清单 {path}：{exc.strerror or exc}") from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ManifestError(f"备份清单 {MANIFEST} 过大，不是本系统写出的清单。")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ManifestError(f"备份清单 {MANIFEST} 不是 UTF-8 文本。") from None
    return parse(text), hashlib.sha256(raw).hexdigest()


def check_files(folder: Path, document: dict[str, Any]) -> int:
    """Hash every file the manifest lists; the number checked, or ManifestError naming the files that differ."""
    bad: list[str] = []
    files = _files(document)
    for name, (expected, size) in sorted(files.items()):
        path = folder / name
        if not path.is_file():
            bad.append(f"{name}（文件缺失）")
            continue
        try:
            digest, actual = sha256_file(path)
        except OSError as exc:
            bad.append(f"{name}（无法读取：{exc.strerror or exc}）")
            continue
        if actual != size or digest != expected:
            bad.append(f"{name}（SHA-256 不符）")
    if bad:
        shown = "、".join(bad[:10]) + (f" 等 {len(bad)} 个文件" if len(bad) > 10 else "")
        raise HashMismatch(f"备份中的文件与备份清单不符，未做任何恢复：{shown}。备份可能已损坏或被篡改。")
    return len(files)
