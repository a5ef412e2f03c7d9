"""重大劳动保障违法行为社会公布 (major-violation publication): the seven categories, the quarters the lists are
published by, and the suggestion of categories for a decided case.

Law (law digest §4, §14.2): 劳动保障监察条例 第二十二条 and 广东省劳动保障监察条例 第十八条第二款 [T] make the bureau
publish major violations; 人力资源社会保障部令第29号 [S] 第五条 lists the seven categories, mandatory for violations
already investigated with a handling decision. Its other rules are [S] without verified article numbers: the
prescribed fields (违法主体全称, 统一社会信用代码, 地址, 法定代表人或负责人姓名, 主要违法事实, 相关处理情况), no
state or commercial secrets or personal privacy, and city- and county-level departments publishing quarterly.

The categories live in `data/major_violations.toml`, validated when read: every violation code they name is a row of
`penalty_items.csv`. Which category a case belongs to is the staff's judgment ("情节严重", "数额较大" have no figure in
29号): `suggest` only proposes, from what the case records.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from fazhi.rules.violations import all_violations

__all__ = [
    "DATA_FILE",
    "ELIGIBLE_OUTCOMES",
    "FIELDS",
    "CaseFacts",
    "Category",
    "CategoryDataError",
    "Quarter",
    "Suggestion",
    "categories",
    "category",
    "load_categories",
    "quarter_of",
    "selection_quarter",
    "suggest",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "major_violations.toml"

# The decided outcomes that are "已经查处并作出处理决定" (29号 第五条 [S]): a penalty, an order to pay or to correct,
# and a transfer to the police of a suspected crime (category 1 names it). Not: 不予行政处罚 (no violation to publish)
# and 移送其他机关 (not this bureau's violation to handle).
ELIGIBLE_OUTCOMES = frozenset({"penalty", "handling_decision", "rectification", "transfer_police"})
CRIME_TRANSFER = "transfer_police"

# The prescribed fields of a publication (29号 [S], article number not verified), in the order the exports give them.
FIELDS = (
    ("employer_name", "违法主体全称"),
    ("credit_code", "统一社会信用代码"),
    ("address", "地址"),
    ("legal_representative", "法定代表人或负责人姓名"),
    ("facts", "主要违法事实"),
    ("handling", "相关处理情况"),
)

_CODE = re.compile(r"^[a-z][a-z_]*$")
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


class CategoryDataError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("重大劳动保障违法行为类别数据有误：\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Category:
    number: int  # the item of 29号 第五条
    code: str
    name: str
    citation: str
    verified: bool
    note: str
    violation_codes: frozenset[str]
    bases: tuple[str, ...] = ()  # [T] articles that also make these violations published

    @property
    def label(self) -> str:
        return f"（{_CHINESE_NUMBERS[self.number]}）{self.name}"


_CHINESE_NUMBERS = ("〇", "一", "二", "三", "四", "五", "六", "七")
_FIELDS_OF_CATEGORY = ("number", "code", "name", "citation", "verified", "note", "violation_codes")


def load_categories(text: str, known_violations: Collection[str]) -> tuple[Category, ...]:
    """The categories of a data file's text, checked; raises CategoryDataError naming every problem."""
    rows: list[dict[str, Any]] = tomllib.loads(text).get("category", [])
    problems: list[str] = []
    found: list[Category] = []
    for index, row in enumerate(rows, start=1):
        missing = [name for name in _FIELDS_OF_CATEGORY if name not in row]
        if missing:
            problems.append(f"第 {index} 个类别缺少 {', '.join(missing)}")
            continue
        if row["number"] != index:
            problems.append(f"第 {index} 个类别的 number 应为 {index}")
        if not _CODE.match(str(row["code"])):
            problems.append(f"第 {index} 个类别的 code 不合规：{row['code']!r}")
        unknown = sorted(set(row["violation_codes"]) - set(known_violations))
        if unknown:
            problems.append(f"类别 {row['code']} 列出的违法行为不存在：{', '.join(unknown)}")
        if not row["verified"] and "[S]" not in row["note"]:
            problems.append(f"类别 {row['code']} 未经核实，note 应以 [S] 标明")
        found.append(
            Category(
                number=int(row["number"]),
                code=str(row["code"]),
                name=str(row["name"]),
                citation=str(row["citation"]),
                verified=bool(row["verified"]),
                note=str(row["note"]),
                violation_codes=frozenset(row["violation_codes"]),
                bases=tuple(str(basis) for basis in row.get("bases", ())),
            )
        )
    codes = [c.code for c in found]
    if len(set(codes)) != len(codes):
        problems.append("类别 code 重复")
    if len(found) != len(_CHINESE_NUMBERS) - 1 and not problems:
        problems.append(f"应有七个类别（29号第五条），实有 {len(found)} 个")
    if problems:
        raise CategoryDataError(problems)
    return tuple(found)


@cache
def categories() -> tuple[Category, ...]:
    """The seven categories, in the order of 29号 第五条."""
    return load_categories(DATA_FILE.read_text(encoding="utf-8"), {v.code for v in all_violations()})


def category(code: str) -> Category | None:
    return next((c for c in categories() if c.code == code), None)


# --- quarters ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: city- and county-level departments publish their list once a quarter (29号 [S])."""

    year: int
    number: int  # 1 to 4

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(f"季度应为 1 至 4：{self.number}")

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        return self.next.start - dt.timedelta(days=1)

    @property
    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    @property
    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    @property
    def label(self) -> str:
        return f"{self.year}年{_QUARTER_NAMES[self.number - 1]}"

    @property
    def code(self) -> str:
        """The form used in URLs and exports, such as "2026Q1"."""
        return f"{self.year}Q{self.number}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        """The quarter of a code such as "2026Q1"; None when the text is not one."""
        match = _QUARTER.match(text.strip())
        return cls(int(match[1]), int(match[2])) if match else None


def quarter_of(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def selection_quarter(decided_on: dt.date, published: Collection[Quarter]) -> Quarter:
    """The quarter whose list a case decided on `decided_on` is published in: the quarter of the decision, or, when
    that quarter's list was already published, the first later quarter whose list was not (a publication is never
    reopened; a violation selected late goes into the next list)."""
    quarter = quarter_of(decided_on)
    while quarter in published:
        quarter = quarter.next
    return quarter


# --- suggestion -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFacts:
    """What a decided case records that bears on the categories."""

    violation_code: str
    outcome: str  # the decided outcome (fazhi.cases.outcomes.OUTCOMES)
    wages_owed: Decimal  # the wages the case found owed to its workers, in yuan
    wage_amount: Decimal  # the bureau's "数额较大" (setting FAZHI_MAJOR_VIOLATION_WAGES)
    # Sent to the police along the transfer track (行政执法机关移送涉嫌犯罪案件的规定 第五条), not by a decision's
    # outcome.
    transferred: bool = False


@dataclass(frozen=True)
class Suggestion:
    category: Category
    reason: str  # why, in Chinese


def suggest(facts: CaseFacts) -> list[Suggestion]:
    """The categories a decided case likely falls in, in the order of 第五条, each with its reason. A suggestion, not a
    finding: "数额较大" and "情节严重" are for the staff to confirm."""
    if facts.outcome not in ELIGIBLE_OUTCOMES:
        return []
    found: list[Suggestion] = []
    for item in categories():
        listed = facts.violation_code in item.violation_codes
        if item.code == "wages":
            reason = _wages_reason(facts, listed)
            if reason:
                found.append(Suggestion(item, reason))
        elif listed:
            found.append(Suggestion(item, f"违法行为属于本类（{item.citation}），请确认是否符合公布条件。"))
    return found


def _wages_reason(facts: CaseFacts, listed: bool) -> str:
    if not listed:
        return ""
    if facts.outcome == CRIME_TRANSFER or facts.transferred:
        return "拒不支付劳动报酬，已移送公安机关追究刑事责任。"
    if facts.wages_owed >= facts.wage_amount:
        return f"拖欠劳动报酬 {facts.wages_owed:.2f} 元，达到本局“数额较大”标准 {facts.wage_amount} 元。"
    return ""
