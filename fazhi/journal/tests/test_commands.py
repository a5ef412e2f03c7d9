"""manage.py verify_journal and journal_checkpoint: Chinese messages, exit codes, and bad files without tracebacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.journal.models import Entry
from fazhi.journal.tests.conftest import Tamper

pytestmark = pytest.mark.django_db

Chain = Callable[[int], list[Entry]]


def run(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_an_intact_journal_verifies_with_a_count_in_chinese(chain: Chain) -> None:
    chain(7)
    assert "全过程记录完好：已校验 7 条记录" in run("verify_journal")


def test_without_a_checkpoint_the_auditor_is_told_what_the_walk_cannot_see(chain: Chain, tamper: Tamper) -> None:
    # Security review I5: a cut tail passes the walk alone; the output must say a checkpoint is needed to see it.
    chain(7)
    tamper("DELETE FROM journal_entry WHERE seq > 5")
    output = run("verify_journal")
    assert "已校验 5 条记录" in output
    assert "尾部记录被删除" in output
    assert "--checkpoint" in output


def test_with_a_checkpoint_no_such_warning_is_printed(chain: Chain, tmp_path: Path) -> None:
    chain(4)
    run("journal_checkpoint", "--out", str(tmp_path / "cp.json"))
    assert "尾部记录被删除" not in run("verify_journal", "--checkpoint", str(tmp_path / "cp.json"))


def test_an_empty_journal_says_so() -> None:
    assert "全过程记录为空" in run("verify_journal")


def test_a_tampered_journal_fails_with_a_nonzero_exit_naming_the_entry(chain: Chain, tamper: Tamper) -> None:
    chain(7)
    tamper("UPDATE journal_entry SET actor_username = 'x' WHERE seq = 4")
    with pytest.raises(CommandError, match="第 4 号记录被篡改") as caught:
        run("verify_journal")
    assert caught.value.returncode != 0
    assert "此前 3 条记录完好" in str(caught.value)


def test_a_checkpoint_is_written_and_verified_against(chain: Chain, tmp_path: Path) -> None:
    entries = chain(9)
    path = tmp_path / "checkpoint-1.json"
    assert "覆盖第 1 至 9 条记录" in run("journal_checkpoint", "--out", str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["tree_size"] == 9
    assert document["algorithm"] == "sha256"
    assert document["last_entry_hash"] == entries[-1].hash
    assert len(document["root_hash"]) == 64
    assert document["created_at"].endswith("+08:00")
    chain(2)
    assert "已校验 11 条记录（" in run("verify_journal", "--checkpoint", str(path))
    assert "前 9 条与检查点一致" in run("verify_journal", "--checkpoint", str(path))


def test_a_cut_tail_fails_against_the_checkpoint(chain: Chain, tamper: Tamper, tmp_path: Path) -> None:
    chain(9)
    path = tmp_path / "checkpoint.json"
    run("journal_checkpoint", "--out", str(path))
    tamper("DELETE FROM journal_entry WHERE seq >= 8")
    run("verify_journal")  # the chain alone is fine
    with pytest.raises(CommandError, match="尾部被截断"):
        run("verify_journal", "--checkpoint", str(path))


def test_the_checkpoint_command_refuses_to_overwrite_without_force(chain: Chain, tmp_path: Path) -> None:
    chain(2)
    path = tmp_path / "checkpoint.json"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(CommandError, match="已存在"):
        run("journal_checkpoint", "--out", str(path))
    assert path.read_text(encoding="utf-8") == "keep me"
    run("journal_checkpoint", "--out", str(path), "--force")
    assert json.loads(path.read_text(encoding="utf-8"))["tree_size"] == 2


@pytest.mark.parametrize(
    ("make_out", "message"),
    [
        (lambda tmp: tmp, "是目录"),
        (lambda tmp: tmp / "no" / "such" / "dir" / "c.json", "不存在"),
    ],
)
def test_the_checkpoint_command_refuses_bad_output_paths(
    chain: Chain, tmp_path: Path, make_out: Callable[[Path], Path], message: str
) -> None:
    chain(1)
    with pytest.raises(CommandError, match=message):
        run("journal_checkpoint", "--out", str(make_out(tmp_path)))


def test_no_checkpoint_is_written_for_an_empty_or_broken_journal(chain: Chain, tamper: Tamper, tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with pytest.raises(CommandError, match="全过程记录是空的"):
        run("journal_checkpoint", "--out", str(path))
    chain(3)
    tamper("DELETE FROM journal_entry WHERE seq = 2")
    with pytest.raises(CommandError, match="不写检查点"):
        run("journal_checkpoint", "--out", str(path))
    assert not path.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "找不到检查点文件"),
        ("", "空的"),
        ("not json at all", "不是有效的 JSON"),
        ('{"tree_size": 3}', "缺少字段"),
        ('"a string"', "JSON 对象"),
    ],
)
def test_a_bad_checkpoint_file_gives_a_clear_error_not_a_traceback(
    chain: Chain, tmp_path: Path, content: str | None, message: str
) -> None:
    chain(3)
    path = tmp_path / "c.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run("verify_journal", "--checkpoint", str(path))


@pytest.mark.parametrize(("tree_size", "message"), [(0, "至少要覆盖 1 条记录"), (4, "只有 3 条")])
def test_a_checkpoint_with_a_wrong_size_is_refused(chain: Chain, tmp_path: Path, tree_size: int, message: str) -> None:
    chain(3)
    path = tmp_path / "c.json"
    run("journal_checkpoint", "--out", str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    document["tree_size"] = tree_size
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run("verify_journal", "--checkpoint", str(path))


def test_a_chunk_size_below_one_is_refused() -> None:
    with pytest.raises(CommandError, match="正整数"):
        run("verify_journal", "--chunk-size", "0")


@pytest.mark.parametrize("command", ["verify_journal", "journal_checkpoint"])
def test_both_commands_explain_themselves(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        call_command(command, "--help")
    assert caught.value.code == 0
    assert "检查点" in capsys.readouterr().out
