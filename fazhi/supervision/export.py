"""The Excel export of the alerts and the units' statistics (openpyxl), for the supervisor's reports."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from fazhi.accounts.models import User
from fazhi.supervision.queries import case_numbers, dashboard, scan
from fazhi.supervision.rules import BY_CODE


def workbook(as_of: dt.date, user: User) -> bytes:
    board = dashboard(as_of, user)
    alerts = scan(as_of, user)
    numbers = case_numbers({a.case_id for a in alerts if a.case_id})
    book = Workbook()
    sheet = book.active
    sheet.title = "预警"
    sheet.append(["预警等级", "规则", "依据", "案号", "承办机构", "起始日期", "说明"])
    for alert in alerts:
        rule = BY_CODE[alert.rule]
        sheet.append(
            [
                alert.severity.label,
                rule.name,
                rule.citation,
                numbers.get(alert.case_id, "") if alert.case_id else "",
                board.unit_names.get(alert.unit_id, "") if alert.unit_id else "",
                alert.since,
                alert.detail,
            ]
        )
    stats = book.create_sheet("统计")
    stats.append([f"截至 {as_of:%Y-%m-%d}，统计期 {STATS_NOTE}"])
    stats.append(["机构", "红色", "橙色", "黄色", "超期期限", "逾期完成", "按期办结率", "结案数", "平均办案天数"])
    for row in board.units:
        stats.append(
            [
                row.unit.name,
                *row.by_severity.values(),
                row.overdue,
                row.met_late,
                round(row.on_time_rate, 4) if row.on_time_rate is not None else None,
                row.closed,
                round(row.average_days, 1) if row.average_days is not None else None,
            ]
        )
    for ws in (sheet, stats):
        for cell in ws[1 if ws is sheet else 2]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


STATS_NOTE = "近 90 日"
