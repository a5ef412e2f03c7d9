"""What an uploaded file is, decided by its content (magic bytes), never by its name (security.md "Uploads").

Plain Python (no Django): the allow-list, the detection, and the check of the name's extension against the content.
"""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

# How many bytes of the file's start the detection reads.
HEAD_BYTES = 16
# A Word or Excel file has tens to a few thousand parts, and unpacks to a few times its size. More entries than this,
# or more unpacked bytes than this, is a crafted archive (security review L5: 200,000 empty entries cost 2.5 s of CPU
# to list; a 200 MB zip bomb named .docx was kept). The count is read from the archive's end record before listing.
MAX_ZIP_ENTRIES = 10_000
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
_END_RECORD = struct.Struct("<4s4H2LH")  # PKZIP end of central directory: signature, disk numbers, entry counts, …
_END_SIGNATURE = b"PK\x05\x06"


@dataclass(frozen=True)
class FileType:
    code: str
    content_type: str
    extensions: tuple[str, ...]  # the first is the one the stored file gets


PDF = FileType("pdf", "application/pdf", (".pdf",))
JPEG = FileType("jpeg", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileType("png", "image/png", (".png",))
MP3 = FileType("mp3", "audio/mpeg", (".mp3",))
MP4 = FileType("mp4", "video/mp4", (".mp4",))
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
ALLOWED = (PDF, JPEG, PNG, MP3, MP4, DOCX, XLSX)
ALLOWED_EXTENSIONS = tuple(ext for kind in ALLOWED for ext in kind.extensions)

NOT_ALLOWED = "类型不允许"
MISMATCH = "内容与扩展名不符"
TOO_LARGE = "文件过大"
EMPTY = "空文件"


def _is_mp3(head: bytes) -> bool:
    if head.startswith(b"ID3"):
        return True
    # An MPEG audio frame: 11 sync bits ("FF Fx"), and a layer that is not the reserved 00.
    return len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF0 == 0xF0 and head[1] & 0x06 != 0


def _zip_entries(path: Path) -> int | None:
    """The number of entries the ZIP's end record declares (None: no end record, or a ZIP64 archive's marker)."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - _END_RECORD.size - 0xFFFF))
        tail = handle.read()
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END_RECORD.size:
        return None
    total = int(_END_RECORD.unpack_from(tail, at)[4])
    return None if total == 0xFFFF else total


def _office_type(path: Path) -> FileType | None:
    """DOCX or XLSX: a ZIP holding [Content_Types].xml and the word/ or xl/ part (names only, nothing unpacked), with
    no more than MAX_ZIP_ENTRIES entries and MAX_UNPACKED_BYTES unpacked."""
    try:
        entries = _zip_entries(path)
        if entries is None or entries > MAX_ZIP_ENTRIES:
            return None
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, struct.error):
        return None
    if len(infos) > MAX_ZIP_ENTRIES or sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        return None
    names = [info.filename for info in infos]
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    return None


def detect(path: Path) -> FileType | None:
    """The allowed type the file at `path` is, or None."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG"):
        return PNG
    if head[4:8] == b"ftyp":
        return MP4
    if head.startswith(b"PK\x03\x04"):
        return _office_type(path)
    if _is_mp3(head):
        return MP3
    return None


def extension(name: str) -> str:
    """The lower-case extension of a file name as the user's computer named it ("" when there is none)."""
    return PurePath(name.replace("\\", "/")).suffix.lower()


def problem(path: Path, name: str, size: int, max_bytes: int) -> tuple[FileType | None, str]:
    """(the detected type, "") when the file may be kept, else (None, the Chinese reason)."""
    if size == 0:
        return None, EMPTY
    if size > max_bytes:
        return None, TOO_LARGE
    found = detect(path)
    if found is None:
        return None, NOT_ALLOWED
    if extension(name) not in found.extensions:
        return None, MISMATCH
    return found, ""
