"""Which district an employer's address lies in, for routing a public complaint to the competent intake unit
(劳动保障监察条例 第十三条第一款: the department of the place where the employer employs its workers).

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

__all__ = ["DATA_FILE", "District", "all_districts", "district_of"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "districts.toml"


@dataclass(frozen=True)
class District:
    code: str  # 行政区划代码
    name: str


def _load(path: Path) -> tuple[District, ...]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    rows = tuple(District(code=str(row["code"]), name=str(row["name"])) for row in raw["district"])
    codes = [row.code for row in rows]
    if len(set(codes)) != len(codes) or not all(c.isdigit() and len(c) == 6 for c in codes):
        raise ValueError(f"{path.name}: 行政区划代码须为六位数字且不重复。")
    if not all(row.name.endswith("区") for row in rows):
        raise ValueError(f"{path.name}: 区名须以“区”结尾。")
    return rows


@cache
def all_districts() -> tuple[District, ...]:
    return _load(DATA_FILE)


def district_of(address: str, *, districts: tuple[District, ...] | None = None) -> District | None:
    """The district named earliest in the address, or None when it names none."""
    text = "".join(address.split())
    found: list[tuple[int, District]] = []
    for district in all_districts() if districts is None else districts:
        position = text.find(district.name)
        if position >= 0:
            found.append((position, district))
    return min(found, key=lambda pair: pair[0])[1] if found else None
