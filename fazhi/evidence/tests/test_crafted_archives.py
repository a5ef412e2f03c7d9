"""Crafted archives named .docx (security review L5): many entries, or a zip bomb, are refused as not a Word file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from fazhi.evidence import content
from fazhi.evidence.content import DOCX, MAX_ZIP_ENTRIES, problem


def docx_with(path: Path, *, extra_entries: int = 0, bomb_bytes: int = 0) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(extra_entries):
            archive.writestr(f"x/{n}", b"")
        if bomb_bytes:
            archive.writestr("word/media/zeros.bin", bytes(bomb_bytes))
    return path


def test_a_real_shaped_word_file_is_still_a_word_file(tmp_path: Path) -> None:
    path = docx_with(tmp_path / "合同.docx", extra_entries=50)
    assert problem(path, "合同.docx", path.stat().st_size, 50 * 2**20) == (DOCX, "")


def test_an_archive_with_more_entries_than_any_office_file_is_refused_before_it_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = docx_with(tmp_path / "many.docx", extra_entries=MAX_ZIP_ENTRIES + 1)
    assert content._zip_entries(path) == MAX_ZIP_ENTRIES + 3

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the central directory was listed")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    assert problem(path, "many.docx", path.stat().st_size, 50 * 2**20) == (None, "类型不允许")


def test_a_zip_bomb_named_docx_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content, "MAX_UNPACKED_BYTES", 10 * 2**20)
    path = docx_with(tmp_path / "bomb.docx", bomb_bytes=11 * 2**20)
    assert path.stat().st_size < 100_000  # small on disk, eleven megabytes unpacked
    assert problem(path, "bomb.docx", path.stat().st_size, 50 * 2**20) == (None, "类型不允许")


def test_a_truncated_archive_is_refused_without_an_error(tmp_path: Path) -> None:
    whole = io.BytesIO()
    with zipfile.ZipFile(whole, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    path = tmp_path / "cut.docx"
    path.write_bytes(whole.getvalue()[:-10])
    assert problem(path, "cut.docx", path.stat().st_size, 50 * 2**20) == (None, "类型不允许")
