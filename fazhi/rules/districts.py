"""Which district an employer's address lies in, for routing a public complaint to the competent intake unit
(劳动保障监察条例 第十三条第一款: the department of the place where the employer employs its workers); and, for the
documents of a case, the district's people's government that reviews its bureau's decisions (行政复议法 第二十四条第一款
第（一）项) and the bureau's 文号 prefix, with the same for the city (`city()`).

The districts are rows of `data/districts.toml`. An address names its district as "…市南山区…"; the earliest full
district name in the address wins, so "深圳市福田区深南大道南山科技大厦" is 福田区 (a building named after another
district comes after the district itself). A bare name without 区 ("南山大道") never matches: it is a road name as
often as a district. No match means None, and the caller sends the complaint to its default unit for staff to route.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["DATA_FILE", "City", "District", "all_districts", "city", "district_of"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "districts.toml"


@dataclass(frozen=True)
class District:
    code: str  # 行政区划代码
    name: str
    government: str = ""  # the district's people's government: the reconsideration organ of its bureau
    document_prefix: str = ""  # the district bureau's 发文机关代字 (GB/T 9704-2012 7.2.4)
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class City:
    """The city itself: its government reviews the city bureau's decisions; the city bureau's 文号 prefix."""

    name: str
    government: str
    document_prefix: str
    address: str = ""
    phone: str = ""


def _text(row: dict[str, object], key: str) -> str:
    return str(row.get(key, "")).strip()


def _load(path: Path) -> tuple[City, tuple[District, ...]]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    rows = tuple(
        District(
            code=str(row["code"]),
            name=str(row["name"]),
            government=_text(row, "government"),
            document_prefix=_text(row, "document_prefix"),
            address=_text(row, "address"),
            phone=_text(row, "phone"),
        )
        for row in raw["district"]
    )
    codes = [row.code for row in rows]
    if len(set(codes)) != len(codes) or not all(c.isascii() and c.isdigit() and len(c) == 6 for c in codes):
        raise ValueError(f"{path.name}: 行政区划代码须为六位数字且不重复。")
    if not all(row.name.endswith("区") for row in rows):
        raise ValueError(f"{path.name}: 区名须以“区”结尾。")
    head = raw.get("city", {})
    town = City(
        name=_text(head, "name"),
        government=_text(head, "government"),
        document_prefix=_text(head, "document_prefix"),
        address=_text(head, "address"),
        phone=_text(head, "phone"),
    )
    if not (town.name and town.government and town.document_prefix):
        raise ValueError(f"{path.name}: [city] 须写明市名、市人民政府和市局的发文机关代字。")
    # Each organ numbers its own documents: two organs with one prefix would draw from one sequence.
    prefixes = [town.document_prefix, *(row.document_prefix for row in rows if row.document_prefix)]
    if len(set(prefixes)) != len(prefixes):
        raise ValueError(f"{path.name}: 各机关的发文机关代字不能相同。")
    if not all(row.government.endswith("人民政府") for row in rows if row.government):
        raise ValueError(f"{path.name}: 复议机关须为人民政府。")
    return town, rows


@cache
def _data() -> tuple[City, tuple[District, ...]]:
    return _load(DATA_FILE)


def all_districts() -> tuple[District, ...]:
    return _data()[1]


def city() -> City:
    return _data()[0]


def district_of(address: str, *, districts: tuple[District, ...] | None = None) -> District | None:
    """The district named earliest in the address, or None when it names none."""
    text = "".join(address.split())
    found: list[tuple[int, District]] = []
    for district in all_districts() if districts is None else districts:
        position = text.find(district.name)
        if position >= 0:
            found.append((position, district))
    return min(found, key=lambda pair: pair[0])[1] if found else None
