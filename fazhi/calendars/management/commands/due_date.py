"""manage.py due_date START N [--calendar-days] [--jurisdiction J]: print the due date of a statutory period."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.calendars import queries
from fazhi.calendars.inputs import MAX_DAYS, BadPeriodInput, parse_days, parse_start
from fazhi.rules import provisional
from fazhi.rules.calendar import CalendarError, CalendarYearMissing, PeriodUnit
from fazhi.rules.jurisdiction import UnknownJurisdiction


class Command(BaseCommand):
    help = (
        "计算期限届满日：从 START 起 N 个工作日（或加 --calendar-days 按自然日）的最后一日，输出 YYYY-MM-DD。"
        "起算日当天不计入（民事诉讼法第八十五条）；按自然日计算时，届满日为周末或节假日的，顺延至其后第一个工作日。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("start", metavar="START", help="起算日期，YYYY-MM-DD（当天不计入）")
        parser.add_argument("days", metavar="N", help=f"期间天数，1 至 {MAX_DAYS} 的整数")
        parser.add_argument(
            "--calendar-days",
            action="store_true",
            help="按自然日计算（默认按工作日）",
        )
        parser.add_argument(
            "--jurisdiction",
            metavar="J",
            default=None,
            help="管辖区域代码，如 CN、CN-GD、CN-GD-SZ（默认取 FAZHI_JURISDICTION 设置）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = parse_start(options["start"])
            days = parse_days(options["days"])
            unit = PeriodUnit.CALENDAR if options["calendar_days"] else PeriodUnit.WORKING
            due = queries.due_date(start, days, unit=unit, jurisdiction=options["jurisdiction"])
        except CalendarYearMissing as absent:
            # Still an error (no legal due date without the year), with the provisional date for orientation.
            calendar = queries.working_calendar(queries.resolve_jurisdiction(options["jurisdiction"]))
            estimate = provisional.estimate(calendar, lambda c: c.due_date(start, days, unit))
            note = f"（预计 {estimate:%Y-%m-%d}：仅按周末和固定日期节假日推算，不是法定期限）" if estimate else ""
            raise CommandError(f"{absent}{note}") from absent
        except (BadPeriodInput, UnknownJurisdiction, CalendarError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(due.isoformat())
