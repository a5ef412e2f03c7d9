"""The year-file format: one file per year, following the State Council's annual holiday notice.

The format is documented in docs/calendar-format.md (with docs/calendar/2027-example.toml). `parse_year_file` reads a
.toml or .json file and checks every rule, collecting all errors (in Chinese, each naming where it is) before it
raises `YearFileError`, so a clerk fixes a file in one pass. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi.calendars.models import DayKind
from fazhi.rules.calendar import YearData
from fazhi.rules.jurisdiction import NATIONAL, UnknownJurisdiction, normalize_code

FORMAT_VERSION = 1
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_FILE_BYTES = 1_000_000
_TOP_KEYS = {"format", "year", "jurisdiction", "example", "notice", "holidays"}
_NOTICE_KEYS = {"title", "number", "date", "url"}
_HOLIDAY_KEYS = {"name", "days_off", "makeup_days", "total_days"}
_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class HolidaySpec:
    name: str
    days_off: tuple[dt.date, ...]
    makeup_days: tuple[dt.date, ...]


@dataclass(frozen=True)
class YearFile:
    """A validated year file."""

    year: int
    jurisdiction: str
    notice_title: str
    notice_number: str
    notice_date: dt.date | None  # always given in a file; a year taken from a package may not know it
    notice_url: str
    holidays: tuple[HolidaySpec, ...]
    example: bool
    source: str

    def days(self) -> list[tuple[dt.date, str, str]]:
        """(date, kind, holiday name) for every day off and make-up working day, in date order."""
        rows = [(day, DayKind.DAY_OFF.value, h.name) for h in self.holidays for day in h.days_off]
        rows += [(day, DayKind.MAKEUP.value, h.name) for h in self.holidays for day in h.makeup_days]
        return sorted(rows)

    def year_data(self) -> YearData:
        return YearData(
            year=self.year,
            days_off=frozenset(d for h in self.holidays for d in h.days_off),
            makeup_days=frozenset(d for h in self.holidays for d in h.makeup_days),
        )


class YearFileError(Exception):
    """The file cannot be loaded; `errors` lists every problem found, in Chinese."""

    def __init__(self, name: str, errors: list[str]) -> None:
        self.errors = errors
        lines = "\n".join(f"  - {error}" for error in errors)
        super().__init__(f"年度文件 {name} 有 {len(errors)} 处错误：\n{lines}")


def _weekday(day: dt.date) -> str:
    return f"{day.isoformat()}（星期{_WEEKDAYS[day.weekday()]}）"


def _parse_day(raw: str) -> dt.date | None:
    try:
        if len(raw) != 10:
            return None
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}：{message}" if where else message)

    def unknown_keys(self, where: str, table: Mapping[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(table) - allowed):
            self.error(where, f"不认识的字段“{key}”（可用字段：{'、'.join(sorted(allowed))}）")

    def text(self, where: str, value: object, *, max_length: int, required: bool = True) -> str:
        if value is None:
            if required:
                self.error(where, "必须填写")
            return ""
        if not isinstance(value, str):
            self.error(where, "应为文字")
            return ""
        value = value.strip()
        if required and not value:
            self.error(where, "不能为空")
        if len(value) > max_length:
            self.error(where, f"不能超过 {max_length} 个字")
        return value

    def date(self, where: str, value: object) -> dt.date | None:
        if isinstance(value, dt.datetime):
            self.error(where, f"应为日期而不是日期时间：{value}")
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and (day := _parse_day(value.strip())) is not None:
            return day
        self.error(where, f"日期格式应为 YYYY-MM-DD：{value!r}")
        return None

    def day_list(self, where: str, value: object) -> list[dt.date]:
        """A list of dates; an item may also be a range "YYYY-MM-DD..YYYY-MM-DD" (both ends included)."""
        if not isinstance(value, list):
            self.error(where, '应为日期列表，例如 ["2027-10-01..2027-10-07"]')
            return []
        days: list[dt.date] = []
        for index, item in enumerate(value, start=1):
            item_where = f"{where} 第 {index} 项"
            if isinstance(item, str) and ".." in item:
                first_raw, _, last_raw = item.partition("..")
                first, last = _parse_day(first_raw.strip()), _parse_day(last_raw.strip())
                if first is None or last is None:
                    self.error(item_where, f"日期区间格式应为 YYYY-MM-DD..YYYY-MM-DD：{item!r}")
                elif last < first:
                    self.error(item_where, f"日期区间的结束日早于开始日：{item!r}")
                else:
                    days.extend(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
            elif (day := self.date(item_where, item)) is not None:
                days.append(day)
        return days


def _check_notice(check: _Checker, raw: object, year: int | None) -> tuple[str, str, dt.date | None, str]:
    if not isinstance(raw, dict):
        check.error("notice", "缺少通知信息表 [notice]（标题 title、文号 number、发布日期 date）")
        return "", "", None, ""
    check.unknown_keys("notice", raw, _NOTICE_KEYS)
    title = check.text("notice.title（通知标题）", raw.get("title"), max_length=200)
    number = check.text("notice.number（文号）", raw.get("number"), max_length=100)
    url = check.text("notice.url（网址）", raw.get("url"), max_length=500, required=False)
    if url and not url.lower().startswith(("https://", "http://")):
        check.error("notice.url（网址）", f"应以 https:// 或 http:// 开头：{url!r}")
    notice_date = None
    if "date" not in raw:
        check.error("notice.date（发布日期）", "必须填写")
    else:
        notice_date = check.date("notice.date（发布日期）", raw["date"])
    # The notice for year Y is published in Y-1 (usually November or December) or, for a change, in Y itself.
    if notice_date is not None and year is not None and not (year - 1 <= notice_date.year <= year):
        check.error("notice.date（发布日期）", f"{notice_date.isoformat()} 不在 {year - 1} 年或 {year} 年内")
    return title, number, notice_date, url


def _check_holidays(check: _Checker, raw: object, year: int | None) -> list[HolidaySpec]:
    if not isinstance(raw, list) or not raw:
        check.error("holidays", "至少要有一个节日 [[holidays]]")
        return []
    specs: list[HolidaySpec] = []
    seen_off: dict[dt.date, str] = {}
    seen_makeup: dict[dt.date, str] = {}
    for index, entry in enumerate(raw, start=1):
        where = f"第 {index} 个节日"
        if not isinstance(entry, dict):
            check.error(where, "应为一个表 [[holidays]]")
            continue
        check.unknown_keys(where, entry, _HOLIDAY_KEYS)
        name = check.text(f"{where} name（名称）", entry.get("name"), max_length=100)
        if name:
            where = f"第 {index} 个节日（{name}）"
        errors_before = len(check.errors)
        days_off = check.day_list(f"{where} days_off（放假日期）", entry.get("days_off", []))
        makeup = check.day_list(f"{where} makeup_days（调休上班日期）", entry.get("makeup_days", []))
        if not days_off and not makeup and len(check.errors) == errors_before:
            # A holiday with only make-up days is possible: 2011-12-31 was worked for the 2012 元旦 holiday.
            check.error(where, "没有列出任何放假日期或调休上班日期")
        for day in days_off + makeup:
            if year is not None and day.year != year:
                check.error(where, f"{day.isoformat()} 不在 {year} 年内（跨年的日期写进它所在年份的文件）")
        for day in days_off:
            if day in seen_off:
                check.error(where, f"放假日期 {day.isoformat()} 重复（已在“{seen_off[day]}”中）")
            seen_off[day] = name or where
        for day in makeup:
            if day.weekday() < 5:
                check.error(where, f"调休上班日 {_weekday(day)}不是周六或周日")
            if day in seen_makeup:
                check.error(where, f"调休上班日 {day.isoformat()} 重复（已在“{seen_makeup[day]}”中）")
            seen_makeup[day] = name or where
        total = entry.get("total_days")
        if total is not None:
            if not isinstance(total, int) or isinstance(total, bool) or total < 1:
                check.error(f"{where} total_days（共几天）", f"应为正整数：{total!r}")
            elif total != len(set(days_off)):
                check.error(where, f"共 {total} 天，但列出的放假日期有 {len(set(days_off))} 天")
        specs.append(HolidaySpec(name=name, days_off=tuple(days_off), makeup_days=tuple(makeup)))
    for day in sorted(set(seen_off) & set(seen_makeup)):
        check.error(
            "holidays", f"{day.isoformat()} 既是放假日又是调休上班日（“{seen_off[day]}”与“{seen_makeup[day]}”）"
        )
    return specs


def parse_year_document(data: Mapping[str, Any], *, source: str, name: str = "") -> YearFile:
    """Validate a parsed year file (a TOML or JSON document); raises YearFileError listing every problem.

    `name` names the file in the error message; `source` is what the loaded year records as its origin.
    """
    check = _Checker()
    check.unknown_keys("", data, _TOP_KEYS)
    if data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        check.error("format（格式版本）", f"只支持 {FORMAT_VERSION}，文件中为 {data.get('format')!r}")
    year: int | None = None
    raw_year = data.get("year")
    if raw_year is None:
        check.error("year（年度）", "必须填写")
    elif not isinstance(raw_year, int) or isinstance(raw_year, bool) or not MIN_YEAR <= raw_year <= MAX_YEAR:
        check.error("year（年度）", f"应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的年份：{raw_year!r}")
    else:
        year = raw_year
    jurisdiction = NATIONAL
    try:
        jurisdiction = normalize_code(data.get("jurisdiction", NATIONAL))
    except UnknownJurisdiction as exc:
        check.error("jurisdiction（管辖区域）", str(exc))
    example = data.get("example", False)
    if not isinstance(example, bool):
        check.error("example（示例）", "应为 true 或 false")
        example = True
    title, number, notice_date, url = _check_notice(check, data.get("notice"), year)
    holidays = _check_holidays(check, data.get("holidays"), year)
    if check.errors or year is None or notice_date is None:
        raise YearFileError(name or source, check.errors)
    return YearFile(
        year=year,
        jurisdiction=jurisdiction,
        notice_title=title,
        notice_number=number,
        notice_date=notice_date,
        notice_url=url,
        holidays=tuple(holidays),
        example=example,
        source=source,
    )


def parse_year_file(path: Path) -> YearFile:
    """Read and validate a .toml or .json year file."""
    name = path.name
    if path.suffix.lower() not in {".toml", ".json"}:
        raise YearFileError(name, ["文件扩展名应为 .toml 或 .json"])
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise YearFileError(name, [f"找不到文件 {path}"]) from None
    except OSError as exc:
        raise YearFileError(name, [f"无法读取文件 {path}：{exc.strerror}"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise YearFileError(name, [f"文件过大（超过 {MAX_FILE_BYTES} 字节）"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise YearFileError(name, ["文件应为 UTF-8 编码"]) from None
    data: object
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise YearFileError(name, [f"文件格式有误，无法解析：{exc}"]) from None
    if not isinstance(data, dict):
        raise YearFileError(name, ["文件内容应为一个表（对象）"])
    digest = hashlib.sha256(raw).hexdigest()
    return parse_year_document(data, source=f"{name} sha256:{digest[:16]}", name=name)


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def date_ranges(days: Iterable[dt.date]) -> list[str]:
    """Consecutive dates written as "first..last" ranges."""
    items: list[str] = []
    ordered = sorted(set(days))
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and (ordered[end + 1] - ordered[end]).days == 1:
            end += 1
        first, last = ordered[index], ordered[end]
        items.append(first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}")
        index = end + 1
    return items


def render_year_file(
    *,
    year: int,
    jurisdiction: str,
    notice_title: str,
    notice_number: str,
    notice_date: dt.date | None,
    notice_url: str,
    days: Iterable[tuple[dt.date, str, str]],
) -> str:
    """A year's data written back in the year-file format (TOML), holidays in the order of their first date."""
    by_name: dict[str, tuple[list[dt.date], list[dt.date]]] = {}
    for day, kind, name in sorted(days):
        off, makeup = by_name.setdefault(name, ([], []))
        (off if kind == DayKind.DAY_OFF else makeup).append(day)
    lines = [
        f"# {year} 年节假日安排（由 load_calendar --export 导出）",
        f"format = {FORMAT_VERSION}",
        f"year = {year}",
        f"jurisdiction = {_toml_string(jurisdiction)}",
        "",
        "[notice]",
        f"title = {_toml_string(notice_title)}",
        f"number = {_toml_string(notice_number)}",
        f"date = {notice_date.isoformat()}" if notice_date else "# date = 请填写通知的发布日期，例如 2026-11-05",
    ]
    if notice_url:
        lines.append(f"url = {_toml_string(notice_url)}")
    for name, (off, makeup) in by_name.items():
        lines += [
            "",
            "[[holidays]]",
            f"name = {_toml_string(name)}",
            f"days_off = [{', '.join(_toml_string(item) for item in date_ranges(off))}]",
            f"makeup_days = [{', '.join(_toml_string(item) for item in date_ranges(makeup))}]",
        ]
    return "\n".join(lines) + "\n"
