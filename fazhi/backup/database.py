"""The database side of a backup: a consistent copy of the configured database, what the manifest says about it (read
in the same snapshot), and putting a copy back.

SQLite: `sqlite3.Connection.backup` from Django's own connection (online: readers and writers of a WAL database go on
while it copies, and the copy is one consistent state), saved in rollback-journal mode so it is one self-contained
file; restored the same way into the configured database, so the -wal and -shm files stay right.
PostgreSQL: `pg_dump --format=custom` in a snapshot exported by a REPEATABLE READ transaction that also reads the
manifest's facts; restored by `pg_restore --clean --if-exists --single-transaction`. The connection settings go to
both tools as PG* environment variables; the password only ever as PGPASSWORD, never on a command line.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.db import DatabaseError, connection, connections, transaction
from django.db.migrations.loader import MigrationLoader

from fazhi.disclosure.models import PublishedCheckpoint
from fazhi.errors import ActionError
from fazhi.evidence.models import EvidenceFile
from fazhi.journal.models import Entry

# The PG* variables the tools read that the configured connection decides. Where the settings give a value it wins
# over an inherited variable; where they give none the inherited one stays — just as libpq treats Django's own
# connection, so the tools reach the very database the application uses.
_PG_SETTINGS = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD", "NAME": "PGDATABASE"}
_PG_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}
TOOL_TIMEOUT_SECONDS = 24 * 60 * 60


class DatabaseCopyError(ActionError):
    """The database could not be copied or put back; `message` says why, in Chinese."""


class Cursor(Protocol):
    def execute(self, sql: str, /) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Snapshot:
    """What the manifest records about the copied database, read in the same consistent state as the copy."""

    journal_head: tuple[int, str, str]  # seq, hash, algorithm; (0, "", "") when the journal is empty
    checkpoint_document: str | None  # the last published checkpoint file, exactly as published
    evidence: list[tuple[str, str, int]]  # stored name, SHA-256, size
    migrations: dict[str, list[str]]
    tool: str


def vendor() -> str:
    return str(connection.vendor)


def _table(model: Any) -> str:
    return f'"{model._meta.db_table}"'


def _column(model: Any, field: str) -> str:
    return f'"{model._meta.get_field(field).column}"'


def read_snapshot(cursor: Cursor, tool: str) -> Snapshot:
    """The manifest's facts, read through `cursor` (sqlite3 or Django's) with plain SQL valid on both."""
    try:
        cursor.execute(
            f"SELECT {_column(Entry, 'seq')}, {_column(Entry, 'hash')}, {_column(Entry, 'algorithm')} "  # noqa: S608
            f"FROM {_table(Entry)} ORDER BY {_column(Entry, 'seq')} DESC LIMIT 1"
        )
        head = cursor.fetchone()
        published, at, pk = (_column(PublishedCheckpoint, name) for name in ("document", "published_at", "id"))
        cursor.execute(f"SELECT {published} FROM {_table(PublishedCheckpoint)} ORDER BY {at} DESC, {pk} DESC LIMIT 1")  # noqa: S608
        checkpoint = cursor.fetchone()
        name, digest, size, key = (_column(EvidenceFile, f) for f in ("stored_name", "sha256", "size", "id"))
        cursor.execute(f"SELECT {name}, {digest}, {size} FROM {_table(EvidenceFile)} ORDER BY {key}")  # noqa: S608
        evidence = [(str(row[0]), str(row[1]), int(row[2])) for row in cursor.fetchall()]
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations: dict[str, list[str]] = {}
        for app, migration in cursor.fetchall():
            migrations.setdefault(str(app), []).append(str(migration))
    except (sqlite3.Error, DatabaseError) as exc:
        raise DatabaseCopyError(f"无法读取数据库（是否已运行 manage.py migrate？）：{exc}") from None
    return Snapshot(
        journal_head=(int(head[0]), str(head[1]), str(head[2])) if head else (0, "", ""),
        checkpoint_document=str(checkpoint[0]) if checkpoint else None,
        evidence=evidence,
        migrations=migrations,
        tool=tool,
    )


def copy_database(target: Path) -> Snapshot:
    """Write a consistent copy of the configured database to `target` and read the manifest's facts from the same
    state. Raises DatabaseCopyError."""
    if connection.in_atomic_block:
        raise DatabaseCopyError("不能在事务中备份数据库。")
    if vendor() == "sqlite":
        return _sqlite_copy(target)
    if vendor() == "postgresql":
        return _postgresql_copy(target)
    raise DatabaseCopyError(f"不支持备份 {vendor()} 数据库：只支持 SQLite 和 PostgreSQL。")


def _sqlite_copy(target: Path) -> Snapshot:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, readable where it lies
        return read_snapshot(copy.cursor(), f"SQLite {sqlite3.sqlite_version}")
    except sqlite3.Error as exc:
        raise DatabaseCopyError(f"SQLite 在线备份失败：{exc}") from None
    finally:
        copy.close()


def pg_environment() -> dict[str, str]:
    """The environment for pg_dump and pg_restore: the configured connection as PG* variables."""
    settings = connection.settings_dict
    environment = dict(os.environ)
    for setting, variable in _PG_SETTINGS.items():
        if settings.get(setting):
            environment[variable] = str(settings[setting])
    for option, variable in _PG_OPTIONS.items():
        if settings.get("OPTIONS", {}).get(option):
            environment[variable] = str(settings["OPTIONS"][option])
    return environment


def _run(arguments: list[str], what: str, note: str = "") -> str:
    try:
        result = subprocess.run(  # noqa: S603  (a fixed program and our own arguments, no shell)
            arguments,
            env=pg_environment(),
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise DatabaseCopyError(
            f"找不到 {arguments[0]} 程序：请安装与数据库服务器同版本或更新的 PostgreSQL 客户端"
            "（Debian：apt-get install postgresql-client）。"
        ) from None
    except OSError as exc:
        raise DatabaseCopyError(f"无法运行 {arguments[0]}：{exc.strerror or exc}") from None
    except subprocess.TimeoutExpired:
        raise DatabaseCopyError(f"{what}超时（{TOOL_TIMEOUT_SECONDS // 3600} 小时）。") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise DatabaseCopyError(f"{what}失败{note}（{arguments[0]} 退出码 {result.returncode}）：{detail}")
    return result.stdout


def _pg_tool_version(program: str) -> str:
    return _run([program, "--version"], f"读取 {program} 版本").strip()


def _postgresql_copy(target: Path) -> Snapshot:
    tool = _pg_tool_version("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        # The dump and the manifest's facts see one and the same state: pg_dump joins this transaction's snapshot.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = str(cursor.fetchone()[0])
        snapshot = read_snapshot(cursor, tool)
        _run(pg_dump_arguments(snapshot_id, target), "pg_dump 备份数据库")
    return snapshot


def has_data() -> bool:
    """Whether the configured database holds anything worth keeping: every change is journaled, so any entry."""
    if Entry._meta.db_table not in connection.introspection.table_names():
        return False
    return Entry.objects.exists()


def unknown_migrations(applied: dict[str, list[str]]) -> list[str]:
    """Migrations the backup's database had applied that this program does not know (a newer program wrote it)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(f"{app}.{name}" for app, names in applied.items() for name in names if (app, name) not in known)


def missing_migrations(applied: dict[str, list[str]]) -> int:
    """How many migrations of this program the backup's database had not applied (an older program wrote it)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return len(known - {(app, name) for app, names in applied.items() for name in names})


def put_back(source: Path) -> None:
    """Replace the configured database's content with the copy at `source`. Raises DatabaseCopyError."""
    if vendor() == "sqlite":
        _sqlite_put_back(source)
    elif vendor() == "postgresql":
        _postgresql_put_back(source)
    else:
        raise DatabaseCopyError(f"不支持恢复 {vendor()} 数据库：只支持 SQLite 和 PostgreSQL。")
    connections.close_all()  # the next query reconnects and sees the restored database


def _sqlite_put_back(source: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        # Through SQLite itself, not a file copy: the configured database's -wal and -shm files stay consistent, and
        # a connection still open elsewhere sees the restored content.
        copy.backup(connection.connection)
    except sqlite3.Error as exc:
        raise DatabaseCopyError(f"SQLite 恢复失败（数据库未被改动或已回滚）：{exc}") from None
    finally:
        copy.close()


def check_restore_tool() -> None:
    """On PostgreSQL, that pg_restore can be run (checked before a restore changes anything)."""
    if vendor() == "postgresql":
        _pg_tool_version("pg_restore")


def pg_dump_arguments(snapshot_id: str, target: Path) -> list[str]:
    """pg_dump's command line: the connection comes from pg_environment(), never from here."""
    return ["pg_dump", "--format=custom", "--no-password", f"--snapshot={snapshot_id}", f"--file={target}"]


def pg_restore_arguments(source: Path) -> list[str]:
    """pg_restore's command line: the database's name only (it must be named to restore into it, rather than print
    SQL); the rest of the connection comes from pg_environment()."""
    name = str(connection.settings_dict.get("NAME") or "")
    return [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        "--no-password",
        f"--dbname={name}",
        str(source),
    ]


def _postgresql_put_back(source: Path) -> None:
    arguments = pg_restore_arguments(source)
    connections.close_all()  # this process holds no lock the restore would wait for
    _run(arguments, "pg_restore 恢复数据库", "，已整体回滚，数据库未被改动")
