"""manage.py due_date and manage.py load_calendar."""

from __future__ import annotations

import io
import json
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.calendars import queries
from fazhi.calendars.management.commands import due_date as due_date_command
from fazhi.calendars.management.commands import load_calendar as load_calendar_command
from fazhi.calendars.models import CalendarYear
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "calendar" / "2027-example.toml"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def exit_status(command_module, *args: str, capsys) -> tuple[int, str, str]:
    """Run a command the way manage.py does (run_from_argv) and return its exit status, stdout and stderr."""
    command = command_module.Command()
    # run_from_argv closes every connection when it ends, which would end the test's transaction on PostgreSQL.
    with mock.patch("django.core.management.base.connections.close_all"):
        try:
            command.run_from_argv(["manage.py", command_module.__name__.rsplit(".", 1)[-1], *args])
            status = 0
        except SystemExit as exit_:
            status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- due_date -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("2025-12-31", "1"), "2026-01-04\n"),
        (("2026-10-01", "1"), "2026-10-08\n"),
        (("2026-01-12", "5", "--calendar-days"), "2026-01-19\n"),
        (("2026-02-01", "14", "--calendar-days"), "2026-02-24\n"),
        (("2025-12-31", "1", "--jurisdiction", "CN-GD"), "2026-01-04\n"),
        (("2025-12-31", "1", "--jurisdiction", "cn"), "2026-01-04\n"),
    ],
)
def test_due_date_prints_only_the_date(args, expected):
    out, err = run("due_date", *args)
    assert out == expected
    assert err == ""


def test_due_date_exits_zero_with_the_date_on_stdout(capsys):
    assert exit_status(due_date_command, "2025-12-31", "2", capsys=capsys) == (0, "2026-01-05\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2026-02-30", "5"), "起算日期“2026-02-30”无效"),
        (("20260105", "5"), "起算日期“20260105”无效"),
        (("2026-01-05", "0"), "天数“0”无效，应为 1 至 10000 之间的整数"),
        (("2026-01-05", "-3"), "天数“-3”无效"),
        (("2026-01-05", "五"), "天数“五”无效"),
        (("2026-01-05", "2.5"), "天数“2.5”无效"),
        (("2026-01-05", "10001"), "天数“10001”无效"),
        (("2026-01-05", "5", "--jurisdiction", "CN-BJ"), "未知的管辖区域代码“CN-BJ”"),
        (("2026-12-31", "1"), "缺少 2027 年的节假日数据，请先用 load_calendar 导入"),
        (("2026-12-25", "7", "--calendar-days"), "缺少 2027 年的节假日数据，请先用 load_calendar 导入"),
        (("2003-12-31", "1"), "缺少 2003 年的节假日数据，请先用 load_calendar 导入"),
    ],
)
def test_due_date_errors_go_to_stderr_with_a_non_zero_exit(capsys, args, message):
    with pytest.raises(CommandError, match=message):
        run("due_date", *args)
    status, out, err = exit_status(due_date_command, *args, capsys=capsys)
    assert status != 0
    assert out == ""
    assert message in err


def test_due_date_has_help_in_chinese(capsys):
    with mock.patch("django.core.management.base.connections.close_all"), pytest.raises(SystemExit) as exit_:
        due_date_command.Command().run_from_argv(["manage.py", "due_date", "--help"])
    assert exit_.value.code == 0
    assert "起算日当天不计入" in capsys.readouterr().out


# --- load_calendar ----------------------------------------------------------------------------------------------------


def test_load_calendar_loads_a_valid_file_and_journals_it(valid_2027, write_year_file):
    out, _ = run("load_calendar", str(write_year_file(valid_2027)))
    assert out == "已导入：2027 年（CN）：3 个节日，放假 19 天，调休上班 4 天\n"
    assert CalendarYear.objects.filter(year=2027, jurisdiction="CN").exists()
    assert Entry.objects.filter(action="calendars.year_load", outcome="success").count() == 1
    assert run("due_date", "2026-12-31", "1")[0] == "2027-01-04\n"


def test_load_calendar_replaces_a_loaded_year(valid_2027, write_year_file):
    path = write_year_file(valid_2027)
    run("load_calendar", str(path))
    valid_2027["holidays"][0]["days_off"] = ["2027-01-01"]
    valid_2027["holidays"][0].pop("total_days")
    out, _ = run("load_calendar", str(write_year_file(valid_2027)))
    assert out.startswith("已替换：2027 年（CN）：3 个节日，放假 17 天")
    assert CalendarYear.objects.filter(year=2027).count() == 1
    entries = Entry.objects.filter(action="calendars.year_load").order_by("seq")
    assert [json.loads(e.before) is None for e in entries] == [True, False]


def test_load_calendar_refuses_an_invalid_file_with_every_error_on_stderr(valid_2027, write_year_file, capsys):
    valid_2027["holidays"][1]["makeup_days"] = ["2027-02-22"]
    valid_2027["holidays"][2]["days_off"] = ["2026-10-01"]
    path = write_year_file(valid_2027)
    status, out, err = exit_status(load_calendar_command, str(path), capsys=capsys)
    assert status != 0
    assert out == ""
    assert "有 2 处错误" in err
    assert "2027-02-22（星期一）不是周六或周日" in err
    assert "2026-10-01 不在 2027 年内" in err
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_load_calendar_refuses_the_example_file_but_checks_it():
    with pytest.raises(CommandError, match="示例文件"):
        run("load_calendar", str(EXAMPLE))
    assert not CalendarYear.objects.filter(year=2027).exists()
    out, _ = run("load_calendar", "--check", str(EXAMPLE))
    assert out.startswith("校验通过：2027 年（CN）：7 个节日")
    assert "示例文件，不能导入" in out


def test_load_calendar_check_writes_nothing(valid_2027, write_year_file):
    out, _ = run("load_calendar", "--check", str(write_year_file(valid_2027)))
    assert out.startswith("校验通过：2027 年")
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_load_calendar_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run("load_calendar", str(tmp_path / "2027.toml"))


def test_load_calendar_list_shows_the_loaded_years(valid_2027, write_year_file):
    run("load_calendar", str(write_year_file(valid_2027)))
    out, _ = run("load_calendar", "--list")
    lines = out.splitlines()
    assert lines[0].startswith("管辖区域\t年度")
    assert lines[1].startswith("CN\t2004\t")
    assert any(line.startswith("CN\t2026\t33\t6\t-\tchinese-calendar") for line in lines)
    assert any(line.startswith("CN\t2027\t19\t4\t国办发明电〔2026〕99号\t2027.json sha256:") for line in lines)


def test_load_calendar_list_with_nothing_loaded_says_so():
    CalendarYear.objects.all().delete()
    assert run("load_calendar", "--list")[0] == "尚未导入任何年度的节假日数据。\n"


def test_load_calendar_export_writes_a_file_that_loads_back(tmp_path):
    out, _ = run("load_calendar", "--export", "2025")
    assert "year = 2025" in out
    edited = out.replace("# date = 请填写通知的发布日期，例如 2026-11-05", "date = 2024-11-12")
    edited = edited.replace('title = ""', 'title = "国务院办公厅关于2025年部分节假日安排的通知"')
    edited = edited.replace('number = ""', 'number = "国办发明电〔2024〕12号"')
    path = tmp_path / "2025.toml"
    path.write_text(edited, encoding="utf-8")
    before = run("due_date", "2025-09-30", "1")[0]
    assert run("load_calendar", str(path))[0].startswith("已替换：2025 年")
    assert run("due_date", "2025-09-30", "1")[0] == before == "2025-10-09\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "请指定一个年度文件，或使用 --list 或 --export YEAR 之一"),
        (("--list", "x.toml"), "请指定一个年度文件"),
        (("--export", "二〇二五"), "年度“二〇二五”无效"),
        (("--export", "2030"), "尚未导入 CN 的 2030 年节假日数据"),
        (("--export", "2025", "--jurisdiction", "XX"), "未知的管辖区域代码"),
    ],
)
def test_load_calendar_usage_errors_are_explained(args, message):
    with pytest.raises(CommandError, match=message):
        run("load_calendar", *args)


# --- load_calendar --from python-holidays -----------------------------------------------------------------------------


def test_load_calendar_from_the_package_refuses_a_year_it_only_estimates(capsys):
    status, out, err = exit_status(load_calendar_command, "--from", "python-holidays", "2030", capsys=capsys)
    assert status != 0
    assert out == ""
    assert "2030 年的数据是按规则推算的，没有列出任何调休上班日" in err
    assert not CalendarYear.objects.filter(year=2030).exists()


def test_load_calendar_from_the_package_with_check_previews_and_cross_checks_but_writes_nothing():
    version = queries.calendar_version()
    out, _ = run("load_calendar", "--from", "python-holidays", "2026", "--check")
    lines = out.splitlines()
    assert lines[0].startswith("2026 年全国节假日安排（数据来源：python-holidays ")
    assert "  元旦：2026-01-01（星期四）至2026-01-03（星期六）放假，共 3 天；2026-01-04（星期日）上班" in lines
    assert "与 chinese-calendar 1.11.0 逐日核对：全年一致。" in lines
    assert lines[-1] == "（预览，未导入；去掉 --check 即导入）"
    assert queries.calendar_version() == version
    assert not Entry.objects.filter(action="calendars.year_load").exists()
    assert CalendarYear.objects.get(year=2026).source.startswith("chinese-calendar")


def test_load_calendar_from_the_package_imports_next_year_once_the_package_has_its_notice(package_with_2027):
    with pytest.raises(CommandError, match="缺少 2027 年的节假日数据"):
        run("due_date", "2026-12-31", "1")
    out, _ = run(
        "load_calendar",
        "--from",
        "python-holidays",
        "2027",
        "--notice-number",
        "国办发明电〔2026〕99号",
        "--notice-date",
        "2026-11-05",
    )
    assert "chinese-calendar 1.11.0 没有 2027 年的数据，无法交叉核对。" in out
    assert out.splitlines()[-1].startswith("已导入：2027 年（CN）：7 个节日，放假 30 天，调休上班 5 天")
    year = CalendarYear.objects.get(year=2027)
    assert (year.notice_number, year.source) == ("国办发明电〔2026〕99号", f"python-holidays {holidays_version()}")
    assert run("due_date", "2026-12-31", "1")[0] == "2027-01-04\n"
    assert run("due_date", "2027-01-29", "1")[0] == "2027-01-31\n"  # a make-up Sunday
    [entry] = Entry.objects.filter(action="calendars.year_load")
    assert entry.actor_id is None
    assert json.loads(entry.after)["source"].startswith("python-holidays ")


def test_load_calendar_from_the_package_corrects_2005_through_the_normal_path():
    """国办发明电〔2005〕35号: "12月31日（星期六）上班". The seed as corrected by migration 0003 already says so; the
    package gives the same days, so nothing moves, but the load is journaled like any other."""
    out, _ = run("load_calendar", "--from", "python-holidays", "2005")
    assert "2005-12-31（星期六）：导入的数据为上班，chinese-calendar 1.11.0 为休息" in out
    assert out.splitlines()[-1].startswith("已替换：2005 年（CN）：5 个节日，放假 24 天，调休上班 7 天")
    assert run("due_date", "2005-12-30", "1")[0] == "2005-12-31\n"
    [entry] = Entry.objects.filter(action="calendars.year_load")
    assert json.loads(entry.after)["changed_days"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "chinese-calendar", "2027"), "不支持的来源“chinese-calendar”，目前只能 --from python-holidays"),
        (("--from", "python-holidays"), "年度“”无效"),
        (("--from", "python-holidays", "明年"), "年度“明年”无效"),
        (("--from", "python-holidays", "2026", "--notice-date", "2025-13-01"), "通知发布日期“2025-13-01”无效"),
        (("--from", "python-holidays", "2026", "--notice-date", "2020-01-01"), "不在 2025 年或 2026 年内"),
        (("--from", "python-holidays", "2026", "--list"), "请指定一个年度文件，或使用 --list 或 --export YEAR 之一"),
    ],
)
def test_load_calendar_from_the_package_explains_bad_input(args, message):
    with pytest.raises(CommandError, match=message):
        run("load_calendar", *args)
    assert not Entry.objects.filter(action="calendars.year_load").exists()


def holidays_version() -> str:
    from importlib.metadata import version

    return version("holidays")


def test_due_date_into_a_missing_year_stays_an_error_and_names_the_provisional_date(capsys):
    """2026-12-31 + 1 working day: 2027-01-01 is 元旦 (全国年节及纪念日放假办法 第二条第（一）项), then a weekend."""
    status, out, err = exit_status(due_date_command, "2026-12-31", "1", capsys=capsys)
    assert status != 0
    assert out == ""
    assert "缺少 2027 年的节假日数据" in err
    assert "预计 2027-01-04：仅按周末和固定日期节假日推算，不是法定期限" in err
