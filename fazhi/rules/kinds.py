"""Kinds of violation (同类违法行为): which violations count as the same kind for the repeat within a year of a
penalty (广东省劳动保障监察条例 第五十三条) and for a first violation (行政处罚法 第三十三条第一款 "初次违法").

The kinds live in `data/violation_kinds.toml` with the articles of each (`bases`); the regulation does not define
同类, so the file is marked verified = false with a note ([S]). A violation in no kind is a kind of its own; a retired
violation (`violations.Violation.replaced_by`) shares its replacement's kinds.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fazhi.rules.violations import all_violations, current

__all__ = [
    "DATA_FILE",
    "Kind",
    "KindDataError",
    "Kinds",
    "kinds",
    "kinds_of",
    "load_kinds",
    "same_kind",
    "same_kind_codes",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "violation_kinds.toml"
_CODE = re.compile(r"^[a-z][a-z_]*$")
_FIELDS = ("code", "name", "bases", "violation_codes")


class KindDataError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("同类违法行为数据有误：\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Kind:
    code: str
    name: str
    bases: tuple[str, ...]  # the articles that state the same duty
    violation_codes: frozenset[str]


@dataclass(frozen=True)
class Kinds:
    citation: str
    verified: bool
    note: str
    kinds: tuple[Kind, ...]


def load_kinds(text: str, known_violations: Collection[str]) -> Kinds:
    """The kinds of a data file's text, checked; KindDataError naming every problem."""
    data: dict[str, Any] = tomllib.loads(text)
    source = data.get("source", {})
    problems: list[str] = []
    if not source.get("citation"):
        problems.append("[source] 缺少 citation")
    if not source.get("verified", False) and "[S]" not in str(source.get("note", "")):
        problems.append("[source] 未经核实，note 应以 [S] 标明")
    found: list[Kind] = []
    for index, row in enumerate(data.get("kind", []), start=1):
        missing = [name for name in _FIELDS if not row.get(name)]
        if missing:
            problems.append(f"第 {index} 类缺少 {', '.join(missing)}")
            continue
        if not _CODE.match(str(row["code"])):
            problems.append(f"第 {index} 类的 code 不合规：{row['code']!r}")
        unknown = sorted(set(row["violation_codes"]) - set(known_violations))
        if unknown:
            problems.append(f"类 {row['code']} 列出的违法行为不存在：{', '.join(unknown)}")
        if len(set(row["violation_codes"])) != len(row["violation_codes"]):
            problems.append(f"类 {row['code']} 重复列出了同一违法行为")
        found.append(Kind(str(row["code"]), str(row["name"]), tuple(row["bases"]), frozenset(row["violation_codes"])))
    codes = [kind.code for kind in found]
    if len(set(codes)) != len(codes):
        problems.append("类 code 重复")
    if problems:
        raise KindDataError(problems)
    verified, note = bool(source.get("verified", False)), str(source.get("note", ""))
    return Kinds(str(source["citation"]), verified, note, tuple(found))


@cache
def kinds() -> Kinds:
    """The shipped kinds."""
    return load_kinds(DATA_FILE.read_text(encoding="utf-8"), {v.code for v in all_violations()})


@cache
def kinds_of(code: str) -> frozenset[str]:
    """The kinds (their codes) `code` belongs to, with those of its replacement when it is retired; UnknownViolation
    for an unknown code."""
    governing = current(code).code
    return frozenset(kind.code for kind in kinds().kinds if {code, governing} & kind.violation_codes)


@cache
def same_kind_codes(code: str) -> frozenset[str]:
    """Every violation of the same kind as `code` (广东省劳动保障监察条例 第五十三条 "同类"): itself, its replacement
    and the rows retired into either, and every row sharing a kind with them."""
    mine = kinds_of(code)
    rows = all_violations()
    governing = current(code).code
    return frozenset(
        row.code
        for row in rows
        if row.code in (code, governing) or current(row.code).code == governing or kinds_of(row.code) & mine
    )


def same_kind(a: str, b: str) -> bool:
    """Whether violations `a` and `b` are of the same kind (同类)."""
    return b in same_kind_codes(a)
