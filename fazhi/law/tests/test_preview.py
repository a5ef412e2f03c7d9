"""The preview of a standard file before it is loaded, and `load_standard FILE.xlsx [--check]`: per violation its tiers
in order of severity, conditions in words, and a worked example through the calculator (行政处罚法 第三十四条)."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fazhi.journal.models import Entry
from fazhi.law import queries
from fazhi.law.models import StandardVersion
from fazhi.law.preview import preview_standard
from fazhi.law.standard_files import StandardFileError, parse_standard_file
from fazhi.law.tests.workbooks import HEADER_ZH, LEDGER_ROWS, bureau_workbook, workbook

DAY = dt.date(2027, 1, 1)


def preview_of(data: bytes, name: str = "本局裁量基准.xlsx"):
    found, standard = parse_standard_file(data, name, key="preview", name="本局裁量基准", effective_from=DAY)
    return preview_standard(found, standard)


def test_the_preview_lists_a_violations_tiers_lightest_first_with_conditions_in_words():
    # 广东省劳动保障监察条例 第四十九条, tiers listed 严重, 较重, 轻微, 一般 in the file.
    ledger = preview_of(bureau_workbook()).violations[0]
    assert ledger.basis == "广东省劳动保障监察条例 第四十九条"
    assert ledger.statutory == "2000 元至 20000 元"
    assert [tier.label for tier in ledger.tiers] == ["轻微", "一般", "较重", "严重"]
    assert [tier.range for tier in ledger.tiers] == [
        "2000 元至 4000 元",
        "4000 元至 8000 元",
        "8000 元至 12000 元",
        "12000 元至 20000 元",
    ]
    words = "".join(tier.conditions for tier in ledger.tiers)
    assert "危害后果" in words
    assert not any(code in words for code in ("harm", "corrected_promptly", "=", "serious"))
    assert ledger.tiers[1].conditions == "其他情形"


def test_each_tiers_worked_example_meets_its_conditions_and_the_calculator_gives_the_tiers_range():
    ledger, workers = preview_of(bureau_workbook()).violations
    for tier in ledger.tiers:
        assert tier.example is not None
        assert tier.example.reaches, tier.label
        assert tier.example.tier == tier.label
    examples = {tier.label: tier.example for tier in ledger.tiers}
    assert examples["较重"].range == "8000.00 元至 12000.00 元"
    assert "造成严重危害后果" in examples["较重"].facts
    assert "已及时改正" in examples["较重"].facts  # else the 严重 tier, tried first, would hold
    assert examples["严重"].range == "12000.00 元至 20000.00 元"
    # 劳动保障监察条例 第二十三条: a fine per affected worker; the 严重 tier from ten workers up, 4000–5000 each.
    many = next(tier for tier in workers.tiers if tier.label == "严重")
    assert many.range == "按受侵害的劳动者每人 4000 元至 5000 元"
    assert many.example is not None
    assert "受侵害的劳动者 10 人" in many.example.facts
    assert many.example.range == "40000.00 元至 50000.00 元"
    assert not preview_of(bureau_workbook()).warnings


def test_a_tier_no_facts_can_reach_because_a_broader_one_is_tried_first_is_refused_naming_its_cell():
    rows = [
        ["gdjc49_no_ledger", "较重", "harm=serious", 8000, 12000, "造成严重后果"],
        ["gdjc49_no_ledger", "严重", "harm=serious; corrected_promptly=no", 12000, 20000, "严重且拒不改正"],
        ["gdjc49_no_ledger", "一般", "", 4000, 8000, "其他情形"],
    ]
    data = workbook(("台账", [["标题"], ["说明"], HEADER_ZH[1:], *rows]))
    with pytest.raises(StandardFileError) as error:
        preview_of(data)
    assert error.value.problems == [
        "工作表“台账”第5行第3列（when）：没有任何情节会适用该阶次：排在它前面的阶次已涵盖它的全部情形，或者它的条件互相矛盾"
    ]


def test_a_heavier_tier_with_a_lower_range_is_flagged():
    rows = [
        ["gdjc49_no_ledger", "严重", "harm=serious", 3000, 5000, "严重"],
        ["gdjc49_no_ledger", "一般", "", 4000, 8000, "其他情形"],
    ]
    preview = preview_of(workbook(("台账", [HEADER_ZH[1:], *rows])))
    assert any("“严重”阶次的幅度低于“一般”阶次" in warning for warning in preview.warnings)


@pytest.mark.django_db
def test_the_check_prints_the_preview_and_loads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "本局裁量基准.xlsx"
    path.write_bytes(bureau_workbook())
    out = StringIO()
    call_command("load_standard", str(path), "--effective-from", "2027-01-01", "--check", stdout=out)
    text = out.getvalue()
    assert (
        "本局裁量基准.xlsx（Excel 工作簿）校验通过：“本局裁量基准”，自 2027-01-01 起施行；2 项违法行为，6 个裁量阶次。"
        in text
    )
    assert "■ 未建立、保存用工管理台账(或实习见习台账)，或者伪造相关台账（广东省劳动保障监察条例 第四十九条）" in text
    assert text.index("【轻微】") < text.index("【一般】") < text.index("【较重】") < text.index("【严重】")
    assert "→ 依法给予行政处罚，8000.00 元至 12000.00 元，适用“较重”阶次" in text
    assert "说明：工作表“说明”没有裁量基准的表头" in text
    assert not StandardVersion.objects.exists()


@pytest.mark.django_db
def test_the_check_names_the_sheet_row_and_column_of_a_fault(tmp_path: Path) -> None:
    rows = [list(row) for row in LEDGER_ROWS]
    rows[2][4] = "两千"
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook(("台账", [HEADER_ZH, *rows])))
    with pytest.raises(CommandError, match=r"工作表“台账”第4行第5列（fine_min）：“两千”应为非负数"):
        call_command("load_standard", str(path), "--effective-from", "2027-01-01", "--check")


@pytest.mark.django_db
def test_the_command_loads_a_workbook_keeping_the_file_and_journaling_its_hash(tmp_path: Path) -> None:
    data = bureau_workbook()
    path = tmp_path / "本局裁量基准.xlsx"
    path.write_bytes(data)
    out = StringIO()
    call_command("load_standard", str(path), "--effective-from", "2027-01-01", "--name", "本局基准", stdout=out)
    version = StandardVersion.objects.get()
    assert bytes(version.source_file) == data
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.content.startswith("code,tier,when,fine_min,fine_max,facts\ngdjc49_no_ledger,严重,")
    entry = Entry.objects.get(action="law.standard_load")
    assert (entry.after_data["sha256"], entry.after_data["format"]) == (version.sha256, "xlsx")
    assert len(queries.standard_in_force(DAY).tiers_of("gdjc49_no_ledger")) == 4
    assert "已导入“本局基准”" in out.getvalue()


@pytest.mark.django_db
def test_the_command_refuses_a_file_it_cannot_read_without_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="无法读取"):
        call_command("load_standard", str(tmp_path / "none.xlsx"), "--effective-from", "2027-01-01")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x01" * 500)
    with pytest.raises(CommandError, match="不是有效的 Excel 工作簿"):
        call_command("load_standard", str(damaged), "--effective-from", "2027-01-01", "--check")


def test_a_no_penalty_row_is_previewed_lightest_with_its_example_not_penalised():
    # 行政处罚法 第三十三条第一款: 首次违法且在责令改正期限内改正 → 不予处罚, before the 轻微 fine.
    rows: list[list[object]] = [
        [
            "gdjc49_no_ledger",
            "轻微",
            "first_violation=yes; corrected_in_time=yes",
            None,
            None,
            "首违并按期改正",
            "不予处罚",
        ],
        ["gdjc49_no_ledger", "轻微", "corrected_in_time=yes", 2000, 4000, "按期改正", None],
        ["gdjc49_no_ledger", "一般", "", 4000, 8000, "其他情形", None],
    ]
    header: list[object] = [*HEADER_ZH[1:], "处理结果"]
    ledger = preview_of(workbook(("台账", [header, *rows]))).violations[0]
    first = ledger.tiers[0]
    assert (first.label, first.range) == ("轻微（不予行政处罚）", "不予处罚")
    assert first.example is not None
    assert first.example.outcome == "不予行政处罚"
    assert "首次违法" in first.example.facts
    assert "在责令改正期限内改正" in first.example.facts
    assert [tier.label for tier in ledger.tiers] == ["轻微（不予行政处罚）", "轻微", "一般"]
    assert all(tier.example is not None and tier.example.reaches for tier in ledger.tiers)
