"""Parsing what a user typed for a period (the `due_date` command and the API share it); messages are Chinese."""

from __future__ import annotations

import datetime as dt
import re

from fazhi.rules.calendar import PeriodUnit

# A longer period than this is surely a typing error (the longest statutory periods are a few years).
MAX_DAYS = 10_000
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIGITS = re.compile(r"[0-9]+")


class BadPeriodInput(ValueError):
    """Input that is not a valid period; str(error) is the Chinese message."""


def parse_start(raw: object) -> dt.date:
    text = raw.strip() if isinstance(raw, str) else ""
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise BadPeriodInput(f"起算日期“{raw}”无效，应为 YYYY-MM-DD 格式的日期，例如 2026-01-05")


def parse_days(raw: object) -> int:
    text = raw.strip() if isinstance(raw, str) else str(raw) if isinstance(raw, int) else ""
    if not _DIGITS.fullmatch(text) or not 1 <= int(text) <= MAX_DAYS:
        raise BadPeriodInput(f"天数“{raw}”无效，应为 1 至 {MAX_DAYS} 之间的整数（起算日当天不计入）")
    return int(text)


def parse_unit(raw: object) -> PeriodUnit:
    try:
        return PeriodUnit(raw.strip().lower() if isinstance(raw, str) else "")
    except ValueError:
        raise BadPeriodInput(f"期间单位“{raw}”无效，应为 working（工作日）或 calendar（自然日）") from None
