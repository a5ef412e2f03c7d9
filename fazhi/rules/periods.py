"""Statutory periods (法定期限) as data with citations, and their due dates.

The rules live in `data/periods.toml` (one entry per code and jurisdiction, each with its statute, article, paragraph
and item, and the law digest's status). The file is validated when it is read; a faulty entry raises
`PeriodDataError` naming it. Lookup goes along the jurisdiction chain and the tightest match wins
(jurisdiction.chain: CN-GD-SZ → CN-GD → CN), so a Guangdong row replaces the national one inside Guangdong.

Product rule: values marked [S] (secondary sources only) or NOT FOUND are configurable values with a note, never silent
constants. Such rules are `verified = false`, must carry a note, and the bureau may set their days with
`with_overrides`; the statutory ([T]) rules are not overridden unless the caller says so explicitly.

Units: "working" (工作日), "calendar" (日, the last day rolled over to the next working day), "months" (月: the
corresponding day, or the month's last day, then rolled over). The arithmetic is calendar.WorkingCalendar's
(law digest §14.10; docs/adr/0003-counting-rule.md): the start day is not counted.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from fazhi.rules.calendar import InvalidPeriod, WorkingCalendar
from fazhi.rules.jurisdiction import JURISDICTIONS, chain, normalize_code

__all__ = [
    "DATA_FILE",
    "Citation",
    "Direction",
    "PeriodDataError",
    "PeriodError",
    "PeriodOverrideError",
    "PeriodRule",
    "Unit",
    "UnknownPeriod",
    "all_period_rules",
    "chinese_number",
    "due_date",
    "extended_due_date",
    "load_period_rules",
    "parse_period_rules",
    "period_rule",
    "period_rules",
    "with_overrides",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "periods.toml"
_ONE_DAY = dt.timedelta(days=1)
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


class Unit(StrEnum):
    WORKING = "working"  # 工作日
    CALENDAR = "calendar"  # 日 (自然日), rolled over to the next working day
    MONTHS = "months"  # 月

    @property
    def label(self) -> str:
        return {"working": "个工作日", "calendar": "日", "months": "个月"}[self.value]


class Direction(StrEnum):
    AFTER = "after"  # the period runs from the start event
    BEFORE = "before"  # the act must be done `days` before the event (e.g. 听证七日前通知)


class PeriodError(ValueError):
    """Base class; str(error) is a Chinese message fit to show a user."""


class UnknownPeriod(PeriodError, LookupError):
    """No rule with this code, or none that applies in the jurisdiction."""

    def __init__(self, code: object, jurisdiction: str | None = None) -> None:
        self.code, self.jurisdiction = code, jurisdiction
        where = JURISDICTIONS[jurisdiction].full_name if jurisdiction else ""
        super().__init__(f"期限“{code}”在{where}没有适用的规定" if where else f"未知的期限代码“{code}”")


class PeriodDataError(PeriodError):
    """The period data file is faulty; `problems` lists every fault, each naming its entry."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"期限数据“{source}”有误：\n" + "\n".join(f"- {p}" for p in problems))


class PeriodOverrideError(PeriodError):
    """A configured override that is not accepted."""


_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1..9999 in Chinese numerals as used in citations: 17 → 十七, 85 → 八十五, 101 → 一百零一, 156 → 一百五十六."""
    if not 0 < number < 10000:
        raise ValueError(f"无法转换为中文数字：{number}")
    if 10 <= number < 20:
        return "十" + (_DIGITS[number - 10] if number > 10 else "")
    text, pending_zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            text += ("零" if pending_zero else "") + _DIGITS[digit] + unit
            pending_zero = False
        elif text:
            pending_zero = True
    return text


@dataclass(frozen=True)
class Citation:
    statute: str  # Chinese short name, e.g. 广东省劳动保障监察条例
    article: int
    paragraph: int | None = None
    item: int | None = None
    status: str = "T"  # "T" read in the full text; "S" secondary sources only (law digest legend)
    sub: int | None = None  # 第二百七十六条之一: the 之N of an article inserted by an amendment

    @property
    def label(self) -> str:
        """《广东省劳动保障监察条例》第四十四条第一款; nested title marks become 〈〉."""
        title = self.statute.replace("《", "〈").replace("》", "〉")
        return f"《{title}》{self.article_label}"

    @property
    def article_label(self) -> str:
        """第四十四条第一款第（一）项, without the statute."""
        text = f"第{chinese_number(self.article)}条"
        if self.sub is not None:
            text += f"之{chinese_number(self.sub)}"
        if self.paragraph is not None:
            text += f"第{chinese_number(self.paragraph)}款"
        if self.item is not None:
            text += f"第（{chinese_number(self.item)}）项"
        return text


@dataclass(frozen=True)
class PeriodRule:
    code: str
    name: str
    days: int  # a count of `unit`: working days, calendar days or months
    unit: Unit
    starts_from: str
    starts_from_label: str
    jurisdiction: str
    citations: tuple[Citation, ...]
    verified: bool
    stops_on_suspension: bool
    direction: Direction = Direction.AFTER
    note: str = ""
    extension_days: int | None = None
    extension_citations: tuple[Citation, ...] = ()
    statutory_days: int | None = None  # the data file's value when `days` was set by configuration

    @property
    def is_overridden(self) -> bool:
        return self.statutory_days is not None

    @property
    def duration_label(self) -> str:
        """45个工作日, 60日, 3个月; "听证前7个工作日" style for periods that run before their event."""
        text = f"{self.days}{self.unit.label}"
        return f"{self.starts_from_label}前{text}" if self.direction is Direction.BEFORE else text

    @property
    def citation_label(self) -> str:
        """《行政处罚法》第五十六条、第八十五条: the statute is named once for consecutive citations of it."""
        parts = [
            c.article_label if i and c.statute == self.citations[i - 1].statute else c.label
            for i, c in enumerate(self.citations)
        ]
        return "、".join(parts)

    def snapshot(self) -> dict[str, Any]:
        """A JSON-able copy to store with a deadline, so a later change of the data never rewrites history."""
        keys = "code name days starts_from jurisdiction verified statutory_days extension_days stops_on_suspension"
        copy = {key: getattr(self, key) for key in keys.split()}
        return copy | {"unit": self.unit.value, "direction": self.direction.value, "citations": self.citation_label}


# --- reading and validating the data ---------------------------------------------------------------------------


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_code(value: object) -> bool:
    return isinstance(value, str) and bool(_CODE.match(value))


# key: (required, check, what a good value is)
_FIELDS: dict[str, tuple[bool, Callable[[object], bool], str]] = {
    "code": (True, _is_code, "应为英文小写加下划线"),
    "name": (True, _is_text, "不能为空"),
    "days": (True, _positive_int, "应为正整数"),
    "unit": (True, lambda v: v in set(Unit), "不是已知的期间单位（working、calendar、months）"),
    "direction": (False, lambda v: v in set(Direction), "应为 after 或 before"),
    "starts_from": (True, _is_code, "应为英文小写加下划线"),
    "starts_from_label": (True, _is_text, "不能为空"),
    "jurisdiction": (True, lambda v: v in JURISDICTIONS, f"应为{'、'.join(JURISDICTIONS)}之一"),
    "citations": (True, lambda v: True, ""),  # checked by _citations
    "verified": (True, lambda v: isinstance(v, bool), "应为 true 或 false"),
    "stops_on_suspension": (True, lambda v: isinstance(v, bool), "应为 true 或 false"),
    "note": (False, lambda v: isinstance(v, str), "应为文字"),
    "extension_days": (False, _positive_int, "应为正整数"),
    "extension_citations": (False, lambda v: True, ""),
}
_CITATION_KEYS = {"statute", "article", "paragraph", "item", "status"}


def _citations(value: object, field: str, problems: list[str]) -> tuple[Citation, ...]:
    if not isinstance(value, list) or not value:
        problems.append(f"缺少法条引用（{field}）")
        return ()
    found: list[Citation] = []
    for number, raw in enumerate(value, start=1):
        if not isinstance(raw, dict):
            problems.append(f"{field} 第{number}项应为表格（statute、article 等）")
            continue
        faults = [f"未知字段 {key}" for key in sorted(set(raw) - _CITATION_KEYS)]
        if not _is_text(raw.get("statute")):
            faults.append("缺少法规名称 statute")
        for key in ("article", "paragraph", "item"):
            if (key == "article" or key in raw) and not _positive_int(raw.get(key)):
                faults.append(f"{key} 应为正整数")
        if raw.get("status") not in ("T", "S"):
            faults.append(f"status 应为 T 或 S，实为“{raw.get('status')}”")
        if faults:
            problems.append(f"{field} 第{number}项：" + "；".join(faults))
            continue
        statute, article, status = str(raw["statute"]).strip(), int(raw["article"]), str(raw["status"])
        found.append(Citation(statute, article, raw.get("paragraph"), raw.get("item"), status))
    return tuple(found)


def _rule(raw: Mapping[str, Any]) -> tuple[PeriodRule | None, list[str]]:
    """One entry and its faults (the caller adds the entry's name to each)."""
    problems = [f"未知字段 {key}" for key in sorted(set(raw) - set(_FIELDS))]
    missing = [key for key, (required, _, _) in _FIELDS.items() if required and key not in raw]
    if missing:
        problems.append(f"缺少字段：{'、'.join(missing)}")
    for key, (_, check, expected) in _FIELDS.items():
        if key in raw and not check(raw[key]):
            problems.append(f"{key}“{raw[key]}”{expected}")
    citations = _citations(raw.get("citations"), "citations", problems) if "citations" in raw else ()
    if raw.get("direction") == "before" and (raw.get("unit") == "months" or "extension_days" in raw):
        problems.append("direction = before 的期间不能以月计，也不能有延长期")
    if raw.get("verified") is False and not _is_text(raw.get("note")):
        problems.append("未核实（[S] 或 NOT FOUND）的期限必须有 note 说明")
    extension_citations: tuple[Citation, ...] = ()
    if "extension_days" in raw:
        extension_citations = _citations(raw.get("extension_citations"), "extension_citations", problems)
    elif "extension_citations" in raw:
        problems.append("有 extension_citations 却没有 extension_days")
    if raw.get("verified") is True and any(c.status == "S" for c in citations + extension_citations):
        problems.append("引用了 [S] 条文，verified 应为 false")
    if problems:
        return None, problems
    extension_days = raw.get("extension_days")
    rule = PeriodRule(
        code=raw["code"],
        name=raw["name"].strip(),
        days=raw["days"],
        unit=Unit(raw["unit"]),
        starts_from=raw["starts_from"],
        starts_from_label=raw["starts_from_label"].strip(),
        jurisdiction=raw["jurisdiction"],
        citations=citations,
        verified=raw["verified"],
        stops_on_suspension=raw["stops_on_suspension"],
        direction=Direction(raw.get("direction", "after")),
        note=raw.get("note", "").strip(),
        extension_days=None if extension_days is None else int(extension_days),
        extension_citations=extension_citations,
    )
    return rule, []


def parse_period_rules(text: str, *, source: str = "periods.toml") -> tuple[PeriodRule, ...]:
    """Read and validate the TOML text; raise PeriodDataError listing every faulty entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PeriodDataError(source, [f"不是有效的 TOML：{error}"]) from None
    entries = data.get("period")
    if not isinstance(entries, list) or not entries:
        raise PeriodDataError(source, ["没有任何 [[period]] 条目"])
    problems: list[str] = []
    rules: list[PeriodRule] = []
    seen: dict[tuple[str, str], int] = {}
    for number, raw in enumerate(entries, start=1):
        if not isinstance(raw, dict):
            problems.append(f"第{number}条：应为 [[period]] 表格")
            continue
        name = f"第{number}条（{raw.get('code', '无 code')}，{raw.get('jurisdiction', '无管辖区域')}）"
        rule, faults = _rule(raw)
        problems.extend(f"{name}：{fault}" for fault in faults)
        if rule is None:
            continue
        key = (rule.code, rule.jurisdiction)
        if key in seen:
            problems.append(f"{name}：与第{seen[key]}条重复（同一管辖区域内 code 不能重复）")
            continue
        seen[key] = number
        rules.append(rule)
    if problems:
        raise PeriodDataError(source, problems)
    return tuple(rules)


def load_period_rules(path: Path | str = DATA_FILE) -> tuple[PeriodRule, ...]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PeriodDataError(str(path), [f"无法读取：{error.strerror}"]) from None
    return parse_period_rules(text, source=str(path))


@cache
def all_period_rules() -> tuple[PeriodRule, ...]:
    """The shipped rules (read once per process)."""
    return load_period_rules()


# --- lookup ----------------------------------------------------------------------------------------------------


def period_rules(jurisdiction: object, *, rules: Iterable[PeriodRule] | None = None) -> dict[str, PeriodRule]:
    """Every code that applies in `jurisdiction`, each with its tightest-matching rule."""
    codes = chain(jurisdiction)
    rank = {code: position for position, code in enumerate(codes)}
    chosen: dict[str, PeriodRule] = {}
    for rule in all_period_rules() if rules is None else rules:
        if rule.jurisdiction not in rank:
            continue
        current = chosen.get(rule.code)
        if current is None or rank[rule.jurisdiction] < rank[current.jurisdiction]:
            chosen[rule.code] = rule
    return dict(sorted(chosen.items()))


def period_rule(code: str, jurisdiction: object, *, rules: Iterable[PeriodRule] | None = None) -> PeriodRule:
    """The rule for `code` in `jurisdiction` (tightest match wins); UnknownPeriod if none applies."""
    source = tuple(all_period_rules() if rules is None else rules)
    found = period_rules(jurisdiction, rules=source).get(code)
    if found is not None:
        return found
    if any(rule.code == code for rule in source):
        raise UnknownPeriod(code, normalize_code(jurisdiction))
    raise UnknownPeriod(code)


def with_overrides(
    rules: Mapping[str, PeriodRule], overrides: Mapping[str, object], *, allow_verified: bool = False
) -> dict[str, PeriodRule]:
    """A copy of `rules` (as from period_rules) with the configured days: {"complaint_acceptance": 5}.

    Days must be positive integers. Only unverified ([S] / NOT FOUND) rules may be set unless `allow_verified`:
    a verified rule's days are the statute's, to be corrected in the data file with its citation.
    """
    result = dict(rules)
    problems: list[str] = []
    for code, days in overrides.items():
        rule = rules.get(code)
        if rule is None:
            problems.append(f"未知的期限代码“{code}”")
        elif not _positive_int(days):
            problems.append(f"期限“{code}”的天数应为正整数，实为“{days}”")
        elif rule.verified and not allow_verified:
            problems.append(f"期限“{code}”（{rule.citation_label}）已核实，不能通过配置修改")
        else:
            assert isinstance(days, int)
            statutory = rule.statutory_days if rule.statutory_days is not None else rule.days
            result[code] = replace(rule, days=days, statutory_days=statutory)
    if problems:
        raise PeriodOverrideError("期限配置有误：" + "；".join(problems))
    return result


# --- due dates -------------------------------------------------------------------------------------------------


def _advance(calendar: WorkingCalendar, start: dt.date, count: int, unit: Unit) -> dt.date:
    if unit is Unit.WORKING:
        return calendar.add_working_days(start, count)
    if unit is Unit.CALENDAR:
        return calendar.add_calendar_days(start, count)
    return calendar.add_months(start, count)


def _latest_before(calendar: WorkingCalendar, event: dt.date, count: int, unit: Unit) -> dt.date:
    """The latest working day `count` units before `event` (the act may always be done earlier)."""
    if unit is Unit.WORKING:
        # The latest working day d with at least `count` working days in (d, event].
        day, counted = event, 0
        while counted < count:
            if calendar.is_working_day(day):
                counted += 1
            day -= _ONE_DAY
    elif unit is Unit.CALENDAR:
        day = event - dt.timedelta(days=count)
    else:
        raise InvalidPeriod("以月计的期间不支持“之前”方向")
    while not calendar.is_working_day(day):
        day -= _ONE_DAY
    return day


def due_date(rule: PeriodRule, start: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The last day of the period that starts on `start` (start not counted).

    For a rule with direction "before", `start` is the event (e.g. the hearing) and the answer is the latest working
    day on which the act may be done. Raises calendar.CalendarYearMissing when a needed year is not loaded.
    """
    if rule.direction is Direction.BEFORE:
        return _latest_before(calendar, start, rule.days, rule.unit)
    return _advance(calendar, start, rule.days, rule.unit)


def extended_due_date(rule: PeriodRule, start: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The last day once the statutory extension is granted: the extension runs on from the original due date."""
    if rule.extension_days is None:
        raise PeriodError(f"期限“{rule.name}”（{rule.code}）没有法定延长期")
    return _advance(calendar, due_date(rule, start, calendar), rule.extension_days, rule.unit)
