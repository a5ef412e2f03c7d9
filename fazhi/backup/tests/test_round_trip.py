"""A backup and a restore of the database the suite runs on (SQLite, or PostgreSQL in CI's second leg): the data and
the evidence come back, the journal verifies against the last published checkpoint, and a damaged backup or an
occupied database is refused before anything changes (等保2.0 第三级: 数据备份与恢复)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.db import connection

from fazhi.accounts.models import User
from fazhi.backup.tests.conftest import BackUp, Office, read_manifest, run
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import RegisterCase, walk
from fazhi.disclosure.models import PublishedCheckpoint
from fazhi.evidence.models import EvidenceFile
from fazhi.journal.models import Entry
from fazhi.journal.tests.conftest import Tamper, tamper

__all__ = ["tamper"]  # the fixture

pytestmark = pytest.mark.django_db(transaction=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot_of_cases() -> list[tuple[int, str, str]]:
    return sorted(Case.objects.values_list("pk", "state", "employer__name"))


def test_a_backup_holds_the_database_the_evidence_and_the_published_checkpoint_with_their_hashes(
    office: Office, back_up: BackUp
) -> None:
    head = Entry.objects.order_by("-seq").first()
    assert head is not None
    published = PublishedCheckpoint.objects.get()
    folder = back_up()

    assert folder.name == "fazhi-backup-20260309-100000"  # local time (Asia/Shanghai) of the frozen day
    document = read_manifest(folder)
    assert document["format"] == "fazhi-backup"
    assert document["database"]["vendor"] == connection.vendor
    assert document["journal"] == {"head_seq": head.seq, "head_hash": head.hash, "algorithm": head.algorithm}
    assert document["checkpoint"]["tree_size"] == published.tree_size
    assert document["checkpoint"]["root_hash"] == published.root_hash
    assert (folder / "checkpoint.json").read_text(encoding="utf-8") == published.document
    assert "0001_append_only_hash_chained_entries" in document["migrations"]["journal"]
    assert document["created_at"] == "2026-03-09T10:00:00+08:00"
    # Every file is listed with its SHA-256; the evidence files' are the hashes recorded when they were uploaded.
    for name, entry in document["files"].items():
        assert sha256(folder / name) == entry["sha256"]
    for evidence in office.evidence:
        assert document["files"][f"evidence/{evidence.stored_name}"]["sha256"] == evidence.sha256
    assert document["evidence"] == {"count": 2, "problems": []}
    # The live journal records the backup with the manifest's digest, which vouches for every file in it.
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.outcome, entry.object_id) == ("system.backup", "success", folder.name)
    assert entry.after_data["manifest_sha256"] == sha256(folder / "manifest.json")
    assert not [path for path in folder.parent.iterdir() if path.name.startswith(".")]  # no partial folder left
    assert folder.stat().st_mode & 0o077 == 0  # personal data: nobody but the application's user may read it


def test_a_restore_brings_back_the_cases_and_the_evidence_and_the_journal_verifies_against_the_checkpoint(
    office: Office, back_up: BackUp, register: RegisterCase, lead: User, evidence_dir: Path
) -> None:
    cases_before = snapshot_of_cases()
    stored = {evidence.stored_name: (evidence_dir / evidence.stored_name).read_bytes() for evidence in office.evidence}
    folder = back_up()

    # After the backup the data moves on and the evidence folder is damaged.
    walk(office.case, (lead, "accept", {}))
    register(employer_name="深圳市南山区备份之后登记有限公司")
    first, second = office.evidence
    (evidence_dir / first.stored_name).unlink()
    (evidence_dir / second.stored_name).write_bytes(b"overwritten")
    assert snapshot_of_cases() != cases_before

    output = run("restore", str(folder), "--force")

    assert snapshot_of_cases() == cases_before
    assert EvidenceFile.objects.count() == 2
    for name, data in stored.items():
        assert (evidence_dir / name).read_bytes() == data
    assert "已核对备份清单中 4 个文件的 SHA-256" in output
    assert "证据文件恢复 2 个" in output
    assert "与备份中最后公示的检查点一致" in output
    assert "全过程记录完好" in output
    # The restore is the newest entry of the restored journal, after the entries the backup held.
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.outcome) == ("system.restore", "success")
    assert entry.seq == read_manifest(folder)["journal"]["head_seq"] + 1
    assert entry.after_data["manifest_sha256"] == sha256(folder / "manifest.json")
    assert "全过程记录完好" in run("verify_journal", "--checkpoint", str(folder / "checkpoint.json"))


@pytest.mark.parametrize("damaged", ["database", "evidence", "checkpoint.json"])
def test_a_tampered_backup_file_is_refused_before_anything_changes(
    office: Office, back_up: BackUp, register: RegisterCase, evidence_dir: Path, damaged: str
) -> None:
    folder = back_up()
    register(employer_name="深圳市南山区备份之后登记有限公司")
    cases_after = snapshot_of_cases()
    entries_after = Entry.objects.count()
    (evidence_dir / office.evidence[0].stored_name).unlink()
    document = read_manifest(folder)
    target = {
        "database": folder / document["database"]["file"],
        "evidence": folder / "evidence" / office.evidence[1].stored_name,
        "checkpoint.json": folder / "checkpoint.json",
    }[damaged]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))

    with pytest.raises(CommandError, match="与备份清单不符，未做任何恢复") as refused:
        run("restore", str(folder), "--force")
    assert target.relative_to(folder).as_posix() in str(refused.value)
    assert snapshot_of_cases() == cases_after
    assert Entry.objects.count() == entries_after
    assert not (evidence_dir / office.evidence[0].stored_name).exists()  # not even the evidence was touched


def test_a_database_with_data_is_not_overwritten_without_force(office: Office, back_up: BackUp) -> None:
    folder = back_up()
    entries = Entry.objects.count()
    with pytest.raises(CommandError, match=r"当前数据库中已有数据.*请加 --force"):
        run("restore", str(folder))
    assert Entry.objects.count() == entries


def test_a_backup_from_the_other_kind_of_database_is_refused(office: Office, back_up: BackUp) -> None:
    folder = back_up()
    document = read_manifest(folder)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    own_file = document["database"]["file"]
    other_file = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[other]
    document["database"] = {**document["database"], "vendor": other, "file": other_file}
    document["files"][other_file] = document["files"].pop(own_file)
    (folder / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="只能恢复到同一种数据库"):
        run("restore", str(folder), "--force")


def test_a_backup_written_by_a_newer_program_is_refused(office: Office, back_up: BackUp) -> None:
    folder = back_up()
    document = read_manifest(folder)
    document["migrations"]["journal"].append("0099_from_the_future")
    (folder / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match=r"更新版本的程序.*journal.0099_from_the_future"):
        run("restore", str(folder), "--force")


def test_a_journal_rewritten_before_the_backup_fails_verification_after_the_restore(
    office: Office, back_up: BackUp, tamper: Tamper
) -> None:
    # Someone with the database's rights changed an entry the published checkpoint covers; the backup keeps it as
    # found (a backup is evidence too), and the restore says so and exits non-zero.
    tamper("UPDATE journal_entry SET actor_username = 'someone_else' WHERE seq = 2")
    folder = back_up()
    with pytest.raises(CommandError, match=r"全过程记录校验未通过.*第 2 号记录被篡改") as failed:
        run("restore", str(folder), "--force")
    assert failed.value.returncode == 2
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.outcome) == ("system.restore", "failure")
    assert entry.after_data["verified"] is False


def test_a_checkpoint_kept_elsewhere_that_the_restored_journal_does_not_match_fails_verification(
    office: Office, back_up: BackUp, tmp_path: Path
) -> None:
    folder = back_up()
    foreign = tmp_path / "other-system.json"
    published = json.loads((folder / "checkpoint.json").read_text(encoding="utf-8"))
    foreign.write_text(json.dumps({**published, "root_hash": "ab" * 32}), encoding="utf-8")
    with pytest.raises(CommandError, match=r"对照指定的检查点文件.*与检查点不符") as failed:
        run("restore", str(folder), "--force", "--checkpoint", str(foreign))
    assert failed.value.returncode == 2


def test_an_evidence_file_missing_at_backup_time_is_named_and_the_backup_still_written(
    office: Office, backups: Path, evidence_dir: Path
) -> None:
    lost, kept = office.evidence
    (evidence_dir / lost.stored_name).unlink()
    (evidence_dir / kept.stored_name).write_bytes(b"changed on disk")
    with pytest.raises(CommandError, match="备份已写出，但以下证据文件未能备份") as failed:
        run("backup", "--out", str(backups))
    assert f"{lost.stored_name}（文件缺失）" in str(failed.value)
    assert f"{kept.stored_name}（内容与登记的 SHA-256 不符）" in str(failed.value)
    (folder,) = [path for path in backups.iterdir() if not path.name.startswith(".")]
    document = read_manifest(folder)
    assert document["evidence"] == {
        "count": 0,
        "problems": [
            {"name": lost.stored_name, "problem": "missing"},
            {"name": kept.stored_name, "problem": "mismatch"},
        ],
    }
    assert not (folder / "evidence").exists() or not list((folder / "evidence").iterdir())  # no bad copy kept
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert (entry.action, entry.outcome) == ("system.backup", "failure")
