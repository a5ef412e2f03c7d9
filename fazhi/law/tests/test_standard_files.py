"""Reading the bureau's standard from an Excel workbook: several sheets, Chinese column titles, merged code cells,
numbers as numbers, formulas' values; faults named by sheet, row and column; damaged, oversized and macro files refused
in Chinese (行政处罚法 第三十四条: the bureau's standard is applied as it published it)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from fazhi.law.standard_files import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    StandardFileError,
    parse_standard_file,
    read_standard_file,
)
from fazhi.law.tests.workbooks import HEADER_ZH, LEDGER_ROWS, WORKER_ROWS, bureau_workbook, workbook
from fazhi.rules.standards import parse_standard_csv

DAY = dt.date(2027, 1, 1)


def parse(data: bytes, name: str = "本局裁量基准.xlsx"):
    return parse_standard_file(data, name, key="t", name="本局", effective_from=DAY)


def problems(data: bytes, name: str = "本局裁量基准.xlsx") -> list[str]:
    with pytest.raises(StandardFileError) as error:
        parse(data, name)
    return error.value.problems


def test_every_sheet_with_the_header_is_read_under_its_title_row_and_the_merged_code_cell_repeats_for_its_tiers():
    found, standard = parse(bureau_workbook())
    assert [tier.label for tier in standard.tiers_of("gdjc49_no_ledger")] == ["严重", "较重", "轻微", "一般"]
    assert [tier.label for tier in standard.tiers_of("lbjc23_1_female_prohibited_work")] == ["一般", "严重"]
    assert found.rows[1][0] == "工作表“台账”第4行"
    assert "工作表“说明”没有裁量基准的表头（违法行为代码、裁量阶次……），未读取。" in found.notes
    assert "工作表“台账”中以下各列不属于裁量基准的格式，未读取：序号。" in found.notes


def test_numbers_are_read_as_numbers_and_a_blank_bound_is_the_statutes():
    _, standard = parse(bureau_workbook())
    grave = standard.tiers_of("gdjc49_no_ledger")[0]
    assert (str(grave.low), str(grave.high)) == ("12000", "20000")
    many = standard.tiers_of("lbjc23_1_female_prohibited_work")[1]
    assert (str(many.low), many.high) == ("4000", None)


def test_the_workbook_is_kept_as_csv_that_the_calculator_parses_to_the_same_standard():
    found, standard = parse(bureau_workbook())
    again = parse_standard_csv(found.content, source="x", key="t", name="本局", effective_from=DAY)
    assert again.rules == standard.rules
    assert found.content.splitlines()[0] == "code,tier,when,fine_min,fine_max,facts"


def test_the_english_column_names_and_any_column_order_are_accepted():
    header = ["facts", "fine_max", "fine_min", "when", "tier", "code"]
    rows = [[row[6], row[5], row[4], row[3], row[2], "gdjc49_no_ledger"] for row in LEDGER_ROWS]
    _, standard = parse(workbook(("Sheet1", [header, *rows])))
    assert len(standard.tiers_of("gdjc49_no_ledger")) == 4


def test_a_wrong_cell_is_named_by_its_sheet_row_and_its_column_in_that_sheet():
    # 广东省劳动保障监察条例 第四十九条: at most 20000 yuan.
    rows = [list(row) for row in LEDGER_ROWS]
    rows[0][5] = 30000
    found = problems(workbook(("台账", [["标题"], HEADER_ZH, *rows])))
    assert found == [
        "工作表“台账”第3行第6列（fine_max）：30000 高于法定最高额 20000（广东省劳动保障监察条例 第四十九条）"
    ]


def test_a_wrong_tier_in_the_second_sheet_names_that_sheet():
    rows = [list(row) for row in WORKER_ROWS]
    rows[1][2] = "特别严重"
    found = problems(workbook(("台账", [HEADER_ZH, *LEDGER_ROWS]), ("女职工", [HEADER_ZH, *rows])))
    assert len(found) == 1
    assert found[0].startswith("工作表“女职工”第3行第3列（tier）：应为 minor（轻微）")


def test_the_same_tier_twice_across_sheets_names_where_it_first_stood():
    again = [None, "gdjc49_no_ledger", "一般", "", 3000, 6000, "其他"]
    found = problems(workbook(("一", [HEADER_ZH, *LEDGER_ROWS]), ("二", [HEADER_ZH, again])))
    assert found == ["工作表“二”第2行第3列（tier）：与工作表“一”第5行重复（同一违法行为的同一阶次）"]


def test_a_formula_is_read_as_the_value_excel_computed_and_one_never_computed_is_a_fault():
    rows = [list(row) for row in LEDGER_ROWS]
    rows[3][5] = "=E5*2"  # openpyxl writes the formula without a computed value, as a script would
    found = problems(workbook(("台账", [HEADER_ZH, *rows])))
    assert found == [
        "工作表“台账”第5行第6列（fine_max）：公式没有计算结果，请在 Excel 中打开、重新计算并保存，或改填数值"
    ]


def test_an_excel_error_value_is_a_fault_naming_the_cell():
    data = workbook(("台账", [HEADER_ZH, *LEDGER_ROWS]))
    # An error cached by Excel: the cell's value is the error code itself, typed "e".
    package = io.BytesIO(data)
    with zipfile.ZipFile(package) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace('<c r="F5" t="n"><v>8000</v></c>', '<c r="F5" t="e"><f>E5/0</f><v>#DIV/0!</v></c>')
    assert "#DIV/0!" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    assert problems(out.getvalue()) == ["工作表“台账”第5行第6列（fine_max）：公式的计算结果为错误值 #DIV/0!"]


def test_a_header_without_a_column_names_what_is_missing():
    header = ["违法行为代码", "裁量阶次", "适用条件", "罚款下限", "情节描述"]
    found = problems(workbook(("台账", [header, ["gdjc49_no_ledger", "一般", "", 2000, "其他"]])))
    assert found == ["工作表“台账”第1行：表头缺少 罚款上限（fine_max） 列"]


def test_a_workbook_without_any_table_says_what_the_header_should_hold():
    found = problems(workbook(("说明", [["本局裁量基准"], ["见附件"]])))
    assert len(found) == 1
    assert found[0].startswith("没有找到裁量基准的表格：表头应含 违法行为代码（code）、裁量阶次（tier）")


def test_a_blank_code_in_the_first_row_of_a_sheet_is_not_taken_from_another_sheet():
    rows = [[None, None, "一般", "", 2000, 8000, "其他"]]
    found = problems(workbook(("台账", [HEADER_ZH, *LEDGER_ROWS]), ("二", [HEADER_ZH, *rows])))
    assert found == ["工作表“二”第2行第2列（code）：未填写违法行为代码"]


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"PK\x03\x04 not really a zip", "a.xlsx", "不是有效的 Excel 工作簿"),
        (b"code,tier\n", "a.xlsx", "不是有效的 Excel 工作簿（.xlsx），可能已损坏或扩展名有误"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.xlsx", "旧版 Excel 格式或已加密"),
        (b"anything", "a.xls", "不接受旧版 Excel 文件（.xls）"),
        (b"anything", "a.xlsm", "不接受含宏的 Excel 文件（.xlsm）"),
        (b"anything", "a.pdf", "只接受 CSV 文件（.csv）或 Excel 工作簿（.xlsx）"),
        (b"", "a.xlsx", "文件是空的"),
    ],
)
def test_a_file_that_is_not_a_workbook_gets_a_chinese_message_and_no_traceback(data, name, expected):
    with pytest.raises(StandardFileError) as error:
        read_standard_file(data, name)
    assert expected in error.value.problems[0]


def test_a_damaged_workbook_gets_a_chinese_message():
    data = bytearray(bureau_workbook())
    middle = len(data) // 2
    data[middle : middle + 200] = b"\0" * 200
    with pytest.raises(StandardFileError) as error:
        read_standard_file(bytes(data), "a.xlsx")
    assert "文件可能已损坏" in error.value.problems[0]


def test_a_workbook_with_macros_is_refused_even_named_xlsx():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bureau_workbook())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/vbaProject.bin", b"macro")
    with pytest.raises(StandardFileError, match="含有宏"):
        read_standard_file(out.getvalue(), "a.xlsx")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(StandardFileError, match="文件过大"):
        read_standard_file(b"PK\x03\x04" + b"\0" * MAX_FILE_BYTES, "a.xlsx")


def test_a_zip_bomb_is_refused_by_its_unpacked_size():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert len(out.getvalue()) < MAX_FILE_BYTES
    with pytest.raises(StandardFileError, match="解压后过大"):
        read_standard_file(out.getvalue(), "a.xlsx")


def test_more_rows_than_the_limit_are_refused():
    rows = [["gdjc49_no_ledger", "一般", "", 2000, 8000, "其他"]] * (MAX_ROWS + 1)
    with pytest.raises(StandardFileError, match=f"超过 {MAX_ROWS} 行上限"):
        read_standard_file(
            workbook(("台账", [["code", "tier", "when", "fine_min", "fine_max", "facts"], *rows])), "a.xlsx"
        )


def test_a_csv_saved_by_excel_in_gbk_is_read_and_the_preview_says_so():
    text = "code,tier,when,fine_min,fine_max,facts\ngdjc49_no_ledger,一般,,2000,8000,其他情形\n"
    found, standard = parse(text.encode("gb18030"), "本局.csv")
    assert standard.tiers_of("gdjc49_no_ledger")[0].facts == "其他情形"
    assert found.notes == ("文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取。",)


PUBLISHED_SHAPE = Path(__file__).resolve().parents[2] / "rules" / "tests" / "data" / "published_shape_standard.csv"
TITLES = {
    "code": "违法行为代码",
    "tier": "裁量阶次",
    "when": "适用条件",
    "fine_min": "罚款下限",
    "fine_max": "罚款上限",
    "facts": "情节描述",
    "outcome": "处理结果",
    "measures": "处罚种类",
}


def test_a_table_shaped_like_the_published_ones_reads_the_same_from_a_workbook_with_chinese_titles():
    # Tiers by workers, amount, duration and correction in time; 不予处罚 and 减轻 rows; measures (行政处罚法
    # 第三十二条、第三十三条、第三十四条): the workbook, its columns in Chinese and in another order, gives the CSV's.
    text = PUBLISHED_SHAPE.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    order = [7, 6, 0, 1, 2, 3, 4, 5]
    sheet: list[list[object]] = [["序号", *(TITLES[rows[0][i]] for i in order)]]
    sheet += [[number, *(_typed(row[i]) for i in order)] for number, row in enumerate(rows[1:], start=1)]
    found, standard = parse(workbook(("基准", [["某局裁量基准（测试用）"], *sheet])))
    expected = parse_standard_csv(text, source="csv", key="t", name="本局", effective_from=DAY)
    assert standard.rules == expected.rules
    assert any(rule.outcome == "no_penalty" for rules in standard.rules.values() for rule in rules)
    assert found.header == ("code", "tier", "when", "fine_min", "fine_max", "facts", "outcome", "measures")


def _typed(cell: str) -> object:
    """The cell as Excel would hold it: amounts as numbers."""
    try:
        return int(cell)
    except ValueError:
        return cell or None


def test_a_wrong_outcome_is_named_by_its_column_in_the_sheet():
    header = ["处理结果", "违法行为代码", "裁量阶次", "适用条件", "罚款下限", "罚款上限", "情节描述"]
    rows = [["免罚", "gdjc49_no_ledger", "一般", "", 2000, 8000, "其他情形"]]
    assert problems(workbook(("基准", [header, *rows]))) == [
        "工作表“基准”第2行第1列（outcome）：应为空（给予处罚）或 不予处罚、可以不予处罚、减轻处罚 之一"
    ]
