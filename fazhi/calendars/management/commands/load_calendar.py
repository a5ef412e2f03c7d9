"""manage.py load_calendar FILE | --check FILE | --from python-holidays YEAR [--check] | --list | --export YEAR: the
holiday data of each year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fazhi.calendars import packages, queries
from fazhi.calendars.actions import CalendarActionError, load_calendar_year
from fazhi.calendars.loader import YearFile, YearFileError, parse_year_file
from fazhi.rules.jurisdiction import NATIONAL, UnknownJurisdiction, normalize_code

USAGE = (
    "请指定一个年度文件，或使用 --list 或 --export YEAR 之一"
    "（从已安装的软件包导入：--from python-holidays YEAR，先加 --check 预览）"
)


class Command(BaseCommand):
    help = (
        "导入一年的法定节假日与调休上班安排（格式见 docs/calendar-format.md，每年一个 .toml 或 .json 文件）；"
        "再次导入同一年度会整体替换该年数据并记入全过程记录。--from python-holidays YEAR 从已安装的 python-holidays "
        "导入该年的正式安排（--check 只预览并与 chinese-calendar 交叉核对）。--list 列出已导入的年度。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", metavar="FILE", nargs="?", help="年度文件（.toml 或 .json）；与 --from 一起使用时为年度"
        )
        parser.add_argument("--check", action="store_true", help="只校验（或预览），不导入")
        parser.add_argument(
            "--from",
            dest="source",
            metavar="SOURCE",
            default=None,
            help="从已安装的软件包导入某一年度，目前只支持 python-holidays",
        )
        parser.add_argument(
            "--notice-number", default="", help="与 --from 一起使用：通知文号，如 国办发明电〔2026〕12号"
        )
        parser.add_argument("--notice-date", default="", help="与 --from 一起使用：通知发布日期 YYYY-MM-DD")
        parser.add_argument("--notice-url", default="", help="与 --from 一起使用：通知原文网址")
        parser.add_argument("--list", action="store_true", help="列出已导入的年度")
        parser.add_argument(
            "--export",
            metavar="YEAR",
            type=str,
            default=None,
            help="按年度文件格式输出某个已导入年度（可修改后重新导入）",
        )
        parser.add_argument(
            "--jurisdiction",
            metavar="J",
            default=NATIONAL,
            help="与 --export 一起使用：管辖区域代码（默认 CN）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        modes = [bool(options["file"]) and options["source"] is None, options["list"], options["export"] is not None]
        modes.append(options["source"] is not None)
        if sum(modes) != 1:
            raise CommandError(USAGE)
        if options["list"]:
            self._list()
        elif options["export"] is not None:
            self._export(options["export"], options["jurisdiction"])
        elif options["source"] is not None:
            self._from_package(options)
        else:
            self._load(Path(options["file"]), check_only=options["check"])

    def _list(self) -> None:
        years = queries.loaded_years()
        if not years:
            self.stdout.write("尚未导入任何年度的节假日数据。")
            return
        self.stdout.write("管辖区域\t年度\t放假\t调休上班\t通知文号\t来源\t导入时间")
        for row in years:
            loaded_at = timezone.localtime(row.loaded_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                f"{row.jurisdiction}\t{row.year}\t{row.days_off}\t{row.makeup_days}\t"
                f"{row.notice_number or '-'}\t{row.source}\t{loaded_at}"
            )

    def _export(self, raw_year: str, raw_jurisdiction: str) -> None:
        if not (raw_year.strip().isascii() and raw_year.strip().isdigit()):
            raise CommandError(f"年度“{raw_year}”无效，应为四位数字的年份")
        try:
            jurisdiction = normalize_code(raw_jurisdiction)
        except UnknownJurisdiction as exc:
            raise CommandError(str(exc)) from exc
        text = queries.export_year(int(raw_year), jurisdiction)
        if text is None:
            raise CommandError(f"尚未导入 {jurisdiction} 的 {int(raw_year)} 年节假日数据")
        self.stdout.write(text, ending="")

    def _summary(self, year_file: YearFile) -> str:
        days = year_file.days()
        return (
            f"{year_file.year} 年（{year_file.jurisdiction}）：{len(year_file.holidays)} 个节日，"
            f"放假 {sum(1 for _, kind, _ in days if kind == 'day_off')} 天，"
            f"调休上班 {sum(1 for _, kind, _ in days if kind == 'makeup')} 天"
        )

    def _store(self, year_file: YearFile) -> None:
        replacing = year_file.year in {row.year for row in queries.loaded_years(year_file.jurisdiction)}
        try:
            load_calendar_year(actor=None, year_file=year_file)
        except CalendarActionError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{'已替换' if replacing else '已导入'}：{self._summary(year_file)}")

    def _load(self, path: Path, *, check_only: bool) -> None:
        try:
            year_file = parse_year_file(path)
        except YearFileError as exc:
            raise CommandError(str(exc)) from exc
        if check_only:
            example = "（示例文件，不能导入）" if year_file.example else ""
            self.stdout.write(f"校验通过：{self._summary(year_file)}{example}")
            return
        self._store(year_file)

    def _from_package(self, options: dict[str, Any]) -> None:
        source, raw_year = options["source"].strip().lower(), (options["file"] or "").strip()
        if source not in packages.SOURCES:
            raise CommandError(f"不支持的来源“{options['source']}”，目前只能 --from python-holidays")
        if not raw_year.isdigit() or len(raw_year) != 4:
            raise CommandError(f"年度“{raw_year}”无效，应为四位数字的年份，例如 --from python-holidays 2027")
        notice_date = None
        if raw_date := options["notice_date"].strip():
            try:
                notice_date = dt.date.fromisoformat(raw_date)
            except ValueError:
                raise CommandError(f"通知发布日期“{raw_date}”无效，应为 YYYY-MM-DD 格式的日期") from None
        try:
            year_file = packages.python_holidays_year(
                int(raw_year),
                notice_number=options["notice_number"],
                notice_date=notice_date,
                notice_url=options["notice_url"].strip(),
            )
        except (packages.PackageYearRefused, YearFileError) as exc:
            raise CommandError(str(exc)) from exc
        for line in packages.preview_lines(year_file) + packages.cross_check(year_file).lines():
            self.stdout.write(line)
        if options["check"]:
            self.stdout.write("（预览，未导入；去掉 --check 即导入）")
            return
        self._store(year_file)
