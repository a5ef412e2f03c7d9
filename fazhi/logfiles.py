"""The application's log files and how long they are kept (settings FAZHI_LOG_DIR, FAZHI_LOG_RETENTION_DAYS).

网络安全法 第二十一条第（三）项 requires network logs to be kept for no less than six months (留存相关的网络日志不少于
六个月), and 等保2.0 level 3 asks the same of audit records. Six calendar months are at most 184 days (July to
December, or March to August), so 184 days is the shortest retention that always meets the law, and the least the
settings accept. The journal (全过程记录) is a database table, never deleted by anything; this is about the files.

Imported by the settings: standard library and Django's exception only.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import TextIO

from django.core.exceptions import ImproperlyConfigured

MINIMUM_RETENTION_DAYS = 184
_DATED = re.compile(r"(?P<prefix>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.log")


def retention_days(raw: str | None) -> int:
    """FAZHI_LOG_RETENTION_DAYS as given (default and minimum 184), or ImproperlyConfigured saying why."""
    if raw is None or raw.strip() == "":
        return MINIMUM_RETENTION_DAYS
    try:
        days = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"FAZHI_LOG_RETENTION_DAYS 必须是整数（天数），不能是 {raw!r}。") from None
    if days < MINIMUM_RETENTION_DAYS:
        raise ImproperlyConfigured(
            f"FAZHI_LOG_RETENTION_DAYS={days}：日志至少保存 {MINIMUM_RETENTION_DAYS} 天。"
            "网络安全法 第二十一条第（三）项要求网络日志留存不少于六个月，六个月最长为 184 天。"
        )
    return days


class DailyFileHandler(logging.Handler):
    """One file a day, `<prefix>-YYYY-MM-DD.log` in `directory` (the day in local time), appended to and never renamed,
    so several server processes can share the folder; when a process starts a new day's file it deletes that prefix's
    files more than `retention_days` days old. Nothing else is ever deleted."""

    def __init__(self, directory: str | Path, retention_days: int, prefix: str = "fazhi") -> None:
        super().__init__()
        if retention_days < MINIMUM_RETENTION_DAYS:
            raise ValueError(f"日志至少保存 {MINIMUM_RETENTION_DAYS} 天。")
        self.directory = Path(directory)
        self.retention_days = retention_days
        self.prefix = prefix
        self._day: dt.date | None = None
        self._stream: TextIO | None = None

    def path_for(self, day: dt.date) -> Path:
        return self.directory / f"{self.prefix}-{day.isoformat()}.log"

    def emit(self, record: logging.LogRecord) -> None:
        try:
            day = dt.datetime.fromtimestamp(record.created).date()
            stream = self._stream if day == self._day and self._stream is not None else self._open(day)
            stream.write(self.format(record) + "\n")
            stream.flush()
        except Exception:
            self.handleError(record)

    def _open(self, day: dt.date) -> TextIO:
        if self._stream is not None:
            self._stream.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._stream = stream = self.path_for(day).open("a", encoding="utf-8")
        self._day = day
        self.prune(day)
        return stream

    def prune(self, today: dt.date) -> list[Path]:
        """Delete this prefix's files of days before `today` - retention_days; the files deleted."""
        oldest = today - dt.timedelta(days=self.retention_days)
        deleted = []
        for path in self.directory.glob(f"{self.prefix}-*.log"):
            match = _DATED.fullmatch(path.name)
            if match is None or match["prefix"] != self.prefix:
                continue
            try:
                day = dt.date.fromisoformat(match["day"])
            except ValueError:
                continue
            if day < oldest:
                path.unlink(missing_ok=True)
                deleted.append(path)
        return deleted

    def close(self) -> None:
        self.acquire()
        try:
            if self._stream is not None:
                self._stream.close()
                self._stream = None
        finally:
            self.release()
        super().close()
