from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import walk
from fazhi.evidence import actions
from fazhi.evidence.actions import EvidenceRefused, InvalidEvidence, add_evidence
from fazhi.evidence.models import EvidenceFile, Kind
from fazhi.evidence.tests.conftest import (
    DOCX,
    EXE,
    HTML,
    JPEG,
    MP3_FRAME,
    MP3_ID3,
    MP4,
    PDF,
    PNG,
    XLSX,
    ZIP_ONLY,
)
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def files_in(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("询问笔录.pdf", PDF, "application/pdf"),
        ("现场照片.JPG", JPEG, "image/jpeg"),
        ("现场照片.jpeg", JPEG, "image/jpeg"),
        ("工资表截图.png", PNG, "image/png"),
        ("录音.mp3", MP3_ID3, "audio/mpeg"),
        ("录音无标签.mp3", MP3_FRAME, "audio/mpeg"),
        ("监控录像.mp4", MP4, "video/mp4"),
        ("劳动合同.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("考勤表.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_an_inspector_adds_each_allowed_type_and_it_is_kept_byte_for_byte(
    register: Callable[..., Case], inspector: User, evidence_dir: Path, name: str, data: bytes, content_type: str
) -> None:
    case = register()
    evidence = add_evidence(
        actor=inspector, case=case, upload=upload(name, data), title="证据", kind=Kind.DOCUMENTARY, ip="10.0.0.1"
    )
    assert evidence.content_type == content_type
    assert evidence.original_name == name
    assert evidence.size == len(data)
    stored = evidence_dir / evidence.stored_name
    assert stored.read_bytes() == data
    assert files_in(evidence_dir) == [stored]  # no temporary file left behind
    assert evidence.stored_name != name
    assert stored.suffix in {".pdf", ".jpg", ".png", ".mp3", ".mp4", ".docx", ".xlsx"}


def test_the_journal_entry_carries_the_sha256_of_the_stored_file(
    register: Callable[..., Case], lead: User, evidence_dir: Path
) -> None:
    case = register()
    before = Entry.objects.count()
    evidence = add_evidence(actor=lead, case=case, upload=upload("a.pdf", PDF), title="合同", kind=Kind.DOCUMENTARY)
    assert Entry.objects.count() == before + 1
    entry = Entry.objects.order_by("-pk").first()
    assert entry is not None
    assert entry.action == "evidence.add"
    assert entry.outcome == "success"
    after = entry.after_data
    digest = hashlib.sha256((evidence_dir / evidence.stored_name).read_bytes()).hexdigest()
    assert after["sha256"] == digest == evidence.sha256
    assert after["size"] == len(PDF)
    assert after["content_type"] == "application/pdf"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("病毒.pdf", EXE, "类型不允许"),
        ("setup.exe", EXE, "类型不允许"),
        ("页面.png", HTML, "类型不允许"),
        ("页面.html", HTML, "类型不允许"),
        ("压缩包.docx", ZIP_ONLY, "类型不允许"),
        ("其实是PDF.png", PDF, "内容与扩展名不符"),
        ("其实是表格.docx", XLSX, "内容与扩展名不符"),
        ("没有扩展名", PDF, "内容与扩展名不符"),
        ("空的.pdf", b"", "空文件"),
    ],
)
def test_a_refused_file_leaves_nothing_on_disk_nor_in_the_journal(
    register: Callable[..., Case], inspector: User, evidence_dir: Path, name: str, data: bytes, reason: str
) -> None:
    case = register()
    before = Entry.objects.count()
    with pytest.raises(InvalidEvidence) as refused:
        add_evidence(actor=inspector, case=case, upload=upload(name, data), title="证据", kind=Kind.PHYSICAL)
    assert reason in refused.value.message
    assert files_in(evidence_dir) == []
    assert Entry.objects.count() == before
    assert not EvidenceFile.objects.exists()


def test_a_file_over_the_limit_is_refused_as_too_large(
    register: Callable[..., Case], inspector: User, evidence_dir: Path, settings: Any
) -> None:
    case = register()
    settings.FAZHI_EVIDENCE_MAX_BYTES = len(PDF) - 1
    with pytest.raises(InvalidEvidence, match="文件过大"):
        add_evidence(actor=inspector, case=case, upload=upload("a.pdf", PDF), title="证据", kind=Kind.DOCUMENTARY)
    assert files_in(evidence_dir) == []
    settings.FAZHI_EVIDENCE_MAX_BYTES = len(PDF)
    add_evidence(actor=inspector, case=case, upload=upload("a.pdf", PDF), title="证据", kind=Kind.DOCUMENTARY)


def test_a_file_whose_declared_size_lies_is_stopped_while_streaming(
    register: Callable[..., Case], inspector: User, evidence_dir: Path, settings: Any
) -> None:
    case = register()
    settings.FAZHI_EVIDENCE_MAX_BYTES = 20
    lying = upload("a.pdf", PDF)
    lying.size = 5
    with pytest.raises(InvalidEvidence, match="文件过大"):
        add_evidence(actor=inspector, case=case, upload=lying, title="证据", kind=Kind.DOCUMENTARY)
    assert files_in(evidence_dir) == []


def test_the_supervisor_may_not_add_evidence_and_the_refusal_is_journaled(
    register: Callable[..., Case], supervisor: User, evidence_dir: Path
) -> None:
    case = register()
    with pytest.raises(EvidenceRefused):
        add_evidence(actor=supervisor, case=case, upload=upload("a.pdf", PDF), title="证据", kind=Kind.DOCUMENTARY)
    entry = Entry.objects.order_by("-pk").first()
    assert entry is not None
    assert entry.action == "evidence.add"
    assert entry.outcome == "refused"
    assert files_in(evidence_dir) == []
    assert not EvidenceFile.objects.exists()


def test_an_inspector_of_another_district_may_not_add_evidence(
    register: Callable[..., Case], outsider: User, evidence_dir: Path
) -> None:
    case = register()
    with pytest.raises(EvidenceRefused):
        add_evidence(actor=outsider, case=case, upload=upload("a.pdf", PDF), title="证据", kind=Kind.DOCUMENTARY)
    assert files_in(evidence_dir) == []


def test_no_evidence_is_added_to_a_refused_case(
    register: Callable[..., Case], inspector: User, lead: User, evidence_dir: Path
) -> None:
    case = walk(register(), (lead, "refuse", {"refusal_ground": "time_barred", "reason": "已逾两年"}))
    with pytest.raises(InvalidEvidence, match="不能再添加证据"):
        add_evidence(actor=inspector, case=case, upload=upload("a.pdf", PDF), title="证据", kind=Kind.DOCUMENTARY)
    assert files_in(evidence_dir) == []


def test_a_missing_title_or_unknown_kind_is_refused_in_chinese(
    register: Callable[..., Case], inspector: User, evidence_dir: Path
) -> None:
    case = register()
    with pytest.raises(InvalidEvidence, match="证据名称"):
        add_evidence(actor=inspector, case=case, upload=upload("a.pdf", PDF), title="  ", kind=Kind.DOCUMENTARY)
    with pytest.raises(InvalidEvidence, match="证据种类"):
        add_evidence(actor=inspector, case=case, upload=upload("a.pdf", PDF), title="合同", kind="rumour")
    assert files_in(evidence_dir) == []


def test_when_the_transaction_fails_the_stored_file_is_removed(
    register: Callable[..., Case], inspector: User, evidence_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = register()

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("journal unavailable")

    monkeypatch.setattr(actions, "record_entry", broken)
    with pytest.raises(RuntimeError):
        add_evidence(actor=inspector, case=case, upload=upload("a.pdf", PDF), title="证据", kind=Kind.DOCUMENTARY)
    assert files_in(evidence_dir) == []
    assert not EvidenceFile.objects.exists()


def test_control_characters_are_refused_in_the_title_and_dropped_from_the_file_name(
    register: Callable[..., Case], inspector: User, evidence_dir: Path
) -> None:
    case = register()
    with pytest.raises(InvalidEvidence, match="控制字符"):
        add_evidence(actor=inspector, case=case, upload=upload("a.pdf", PDF), title="合\x00同", kind=Kind.DOCUMENTARY)
    evidence = add_evidence(
        actor=inspector, case=case, upload=upload("合\r\n同.pdf", PDF), title="合同", kind=Kind.DOCUMENTARY
    )
    assert evidence.original_name == "合同.pdf"
