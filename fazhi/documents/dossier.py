"""The case dossier (卷宗): one ZIP with the documents, the evidence files, the case's journal entries, a table of
contents (卷内目录) and a manifest of SHA-256 hashes, so that a copy handed out can be checked later."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from typing import Any, BinaryIO

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from fazhi.cases.models import Case
from fazhi.documents.fonts import font_face_css
from fazhi.documents.models import Document
from fazhi.documents.organ import deciding_unit
from fazhi.documents.render import chinese_date
from fazhi.evidence.models import EvidenceFile
from fazhi.evidence.queries import stored_path
from fazhi.journal.models import Entry

MANIFEST = "manifest.json"
CONTENTS = "contents.pdf"
FORMAT = "fazhi-dossier"
EXPORT_ACTION = "documents.export_dossier"
# Members get a fixed timestamp: the same case exports to the same bytes except for manifest.json's created_at.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CHUNK_BYTES = 1024 * 1024
_UNSAFE = re.compile(r"[\\/:*?\"<>|\s\x00-\x1f]+")


class DossierError(ValueError):
    """The dossier cannot be built or read; the message (in Chinese) says why."""


def safe_name(number: str) -> str:
    """A document number as a file name: path separators, reserved characters and spaces become "_"."""
    return _UNSAFE.sub("_", number).strip("._") or "document"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d")


def case_entries(case: Case, documents: list[Document], evidence: list[EvidenceFile]) -> list[Entry]:
    """The journal entries about the case, its documents and its evidence files, in order."""
    about = Q(object_type="cases.case", object_id=str(case.pk))
    if documents:
        about |= Q(object_type="document", object_id__in=[str(d.pk) for d in documents])
    if evidence:
        about |= Q(object_type="evidence.evidencefile", object_id__in=[str(e.pk) for e in evidence])
    return list(Entry.objects.filter(about).order_by("seq"))


def build_dossier(case: Case) -> bytes:
    """The dossier of `case` as ZIP bytes (for tests and small cases; exports stream with `write_dossier`)."""
    buffer = io.BytesIO()
    write_dossier(case, buffer)
    return buffer.getvalue()


def _member(archive: zipfile.ZipFile, path: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_dossier(case: Case, out: BinaryIO) -> None:
    """Write the dossier of `case` as a ZIP into `out`. Evidence files are copied from disk in chunks, hashed on the
    way, so an export never holds a whole file, nor the whole ZIP, in memory (security review L5). Raises
    DossierError if an evidence file is missing or was changed; `out` then holds a partial ZIP for the caller to
    discard."""
    documents = list(Document.objects.filter(case=case).order_by("issued_at", "pk"))
    evidence = list(EvidenceFile.objects.filter(case=case).order_by("uploaded_at", "pk"))
    files: dict[str, str] = {}
    contents: list[tuple[str, str, str]] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(path: str, data: bytes) -> None:
            archive.writestr(_member(archive, path), data)
            files[path] = _sha256(data)

        for document in documents:
            path = f"documents/{safe_name(document.number)}.pdf"
            add(path, bytes(document.pdf))
            title = document.title if document.version == 1 else f"{document.title}（第 {document.version} 版）"
            named = f"{title}\n{document.number}" if document.numbered else title  # (the 文号 on a line of its own)
            contents.append((path, named, _local(document.issued_at)))
        for item in evidence:
            path = f"evidence/{item.stored_name}"
            files[path] = _copy_evidence(archive, _member(archive, path), item)
            contents.append((path, f"证据：{item.title}", _local(item.uploaded_at)))
        entries = case_entries(case, documents, evidence)
        journal = [
            {
                "seq": entry.seq,
                "action": entry.action,
                "actor": entry.actor_username,
                "time": timezone.localtime(entry.recorded_at).isoformat(),
                "outcome": entry.outcome,
                "hash": entry.hash,
            }
            for entry in entries
        ]
        add("journal.json", (json.dumps(journal, ensure_ascii=False, indent=2) + "\n").encode())
        created_at = timezone.localtime()
        contents.append(("journal.json", "全过程记录（本案）", _local(created_at)))
        add(CONTENTS, contents_pdf(case, contents, created_at))
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "case": case.display_number,
            "created_at": created_at.isoformat(),
            "files": dict(sorted(files.items())),
            "journal": {
                "first_seq": entries[0].seq if entries else None,
                "last_seq": entries[-1].seq if entries else None,
                "last_hash": entries[-1].hash if entries else None,
            },
        }
        archive.writestr(
            _member(archive, MANIFEST),
            (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode(),
        )


def _copy_evidence(archive: zipfile.ZipFile, info: zipfile.ZipInfo, item: EvidenceFile) -> str:
    """Copy one evidence file into the archive in chunks; its SHA-256, checked against the one registered."""
    digest = hashlib.sha256()
    try:
        with stored_path(item).open("rb") as source, archive.open(info, "w") as target:
            while chunk := source.read(CHUNK_BYTES):
                digest.update(chunk)
                target.write(chunk)
    except OSError as exc:
        raise DossierError(f"无法读取证据文件“{item.title}”（{item.stored_name}）：{exc.strerror or exc}") from None
    if digest.hexdigest() != item.sha256:
        raise DossierError(f"证据文件“{item.title}”（{item.stored_name}）与登记的哈希值不符，可能已被改动。")
    return digest.hexdigest()


def contents_pdf(case: Case, contents: list[tuple[str, str, str]], created_at: dt.datetime) -> bytes:
    """The 卷内目录 as a PDF: one row per file of the dossier (title, date, the file's path in the ZIP)."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # (no type information shipped)

    font_faces, font_stack = font_face_css()
    html = render_to_string(
        "documents/dossier_contents.html",
        {
            "case": case,
            "employer": case.employer,
            "bureau": deciding_unit(case.unit).name,
            "rows": [{"title": title, "day": day, "path": path} for path, title, day in contents],
            "created_cn": chinese_date(created_at.date()),
            "created_at": created_at.strftime("%Y-%m-%d %H:%M"),
            "font_faces": font_faces,
            "font_stack": font_stack,
        },
    )
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def _manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        raw = archive.read(MANIFEST)
    except KeyError:
        raise DossierError("卷宗中缺少清单文件 manifest.json，无法校验。") from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise DossierError("卷宗的清单文件 manifest.json 已损坏。") from None
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise DossierError("卷宗的清单文件 manifest.json 不是有效的 JSON。") from None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        raise DossierError("卷宗的清单文件 manifest.json 缺少有效的 files 字段。")
    return dict(manifest)


def verify_dossier(zip_bytes: bytes) -> list[str]:
    """The problems found (in Chinese), one per changed, added or removed file; empty when the dossier is intact.
    Raises DossierError when the bytes are not a ZIP or carry no readable manifest."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except (zipfile.BadZipFile, OSError, EOFError):
        raise DossierError("该文件不是 ZIP 格式的卷宗。") from None
    problems: list[str] = []
    with archive:
        manifest = _manifest(archive)
        expected: dict[str, str] = manifest["files"]
        present = [name for name in archive.namelist() if name != MANIFEST and not name.endswith("/")]
        for name in present:
            if name not in expected:
                problems.append(f"多出文件：{name}（清单中没有）。")
                continue
            try:
                data = archive.read(name)
            except (zipfile.BadZipFile, OSError, EOFError):
                problems.append(f"文件已损坏：{name}（无法读出）。")
                continue
            if _sha256(data) != expected[name]:
                problems.append(f"文件已被改动：{name}（哈希值与清单不符）。")
        for name in sorted(set(expected) - set(present)):
            problems.append(f"缺少文件：{name}（清单中有，卷宗中没有）。")
        journal = manifest.get("journal")
        if "journal.json" in present and isinstance(journal, dict) and not any("journal.json" in p for p in problems):
            try:
                entries = json.loads(archive.read("journal.json").decode("utf-8"))
                last = entries[-1]["hash"] if entries else None
            except (ValueError, LookupError, TypeError):
                last = "?"
            if last != journal.get("last_hash"):
                problems.append("journal.json 的最后一条记录哈希与清单不符。")
    return problems
