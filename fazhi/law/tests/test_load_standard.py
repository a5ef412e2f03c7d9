"""Loading the bureau's standard: the legal division only, one journal entry, errors that name row and column, and
the version diff."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fazhi.accounts.models import User
from fazhi.journal.models import Entry
from fazhi.law import queries
from fazhi.law.actions import InvalidStandard, StandardRefused, load_standard
from fazhi.law.models import StandardVersion

pytestmark = pytest.mark.django_db
HEADER = "code,tier,when,fine_min,fine_max,facts\n"
GOOD = (
    HEADER + "gdjc49_no_ledger,严重,harm=serious,12000,20000,造成严重后果\ngdjc49_no_ledger,一般,,2000,8000,其他情形\n"
)


def test_a_legal_reviewer_loads_a_version_with_one_journal_entry(legal: User) -> None:
    version = load_standard(
        actor=legal, text=GOOD, source_name="a.csv", name="本局基准", effective_from=dt.date(2025, 1, 1)
    )
    entry = Entry.objects.get(action="law.standard_load")
    assert entry.outcome == "success"
    assert entry.after_data["sha256"] == version.sha256
    assert queries.standard_in_force(dt.date(2025, 2, 1)).name == "本局基准"


def test_an_inspector_may_not_load_a_standard_and_the_refusal_is_journaled(inspector: User) -> None:
    with pytest.raises(StandardRefused):
        load_standard(actor=inspector, text=GOOD, source_name="a.csv", name="x", effective_from=dt.date(2025, 1, 1))
    assert Entry.objects.get(action="law.standard_load").outcome == "refused"
    assert not StandardVersion.objects.exists()


def test_a_faulty_file_is_refused_naming_row_and_column(legal: User) -> None:
    with pytest.raises(InvalidStandard) as error:
        load_standard(
            actor=legal,
            text=HEADER + "gdjc49_no_ledger,一般,,2000,90000,其他\n",
            source_name="a.csv",
            name="x",
            effective_from=dt.date(2025, 1, 1),
        )
    assert error.value.problems == [
        "第2行第5列（fine_max）：90000 高于法定最高额 20000（广东省劳动保障监察条例 第四十九条）"
    ]
    assert not Entry.objects.filter(action="law.standard_load").exists()


def test_two_versions_cannot_start_on_the_same_day(legal: User) -> None:
    load_standard(actor=legal, text=GOOD, source_name="a.csv", name="一", effective_from=dt.date(2025, 1, 1))
    with pytest.raises(InvalidStandard, match="2025-01-01"):
        load_standard(actor=legal, text=GOOD, source_name="b.csv", name="二", effective_from=dt.date(2025, 1, 1))


def test_the_command_loads_a_file_and_reports_errors_with_row_and_column(tmp_path: Path) -> None:
    good, bad = tmp_path / "基准.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(HEADER + "gdjc49_no_ledger,中等,,2000,3000,其他\n", encoding="utf-8")
    out = StringIO()
    call_command("load_standard", str(good), "--effective-from", "2025-03-01", stdout=out)
    assert "已导入“基准”" in out.getvalue()
    with pytest.raises(CommandError, match=r"第2行第2列（tier）"):
        call_command("load_standard", str(bad), "--effective-from", "2025-04-01")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("load_standard", str(good), "--effective-from", "soon")


def test_the_diff_between_the_example_and_a_loaded_version_lists_what_changed(legal: User) -> None:
    version = load_standard(
        actor=legal, text=GOOD, source_name="a.csv", name="本局", effective_from=dt.date(2025, 1, 1)
    )
    found = queries.version_diff("example", version.key)
    assert found is not None
    changes = {(c.code, c.tier, c.change) for c in found.changes if c.code == "gdjc49_no_ledger"}
    assert changes == {
        ("gdjc49_no_ledger", "grave", "changed"),
        ("gdjc49_no_ledger", "general", "changed"),
        ("gdjc49_no_ledger", "serious", "removed"),
        ("gdjc49_no_ledger", "minor", "removed"),
    }
    assert queries.version_diff("example", "v999") is None
