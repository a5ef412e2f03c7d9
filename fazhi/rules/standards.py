"""Discretionary penalty standards (行政处罚裁量基准): tiers (裁量阶次) per violation, versioned by effective date.

行政处罚法 第三十四条: the bureau may make 裁量基准 and must publish them. A standard is a `Standard`: for each
violation code, its tiers in order, each with the facts that select it (`when`) and the part of the statutory fine
range it allows, in the violation's own unit (yuan, yuan per worker, a multiplier of the base, a percentage per day).

Two sources:
- the shipped EXAMPLE (`data/standards/example.toml`): the same four shares of every statutory range, clearly marked
  as an example (the Guangdong / Shenzhen standards were NOT FOUND, law digest §14.9);
- the bureau's own file, a CSV the legal division loads (`parse_standard_csv`; format in docs/standards-format.md),
  whose errors name the row and the column.

A later version never rewrites an earlier decision: the decision stores what it used, and `in_force` picks the version
for a day (the choice between the old and the new rule, 行政处罚法 第三十七条, is made in `fazhi.rules.penalties`).

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from fazhi.rules.facts import FACT_LABELS, Facts, Harm
from fazhi.rules.violations import FineUnit, Violation, all_violations

__all__ = [
    "CSV_COLUMNS",
    "EXAMPLE_FILE",
    "TIERS",
    "Condition",
    "Standard",
    "StandardDataError",
    "TierChange",
    "TierRule",
    "diff",
    "example_standard",
    "in_force",
    "parse_conditions",
    "parse_standard_csv",
    "parse_standard_rows",
    "select_tier",
]

EXAMPLE_FILE = Path(__file__).resolve().parent / "data" / "standards" / "example.toml"
CSV_COLUMNS = ("code", "tier", "when", "fine_min", "fine_max", "facts")
CENT = Decimal("0.01")

# The tiers, lightest first (their order is what 从重 and 从轻 move along).
TIERS: dict[str, str] = {"minor": "轻微", "general": "一般", "serious": "较重", "grave": "严重"}
_TIER_BY_LABEL = {label: code for code, label in TIERS.items()}

_FLAGS = ("first_violation", "corrected_promptly", "repeat_within_year", "no_fault")
_COUNTS = ("workers", "child_months", "base_amount", "days")
_YES = {"yes": True, "true": True, "是": True, "no": False, "false": False, "否": False}
_CONDITION = re.compile(r"^\s*([a-z_]+)\s*(>=|<=|=)\s*(.+?)\s*$")


class StandardDataError(ValueError):
    """A standard file is faulty; `problems` lists every fault, each naming its row and column."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"裁量基准“{source}”有误：\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Condition:
    fact: str
    op: str  # "=" (one of `values`), ">=", "<="
    values: tuple[str, ...]

    def holds(self, facts: Facts) -> bool:
        value = getattr(facts, self.fact)
        if self.fact == "harm":
            return value is not None and value.value in self.values
        if self.fact in _FLAGS:
            return bool(value) is _YES[self.values[0]]
        if value is None:
            return False
        limit = Decimal(self.values[0])
        return bool(value >= limit) if self.op == ">=" else bool(value <= limit)

    @property
    def label(self) -> str:
        if self.fact == "harm":
            return "或".join(Harm(v).label for v in self.values)
        name = FACT_LABELS[self.fact]
        if self.fact in _FLAGS:
            return name if _YES[self.values[0]] else f"非{name}" if self.fact != "corrected_promptly" else "未及时改正"
        return f"{name}{'不少于' if self.op == '>=' else '不超过'}{self.values[0]}"


def parse_conditions(text: str) -> tuple[Condition, ...]:
    """ "harm=serious,moderate; corrected_promptly=no; workers>=10" → conditions; ValueError (Chinese) otherwise."""
    found = []
    for part in text.replace("；", ";").split(";"):
        if not part.strip():
            continue
        match = _CONDITION.match(part)
        if match is None:
            raise ValueError(f"条件“{part.strip()}”应写作“情节=值”或“情节>=数值”")
        fact, op, raw = match.groups()
        values = tuple(v.strip() for v in raw.replace("，", ",").split(",") if v.strip())
        if fact == "harm":
            bad = [v for v in values if v not in set(Harm)]
            if op != "=" or bad or not values:
                raise ValueError(f"harm 应为 {'、'.join(Harm)} 中的一个或几个（以逗号分隔）")
        elif fact in _FLAGS:
            if op != "=" or len(values) != 1 or values[0] not in _YES:
                raise ValueError(f"{fact} 应为 yes 或 no")
        elif fact in _COUNTS:
            try:
                number = Decimal(values[0]) if len(values) == 1 else None
            except InvalidOperation:
                number = None
            if op == "=" or number is None or not number.is_finite() or number < 0:
                raise ValueError(f"{fact} 应写作“{fact}>=数值”或“{fact}<=数值”")
        else:
            raise ValueError(f"未知的情节“{fact}”（可用：harm、{'、'.join(_FLAGS + _COUNTS)}）")
        found.append(Condition(fact, op, values))
    return tuple(found)


@dataclass(frozen=True)
class TierRule:
    tier: str  # a key of TIERS
    when: tuple[Condition, ...]  # all must hold; none: the default tier
    low: Decimal | None  # in the violation's unit; None: no lower bound beyond the statute's
    high: Decimal | None  # None: the statute's maximum (or none set)
    facts: str  # the facts in words, for people

    @property
    def label(self) -> str:
        return TIERS[self.tier]

    @property
    def rank(self) -> int:
        return list(TIERS).index(self.tier)

    def mentions(self, fact: str) -> bool:
        return any(condition.fact == fact for condition in self.when)


@dataclass(frozen=True)
class Standard:
    key: str  # "example", or the version's identifier in the database
    name: str
    effective_from: dt.date
    example: bool
    rules: Mapping[str, tuple[TierRule, ...]]  # violation code → tiers, in the order they are tried
    note: str = ""

    def tiers_of(self, code: str) -> tuple[TierRule, ...]:
        return self.rules.get(code, ())


def select_tier(rules: Sequence[TierRule], facts: Facts) -> TierRule | None:
    """The first tier whose conditions all hold, else the default tier (the one without conditions)."""
    for rule in rules:
        if rule.when and all(condition.holds(facts) for condition in rule.when):
            return rule
    return next((rule for rule in rules if not rule.when), None)


def _share(violation: Violation, share: Decimal) -> Decimal | None:
    low = violation.fine_min if violation.fine_min is not None else Decimal(0)
    if violation.fine_max is None:
        return None
    return (low + share * (violation.fine_max - low)).quantize(CENT, ROUND_HALF_UP)


@cache
def example_standard() -> Standard:
    """The shipped example: its shares applied to every violation whose statute sets a fine range."""
    data = tomllib.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    head = data["standard"]
    templates = []
    for entry in data["tiers"]:
        low, high = (Decimal(str(x)) for x in entry["share"])
        templates.append((entry["tier"], parse_conditions(entry["when"]), low, high, entry["facts"]))
    rules: dict[str, tuple[TierRule, ...]] = {}
    for violation in all_violations():
        if violation.fine_unit is FineUnit.NONE or violation.fine_max is None or violation.retired:
            continue
        rules[violation.code] = tuple(
            TierRule(tier, when, _share(violation, low), _share(violation, high), facts)
            for tier, when, low, high, facts in templates
        )
    return Standard(
        key=head["key"],
        name=head["name"],
        effective_from=head["effective_from"],
        example=bool(head["example"]),
        rules=rules,
        note=head.get("note", ""),
    )


def _amount(text: str) -> Decimal:
    number = Decimal(text.replace(",", ""))
    if not number.is_finite() or number < 0:
        raise InvalidOperation
    return number


def parse_standard_csv(
    text: str, *, source: str, key: str, name: str, effective_from: dt.date, violations: Iterable[Violation] = ()
) -> Standard:
    """The bureau's standard from its CSV; StandardDataError naming the row and column of every fault.

    Columns: code, tier (minor/general/serious/grave or 轻微/一般/较重/严重), when (conditions, blank for the
    violation's default tier), fine_min, fine_max (in the violation's unit; blank = the statute's bound), facts (the
    selecting facts in words). The rows are read by `parse_standard_rows`."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = [column.strip() for column in next(reader, None) or []]
    problems: list[str] = []
    rows: list[tuple[str, dict[str, str]]] = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        where = f"第{reader.line_num}行"
        if len(cells) != len(header):
            problems.append(f"{where}：应有{len(header)}列，实有{len(cells)}列")
            continue
        rows.append((where, dict(zip(header, (cell.strip() for cell in cells), strict=True))))
    return parse_standard_rows(
        rows,
        source=source,
        key=key,
        name=name,
        effective_from=effective_from,
        header=header,
        violations=violations,
        problems=problems,
    )


def parse_standard_rows(
    rows: Iterable[tuple[str, Mapping[str, str]]],
    *,
    source: str,
    key: str,
    name: str,
    effective_from: dt.date,
    header: Sequence[str],
    header_location: str = "第1行",
    violations: Iterable[Violation] = (),
    problems: list[str] | None = None,
) -> Standard:
    """The bureau's standard from its rows, whatever file they were read from (CSV, a spreadsheet): each row is
    (its location in Chinese — "第2行", "工作表“基准”第2行" —, its cells by column name); `header` is the columns in
    the file's order (errors name a column by its place and its name). StandardDataError naming the location and the
    column of every fault (`problems`: faults the reader already found)."""
    known = {v.code: v for v in (violations or all_violations())}
    problems = list(problems or [])
    header = [column.strip() for column in header]
    if tuple(header) != CSV_COLUMNS:
        raise StandardDataError(
            source, [f"{header_location}：表头应为 {','.join(CSV_COLUMNS)}，实为 {','.join(header)}"]
        )
    rules: dict[str, list[TierRule]] = {}
    seen: dict[tuple[str, str], str] = {}
    for where, cells in rows:
        row = {column: str(cells.get(column) or "").strip() for column in CSV_COLUMNS}

        def fault(column: str, message: str, where: str = where) -> None:
            problems.append(f"{where}第{header.index(column) + 1}列（{column}）：{message}")

        violation = known.get(row["code"])
        if violation is None:
            fault("code", f"未知的违法行为代码“{row['code']}”")
            continue
        if violation.retired:
            fault("code", f"违法行为代码“{violation.code}”已停用，请按替代它的“{violation.replaced_by}”制定阶次")
            continue
        if violation.fine_unit is FineUnit.NONE:
            fault("code", f"“{violation.name}”法律未规定罚款，不设裁量阶次")
            continue
        tier = _TIER_BY_LABEL.get(row["tier"], row["tier"])
        if tier not in TIERS:
            fault("tier", f"应为 {'、'.join(f'{k}（{v}）' for k, v in TIERS.items())} 之一")
            continue
        if (violation.code, tier) in seen:
            fault("tier", f"与{seen[(violation.code, tier)]}重复（同一违法行为的同一阶次）")
            continue
        seen[(violation.code, tier)] = where
        try:
            when = parse_conditions(row["when"])
        except ValueError as error:
            fault("when", str(error))
            continue
        bounds: list[Decimal | None] = []
        for column in ("fine_min", "fine_max"):
            try:
                bounds.append(_amount(row[column]) if row[column] else None)
            except InvalidOperation:
                fault(column, f"“{row[column]}”应为非负数")
                bounds.append(None)
        low, high = bounds
        statute_low, statute_high = violation.fine_min, violation.fine_max
        if low is not None and high is not None and low > high:
            fault("fine_min", f"{low} 大于 fine_max {high}")
        if low is not None and statute_low is not None and low < statute_low:
            fault("fine_min", f"{low} 低于法定最低额 {statute_low}（{violation.basis}）")
        if high is not None and statute_high is not None and high > statute_high:
            fault("fine_max", f"{high} 高于法定最高额 {statute_high}（{violation.basis}）")
        if not row["facts"]:
            fault("facts", "请用文字写明适用本阶次的情节")
        rules.setdefault(violation.code, []).append(TierRule(tier, when, low, high, row["facts"]))
    for code, tiers in rules.items():
        if not any(not rule.when for rule in tiers):
            problems.append(f"违法行为“{code}”：须有一个 when 为空的默认阶次")
    if not rules and not problems:
        problems.append("没有任何裁量阶次")
    if problems:
        raise StandardDataError(source, problems)
    return Standard(
        key=key,
        name=name,
        effective_from=effective_from,
        example=False,
        rules={code: tuple(tiers) for code, tiers in rules.items()},
    )


def in_force(standards: Iterable[Standard], on: dt.date) -> Standard:
    """The standard in force on `on`: the latest effective on or before it (the example before any loaded one)."""
    candidates = [s for s in standards if s.effective_from <= on]
    if not candidates:
        return example_standard()
    return max(candidates, key=lambda s: (s.effective_from, not s.example))


@dataclass(frozen=True)
class TierChange:
    code: str
    tier: str
    change: str  # "added" | "removed" | "changed"
    before: TierRule | None
    after: TierRule | None


def _same(a: TierRule, b: TierRule) -> bool:
    return (a.when, a.low, a.high, a.facts) == (b.when, b.low, b.high, b.facts)


def diff(old: Standard, new: Standard) -> list[TierChange]:
    """What changed from `old` to `new`, per violation and tier (violations in the CSV's order)."""
    changes: list[TierChange] = []
    order = [v.code for v in all_violations()]
    codes = sorted(set(old.rules) | set(new.rules), key=lambda c: order.index(c) if c in order else len(order))
    for code in codes:
        before = {rule.tier: rule for rule in old.tiers_of(code)}
        after = {rule.tier: rule for rule in new.tiers_of(code)}
        for tier in TIERS:
            a, b = before.get(tier), after.get(tier)
            if a is None and b is not None:
                changes.append(TierChange(code, tier, "added", None, b))
            elif a is not None and b is None:
                changes.append(TierChange(code, tier, "removed", a, None))
            elif a is not None and b is not None and not _same(a, b):
                changes.append(TierChange(code, tier, "changed", a, b))
    return changes
