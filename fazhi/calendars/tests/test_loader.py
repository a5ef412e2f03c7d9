"""The year-file format: every validation rule, file-level errors, and the export round trip (no database)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fazhi.calendars.loader import YearFileError, parse_year_file, render_year_file
from fazhi.rules.calendar import WorkingCalendar

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "calendar" / "2027-example.toml"


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation that sets doc[a][b]... (numeric parts index lists)."""

    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return mutate


RULES = [
    ("unknown top-level key", _set("holiday", []), "不认识的字段“holiday”"),
    ("unsupported format version", _set("format", 2), "只支持 1"),
    ("year missing", _delete("year"), "year（年度）：必须填写"),
    ("year as text", _set("year", "2027"), "应为 2000 至 2100 之间的年份"),
    ("year out of range", _set("year", 1999), "应为 2000 至 2100 之间的年份"),
    ("unknown jurisdiction", _set("jurisdiction", "CN-XX"), "未知的管辖区域代码“CN-XX”"),
    ("example not a boolean", _set("example", "yes"), "example（示例）：应为 true 或 false"),
    ("notice missing", _delete("notice"), "缺少通知信息表"),
    ("notice title empty", _set("notice.title", "  "), "notice.title（通知标题）：不能为空"),
    ("notice number missing", _delete("notice.number"), "notice.number（文号）：必须填写"),
    ("notice number not text", _set("notice.number", 7), "notice.number（文号）：应为文字"),
    ("notice date missing", _delete("notice.date"), "notice.date（发布日期）：必须填写"),
    ("notice date malformed", _set("notice.date", "2026/11/05"), "日期格式应为 YYYY-MM-DD"),
    ("notice date years before", _set("notice.date", "2024-12-01"), "不在 2026 年或 2027 年内"),
    ("notice date after the year", _set("notice.date", "2028-01-02"), "不在 2026 年或 2027 年内"),
    ("notice url not http", _set("notice.url", "javascript:alert(1)"), "应以 https:// 或 http:// 开头"),
    ("unknown notice key", _set("notice.titel", "x"), "不认识的字段“titel”"),
    ("title too long", _set("notice.title", "通" * 201), "不能超过 200 个字"),
    ("holidays missing", _delete("holidays"), "至少要有一个节日"),
    ("holidays empty", _set("holidays", []), "至少要有一个节日"),
    ("holiday not a table", _set("holidays.1", "春节"), "第 2 个节日：应为一个表"),
    ("holiday name missing", _delete("holidays.0.name"), "第 1 个节日 name（名称）：必须填写"),
    ("unknown holiday key", _set("holidays.0.makeup_day", []), "不认识的字段“makeup_day”"),
    ("days off not a list", _set("holidays.0.days_off", "2027-01-01"), "应为日期列表"),
    ("impossible date", _set("holidays.0.days_off", ["2027-02-30"]), "日期格式应为 YYYY-MM-DD：'2027-02-30'"),
    ("backwards range", _set("holidays.2.days_off", ["2027-10-07..2027-10-01"]), "结束日早于开始日"),
    ("malformed range", _set("holidays.2.days_off", ["2027-10-01..oops"]), "日期区间格式应为"),
    ("date outside the year", _set("holidays.0.days_off", ["2026-12-31", "2027-01-01"]), "2026-12-31 不在 2027 年内"),
    ("make-up day on a weekday", _set("holidays.1.makeup_days", ["2027-02-22"]), "2027-02-22（星期一）不是周六或周日"),
    (
        "day off twice in one holiday",
        _set("holidays.0.days_off", ["2027-01-01..2027-01-03", "2027-01-02"]),
        "放假日期 2027-01-02 重复（已在“元旦”中）",
    ),
    (
        "day off in two holidays",
        _set("holidays.2.days_off", ["2027-01-03", "2027-10-01..2027-10-07"]),
        "第 3 个节日（国庆节）：放假日期 2027-01-03 重复（已在“元旦”中）",
    ),
    (
        "make-up day twice",
        _set("holidays.2.makeup_days", ["2027-02-20", "2027-10-09"]),
        "调休上班日 2027-02-20 重复（已在“春节”中）",
    ),
    (
        "a day both off and worked",
        _set("holidays.2.makeup_days", ["2027-01-02"]),
        "2027-01-02 既是放假日又是调休上班日（“元旦”与“国庆节”）",
    ),
    ("total days disagree", _set("holidays.0.total_days", 4), "共 4 天，但列出的放假日期有 3 天"),
    ("total days not a number", _set("holidays.0.total_days", "三"), "total_days（共几天）：应为正整数"),
    ("holiday without any date", _set("holidays.0.days_off", []), "没有列出任何放假日期或调休上班日期"),
]


@pytest.mark.parametrize(("mutate", "message"), [pytest.param(m, msg, id=name) for name, m, msg in RULES])
def test_each_validation_rule_refuses_a_bad_file_with_a_chinese_message(valid_2027, write_year_file, mutate, message):
    mutate(valid_2027)
    with pytest.raises(YearFileError) as caught:
        parse_year_file(write_year_file(valid_2027))
    assert message in str(caught.value), caught.value.errors


def test_the_valid_document_used_by_these_tests_is_accepted(valid_2027, write_year_file):
    year_file = parse_year_file(write_year_file(valid_2027))
    assert year_file.year == 2027
    assert year_file.jurisdiction == "CN"
    assert year_file.notice_date == dt.date(2026, 11, 5)
    assert not year_file.example
    assert len(year_file.days()) == 3 + 9 + 2 + 7 + 2


def test_every_problem_is_reported_at_once(valid_2027, write_year_file):
    valid_2027["notice"]["title"] = ""
    valid_2027["holidays"][1]["makeup_days"] = ["2027-02-22"]
    with pytest.raises(YearFileError) as caught:
        parse_year_file(write_year_file(valid_2027))
    assert len(caught.value.errors) == 2
    assert str(caught.value).startswith("年度文件 2027.json 有 2 处错误：")


def test_a_holiday_with_only_make_up_days_is_accepted(valid_2027, write_year_file):
    # As 2011-12-31 (Saturday) was worked for the 2012 元旦 holiday announced in the 2012 notice.
    valid_2027["holidays"].append({"name": "元旦（2028年）", "makeup_days": ["2027-12-25"]})
    year_file = parse_year_file(write_year_file(valid_2027))
    assert (dt.date(2027, 12, 25), "makeup", "元旦（2028年）") in year_file.days()


def test_the_documented_example_file_is_valid_and_marked_as_an_example():
    year_file = parse_year_file(EXAMPLE)
    assert year_file.example is True
    assert year_file.year == 2027
    assert [h.name for h in year_file.holidays] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    calendar = WorkingCalendar([year_file.year_data()])
    assert calendar.is_working_day(dt.date(2027, 1, 31))  # a make-up Sunday
    assert not calendar.is_working_day(dt.date(2027, 2, 8))  # a Monday of 春节
    assert year_file.source.startswith("2027-example.toml sha256:")


def test_a_toml_file_may_use_native_dates(write_year_file):
    text = EXAMPLE.read_text(encoding="utf-8").replace("example = true\n", "")
    year_file = parse_year_file(write_year_file(text, "2027.toml"))
    assert not year_file.example
    assert (dt.date(2026, 11, 5), dt.date(2027, 1, 31)) == (year_file.notice_date, year_file.holidays[1].makeup_days[0])


def test_a_toml_date_time_is_not_a_date(write_year_file):
    text = EXAMPLE.read_text(encoding="utf-8").replace("date = 2026-11-05", "date = 2026-11-05T09:00:00")
    with pytest.raises(YearFileError, match="应为日期而不是日期时间"):
        parse_year_file(write_year_file(text, "2027.toml"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("2027.yaml", "year: 2027", "文件扩展名应为 .toml 或 .json"),
        ("2027.toml", "year = = 2027", "文件格式有误，无法解析"),
        ("2027.json", "{year: 2027", "文件格式有误，无法解析"),
        ("2027.json", "[2027]", "文件内容应为一个表"),
        ("2027.json", "2027年".encode("gbk"), "文件应为 UTF-8 编码"),
        ("2027.json", b" " * 1_000_001, "文件过大"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_chinese_message(write_year_file, name, content, message):
    with pytest.raises(YearFileError, match=message):
        parse_year_file(write_year_file(content, name))


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(YearFileError, match="找不到文件"):
        parse_year_file(tmp_path / "nope.toml")


def test_an_exported_year_reads_back_to_the_same_days(write_year_file):
    original = parse_year_file(EXAMPLE)
    text = render_year_file(
        year=original.year,
        jurisdiction=original.jurisdiction,
        notice_title=original.notice_title,
        notice_number=original.notice_number,
        notice_date=original.notice_date,
        notice_url=original.notice_url,
        days=original.days(),
    )
    assert 'days_off = ["2027-10-01..2027-10-07"]' in text
    again = parse_year_file(write_year_file(text, "2027.toml"))
    assert again.days() == original.days()
    assert (again.notice_title, again.notice_number, again.notice_date) == (
        original.notice_title,
        original.notice_number,
        original.notice_date,
    )


def test_an_export_without_a_notice_date_asks_for_one(write_year_file):
    text = render_year_file(
        year=2026,
        jurisdiction="CN",
        notice_title="",
        notice_number="",
        notice_date=None,
        notice_url="",
        days=[(dt.date(2026, 1, 1), "day_off", "元旦")],
    )
    with pytest.raises(YearFileError) as caught:
        parse_year_file(write_year_file(text, "2026.toml"))
    assert "notice.date（发布日期）：必须填写" in caught.value.errors
    assert "notice.title（通知标题）：不能为空" in caught.value.errors
