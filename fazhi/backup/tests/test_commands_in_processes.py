"""The commands as an operator runs them, each in a process of its own, against a scratch database of the kind the
suite runs on: a SQLite file in the test's folder, or on PostgreSQL (CI's second leg, `.ci/run`) the database
`test_backup_rt`, created and dropped by the test. The scenario is a lost server: back up, lose the database, restore
into an empty one, then refuse to overwrite it unless told to."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
SCRATCH = "test_backup_rt"


class Scratch:
    """A database of the suite's kind that the test creates, empties and drops itself."""

    def __init__(self, tmp_path: Path) -> None:
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "scratch.sqlite3"
            self.url = f"sqlite:///{self.path}"
            return
        settings = connection.settings_dict
        self.server = {
            "host": settings["HOST"] or "127.0.0.1",
            "port": str(settings["PORT"] or 5432),
            "user": settings["USER"] or "postgres",
            "password": settings["PASSWORD"] or "",
        }
        credentials = quote(self.server["user"]) + (
            f":{quote(self.server['password'])}" if self.server["password"] else ""
        )
        self.url = f"postgres://{credentials}@{self.server['host']}:{self.server['port']}/{SCRATCH}"

    def _server(self, *statements: str) -> None:
        import psycopg

        server = self.server
        with psycopg.connect(
            dbname="postgres",
            autocommit=True,
            host=server["host"],
            port=server["port"],
            user=server["user"],
            password=server["password"],
        ) as maintenance:
            for statement in statements:
                maintenance.execute(statement.encode())  # fixed statements of this test

    def create(self) -> None:
        if self.vendor == "sqlite":
            return
        self._server(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)", f"CREATE DATABASE {SCRATCH}")

    def lose(self) -> None:
        """The server is lost: an empty database, not even migrated, takes the old one's place."""
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return
        self.create()

    def drop(self) -> None:
        if self.vendor != "sqlite":
            self._server(f"DROP DATABASE IF EXISTS {SCRATCH} WITH (FORCE)")


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Scratch]:
    database = Scratch(tmp_path)
    database.create()
    try:
        yield database
    finally:
        database.drop()


def manage(tmp_path: Path, scratch: Scratch, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="fazhi.settings",
        DATABASE_URL=scratch.url,
        FAZHI_VAR_DIR=str(tmp_path / "var"),
        FAZHI_EVIDENCE_DIR=str(tmp_path / "evidence"),
        FAZHI_NEW_PASSWORD="backup-round-trip-2026",
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_lost_database_is_restored_from_a_backup_by_the_commands_and_its_journal_verifies(
    tmp_path: Path, scratch: Scratch
) -> None:
    ok(manage(tmp_path, scratch, "migrate", "--noinput", "-v", "0"))
    ok(manage(tmp_path, scratch, "create_unit", "SZ", "深圳市人力资源和社会保障局", "--kind", "city_bureau"))
    ok(manage(tmp_path, scratch, "create_unit", "SZ-XXZX", "信息中心", "--kind", "division", "--parent", "SZ"))
    ok(
        manage(
            tmp_path,
            scratch,
            "create_user",
            "admin.li",
            "--full-name",
            "李明",
            "--unit",
            "SZ-XXZX",
            "--role",
            "sysadmin",
        )
    )
    ok(manage(tmp_path, scratch, "publish_checkpoint"))
    backups = tmp_path / "backups"
    output = ok(manage(tmp_path, scratch, "backup", "--out", str(backups)))
    (folder,) = backups.iterdir()
    assert f"已写出备份 {folder}" in output
    assert "已记入全过程记录" in output

    scratch.lose()
    output = ok(manage(tmp_path, scratch, "restore", str(folder)))  # an empty database needs no --force
    assert "与备份中最后公示的检查点一致" in output
    assert "全过程记录完好" in output

    ok(
        manage(
            tmp_path,
            scratch,
            "create_user",
            "admin.wang",
            "--full-name",
            "王芳",
            "--unit",
            "SZ-XXZX",
            "--role",
            "sysadmin",
        )
    )
    refused = manage(tmp_path, scratch, "restore", str(folder))
    assert refused.returncode == 1
    assert "当前数据库中已有数据" in refused.stderr
    assert "Traceback" not in refused.stderr

    ok(manage(tmp_path, scratch, "restore", str(folder), "--force"))
    users = ok(
        manage(
            tmp_path,
            scratch,
            "shell",
            "--no-imports",
            "-c",
            "from fazhi.accounts.models import User; print(sorted(User.objects.values_list('username', flat=True)))",
        )
    )
    assert users.strip() == "['admin.li']"
    assert "全过程记录完好" in ok(manage(tmp_path, scratch, "verify_journal"))


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (("restore", "/nonexistent/fazhi-backup"), "找不到备份目录"),
        (("restore", "manage.py"), "不是目录"),
        (("restore", "fazhi"), "没有备份清单 manifest.json"),
        (("backup", "--out", "manage.py/backups"), "无法创建备份目录"),
    ],
)
def test_bad_input_is_answered_in_chinese_without_a_traceback(
    tmp_path: Path, scratch: Scratch, args: tuple[str, ...], complaint: str
) -> None:
    result = manage(tmp_path, scratch, *args)
    assert result.returncode == 1
    assert complaint in result.stderr
    assert "Traceback" not in result.stderr
