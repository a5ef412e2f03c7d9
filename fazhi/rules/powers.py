"""The power-and-responsibility list (权责清单): every enforcement power of the bureau with its type, legal basis,
responsible unit, duties and accountability, and the power that sanctions each violation.

The rows live in `data/powers.toml`, an EXAMPLE list built from the statutes the system encodes (the Shenzhen list was
NOT FOUND, law digest §14.9); the file is validated when read: every violation of `penalty_items.csv` is sanctioned by
exactly one power, or is named as another department's.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fazhi.rules.citations import parse_basis
from fazhi.rules.periods import Citation
from fazhi.rules.violations import Violation, all_violations

__all__ = ["DATA_FILE", "POWER_TYPES", "Power", "PowerDataError", "PowerList", "load_powers", "power_list"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "powers.toml"
POWER_TYPES = ("行政处罚", "行政检查", "行政强制", "行政处理", "其他行政权力")
_FIELDS = ("code", "name", "type", "basis", "unit", "duties", "accountability", "violations")


class PowerDataError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("权责清单数据有误：\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Power:
    code: str
    name: str
    type: str
    basis: str
    unit: str
    duties: str
    accountability: str
    violations: tuple[str, ...]  # codes of the violations this power sanctions

    @property
    def citations(self) -> tuple[Citation, ...]:
        return parse_basis(self.basis)


@dataclass(frozen=True)
class PowerList:
    name: str
    example: bool
    powers: tuple[Power, ...]
    outside: tuple[str, ...]  # violations sanctioned by another department
    outside_note: str

    def get(self, code: str) -> Power | None:
        return next((power for power in self.powers if power.code == code), None)

    def power_for(self, violation_code: str) -> Power | None:
        """The power that sanctions the violation (None: another department's)."""
        return next((power for power in self.powers if violation_code in power.violations), None)

    def by_type(self, kind: str) -> tuple[Power, ...]:
        return tuple(power for power in self.powers if power.type == kind)


def load_powers(data: dict[str, Any], violations: tuple[Violation, ...]) -> PowerList:
    problems: list[str] = []
    codes = [v.code for v in violations]
    owner: dict[str, str] = {}
    powers = []
    for index, raw in enumerate(data.get("powers", []), start=1):
        name = f"第{index}项职权（{raw.get('code', '无编码')}）"
        missing = [field for field in _FIELDS if field not in raw or (field != "violations" and not raw[field])]
        if missing:
            problems.append(f"{name}：缺少 {'、'.join(missing)}")
            continue
        if raw["type"] not in POWER_TYPES:
            problems.append(f"{name}：type 应为 {'、'.join(POWER_TYPES)} 之一")
        if not parse_basis(raw["basis"]):
            problems.append(f"{name}：basis 未列明条款")
        matched = []
        for prefix in raw["violations"]:
            found = [code for code in codes if code.startswith(prefix)]
            if not found:
                problems.append(f"{name}：violations 中的“{prefix}”不对应任何违法行为")
            matched.extend(found)
        for code in dict.fromkeys(matched):
            if code in owner:
                problems.append(f"{name}：违法行为 {code} 已属于 {owner[code]}")
            owner[code] = raw["code"]
        values = {field: raw[field] for field in _FIELDS if field != "violations"}
        powers.append(Power(**values, violations=tuple(dict.fromkeys(matched))))
    outside = tuple(data.get("outside", {}).get("codes", []))
    for code in outside:
        if code in owner:
            problems.append(f"违法行为 {code} 既属于 {owner[code]} 又列为其他部门职权")
    unowned = [code for code in codes if code not in owner and code not in outside]
    if unowned:
        problems.append(f"以下违法行为没有对应的职权：{'、'.join(unowned)}")
    if problems:
        raise PowerDataError(problems)
    head = data.get("list", {})
    return PowerList(
        name=head.get("name", "权责清单"),
        example=bool(head.get("example", False)),
        powers=tuple(powers),
        outside=outside,
        outside_note=data.get("outside", {}).get("note", ""),
    )


@cache
def power_list() -> PowerList:
    """The shipped list."""
    return load_powers(tomllib.loads(DATA_FILE.read_text(encoding="utf-8")), all_violations())
