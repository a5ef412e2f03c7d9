"""The file a bureau publishes its discretionary standard in: a CSV or an Excel workbook (.xlsx), read into rows.

The columns are those of `fazhi.rules.standards.CSV_COLUMNS` and `OPTIONAL_COLUMNS` (docs/standards-format.md). A
workbook may also name them in Chinese (`COLUMN_TITLES`), carry other columns (序号, 违法行为名称 … — not read,
named in the preview), a title above the header, and several tables, one per sheet: every sheet whose header (within
its first `HEADER_ROWS` rows) names the columns is read, in the workbook's order; the others are passed over with a
note. A blank violation code repeats the one above it in the same sheet, as when the table merges the violation's
cell across its tier rows.

The workbook is untrusted input: its size, its unpacked size (a zip bomb), its sheets, rows and columns are capped;
macros (.xlsm, or a vbaProject part) and the old binary .xls are refused; a corrupt file gives a Chinese message,
never a traceback. Cells are read as values: numbers as numbers, dates as dates, a formula as the value Excel last
computed (a formula never computed is an error, not a silent blank).

The workbook's rows are stored as a CSV in the version (`StandardFile.content`), so the calculator reads every
version with `parse_standard_csv`; the file's own bytes are kept beside it (`StandardVersion.source_file`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import ERROR_CODES

from fazhi.rules.standards import (
    CSV_COLUMNS,
    OPTIONAL_COLUMNS,
    Standard,
    StandardDataError,
    parse_standard_csv,
    parse_standard_rows,
)

__all__ = [
    "COLUMN_TITLES",
    "MAX_FILE_BYTES",
    "StandardFile",
    "StandardFileError",
    "parse_standard_file",
    "read_standard_file",
]

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # all the workbook's parts together, once unzipped
MAX_SHEETS = 50
MAX_ROWS = 5000  # rows of all sheets together
MAX_COLUMNS = 50  # columns read per sheet; a header further right is not looked for
HEADER_ROWS = 10  # the header may follow a title: it is looked for in a sheet's first rows

# The Chinese titles a bureau's table may give each column (the English names are accepted too).
COLUMN_TITLES: dict[str, tuple[str, ...]] = {
    "code": ("违法行为代码", "违法行为编码", "代码"),
    "tier": ("裁量阶次", "阶次"),
    "when": ("适用条件", "条件"),
    "fine_min": ("罚款下限", "罚款最低额"),
    "fine_max": ("罚款上限", "罚款最高额"),
    "facts": ("情节描述", "适用情节", "情节"),
    "outcome": ("处理结果", "裁量结果"),
    "measures": ("处罚种类",),
}
_COLUMN_BY_TITLE = {
    _title: column for column in (*CSV_COLUMNS, *OPTIONAL_COLUMNS) for _title in (column, *COLUMN_TITLES[column])
}
SAVE_AS = "请在 Excel 中另存为“Excel 工作簿（.xlsx）”后再导入。"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls, or an encrypted workbook

_FAULT = re.compile(r"^(?P<where>.+?第\d+行)第\d+列（(?P<column>[a-z_]+)）")
Row = tuple[str, dict[str, str]]  # where the row is (「工作表“基准”第3行」), and its cells by column


class StandardFileError(ValueError):
    """The file cannot be read as a standard; `problems` says where (sheet, row, column) and what, in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class StandardFile:
    """A standard file as read: its bytes, its rows (a workbook's) or its text (a CSV's), and notes for the preview."""

    source_name: str
    kind: str  # "csv" | "xlsx"
    data: bytes
    content: str  # the standard as CSV: a CSV file's own text; a workbook's rows written out
    rows: tuple[Row, ...] = ()  # a workbook's rows, for `parse_standard_rows` (a CSV is parsed from its text)
    problems: tuple[str, ...] = ()  # faults found in reading cells (a formula with no value …), sheet/row/column named
    notes: tuple[str, ...] = ()  # what was passed over (sheets without the header, columns not read)
    columns: dict[str, dict[str, int]] = field(default_factory=dict)  # per sheet title: column → its number there
    sheet_of: dict[str, str] = field(default_factory=dict)  # a row's location → its sheet's title
    header: tuple[str, ...] = CSV_COLUMNS  # the columns of `content` and `rows`: the required, then optional ones read

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def kind_label(self) -> str:
        return "Excel 工作簿" if self.kind == "xlsx" else "CSV 文件"


def read_standard_file(data: bytes, source_name: str, *, csv_text: bool = False) -> StandardFile:
    """The file as rows, by its name (.csv or .xlsx; `csv_text`: a CSV whatever its name); StandardFileError (Chinese)
    when it cannot be read."""
    suffix = PurePath(source_name).suffix.lower()
    if len(data) > MAX_FILE_BYTES:
        size, limit = len(data) / 1024 / 1024, MAX_FILE_BYTES // 1024 // 1024
        raise StandardFileError([f"文件过大（{size:.1f} MB），上限为 {limit} MB。"])
    if not data.strip():
        raise StandardFileError(["文件是空的。"])
    if suffix == ".csv" or csv_text:
        return _read_csv(data, source_name)
    if suffix == ".xlsm":
        raise StandardFileError([f"不接受含宏的 Excel 文件（.xlsm）：{SAVE_AS}"])
    if suffix == ".xls":
        raise StandardFileError([f"不接受旧版 Excel 文件（.xls）：{SAVE_AS}"])
    if suffix == ".xlsx":
        return _read_workbook(data, source_name)
    raise StandardFileError(["只接受 CSV 文件（.csv）或 Excel 工作簿（.xlsx）。"])


def parse_standard_file(
    data: bytes, source_name: str, *, key: str, name: str, effective_from: dt.date, csv_text: bool = False
) -> tuple[StandardFile, Standard]:
    """Read and check the file: the file and the standard it holds; StandardFileError naming every fault's place.
    `csv_text`: the bytes are a CSV whatever the name says."""
    found = read_standard_file(data, source_name, csv_text=csv_text)
    try:
        if found.kind == "csv":
            standard = parse_standard_csv(
                found.content, source=source_name, key=key, name=name, effective_from=effective_from
            )
        elif not found.columns:
            raise StandardFileError(list(found.problems))
        else:
            standard = parse_standard_rows(
                found.rows,
                source=source_name,
                key=key,
                name=name,
                effective_from=effective_from,
                header=found.header,
                problems=list(found.problems),
            )
    except StandardDataError as error:
        raise StandardFileError([_in_sheet(problem, found) for problem in error.problems]) from None
    return found, standard


def _in_sheet(problem: str, found: StandardFile) -> str:
    """A fault as the sheet has it: the rows reach the parser in the CSV's column order, the sheet has its own."""
    match = _FAULT.match(problem)
    if match is None or match["where"] not in found.sheet_of:
        return problem
    number = found.columns[found.sheet_of[match["where"]]].get(match["column"])
    place = f"第{number}列" if number is not None else ""
    return f"{match['where']}{place}（{match['column']}）{problem[match.end() :]}"


def _read_csv(data: bytes, source_name: str) -> StandardFile:
    notes = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel saves "CSV" in the system's code page, GB18030 (GBK) on a Chinese Windows.
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise StandardFileError(["无法识别文件的文字编码：请以 UTF-8 编码保存 CSV 文件。"]) from None
        notes.append("文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取。")
    return StandardFile(source_name=source_name, kind="csv", data=data, content=text, notes=tuple(notes))


def _check_package(data: bytes) -> None:
    """A workbook is a zip package: refuse what is not one, what unpacks to too much, and what carries macros."""
    if data.startswith(_OLE_MAGIC):
        raise StandardFileError(
            ["该文件是旧版 Excel 格式或已加密：请取消密码保护，另存为“Excel 工作簿（.xlsx）”后再导入。"]
        )
    if not data.startswith(_ZIP_MAGIC):
        raise StandardFileError(["该文件不是有效的 Excel 工作簿（.xlsx），可能已损坏或扩展名有误。"])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise StandardFileError(["该文件不是有效的 Excel 工作簿（.xlsx），可能已损坏。"]) from None
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise StandardFileError(["该工作簿解压后过大，无法读取：请只保留裁量基准的表格后再导入。"])
    if any(PurePath(member.filename).name.lower() == "vbaproject.bin" for member in members):
        raise StandardFileError(["该工作簿含有宏，不予读取：请另存为不含宏的“Excel 工作簿（.xlsx）”后再导入。"])


def _cell_text(value: Any) -> str:
    """A cell's value as the text a CSV cell would hold: 12000.0 → "12000", 0.2 → "0.2", a date → 2026-01-01."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        number = Decimal(repr(value))
        return str(int(number)) if number == number.to_integral_value() else format(number, "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _header(cells: tuple[Any, ...]) -> dict[int, str] | None:
    """Column index → column name, when these cells name the code and the tier columns (a header row)."""
    found = {}
    for index, value in enumerate(cells):
        title = "".join(_cell_text(value).split())  # "违法行为\n代码" as well
        if title in _COLUMN_BY_TITLE:
            found[index] = _COLUMN_BY_TITLE[title]
    return found if {"code", "tier"} <= set(found.values()) else None


def _sheet_rows(book: Any) -> Iterator[tuple[str, Iterator[tuple[Any, ...]]]]:
    for sheet in book.worksheets:
        yield sheet.title, sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)


def _read_workbook(data: bytes, source_name: str) -> StandardFile:
    _check_package(data)
    try:
        # read_only streams the sheets (nothing beyond the rows asked for is built); data_only gives the values
        # Excel computed for formulas, and the second reading tells a formula never computed from an empty cell.
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            return _rows_of(values, formulas, data, source_name)
        finally:
            values.close()
            formulas.close()
    except StandardFileError:
        raise
    except Exception:  # whatever a damaged package makes openpyxl, zipfile or the XML parser raise
        raise StandardFileError(
            ["无法读取该 Excel 工作簿，文件可能已损坏：请在 Excel 中打开并重新保存后再导入。"]
        ) from None


def _rows_of(values: Any, formulas: Any, data: bytes, source_name: str) -> StandardFile:
    if len(values.worksheets) > MAX_SHEETS:
        raise StandardFileError([f"工作簿有 {len(values.worksheets)} 个工作表，上限为 {MAX_SHEETS} 个。"])
    rows: list[Row] = []
    problems: list[str] = []
    notes: list[str] = []
    columns: dict[str, dict[str, int]] = {}
    sheet_of: dict[str, str] = {}
    count = 0
    for (title, cells), (_, raw) in zip(_sheet_rows(values), _sheet_rows(formulas), strict=True):
        header: dict[int, str] | None = None
        above = ""  # the code of the row above, for a merged (blank) code cell
        for number, (row, formula_row) in enumerate(zip(cells, raw, strict=False), start=1):
            if header is None:
                header = _header(row)
                if header is not None:
                    found = _columns(title, number, row, header, problems, notes)
                    if found is None:
                        break
                    columns[title] = found
                elif number >= HEADER_ROWS:
                    break
                continue
            where = f"工作表“{title}”第{number}行"
            record: dict[str, str] = {}
            for index, column in header.items():
                value = row[index] if index < len(row) else None
                formula = formula_row[index] if index < len(formula_row) else None
                place = f"{where}第{index + 1}列（{column}）"
                if isinstance(value, str) and value in ERROR_CODES:
                    problems.append(f"{place}：公式的计算结果为错误值 {value}")
                    value = None
                elif value is None and isinstance(formula, str) and formula.startswith("="):
                    problems.append(f"{place}：公式没有计算结果，请在 Excel 中打开、重新计算并保存，或改填数值")
                record[column] = _cell_text(value)
            if not any(record.values()):
                continue
            count += 1
            if count > MAX_ROWS:
                raise StandardFileError([f"裁量阶次超过 {MAX_ROWS} 行上限：请核对工作簿是否只含裁量基准。"])
            if record["code"]:
                above = record["code"]
            elif above:
                record["code"] = above
            rows.append((where, record))
            sheet_of[where] = title
        if header is None:
            notes.append(f"工作表“{title}”没有裁量基准的表头（违法行为代码、裁量阶次……），未读取。")
    if not columns and not problems:
        problems.insert(
            0,
            "没有找到裁量基准的表格：表头应含 "
            + "、".join(f"{COLUMN_TITLES[c][0]}（{c}）" for c in CSV_COLUMNS)
            + f"，位于工作表的前 {HEADER_ROWS} 行之内。",
        )
    read = (*CSV_COLUMNS, *(c for c in OPTIONAL_COLUMNS if any(c in found for found in columns.values())))
    content = io.StringIO()
    writer = csv.writer(content, lineterminator="\n")
    writer.writerow(read)
    writer.writerows([record.get(column, "") for column in read] for _, record in rows)
    return StandardFile(
        source_name=source_name,
        kind="xlsx",
        data=data,
        content=content.getvalue(),
        rows=tuple(rows),
        problems=tuple(problems),
        notes=tuple(notes),
        columns=columns,
        sheet_of=sheet_of,
        header=read,
    )


def _columns(
    title: str, number: int, cells: tuple[Any, ...], header: dict[int, str], problems: list[str], notes: list[str]
) -> dict[str, int] | None:
    """The sheet's columns by name (numbered from 1); None, with the problem noted, when the header lacks a column or
    has one twice."""
    found: dict[str, int] = {}
    for index, column in header.items():
        if column in found:
            problems.append(f"工作表“{title}”第{number}行：“{COLUMN_TITLES[column][0]}”（{column}）列出现了两次")
            return None
        found[column] = index + 1
    missing = [column for column in CSV_COLUMNS if column not in found]
    if missing:
        names = "、".join(f"{COLUMN_TITLES[c][0]}（{c}）" for c in missing)
        problems.append(f"工作表“{title}”第{number}行：表头缺少 {names} 列")
        return None
    others = [_cell_text(value) for index, value in enumerate(cells) if index not in header and _cell_text(value)]
    if others:
        notes.append(f"工作表“{title}”中以下各列不属于裁量基准的格式，未读取：{'、'.join(others)}。")
    return found
