"""Spreadsheet cells that cannot turn into formulas (CSV/formula injection, security review M3; OWASP).

Text typed by staff or the public (an employer's name from the complaint form, the facts of a publication) reaches the
public CSVs and the staff's Excel exports. A spreadsheet program runs a cell beginning with `=`, `+`, `-` or `@` (and,
in some, a tab or carriage return) as a formula. In a CSV such a cell is written with a leading apostrophe, which
Excel and WPS show as text; in an .xlsx file written by openpyxl it is stored as a text cell, never as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """`value` as it may be written to a CSV cell: text beginning like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append `values` as a row of `sheet`, every string stored as text (openpyxl would make `=…` a formula)."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"
