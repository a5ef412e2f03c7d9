"""Jurisdictions: where a rule applies, and the chain that makes the tightest match win.

National rules apply everywhere; a province's rules override them inside the province, a city's override both inside
the city (product.md "Jurisdiction"). A code names a node of that tree: "CN" (全国), "CN-GD" (广东省), "CN-GD-SZ"
(深圳市). `chain(code)` lists the node and its ancestors, tightest first; a rule table keyed by jurisdiction picks the
first entry found along that chain.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

__all__ = [
    "JURISDICTIONS",
    "NATIONAL",
    "Jurisdiction",
    "UnknownJurisdiction",
    "chain",
    "get_jurisdiction",
    "normalize_code",
    "tightest_match",
]


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str  # short Chinese name shown to users
    full_name: str  # name with its ancestors, e.g. 广东省深圳市
    parent: str | None


NATIONAL = "CN"

JURISDICTIONS: dict[str, Jurisdiction] = {
    j.code: j
    for j in (
        Jurisdiction("CN", "全国", "中华人民共和国", None),
        Jurisdiction("CN-GD", "广东省", "广东省", "CN"),
        Jurisdiction("CN-GD-SZ", "深圳市", "广东省深圳市", "CN-GD"),
    )
}


class UnknownJurisdiction(ValueError):
    """A jurisdiction code that is not in JURISDICTIONS. The message is in Chinese and lists the known codes."""

    def __init__(self, code: object) -> None:
        self.code = code
        known = "、".join(f"{j.code}（{j.name}）" for j in JURISDICTIONS.values())
        super().__init__(f"未知的管辖区域代码“{code}”，可用的代码：{known}")


def normalize_code(code: object) -> str:
    """The canonical form of a code ("cn-gd-sz " → "CN-GD-SZ"); raises UnknownJurisdiction if it is not known."""
    if not isinstance(code, str):
        raise UnknownJurisdiction(code)
    canonical = code.strip().upper()
    if canonical not in JURISDICTIONS:
        raise UnknownJurisdiction(code)
    return canonical


def get_jurisdiction(code: object) -> Jurisdiction:
    return JURISDICTIONS[normalize_code(code)]


def chain(code: object) -> tuple[str, ...]:
    """The code and its ancestors, tightest first: chain("CN-GD-SZ") == ("CN-GD-SZ", "CN-GD", "CN")."""
    current: str | None = normalize_code(code)
    codes: list[str] = []
    while current is not None:
        codes.append(current)
        current = JURISDICTIONS[current].parent
    return tuple(codes)


def tightest_match(code: object, available: Collection[str]) -> str | None:
    """The first code along `chain(code)` that is in `available` (a local rule beats the national one), else None."""
    for candidate in chain(code):
        if candidate in available:
            return candidate
    return None
