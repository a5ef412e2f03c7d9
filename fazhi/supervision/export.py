"""The Excel export of the alerts and the units' statistics (openpyxl), for the supervisor's reports."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from fazhi.accounts.models import User
from fazhi.cells import append_row
from fazhi.supervision.queries import case_numbers, dashboard, scan
from fazhi.supervision.remedy_figures import RemedyFigures, remedy_figures
from fazhi.supervision.rules import BY_CODE


def workbook(as_of: dt.date, user: User) -> bytes:
    board = dashboard(as_of, user)
    alerts = scan(as_of, user)
    numbers = case_numbers({a.case_id for a in alerts if a.case_id})
    book = Workbook()
    sheet = book.active
    sheet.title = "预警"
    append_row(sheet, ["预警等级", "规则", "依据", "案号", "承办机构", "起始日期", "说明"])
    for alert in alerts:
        rule = BY_CODE[alert.rule]
        append_row(
            sheet,
            [
                alert.severity.label,
                rule.name,
                rule.citation,
                numbers.get(alert.case_id, "") if alert.case_id else "",
                board.unit_names.get(alert.unit_id, "") if alert.unit_id else "",
                alert.since,
                alert.detail,
            ],
        )
    stats = book.create_sheet("统计")
    append_row(stats, [f"截至 {as_of:%Y-%m-%d}，统计期 {STATS_NOTE}"])
    append_row(stats, ["机构", "红色", "橙色", "黄色", "超期期限", "逾期完成", "按期办结率", "结案数", "平均办案天数"])
    for row in board.units:
        append_row(
            stats,
            [
                row.unit.name,
                *row.by_severity.values(),
                row.overdue,
                row.met_late,
                round(row.on_time_rate, 4) if row.on_time_rate is not None else None,
                row.closed,
                round(row.average_days, 1) if row.average_days is not None else None,
            ],
        )
    remedies = _remedy_sheets(book, remedy_figures(user, as_of))
    for ws, header in ((sheet, 1), (stats, 2), *((ws, 2) for ws in remedies)):
        for cell in ws[header]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


STATS_NOTE = "近 90 日"


def _rate(rate: float | None) -> float | None:
    return round(rate, 4) if rate is not None else None


def _remedy_sheets(book: Workbook, figures: RemedyFigures) -> list[Worksheet]:
    """The year's remedies and suggestions, as the annual rule-of-law report publishes them."""
    period = f"{figures.start:%Y-%m-%d} 至 {figures.end:%Y-%m-%d}"
    remedies = book.create_sheet("复议诉讼")
    append_row(remedies, [f"统计期 {period}；纠错率 = 被撤销、变更、确认违法或者确认无效 ÷ 审结"])
    append_row(remedies, ["项目", "分项", "收案或审结", "被纠错", "纠错率"])
    for label, count, _kind in figures.received:
        append_row(remedies, ["收案", label, count, None, None])
    for group, rows in (("作出决定的机关", figures.by_organ), ("违法行为", figures.by_violation)):
        for row in rows:
            append_row(remedies, [f"纠错率（按{group}）", row.label, row.decided, row.corrected, _rate(row.rate)])
    total = figures.correction
    append_row(remedies, ["纠错率", "合计", total.decided, total.corrected, _rate(total.rate)])
    append_row(
        remedies,
        [
            "负责人出庭应诉",
            "开庭次数 / 负责人出庭次数 / 出庭率",
            figures.hearings,
            figures.head_appearances,
            _rate(figures.head_appearance_rate),
        ],
    )
    suggestions = book.create_sheet("司法建议检察建议")
    append_row(suggestions, [f"统计期 {period}"])
    append_row(suggestions, ["种类", "收到", "已回复", "按期回复", "按期回复率", "办理中", "逾期未回复"])
    for line in [*figures.suggestions, figures.suggestions_total]:
        append_row(
            suggestions,
            [
                line.kind_label,
                line.received,
                line.answered,
                line.on_time,
                _rate(line.on_time_rate),
                line.open,
                line.overdue,
            ],
        )
    return [remedies, suggestions]
