"""manage.py supervision_scan [--as-of DATE] [--format json]: run every supervision rule once and print the alerts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fazhi.accounts.models import Unit
from fazhi.supervision.queries import case_numbers, scan
from fazhi.supervision.rules import BY_CODE


class Command(BaseCommand):
    help = "运行全部电子监察预警规则一次，输出预警（规则、等级、依据、案件、机构）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", default="", help="按某日（YYYY-MM-DD）回放，默认今天")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="输出格式：text（默认）或 json")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = str(options["as_of"] or "")
        try:
            as_of = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--as-of 应为 YYYY-MM-DD 格式的日期，而不是“{raw}”。") from exc
        alerts = scan(as_of)
        numbers = case_numbers({a.case_id for a in alerts if a.case_id})
        units = dict(Unit.objects.values_list("pk", "name"))
        rows = [
            {
                "rule": alert.rule,
                "name": BY_CODE[alert.rule].name,
                "severity": alert.severity.value,
                "citation": BY_CODE[alert.rule].citation,
                "case": numbers.get(alert.case_id) if alert.case_id else None,
                "case_id": alert.case_id,
                "unit": units.get(alert.unit_id) if alert.unit_id else None,
                "since": alert.since.isoformat(),
                "detail": alert.detail,
            }
            for alert in alerts
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps({"as_of": as_of.isoformat(), "alerts": rows}, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"电子监察扫描 {as_of.isoformat()}：共 {len(rows)} 条预警")
        for row in rows:
            label = alert_label(str(row["severity"]))
            self.stdout.write(
                f"[{label}] {row['name']} · {row['case'] or '—'} · {row['unit'] or '—'} · 自 {row['since']} · "
                f"{row['detail']} · 依据：{row['citation']}"
            )


def alert_label(severity: str) -> str:
    return {"red": "红", "orange": "橙", "yellow": "黄"}[severity]
