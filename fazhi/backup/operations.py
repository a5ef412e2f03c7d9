"""Taking a backup and restoring one (docs/adr/0015-backup-format.md; the operator's guide is docs/operations.md).

`take_backup` writes a folder named by its time: the database copy, the last published checkpoint, every evidence file
checked against its recorded SHA-256, and the manifest; it is built under a hidden name and renamed when complete, so a
folder with the backup's name is always whole. Then the live journal records it (`system.backup`).

`restore_backup` checks everything it can before it changes anything (the manifest, the database vendor, the
migrations, an occupied database without `force`, every file's SHA-256), then puts back the evidence files and the
database, verifies the restored journal against the last published checkpoint in the backup (and against one the
operator kept elsewhere, if given) and against the journal's head recorded at backup time, and journals the restore
(`system.restore`) into the restored journal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.utils import timezone

from fazhi.backup import database, manifest
from fazhi.backup.actions import record_backup, record_restore
from fazhi.backup.manifest import CHECKPOINT, EVIDENCE, MANIFEST, SAFE_NAME, VENDOR_NAMES, HashMismatch, ManifestError
from fazhi.errors import ActionError
from fazhi.journal.checkpoint import Checkpoint, CheckpointError, parse_checkpoint, read_checkpoint
from fazhi.journal.hashing import GENESIS_HASH
from fazhi.journal.verify import Report, verify_against_checkpoint, verify_journal

NAME_FORMAT = "fazhi-backup-%Y%m%d-%H%M%S"


class BackupError(ActionError):
    """The backup or the restore was refused or failed; `message` (Chinese) says why. A refused restore changed
    nothing."""


@dataclass
class BackupResult:
    folder: Path
    manifest_sha256: str
    vendor: str
    journal_head: int
    checkpoint_size: int | None
    evidence_count: int
    problems: list[dict[str, str]]
    journaled: bool
    journal_note: str = ""


@dataclass
class RestoreResult:
    name: str
    manifest_sha256: str
    vendor: str
    files_checked: int
    evidence_copied: int = 0
    evidence_unchanged: int = 0
    evidence_problems: list[dict[str, str]] = field(default_factory=list)
    migrations_behind: int = 0
    verified: bool = False
    verification: list[str] = field(default_factory=list)
    journaled: bool = False
    journal_note: str = ""


def fazhi_version() -> str:
    try:
        return importlib.metadata.version("fazhi")
    except importlib.metadata.PackageNotFoundError:
        pass
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return ""


def evidence_dir() -> Path:
    return Path(settings.FAZHI_EVIDENCE_DIR)


# ---------------------------------------------------------------------------------------------------------- backup


def take_backup(out: Path) -> BackupResult:
    """Write a backup folder into `out` (made if missing) and journal it. Raises BackupError."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"无法创建备份目录 {out}：{exc.strerror or exc}") from None
    if not out.is_dir():
        raise BackupError(f"{out} 不是目录。")
    now = timezone.localtime()
    name = now.strftime(NAME_FORMAT)
    final = out / name
    if final.exists():
        raise BackupError(f"备份目录 {final} 已存在：请稍后再试，或换一个目录。")
    work = out / f".{name}.partial"
    try:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(mode=0o700)  # personal data: readable by the application's user only
        document = _write_folder(work, now)
        raw = manifest.dump(document)
        (work / MANIFEST).write_bytes(raw)
        work.rename(final)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise BackupError(f"写入备份失败（未留下不完整的备份）：{exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    digest = hashlib.sha256(raw).hexdigest()
    problems: list[dict[str, str]] = document["evidence"]["problems"]
    checkpoint = document["checkpoint"]
    result = BackupResult(
        folder=final,
        manifest_sha256=digest,
        vendor=document["database"]["vendor"],
        journal_head=document["journal"]["head_seq"],
        checkpoint_size=checkpoint["tree_size"] if checkpoint else None,
        evidence_count=document["evidence"]["count"],
        problems=problems,
        journaled=False,
    )
    summary = {
        "created_at": document["created_at"],
        "database": result.vendor,
        "journal_head_seq": result.journal_head,
        "checkpoint_tree_size": result.checkpoint_size,
        "evidence_files": result.evidence_count,
        "evidence_problems": len(problems),
    }
    try:
        record_backup(name=name, manifest_sha256=digest, summary=summary, complete=not problems)
        result.journaled = True
    except DatabaseError as exc:  # a read-only database (a replica): the backup stands, unjournaled
        result.journal_note = f"未能写入全过程记录（数据库不可写？）：{exc}"
    return result


def _write_folder(work: Path, now: dt.datetime) -> dict[str, Any]:
    vendor = database.vendor()
    if vendor not in manifest.DATABASE_FILES:
        raise BackupError(f"不支持备份 {vendor} 数据库：只支持 SQLite 和 PostgreSQL。")
    database_file = manifest.DATABASE_FILES[vendor]
    try:
        snapshot = database.copy_database(work / database_file)
    except database.DatabaseCopyError as error:
        raise BackupError(error.message) from None
    except DatabaseError as exc:
        raise BackupError(f"无法连接或读取数据库：{exc}") from None
    files: dict[str, dict[str, Any]] = {}
    digest, size = manifest.sha256_file(work / database_file)
    files[database_file] = {"sha256": digest, "size": size}

    checkpoint: dict[str, Any] | None = None
    if snapshot.checkpoint_document is not None:
        try:
            published = parse_checkpoint(snapshot.checkpoint_document)
        except CheckpointError as error:
            raise BackupError(f"数据库中最后公示的检查点无法读取：{error}") from None
        raw = snapshot.checkpoint_document.encode("utf-8")
        (work / CHECKPOINT).write_bytes(raw)
        digest, size = manifest.sha256_file(work / CHECKPOINT)
        files[CHECKPOINT] = {"sha256": digest, "size": size}
        checkpoint = {
            "file": CHECKPOINT,
            "tree_size": published.tree_size,
            "root_hash": published.root_hash,
            "created_at": published.created_at,
        }

    problems: list[dict[str, str]] = []
    source_dir = evidence_dir()
    for stored_name, sha256, _size in snapshot.evidence:
        problem = _copy_evidence(source_dir, work / EVIDENCE, stored_name, sha256, files)
        if problem:
            problems.append({"name": stored_name[:100], "problem": problem})

    head_seq, head_hash, algorithm = snapshot.journal_head
    return {
        "format": manifest.FORMAT,
        "version": manifest.VERSION,
        "created_at": now.isoformat(timespec="seconds"),
        "fazhi_version": fazhi_version(),
        "database": {"vendor": vendor, "file": database_file, "tool": snapshot.tool},
        "migrations": snapshot.migrations,
        "journal": {"head_seq": head_seq, "head_hash": head_hash, "algorithm": algorithm},
        "checkpoint": checkpoint,
        "evidence": {"count": len(snapshot.evidence) - len(problems), "problems": problems},
        "files": files,
    }


def _copy_evidence(
    source_dir: Path, target_dir: Path, stored_name: str, sha256: str, files: dict[str, dict[str, Any]]
) -> str:
    """Copy one evidence file, checked against its recorded hash; "" or the problem's code."""
    if not SAFE_NAME.fullmatch(stored_name):
        return "unsafe"
    source = source_dir / stored_name
    if not source.is_file():
        return "missing"
    try:
        digest, size = manifest.copy_verified(source, target_dir / stored_name, expected=sha256)
    except HashMismatch:
        return "mismatch"
    except OSError:
        return "unreadable"
    files[f"{EVIDENCE}/{stored_name}"] = {"sha256": digest, "size": size}
    return ""


# --------------------------------------------------------------------------------------------------------- restore


def restore_backup(folder: Path, *, force: bool = False, checkpoint_file: Path | None = None) -> RestoreResult:
    """Restore the backup in `folder` into the configured database and evidence folder. Raises BackupError before
    anything is changed when the backup or the target is not right; returns the verification's outcome otherwise."""
    document, checkpoints, result = _check_before_restoring(folder, force=force, checkpoint_file=checkpoint_file)
    copied, unchanged = _put_back_evidence(folder, document)
    result.evidence_copied, result.evidence_unchanged = copied, unchanged
    try:
        database.put_back(folder / manifest.DATABASE_FILES[result.vendor])
    except database.DatabaseCopyError as error:
        raise BackupError(error.message) from None
    except DatabaseError as exc:
        raise BackupError(f"无法连接数据库，数据库未被恢复：{exc}") from None
    if "portal" in settings.CACHES:
        caches["portal"].clear()  # pages cached under a generation number the restored database may reuse
    result.verified, result.verification = _verify(document, checkpoints)
    summary = {
        "created_at": document["created_at"],
        "database": result.vendor,
        "journal_head_seq": document["journal"]["head_seq"],
        "files_checked": result.files_checked,
        "evidence_files": copied + unchanged,
        "verified": result.verified,
        "verification": result.verification[-1][:500],
    }
    try:
        record_restore(
            name=folder.name[:100], manifest_sha256=result.manifest_sha256, summary=summary, verified=result.verified
        )
        result.journaled = True
    except DatabaseError as exc:
        result.journal_note = f"未能写入全过程记录：{exc}"
    return result


def _check_before_restoring(
    folder: Path, *, force: bool, checkpoint_file: Path | None
) -> tuple[dict[str, Any], list[tuple[str, Checkpoint]], RestoreResult]:
    try:
        document, digest = manifest.read(folder)
    except ManifestError as error:
        raise BackupError(str(error)) from None
    vendor = document["database"]["vendor"]
    here = database.vendor()
    if vendor != here:
        raise BackupError(
            f"这份备份来自 {VENDOR_NAMES[vendor]} 数据库，而当前配置的是 {VENDOR_NAMES.get(here, here)} 数据库："
            "只能恢复到同一种数据库（请检查 DATABASE_URL）。"
        )
    newer = database.unknown_migrations(document["migrations"])
    if newer:
        raise BackupError(
            f"这份备份由更新版本的程序写出（含有本程序没有的数据库迁移：{'、'.join(newer[:5])}）：请先升级程序再恢复。"
        )
    try:
        database.check_restore_tool()
    except database.DatabaseCopyError as error:
        raise BackupError(error.message) from None
    checkpoints: list[tuple[str, Checkpoint]] = []
    try:
        if checkpoint_file is not None:
            checkpoints.append(("指定的检查点文件", read_checkpoint(checkpoint_file)))
    except CheckpointError as error:
        raise BackupError(str(error)) from None
    try:
        if not force and database.has_data():
            raise BackupError(
                "当前数据库中已有数据（全过程记录不为空）：恢复会覆盖这些数据。确需覆盖，请加 --force 再运行。"
            )
    except DatabaseError as exc:
        raise BackupError(f"无法读取当前数据库：{exc}") from None
    try:
        checked = manifest.check_files(folder, document)
        if document["checkpoint"] is not None:
            checkpoints.insert(0, ("备份中最后公示的检查点", read_checkpoint(folder / CHECKPOINT)))
    except (ManifestError, CheckpointError) as error:
        raise BackupError(str(error)) from None
    result = RestoreResult(
        name=folder.name,
        manifest_sha256=digest,
        vendor=vendor,
        files_checked=checked,
        evidence_problems=[item for item in document["evidence"]["problems"] if isinstance(item, dict)],
        migrations_behind=database.missing_migrations(document["migrations"]),
    )
    return document, checkpoints, result


def _put_back_evidence(folder: Path, document: dict[str, Any]) -> tuple[int, int]:
    """Copy the backup's evidence files into the evidence folder; (copied, already there and identical)."""
    target_dir = evidence_dir()
    copied = unchanged = 0
    for name, entry in sorted(document["files"].items()):
        if not name.startswith(f"{EVIDENCE}/"):
            continue
        target = target_dir / name.split("/", 1)[1]
        try:
            if target.is_file() and manifest.sha256_file(target)[0] == entry["sha256"]:
                unchanged += 1
                continue
            manifest.copy_verified(folder / name, target, expected=entry["sha256"])
        except HashMismatch:
            raise BackupError(f"备份中的 {name} 在核对之后被改动，已停止恢复（数据库未被改动）。") from None
        except OSError as exc:
            raise BackupError(f"无法写入证据文件 {target}：{exc.strerror or exc}（数据库未被改动）。") from None
        copied += 1
    return copied, unchanged


def _verify(document: dict[str, Any], checkpoints: list[tuple[str, Checkpoint]]) -> tuple[bool, list[str]]:
    """Verify the restored journal; (passed, Chinese lines saying what was checked, the last one the verdict)."""
    lines: list[str] = []
    try:
        report: Report | None = None
        for label, checkpoint in checkpoints:
            report = verify_against_checkpoint(checkpoint)
            if report.problem is not None:
                return False, [f"全过程记录校验未通过（对照{label}）：{report.problem.message}"]
            lines.append(f"前 {checkpoint.tree_size} 条记录与{label}一致（默克尔根 {checkpoint.root_hash[:16]}…）。")
        if report is None:
            report = verify_journal()
            if report.problem is not None:
                return False, [f"全过程记录校验未通过：{report.problem.message}"]
            lines.append("备份中没有公示的检查点：只校验了哈希链，以及记录条数和最后一条记录与备份时一致。")
    except (CheckpointError, DatabaseError) as exc:
        return False, [f"无法校验恢复后的全过程记录：{exc}"]
    head_seq, head_hash = document["journal"]["head_seq"], document["journal"]["head_hash"] or GENESIS_HASH
    if report.count != head_seq or report.last_hash != head_hash:
        return False, [
            f"恢复后的全过程记录有 {report.count} 条，而备份时有 {head_seq} 条（或最后一条记录的哈希不同）："
            "数据库副本与备份清单不符。"
        ]
    lines.append(f"全过程记录完好：已校验 {report.count} 条记录，与备份时的最后一条记录一致。")
    return True, lines
