"""Adding an evidence file to a case: checked by content, hashed on arrival, stored outside the web root under a
server-generated name, with one journal entry in the same transaction as the row.

A refused role or scope is journaled (outcome "refused"); a file that is not acceptable (type, size, name, case
state) is answered with `InvalidEvidence` and leaves nothing behind: no row, no journal entry, no file.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fazhi.accounts.access import can_write
from fazhi.accounts.models import Role, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases.models import Case
from fazhi.cases.workflow import FINAL_STATES, State
from fazhi.errors import ActionError
from fazhi.evidence import content
from fazhi.evidence.models import EvidenceFile, Kind
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.text import clean_for_xml, text_problem

UPLOADERS = frozenset({Role.INSPECTOR, Role.LEAD})
TITLE_MAX = 200
NAME_MAX = 255
# Control characters: refused in a title, dropped from a file name (PostgreSQL cannot store NUL; a header cannot
# carry a line break).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class EvidenceError(ActionError):
    """Base of the errors of these actions; `message` is Chinese and safe to show."""


class EvidenceRefused(EvidenceError):
    """The actor may not add evidence to this case (role or scope). Journaled with outcome "refused"."""


class InvalidEvidence(EvidenceError):
    """The file or the form is not acceptable; nothing was written."""


def evidence_dir() -> Path:
    return Path(settings.FAZHI_EVIDENCE_DIR)


def may_add(actor: User | None, case: Case) -> bool:
    """Inspectors and leads whose scope reaches the case's unit (never the read-only roles)."""
    return (
        actor is not None
        and can_write(actor)
        and bool(actor.role_names & UPLOADERS)
        and in_business_scope(actor, case.unit)
    )


def _acting_role(actor: User) -> str:
    return next((role for role in sorted(UPLOADERS) if actor.has_role(role)), "")


def _receive(upload: UploadedFile, directory: Path, max_bytes: int) -> tuple[Path, int, str, bool]:
    """Stream the upload into a temporary file of `directory` while hashing: (path, size, sha256, too large).
    Stops reading once the limit is passed."""
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, name = tempfile.mkstemp(dir=directory, prefix=".upload-", suffix=".part")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in upload.chunks():
                size += len(chunk)
                if size > max_bytes:
                    return path, size, "", True
                digest.update(chunk)
                handle.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, size, digest.hexdigest(), False


def add_evidence(
    *, actor: User, case: Case, upload: UploadedFile, title: str, kind: str, ip: str | None = None
) -> EvidenceFile:
    """Keep `upload` as evidence of `case`. Raises EvidenceRefused (journaled) or InvalidEvidence (nothing kept)."""
    if not may_add(actor, case):
        reason = "只有本机构及下级机构的监察员或科长可以添加证据。"
        record_refusal(
            actor=actor, action="evidence.add", reason=reason, object_type="cases.case", object_id=case.pk, ip=ip
        )
        raise EvidenceRefused(reason)
    title = title.strip()
    if not title:
        raise InvalidEvidence("请填写证据名称。")
    problem = text_problem(title, one_line=True)  # fazhi.text: control and bidirectional characters
    if problem:
        raise InvalidEvidence(f"证据名称{problem}。")
    if len(title) > TITLE_MAX:
        raise InvalidEvidence(f"证据名称不能超过 {TITLE_MAX} 个字。")
    if kind not in Kind.values:
        raise InvalidEvidence("请选择证据种类。")
    if State(case.state) in FINAL_STATES:
        raise InvalidEvidence("案件已归档或不予受理，不能再添加证据。")
    original = clean_for_xml(_CONTROL.sub("", (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1]))[:NAME_MAX]
    max_bytes = int(settings.FAZHI_EVIDENCE_MAX_BYTES)
    if upload.size is not None and upload.size > max_bytes:  # no need to read what will be refused
        raise InvalidEvidence(f"{content.TOO_LARGE}（上限 {max_bytes} 字节）。")
    directory = evidence_dir()
    temporary, size, sha256, too_large = _receive(upload, directory, max_bytes)
    final: Path | None = None
    try:
        found, reason = content.problem(temporary, original, size, max_bytes)
        if too_large:
            found, reason = None, content.TOO_LARGE
        if found is None:
            limit = f"（上限 {max_bytes} 字节）" if reason == content.TOO_LARGE else ""
            raise InvalidEvidence(f"{reason}{limit}：{original or '未命名文件'}")
        final = directory / f"{uuid.uuid4().hex}{found.extensions[0]}"
        with transaction.atomic():
            os.replace(temporary, final)
            evidence = EvidenceFile.objects.create(
                case=case,
                title=title,
                kind=kind,
                original_name=original,
                stored_name=final.name,
                content_type=found.content_type,
                size=size,
                sha256=sha256,
                uploaded_by=actor,
            )
            record_entry(
                actor=actor,
                action="evidence.add",
                object_type="evidence.evidencefile",
                object_id=evidence.pk,
                after={
                    "case": case.pk,
                    "title": title,
                    "kind": kind,
                    "sha256": sha256,
                    "size": size,
                    "content_type": found.content_type,
                },
                ip=ip,
                role=_acting_role(actor),
            )
    except BaseException:
        temporary.unlink(missing_ok=True)
        if final is not None:
            final.unlink(missing_ok=True)
        raise
    return evidence
