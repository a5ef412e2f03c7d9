"""The case dossier (卷宗): exported as a ZIP with a hash manifest, and verified file by file."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import RegisterCase, walk
from fazhi.documents.actions import issue_document
from fazhi.documents.dossier import build_dossier, safe_name, verify_dossier
from fazhi.documents.models import Document
from fazhi.documents.tests.conftest import SERVED, WAIVER, pdf_text
from fazhi.evidence.actions import add_evidence
from fazhi.evidence.models import EvidenceFile, Kind
from fazhi.evidence.queries import stored_path
from fazhi.evidence.tests.conftest import PDF
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def documented(decided_penalty: Case, director: User, inspector: User) -> tuple[Case, Document, EvidenceFile]:
    """The decided penalty with its decision issued and one evidence file added."""
    document = issue_document(actor=director, case=decided_penalty, doc_type="penalty_decision")
    evidence = add_evidence(
        actor=inspector,
        case=decided_penalty,
        upload=SimpleUploadedFile("询问笔录.pdf", PDF, content_type="application/pdf"),
        title="询问笔录",
        kind=Kind.DOCUMENTARY,
    )
    return decided_penalty, document, evidence


def exported(case: Case, tmp_path: Path) -> Path:
    out = tmp_path / "dossier.zip"
    call_command("export_dossier", case.display_number, "--out", str(out), stdout=io.StringIO())
    return out


def rewritten(path: Path, *, change: str = "", remove: str = "", add: str = "") -> Path:
    """A copy of the dossier with one member's last byte flipped, one member left out, or one member added."""
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    if change:
        data = members[change]
        members[change] = data[:-1] + bytes([data[-1] ^ 0x01])
    if remove:
        del members[remove]
    if add:
        members[add] = b"not part of the case"
    tampered = path.with_name("tampered.zip")
    with zipfile.ZipFile(tampered, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)
    return tampered


def verify(path: Path) -> str:
    out = io.StringIO()
    call_command("verify_dossier", str(path), stdout=out)
    return out.getvalue()


def test_an_exported_dossier_holds_the_document_the_evidence_the_journal_and_a_manifest_of_hashes(
    documented: tuple[Case, Document, EvidenceFile], tmp_path: Path
) -> None:
    case, document, evidence = documented
    path = exported(case, tmp_path)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        pdf_name = f"documents/{safe_name(document.number)}.pdf"
        assert {pdf_name, f"evidence/{evidence.stored_name}", "journal.json", "contents.pdf", "manifest.json"} == names
        assert archive.read(pdf_name) == bytes(document.pdf)
        assert hashlib.sha256(archive.read(f"evidence/{evidence.stored_name}")).hexdigest() == evidence.sha256
        manifest = json.loads(archive.read("manifest.json"))
        journal = json.loads(archive.read("journal.json"))
        contents = "".join(pdf_text(archive.read("contents.pdf"), tmp_path).split())
    assert manifest["case"] == case.display_number
    assert manifest["files"][pdf_name] == document.sha256
    assert "/" not in safe_name(document.number)
    actions = [row["action"] for row in journal]
    assert {"documents.issue", "evidence.add", "cases.decide"} <= set(actions)
    assert manifest["journal"]["last_hash"] == journal[-1]["hash"]
    assert manifest["journal"]["first_seq"] == journal[0]["seq"]
    for text in ("卷内目录", "询问笔录", document.number):
        assert text in contents, (text, contents)


def test_exporting_writes_one_journal_entry_with_the_hash_of_the_zip(
    documented: tuple[Case, Document, EvidenceFile], tmp_path: Path
) -> None:
    case = documented[0]
    path = exported(case, tmp_path)
    entries = list(Entry.objects.filter(action="documents.export_dossier"))
    assert len(entries) == 1
    assert entries[0].actor_id is None
    assert entries[0].after_data == {
        "case": case.display_number,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "bytes": path.stat().st_size,
    }


def test_an_intact_dossier_verifies_with_exit_0(
    documented: tuple[Case, Document, EvidenceFile], tmp_path: Path
) -> None:
    path = exported(documented[0], tmp_path)
    assert "卷宗完好" in verify(path)
    assert verify_dossier(path.read_bytes()) == []


def test_one_changed_byte_in_the_evidence_is_named(
    documented: tuple[Case, Document, EvidenceFile], tmp_path: Path
) -> None:
    _, _, evidence = documented
    name = f"evidence/{evidence.stored_name}"
    tampered = rewritten(exported(documented[0], tmp_path), change=name)
    with pytest.raises(CommandError, match=f"文件已被改动：{name}") as caught:
        verify(tampered)
    assert caught.value.returncode == 2


def test_a_removed_document_is_named(documented: tuple[Case, Document, EvidenceFile], tmp_path: Path) -> None:
    name = f"documents/{safe_name(documented[1].number)}.pdf"
    tampered = rewritten(exported(documented[0], tmp_path), remove=name)
    with pytest.raises(CommandError, match=f"缺少文件：{name}"):
        verify(tampered)


def test_an_added_file_is_named(documented: tuple[Case, Document, EvidenceFile], tmp_path: Path) -> None:
    tampered = rewritten(exported(documented[0], tmp_path), add="evidence/extra.pdf")
    problems = verify_dossier(tampered.read_bytes())
    assert problems == ["多出文件：evidence/extra.pdf（清单中没有）。"]


def test_a_file_that_is_not_a_zip_or_is_missing_is_refused_in_chinese(tmp_path: Path) -> None:
    not_zip = tmp_path / "卷宗.zip"
    not_zip.write_bytes(b"%PDF-1.7 this is not a zip")
    with pytest.raises(CommandError, match="不是 ZIP 格式"):
        verify(not_zip)
    with pytest.raises(CommandError, match="找不到卷宗文件"):
        verify(tmp_path / "missing.zip")


def test_an_unknown_case_number_or_a_missing_directory_is_refused(decided_penalty: Case, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="找不到案号为 无此案号 的案件"):
        call_command("export_dossier", "无此案号", "--out", str(tmp_path / "x.zip"))
    with pytest.raises(CommandError, match="输出目录不存在"):
        call_command("export_dossier", decided_penalty.display_number, "--out", str(tmp_path / "no" / "x.zip"))
    assert not Entry.objects.filter(action="documents.export_dossier").exists()


def closed_case(register: RegisterCase, inspector: User, lead: User, leader: User) -> Case:
    """A case transferred to another organ, served, performed and closed on 2026-03-09."""
    return walk(
        register(),
        (lead, "accept", {}),
        (inspector, "propose", {"proposed_outcome": "transfer", "proposal": "经调查，违法事实清楚。"}),
        (lead, "approve_proposal_to_notice", {}),
        (inspector, "serve_notice", SERVED),
        (inspector, "close_notice", WAIVER),
        (leader, "decide", {}),
        (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}),
        (inspector, "record_performance", {}),
        (lead, "approve_closing", {}),
    )


def test_all_closed_writes_one_zip_per_closed_case_and_skips_open_ones(
    register: RegisterCase, inspector: User, lead: User, leader: User, decided_penalty: Case, tmp_path: Path
) -> None:
    closed = closed_case(register, inspector, lead, leader)
    assert closed.state == "closed"
    out = tmp_path / "dossiers"
    out.mkdir()
    call_command("export_dossier", "--all-closed", "--out", str(out), stdout=io.StringIO())
    written = sorted(path.name for path in out.iterdir())
    assert written == [f"{safe_name(closed.display_number)}.zip"]
    assert verify_dossier((out / written[0]).read_bytes()) == []
    assert [e.object_id for e in Entry.objects.filter(action="documents.export_dossier")] == [str(closed.pk)]


def test_all_closed_exports_the_good_cases_names_the_bad_one_and_fails(
    register: RegisterCase, inspector: User, lead: User, leader: User, tmp_path: Path
) -> None:
    """The yearly transfer: one case whose evidence file went missing does not stop the others."""
    broken = closed_case(register, inspector, lead, leader)
    evidence = add_evidence(
        actor=inspector,
        case=broken,
        upload=SimpleUploadedFile("现场照片.pdf", PDF, content_type="application/pdf"),
        title="现场照片",
        kind=Kind.DOCUMENTARY,
    )
    stored_path(evidence).unlink()
    good = closed_case(register, inspector, lead, leader)
    out = tmp_path / "dossiers"
    out.mkdir()
    errors = io.StringIO()
    with pytest.raises(CommandError, match="已导出 1 个卷宗，1 个案件未能导出"):
        call_command("export_dossier", "--all-closed", "--out", str(out), stdout=io.StringIO(), stderr=errors)
    assert broken.display_number in errors.getvalue()
    assert "现场照片" in errors.getvalue()
    assert sorted(path.name for path in out.iterdir()) == [f"{safe_name(good.display_number)}.zip"]  # no partial file
    assert [e.object_id for e in Entry.objects.filter(action="documents.export_dossier")] == [str(good.pk)]


def test_build_dossier_alone_writes_no_journal_entry(documented: tuple[Case, Document, EvidenceFile]) -> None:
    before = Entry.objects.count()
    assert zipfile.is_zipfile(io.BytesIO(build_dossier(documented[0])))
    assert Entry.objects.count() == before


def test_evidence_is_copied_in_chunks_and_the_export_command_leaves_no_partial_file(
    documented: tuple[Case, Document, EvidenceFile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Security review L5: the export streams each evidence file (here in 7-byte pieces) into a file on disk."""
    from fazhi.documents import dossier

    case, _, evidence = documented
    monkeypatch.setattr(dossier, "CHUNK_BYTES", 7)
    path = exported(case, tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert archive.read(f"evidence/{evidence.stored_name}") == stored_path(evidence).read_bytes()
    assert "卷宗完好" in verify(path)

    stored_path(evidence).write_bytes(PDF + b"changed")
    second = tmp_path / "second.zip"
    with pytest.raises(CommandError, match="与登记的哈希值不符"):
        call_command("export_dossier", case.display_number, "--out", str(second), stdout=io.StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.zip"]  # no second.zip, no second.zip.part
