"""A year's holidays from an installed package, and a cross-check against a second one.

- `python_holidays_year(year)` builds a `YearFile` (the object a year file gives, validated by the same rules) from the
  installed python-holidays, for `load_calendar --from python-holidays YEAR` and the sysadmin's import on the calendar
  page. Its China tables follow each year's State Council notice (国务院办公厅关于某年部分节假日安排的通知): the days
  off, and the make-up working days (调休上班) as "休息日（由 <day> 调休）" days off. A year whose notice it has not
  yet taken in is a rule-based estimate with no make-up working day; such a year is refused.
- `cross_check(year_file)` compares it day by day with chinese-calendar (the package the 2004–2026 seed came from),
  or says that package has no data for the year.
- `preview_lines(year_file)` is the Chinese preview both show before anything is written.

The make-up days also group the days off: a stretch of consecutive rest days holding a holiday is that holiday's
break, written the way the notices write it (e.g. "10月1日至7日放假"), weekends included; weekends are rest days
either way, so the grouping never changes a due date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fazhi.calendars.loader import MAX_YEAR, MIN_YEAR, YearFile, YearFileError, parse_year_document
from fazhi.rules.calendar import is_working_day_by_rule

PYTHON_HOLIDAYS = "python-holidays"
SOURCES = (PYTHON_HOLIDAYS,)
_WEEKDAYS = "一二三四五六日"
_ONE_DAY = dt.timedelta(days=1)
# python-holidays' zh_CN labels: "休息日（由 2026-01-04 调休）" (a day off given for that make-up working day),
# "春节（补假）" (a day off in lieu), "…（推定）" (estimated); "; " joins two holidays on one day.
_SUBSTITUTED = re.compile(r"休息日（由 (\d{4}-\d{2}-\d{2}) 调休）")
_QUALIFIER = re.compile(r"（(补假|推定|补假，推定)）$")
_SAME_HOLIDAY = {"农历除夕": "春节", "春节延长假期": "春节"}


class PackageYearRefused(ValueError):
    """The package cannot give this year (not installed, no data, or only an estimate); str(error) is Chinese."""


def package_label(distribution: str, name: str) -> str:
    """ "python-holidays 0.109": the package and its installed version, as a loaded year records its source."""
    try:
        return f"{name} {version(distribution)}"
    except PackageNotFoundError:
        return name


def weekday_label(day: dt.date) -> str:
    return f"{day.isoformat()}（星期{_WEEKDAYS[day.weekday()]}）"


def _holiday_names(label: str) -> list[str]:
    names = []
    for part in label.split("; "):
        if _SUBSTITUTED.fullmatch(part):
            continue
        name = _QUALIFIER.sub("", part.strip())
        name = _SAME_HOLIDAY.get(name, name)
        if name and name not in names:
            names.append(name)
    return names


def _china_tables(year: int) -> tuple[dict[dt.date, str], dict[dt.date, dt.date]]:
    """(day off -> label, make-up working day -> the day off it was given for) of `year` and the year after, whose
    notice may set a make-up day in `year` (2005-12-31 is in the 2006 notice)."""
    try:
        import holidays
    except ImportError:
        raise PackageYearRefused("没有安装 python-holidays，无法从该包导入。") from None
    table = holidays.country_holidays("CN", years=(year, year + 1), language="zh_CN")
    days_off = {day: str(label) for day, label in table.items()}
    makeup: dict[dt.date, dt.date] = {}
    for day, label in days_off.items():
        for match in _SUBSTITUTED.finditer(label):
            makeup[dt.date.fromisoformat(match.group(1))] = day
    return days_off, makeup


def _breaks(days_off: Iterable[dt.date], makeup: Iterable[dt.date]) -> list[list[dt.date]]:
    """Runs of consecutive rest days that hold a day off, weekends next to a day off included (make-up days never)."""
    worked = set(makeup)
    rest = set(days_off)
    for day in sorted(rest):
        for step in (_ONE_DAY, -_ONE_DAY):
            other = day + step
            while other.weekday() >= 5 and other not in worked and other not in rest:
                rest.add(other)
                other += step
    runs: list[list[dt.date]] = []
    for day in sorted(rest):
        if runs and day - runs[-1][-1] == _ONE_DAY:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _year_document(year: int, source: str) -> dict[str, Any]:
    labels, makeup_for = _china_tables(year)
    if not any(day.year == year for day in makeup_for):
        raise PackageYearRefused(
            f"{source} 中 {year} 年的数据是按规则推算的，没有列出任何调休上班日，不是国务院办公厅的正式安排，"
            "不能导入。2004 年以来国务院办公厅每年的放假通知都安排了调休上班日（《全国年节及纪念日放假办法》"
            "第七条：可合理安排统一放假调休）。请在该包收录当年通知后升级它再导入，或照通知填写年度文件导入。"
        )
    holiday_of: dict[dt.date, str] = {}
    for run in _breaks(labels, makeup_for):
        names: list[str] = []
        named_in = run[0].year
        for day in run:
            for name in _holiday_names(labels.get(day, "")):
                if not names:
                    named_in = day.year
                if name not in names:
                    names.append(name)
        title = "、".join(names) or "调休放假"
        if named_in != year:
            title = f"{title}（{named_in}年）"
        for day in run:
            holiday_of[day] = title
    entries: dict[str, dict[str, list[str]]] = {}
    for day in sorted(holiday_of):
        if day.year == year:
            entries.setdefault(holiday_of[day], {"days_off": [], "makeup_days": []})["days_off"].append(day.isoformat())
    for day, given_for in sorted(makeup_for.items()):
        if day.year == year:
            name = holiday_of.get(given_for, "调休放假")
            entries.setdefault(name, {"days_off": [], "makeup_days": []})["makeup_days"].append(day.isoformat())
    return {
        "year": year,
        "jurisdiction": "CN",
        "notice": {"title": f"国务院办公厅关于{year}年部分节假日安排的通知", "number": "-", "date": f"{year}-01-01"},
        "holidays": [{"name": name, **days} for name, days in entries.items()],
    }


def python_holidays_year(
    year: int,
    *,
    notice_title: str = "",
    notice_number: str = "",
    notice_date: dt.date | None = None,
    notice_url: str = "",
) -> YearFile:
    """The national arrangement of `year` from the installed python-holidays, as a validated YearFile.

    The package does not carry the notice's number and date: they are what the caller gives (blank when not given).
    Raises PackageYearRefused (no such data, or an estimate) or YearFileError (the data break a rule of the format).
    """
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PackageYearRefused(f"年度应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的年份：{year}")
    source = package_label("holidays", PYTHON_HOLIDAYS)
    document = _year_document(year, source)
    if notice_title or notice_number or notice_date or notice_url:
        document["notice"] = {
            "title": notice_title or document["notice"]["title"],
            "number": notice_number or "-",
            "date": (notice_date or dt.date(year, 1, 1)).isoformat(),
            **({"url": notice_url} if notice_url else {}),
        }
    year_file = parse_year_document(document, source=source, name=f"{source} {year} 年")
    # The format asks a file for the notice's number and date; the package has neither, so they stay as given.
    return replace(year_file, notice_number=notice_number.strip(), notice_date=notice_date)


@dataclass(frozen=True)
class CrossCheck:
    """The year against chinese-calendar: `covered` False when that package has no data for the year; otherwise
    `differences` lists (day, working in the year file, working in chinese-calendar)."""

    source: str
    year: int
    covered: bool
    differences: tuple[tuple[dt.date, bool, bool], ...] = ()

    def lines(self) -> list[str]:
        if not self.covered:
            return [f"{self.source} 没有 {self.year} 年的数据，无法交叉核对。"]
        if not self.differences:
            return [f"与 {self.source} 逐日核对：全年一致。"]
        lines = [f"与 {self.source} 逐日核对：有 {len(self.differences)} 天不一致，请对照通知原文确认——"]
        for day, ours, theirs in self.differences:
            said = "上班" if ours else "休息"
            other = "上班" if theirs else "休息"
            lines.append(f"  {weekday_label(day)}：导入的数据为{said}，{self.source} 为{other}")
        return lines


def _chinese_calendar_says(year: int) -> Mapping[dt.date, bool] | None:
    try:
        import chinese_calendar
    except ImportError:
        return None
    said: dict[dt.date, bool] = {}
    day = dt.date(year, 1, 1)
    try:
        while day.year == year:
            said[day] = bool(chinese_calendar.is_workday(day))
            day += _ONE_DAY
    except NotImplementedError:  # outside the years the installed version knows
        return None
    return said


def cross_check(year_file: YearFile) -> CrossCheck:
    """Compare the year day by day with the installed chinese-calendar."""
    source = package_label("chinese_calendar", "chinese-calendar")
    said = _chinese_calendar_says(year_file.year)
    if said is None:
        return CrossCheck(source=source, year=year_file.year, covered=False)
    data = year_file.year_data()
    differences = tuple(
        (day, ours, theirs)
        for day, theirs in sorted(said.items())
        if (ours := is_working_day_by_rule(day, data.days_off, data.makeup_days)) != theirs
    )
    return CrossCheck(source=source, year=year_file.year, covered=True, differences=differences)


def _ranges(days: Iterable[dt.date]) -> list[str]:
    ordered = sorted(set(days))
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] - ordered[end] == _ONE_DAY:
            end += 1
        first, last = ordered[start], ordered[end]
        parts.append(weekday_label(first) if first == last else f"{weekday_label(first)}至{weekday_label(last)}")
        start = end + 1
    return parts


def preview_lines(year_file: YearFile) -> list[str]:
    """What will be loaded, in Chinese: the notice, then each holiday with its days off and make-up working days."""
    days = year_file.days()
    off = sum(1 for _, kind, _ in days if kind == "day_off")
    worked = len(days) - off
    notice = year_file.notice_title
    notice += f"（{year_file.notice_number}" if year_file.notice_number else "（文号未填写"
    notice += f"，{year_file.notice_date.isoformat()} 发布）" if year_file.notice_date else "）"
    lines = [
        f"{year_file.year} 年全国节假日安排（数据来源：{year_file.source}）：{len(year_file.holidays)} 个节日，"
        f"放假 {off} 天，调休上班 {worked} 天",
        f"依据：{notice}",
    ]
    for holiday in year_file.holidays:
        parts = []
        if holiday.days_off:
            parts.append(f"{'、'.join(_ranges(holiday.days_off))}放假，共 {len(set(holiday.days_off))} 天")
        if holiday.makeup_days:
            parts.append(f"{'、'.join(weekday_label(day) for day in sorted(holiday.makeup_days))}上班")
        lines.append(f"  {holiday.name}：{'；'.join(parts)}")
    return lines


__all__ = [
    "PYTHON_HOLIDAYS",
    "SOURCES",
    "CrossCheck",
    "PackageYearRefused",
    "YearFileError",
    "cross_check",
    "package_label",
    "preview_lines",
    "python_holidays_year",
    "weekday_label",
]
