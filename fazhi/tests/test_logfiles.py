"""Log files are kept at least six months (网络安全法 第二十一条第（三）项: 网络日志留存不少于六个月), configurably."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from fazhi.logfiles import MINIMUM_RETENTION_DAYS, DailyFileHandler, retention_days
from fazhi.tests.test_settings import run_python


def test_six_months_are_at_most_184_days_which_is_the_default_and_the_least_accepted() -> None:
    # 网络安全法 第二十一条第（三）项: the longest run of six calendar months (July to December) has 184 days.
    longest = max(
        (dt.date(year + (month + 5) // 12, (month + 5) % 12 + 1, 1) - dt.date(year, month, 1)).days
        for year in (2026, 2027, 2028)
        for month in range(1, 13)
    )
    assert longest == MINIMUM_RETENTION_DAYS == retention_days(None) == retention_days("")
    assert retention_days("365") == 365


@pytest.mark.parametrize(
    ("raw", "complaint"), [("30", "至少保存 184 天"), ("180", "不少于六个月"), ("半年", "必须是整数")]
)
def test_a_retention_shorter_than_six_months_or_not_a_number_is_refused(raw: str, complaint: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=complaint):
        retention_days(raw)


def test_the_application_refuses_to_start_with_too_short_a_log_retention(tmp_path: Path) -> None:
    result = run_python("import django; django.setup()", tmp_path, FAZHI_LOG_RETENTION_DAYS="90")
    assert result.returncode != 0
    assert "网络安全法 第二十一条第（三）项" in result.stderr


def test_with_a_log_folder_the_application_writes_one_file_a_day_there(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    code = "import django, logging; django.setup(); logging.getLogger('fazhi.test').warning('备份完成')"
    result = run_python(code, tmp_path, FAZHI_LOG_DIR=str(logs))
    assert result.returncode == 0, result.stderr
    (written,) = logs.iterdir()
    assert written.name.startswith("fazhi-")
    assert written.suffix == ".log"
    assert "WARNING fazhi.test" in written.read_text(encoding="utf-8")
    assert "备份完成" in written.read_text(encoding="utf-8")


def record_on(day: dt.date, message: str) -> logging.LogRecord:
    record = logging.LogRecord("fazhi.test", logging.INFO, __file__, 1, message, None, None)
    record.created = time.mktime(dt.datetime.combine(day, dt.time(12)).timetuple())
    return record


def test_files_older_than_the_retention_are_deleted_and_younger_ones_kept(tmp_path: Path) -> None:
    today = dt.date(2027, 1, 15)
    kept_day = today - dt.timedelta(days=MINIMUM_RETENTION_DAYS)
    old_day = kept_day - dt.timedelta(days=1)
    for day in (old_day, kept_day):
        (tmp_path / f"fazhi-{day.isoformat()}.log").write_text("旧日志\n", encoding="utf-8")
    other = tmp_path / f"gunicorn-{old_day.isoformat()}.log"  # another program's file is never touched
    other.write_text("x\n", encoding="utf-8")
    handler = DailyFileHandler(tmp_path, MINIMUM_RETENTION_DAYS)
    try:
        handler.handle(record_on(today, "今天"))
        handler.handle(record_on(today, "又一条"))
    finally:
        handler.close()
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == sorted([f"fazhi-{kept_day}.log", f"fazhi-{today}.log", other.name])
    assert (tmp_path / f"fazhi-{today}.log").read_text(encoding="utf-8").splitlines() == ["今天", "又一条"]


def test_the_handler_itself_refuses_a_retention_below_six_months(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="184"):
        DailyFileHandler(tmp_path, 30)
    assert not os.listdir(tmp_path)
