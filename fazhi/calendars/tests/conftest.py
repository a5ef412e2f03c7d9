"""Fixtures of the calendar tests: a clean in-process cache, and year files written to a temporary folder."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fazhi.calendars import queries

# A valid 2027 document (the shape of docs/calendar/2027-example.toml, without `example`), for tests to mutate.
VALID_2027: dict[str, Any] = {
    "format": 1,
    "year": 2027,
    "notice": {
        "title": "国务院办公厅关于2027年部分节假日安排的通知（测试）",
        "number": "国办发明电〔2026〕99号",
        "date": "2026-11-05",
    },
    "holidays": [
        {"name": "元旦", "days_off": ["2027-01-01..2027-01-03"], "makeup_days": [], "total_days": 3},
        {"name": "春节", "days_off": ["2027-02-05..2027-02-13"], "makeup_days": ["2027-01-31", "2027-02-20"]},
        {"name": "国庆节", "days_off": ["2027-10-01..2027-10-07"], "makeup_days": ["2027-09-26", "2027-10-09"]},
    ],
}


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    queries.clear_cache()
    yield
    queries.clear_cache()


@pytest.fixture
def valid_2027() -> dict[str, Any]:
    return copy.deepcopy(VALID_2027)


@pytest.fixture
def write_year_file(tmp_path: Path) -> Callable[..., Path]:
    """write_year_file(document, name="2027.json") -> path; a str document is written as it is."""

    def write(document: dict[str, Any] | str | bytes, name: str = "2027.json") -> Path:
        path = tmp_path / name
        if isinstance(document, bytes):
            path.write_bytes(document)
        elif isinstance(document, str):
            path.write_text(document, encoding="utf-8")
        else:
            path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def package_with_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    """python-holidays as it will be once it takes in the 2027 notice, the way it records every notice: the days off
    moved from make-up Saturdays and Sundays. The arrangement is invented for the tests (the shape of
    docs/calendar/2027-example.toml); the installed version has 2027 only as a rule-based estimate."""
    from holidays.calendars.gregorian import FEB, JAN, MAY, OCT, SEP
    from holidays.countries.china import ChinaStaticHolidays

    monkeypatch.setitem(
        ChinaStaticHolidays.special_public_holidays,
        2027,
        (
            (FEB, 11, JAN, 31),  # 春节
            (FEB, 12, FEB, 20),  # 春节
            (MAY, 5, MAY, 8),  # 劳动节
            (OCT, 6, SEP, 26),  # 国庆节
            (OCT, 7, OCT, 9),  # 国庆节
        ),
    )
