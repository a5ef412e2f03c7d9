"""Excel workbooks built in the tests as bureaus publish them (openpyxl), for the reader, the command and the upload."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

HEADER_ZH = ["序号", "违法行为代码", "裁量阶次", "适用条件", "罚款下限", "罚款上限", "情节描述"]
# 广东省劳动保障监察条例 第四十九条 (no ledger, 2000–20000 yuan) in four tiers, the code cell merged over its rows.
LEDGER_ROWS: list[list[Any]] = [
    [1, "gdjc49_no_ledger", "严重", "harm=serious; corrected_promptly=no", 12000.0, 20000, "造成严重后果且拒不改正"],
    [None, None, "较重", "harm=serious", 8000, 12000, "造成严重后果但已改正"],
    [None, None, "轻微", "harm=none,minor; corrected_promptly=yes", 2000, 4000, "后果轻微并及时改正"],
    [None, None, "一般", None, 4000, 8000, "其他情形"],
]
# 劳动保障监察条例 第二十三条第（一）项 (1000–5000 yuan per worker).
WORKER_ROWS: list[list[Any]] = [
    [1, "lbjc23_1_female_prohibited_work", "一般", "", 1000, 3000, "其他情形"],
    [2, "lbjc23_1_female_prohibited_work", "严重", "workers>=10", 4000, None, "涉及十人以上"],
]


def workbook(*sheets: tuple[str, Sequence[Sequence[Any]]], merge: dict[str, str] | None = None) -> bytes:
    """A workbook of (title, rows) sheets; `merge`: sheet title → a range of cells merged in it (e.g. "B3:B6")."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        if merge and title in merge:
            sheet.merge_cells(merge[title])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bureau_workbook() -> bytes:
    """Two tables on two sheets, each under a title row, the first with its code cell merged; and a notes sheet."""
    return workbook(
        ("台账", [["劳动保障行政处罚裁量基准（一）"], HEADER_ZH, *LEDGER_ROWS]),
        ("女职工保护", [["劳动保障行政处罚裁量基准（二）"], HEADER_ZH, *WORKER_ROWS]),
        ("说明", [["本基准自发布之日起施行。"]]),
        merge={"台账": "B3:B6"},
    )
