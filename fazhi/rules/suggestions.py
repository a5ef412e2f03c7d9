"""Judicial suggestions (司法建议) and procuratorial suggestions (检察建议) received by the bureau: the two kinds with
their bases, the default reply deadline, and whether a reply was late.

The kinds live in `data/suggestions.toml`, validated when read. A suggestion usually states its own reply deadline;
the record takes it, and `default_deadline` only when none is stated. The defaults are not verified from a full text
([S]: 60 days for a judicial suggestion — 最高人民法院关于适用《行政诉讼法》的解释 第一百四十九条第四款 gives it for
suggestions on normative documents only —, two months for a procuratorial one — 人民检察院检察建议工作规定 (2019), seen
only as quoted at its publication): the bureau sets them (FAZHI_JUDICIAL_SUGGESTION_REPLY_DAYS,
FAZHI_PROCURATORIAL_SUGGESTION_REPLY_MONTHS) and the data file carries the note.

A deadline's last day is not moved off a rest day: the bureau replies by the day the organ counted (or the default
counted the same way), never later on a reading of its own.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "DATA_FILE",
    "JUDICIAL",
    "PROCURATORIAL",
    "Basis",
    "Kind",
    "SuggestionDataError",
    "add_months",
    "default_deadline",
    "kind",
    "kinds",
    "load_kinds",
    "reply_late",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "suggestions.toml"
JUDICIAL = "judicial"
PROCURATORIAL = "procuratorial"
UNITS = ("days", "months")


class SuggestionDataError(ValueError):
    """The data file is wrong (the message names the entry)."""


@dataclass(frozen=True)
class Basis:
    citation: str
    status: str  # "T" read in full text, "S" secondary sources only

    @property
    def verified(self) -> bool:
        return self.status == "T"


@dataclass(frozen=True)
class Kind:
    code: str
    name: str
    organ: str
    reply_title: str
    bases: tuple[Basis, ...]
    reply_length: int
    reply_unit: str
    reply_setting: str
    reply_basis: str
    reply_status: str
    note: str

    @property
    def basis_label(self) -> str:
        return "；".join(b.citation for b in self.bases)

    @property
    def default_label(self) -> str:
        return f"{self.reply_length}{'日' if self.reply_unit == 'days' else '个月'}"


def _kind(raw: dict[str, Any], index: int) -> Kind:
    where = f"suggestions.toml kind #{index + 1}"
    try:
        bases = tuple(Basis(str(b["citation"]), str(b["status"])) for b in raw["bases"])
        found = Kind(
            code=str(raw["code"]),
            name=str(raw["name"]),
            organ=str(raw["organ"]),
            reply_title=str(raw["reply_title"]),
            bases=bases,
            reply_length=int(raw["reply_length"]),
            reply_unit=str(raw["reply_unit"]),
            reply_setting=str(raw["reply_setting"]),
            reply_basis=str(raw["reply_basis"]),
            reply_status=str(raw["reply_status"]),
            note=str(raw.get("note", "")),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise SuggestionDataError(f"{where}: missing or wrong field ({error})") from None
    if found.reply_unit not in UNITS or found.reply_length < 1:
        raise SuggestionDataError(f"{where} ({found.code}): reply_unit must be days or months, reply_length >= 1")
    statuses = {b.status for b in bases} | {found.reply_status}
    if not statuses <= {"T", "S"} or not bases:
        raise SuggestionDataError(f"{where} ({found.code}): every basis needs a status T or S")
    if found.reply_status == "S" and "[S]" not in found.note:
        raise SuggestionDataError(f"{where} ({found.code}): an [S] default needs a note marked [S]")
    return found


def load_kinds(path: Path = DATA_FILE) -> tuple[Kind, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = tuple(_kind(raw, i) for i, raw in enumerate(data.get("kind", [])))
    if {k.code for k in found} != {JUDICIAL, PROCURATORIAL} or len(found) != 2:
        raise SuggestionDataError("suggestions.toml must define the kinds judicial and procuratorial, once each")
    return found


@cache
def kinds() -> tuple[Kind, ...]:
    return load_kinds()


def kind(code: str) -> Kind | None:
    return next((k for k in kinds() if k.code == code), None)


def add_months(start: dt.date, months: int) -> dt.date:
    """The corresponding day `months` months later, or that month's last day when it has none (民法典 第二百零二条)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(start.day, (following - dt.timedelta(days=1)).day))


def default_deadline(code: str, received_on: dt.date, length: int | None = None) -> dt.date:
    """The last day to reply to a suggestion of kind `code` received on `received_on` that states no deadline: the
    kind's default length (or `length`, the bureau's setting) from the day after receipt (the day of receipt is not
    counted)."""
    found = kind(code)
    if found is None:
        raise ValueError(f"未知的建议类别“{code}”")
    n = found.reply_length if length is None else length
    if n < 1:
        raise ValueError("答复期限必须至少为 1")
    if found.reply_unit == "months":
        return add_months(received_on, n)
    return received_on + dt.timedelta(days=n)


def reply_late(deadline: dt.date, sent_on: dt.date | None, as_of: dt.date) -> bool:
    """Whether the reply was late as of `as_of`: sent after the deadline, or not sent by a deadline already past."""
    if sent_on is not None and sent_on <= as_of:
        return sent_on > deadline
    return as_of > deadline
