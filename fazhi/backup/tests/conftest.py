"""Fixtures for the backup tests: a case with evidence made through the real actions (time frozen at 2026-03-09), a
published checkpoint, and folders of the test's own for the evidence and the backups (never the checkout's var/)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import RegisterCase, _on_a_known_day, register
from fazhi.disclosure.actions import publish_checkpoint
from fazhi.evidence.actions import add_evidence
from fazhi.evidence.models import EvidenceFile, Kind
from fazhi.evidence.tests.conftest import JPEG, PDF

__all__ = ["_on_a_known_day", "register"]


@pytest.fixture(autouse=True)
def evidence_dir(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "evidence"
    settings.FAZHI_EVIDENCE_DIR = folder
    return folder


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    return tmp_path / "backups"


@dataclass(frozen=True)
class Office:
    """What the bureau had on file when the backup was taken."""

    case: Case
    evidence: list[EvidenceFile]


@pytest.fixture
def office(register: RegisterCase, inspector: User) -> Office:
    """A complaint with two evidence files, and a checkpoint of the journal published on the portal afterwards."""
    case = register(employer_name="深圳市福田区备份测试电子有限公司")
    evidence = [
        add_evidence(
            actor=inspector,
            case=case,
            upload=SimpleUploadedFile(name, data),
            title=title,
            kind=Kind.DOCUMENTARY,
        )
        for name, data, title in (("询问笔录.pdf", PDF, "询问笔录"), ("现场照片.jpg", JPEG, "现场照片"))
    ]
    publish_checkpoint()
    return Office(case=case, evidence=evidence)


def run(command: str, *args: str) -> str:
    """Run a management command; its standard output (a failure raises CommandError)."""
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


BackUp = Callable[[], Path]


@pytest.fixture
def back_up(backups: Path) -> BackUp:
    """Take a backup into the test's folder; the backup folder it wrote."""

    def take() -> Path:
        run("backup", "--out", str(backups))
        (folder,) = [path for path in backups.iterdir() if not path.name.startswith(".")]
        return folder

    return take


def read_manifest(folder: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return result
