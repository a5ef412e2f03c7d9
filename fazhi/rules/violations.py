"""Violations and their penalty standards (违法行为与处罚标准) as data with citations, and the repeat-offence rule.

The rows live in `data/penalty_items.csv`, which began as a copy of shared/domain/penalty-items.csv (law digest §12,
whose conventions it keeps) and was corrected where the legal review of December 2026 (A8, A9) read the statutes
otherwise: one row per violation with its basis (statute short name, a space, then the article; several bases are
separated by "; ", the one that sets the amount included), measures ("; "-separated), fine range in yuan and its unit,
whether the fine needs an earlier order to correct (`order_first`) and, for a retired row, the row that replaces it
(`replaced_by`). The file is read once and validated; a faulty row raises `ViolationDataError` naming it.

order_first (true/false): the article fines only when an order to correct within a time limit was given first and not
complied with ("责令限期改正；逾期不改正的，…罚款", and "经责令改正拒不改正"): e.g. 保障农民工工资支付条例
第五十四条至第五十七条, 劳动合同法 第九十二条第二款, 劳动合同法实施条例 第三十三条,
广东省劳动保障监察条例 第五十条第二款, 社会保险法 第八十四条, 广东省工资支付条例 第五十四条、第五十五条,
实施《社会保险法》若干规定 第二十四条. See `needs_prior_order`.

replaced_by: codes are never renamed or deleted (decisions and API clients keep them). A row whose range another law
governs is retired instead: it keeps its text for the decisions that used it, and `current` (and so the calculator)
answers with its replacement. Retired: 劳动合同法实施条例 第三十五条 (→ 劳动合同法 第九十二条第二款, 劳务派遣暂行规定
第二十条) and 劳动保障监察条例 第二十七条第二款 (→ 社会保险法 第八十八条; 监察条例 第三十二条 "从其规定").

fine_unit (law digest §12): fixed | per_worker | per_child_month | multiple_of_amount (the fine columns hold multipliers
of a base named in the notes) | percent_per_day (the columns hold a percentage per day) | none (no fine: measures
only, or a payment to workers such as 加付赔偿金 / 二倍工资). A unit other than `none` with blank amounts means the text
authorises a fine without setting its amount.

Repeat offence (从重): 广东省劳动保障监察条例 第五十三条, see `is_repeat_offence`.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from pathlib import Path

from fazhi.rules.periods import Citation

__all__ = [
    "COLUMNS",
    "DATA_FILE",
    "REPEAT_OFFENCE_CITATION",
    "REPEAT_OFFENCE_WINDOW_YEARS",
    "FineUnit",
    "UnknownViolation",
    "Violation",
    "ViolationDataError",
    "all_violations",
    "by_statute",
    "current",
    "is_repeat_offence",
    "load_violations",
    "needs_prior_order",
    "parse_violations",
    "repeat_offence_window_end",
    "violation",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "penalty_items.csv"
COLUMNS = (
    "code",
    "violation_zh",
    "basis",
    "measures",
    "fine_min_yuan",
    "fine_max_yuan",
    "fine_unit",
    "notes",
    "order_first",
    "replaced_by",
)
_BOOLEANS = {"true": True, "false": False}
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
# "劳动保障监察条例 第二十六条第（一）项": a statute short name (no spaces), one space, then 第…条.
_BASIS_PART = re.compile(r"^(\S+) 第\S*条")

# 广东省劳动保障监察条例 第五十三条: 用人单位违反劳动保障法律、法规或者规章的行为
# 经人力资源社会保障行政部门作出行政处罚决定后，在一年内又发生同类违法行为的，应当依法从重处罚.
REPEAT_OFFENCE_CITATION = Citation("广东省劳动保障监察条例", 53)
REPEAT_OFFENCE_WINDOW_YEARS = 1


class FineUnit(StrEnum):
    FIXED = "fixed"
    PER_WORKER = "per_worker"
    PER_CHILD_MONTH = "per_child_month"
    MULTIPLE_OF_AMOUNT = "multiple_of_amount"  # the fine columns hold multipliers
    PERCENT_PER_DAY = "percent_per_day"  # the fine columns hold a percentage per day
    NONE = "none"  # no fine


class UnknownViolation(KeyError):
    """No violation with this code."""

    def __init__(self, code: object) -> None:
        self.code = code
        super().__init__(code)

    def __str__(self) -> str:
        return f"未知的违法行为代码“{self.code}”"


class ViolationDataError(ValueError):
    """The penalty data file is faulty; `problems` lists every fault, each naming its row."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"处罚标准数据“{source}”有误：\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Violation:
    code: str
    name: str  # violation_zh
    basis: str  # e.g. "劳动保障监察条例 第二十六条第（一）项"; several bases separated by "; "
    measures: tuple[str, ...]
    fine_min: Decimal | None  # yuan, or a multiplier / a percentage per day according to fine_unit
    fine_max: Decimal | None
    fine_unit: FineUnit
    notes: str
    order_first: bool = False  # the fine needs an earlier order to correct, not complied with in time
    replaced_by: str = ""  # retired: the code that now governs this violation

    @property
    def retired(self) -> bool:
        return bool(self.replaced_by)

    @property
    def statute(self) -> str:
        """The statute short name at the start of `basis`: "劳动保障监察条例"."""
        return self.basis.split(" ", 1)[0]

    @property
    def bases(self) -> tuple[str, ...]:
        """Each basis on its own: ("劳动合同法 第八十二条第一款", "劳动合同法实施条例 第三十四条")."""
        return tuple(part.strip() for part in self.basis.split(";"))

    @property
    def has_fine(self) -> bool:
        return self.fine_unit is not FineUnit.NONE


# --- reading and validating the data ---------------------------------------------------------------------------


def _decimal(value: str, column: str, problems: list[str]) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        problems.append(f"{column}“{value}”不是数字")
        return None
    if not number.is_finite() or number < 0:
        problems.append(f"{column}“{value}”应为非负数")
        return None
    return number


def _row(raw: dict[str, str]) -> tuple[Violation | None, list[str]]:
    """One row and its faults (the caller adds the row's name to each)."""
    problems: list[str] = []
    code, name, basis = raw["code"], raw["violation_zh"], raw["basis"]
    if not _CODE.match(code):
        problems.append(f"code“{code}”应为英文小写加下划线")
    if not _CHINESE.search(name):
        problems.append("violation_zh 应为中文名称，不能为空")
    if not _CHINESE.search(basis):
        problems.append("basis 不能为空")
    else:
        bad = [part.strip() for part in basis.split(";") if not _BASIS_PART.match(part.strip())]
        if bad:
            problems.append(f"basis 应为“法规简称 第…条”，以“; ”分隔：{'、'.join(bad)}")
    measures = tuple(part.strip() for part in raw["measures"].split(";") if part.strip())
    if not measures:
        problems.append("measures 不能为空")
    fine_min = _decimal(raw["fine_min_yuan"], "fine_min_yuan", problems)
    fine_max = _decimal(raw["fine_max_yuan"], "fine_max_yuan", problems)
    if fine_min is not None and fine_max is not None and fine_min > fine_max:
        problems.append(f"fine_min_yuan（{fine_min}）大于 fine_max_yuan（{fine_max}）")
    unit = raw["fine_unit"]
    if unit not in set(FineUnit):
        problems.append(f"fine_unit“{unit}”应为{'、'.join(FineUnit)}之一")
    elif unit == FineUnit.NONE and (fine_min is not None or fine_max is not None):
        problems.append("fine_unit 为 none（不罚款）时罚款数额应为空")
    order_first = _BOOLEANS.get(raw["order_first"])
    if order_first is None:
        problems.append(f"order_first“{raw['order_first']}”应为 true 或 false")
    elif order_first and unit == FineUnit.NONE:
        problems.append("order_first 为 true 时应有罚款（fine_unit 不能为 none）")
    replaced_by = raw["replaced_by"]
    if replaced_by and (not _CODE.match(replaced_by) or replaced_by == code):
        problems.append(f"replaced_by“{replaced_by}”应为另一违法行为的 code")
    if problems:
        return None, problems
    row = Violation(
        code=code,
        name=name,
        basis=basis,
        measures=measures,
        fine_min=fine_min,
        fine_max=fine_max,
        fine_unit=FineUnit(unit),
        notes=raw["notes"],
        order_first=bool(order_first),
        replaced_by=replaced_by,
    )
    return row, []


def parse_violations(text: str, *, source: str = "penalty_items.csv") -> tuple[Violation, ...]:
    """Read and validate the CSV text; raise ViolationDataError listing every faulty row."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = next(reader, None)
    if header is None or tuple(column.strip() for column in header) != COLUMNS:
        raise ViolationDataError(source, [f"表头应为 {','.join(COLUMNS)}，实为 {','.join(header or [])}"])
    problems: list[str] = []
    found: list[Violation] = []
    seen: dict[str, int] = {}
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        line = reader.line_num
        name = f"第{line}行（{cells[0].strip() or '无 code'}）"
        if len(cells) != len(COLUMNS):
            problems.append(f"{name}：应有{len(COLUMNS)}列，实有{len(cells)}列")
            continue
        row, faults = _row(dict(zip(COLUMNS, (cell.strip() for cell in cells), strict=True)))
        problems.extend(f"{name}：{fault}" for fault in faults)
        if row is None:
            continue
        if row.code in seen:
            problems.append(f"{name}：code 与第{seen[row.code]}行重复")
            continue
        seen[row.code] = line
        found.append(row)
    by_code = {row.code: row for row in found}
    for row in found:
        replacement = by_code.get(row.replaced_by) if row.replaced_by else None
        if row.replaced_by and replacement is None:
            problems.append(f"第{seen[row.code]}行（{row.code}）：replaced_by“{row.replaced_by}”不存在")
        elif replacement is not None and replacement.retired:
            problems.append(
                f"第{seen[row.code]}行（{row.code}）：replaced_by“{row.replaced_by}”本身已停用，应指向现行的违法行为"
            )
    if problems:
        raise ViolationDataError(source, problems)
    if not found:
        raise ViolationDataError(source, ["没有任何违法行为"])
    return tuple(found)


def load_violations(path: Path = DATA_FILE) -> tuple[Violation, ...]:
    return parse_violations(path.read_text(encoding="utf-8"), source=path.name)


@cache
def _shipped() -> tuple[tuple[Violation, ...], dict[str, Violation]]:
    rows = load_violations()
    return rows, {row.code: row for row in rows}


def all_violations() -> tuple[Violation, ...]:
    """Every violation in the shipped data file, in file order."""
    return _shipped()[0]


def violation(code: str) -> Violation:
    """The violation with this code; UnknownViolation (a KeyError) naming the code otherwise."""
    try:
        return _shipped()[1][code]
    except KeyError:
        raise UnknownViolation(code) from None


def current(code: str) -> Violation:
    """The violation that governs `code` now: the row itself, or the row that replaced it when it was retired
    (UnknownViolation for an unknown code). A retired row's replacement is never itself retired (checked on load)."""
    found = violation(code)
    return violation(found.replaced_by) if found.retired else found


def needs_prior_order(code: str) -> bool:
    """Whether the violation's fine may be imposed only after an order to correct within a time limit was given and
    not complied with ("责令限期改正；逾期不改正的，…罚款", 保障农民工工资支付条例 第五十四条至第五十七条 and the other
    articles marked `order_first` in the data). Answered for the governing row (`current`)."""
    return current(code).order_first


def by_statute(*, include_retired: bool = False) -> dict[str, tuple[Violation, ...]]:
    """Violations grouped by the statute of their first basis, statutes and rows in file order (for grouped selects);
    retired rows are left out unless asked for (a new case never picks one)."""
    groups: dict[str, list[Violation]] = {}
    for row in all_violations():
        if row.retired and not include_retired:
            continue
        groups.setdefault(row.statute, []).append(row)
    return {statute: tuple(rows) for statute, rows in groups.items()}


# --- repeat offence (从重) ----------------------------------------------------------------------------------------


def repeat_offence_window_end(decided_on: dt.date) -> dt.date:
    """The last day of the one-year window that a penalty decided on `decided_on` opens.

    民法典 第二百零一条 (the start day is not counted) and 第二百零二条 (a period in years ends on the
    corresponding day; without one, on the month's last day): decided 2025-03-10 → 2026-03-10;
    decided 2024-02-29 → 2025-02-28.
    """
    year = decided_on.year + REPEAT_OFFENCE_WINDOW_YEARS
    try:
        return decided_on.replace(year=year)
    except ValueError:  # 29 February in a year without one: the month's last day
        return dt.date(year, 2, 28)


def is_repeat_offence(earlier_penalty_dates: Iterable[dt.date], on: dt.date) -> bool:
    """Whether a violation that occurred on `on` repeats one penalised within the year before (从重).

    广东省劳动保障监察条例 第五十三条: 用人单位违反劳动保障法律、法规或者规章的行为
    经人力资源社会保障行政部门作出行政处罚决定后，在一年内又发生同类违法行为的，应当依法从重处罚.

    `earlier_penalty_dates` are the dates of earlier 行政处罚决定 against the same employer for the same kind of
    violation (the caller picks them: 同类 is a judgement this function does not make; 责令改正 or 行政处理决定 alone do
    not count, only 行政处罚决定). `on` is the day the new violation occurred (又发生), not the day it is decided.

    How the window was read: the year runs from the decision (作出行政处罚决定后) with the decision day not counted
    (民法典 第二百零一条), so a violation must fall strictly after the decision day — with dates only, a same-day act
    cannot be shown to follow the decision, and 从重 is not applied on doubt. It ends on the corresponding day one year
    later (第二百零二条; 29 February → 28 February), and that day is inside: "一年内" includes the last day of the
    period. The end is not rolled over past holidays (第二百零三条 moves the last day for doing an act; here the year
    only bounds when a violation happened). Decided 2025-03-10: a violation on 2025-03-10 → False, on 2025-03-11 …
    2026-03-10 → True, on 2026-03-11 → False.
    """
    if isinstance(on, dt.datetime) or not isinstance(on, dt.date):
        raise TypeError(f"违法行为发生日应为日期（date）：{on!r}")
    for decided_on in earlier_penalty_dates:
        if isinstance(decided_on, dt.datetime) or not isinstance(decided_on, dt.date):
            raise TypeError(f"行政处罚决定日期应为日期（date）：{decided_on!r}")
        if decided_on < on <= repeat_offence_window_end(decided_on):
            return True
    return False
