"""The PostgreSQL tools get the connection from the environment: the password never appears on a command line, where
any user of the machine could read it (ps), and the configured connection wins over an operator's own PG* variables."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from fazhi.backup import database


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in {
        "NAME": "fazhi",
        "USER": "fazhi_app",
        "PASSWORD": "s3cret-Pa55",
        "HOST": "db.internal",
        "PORT": "6432",
    }.items():
        monkeypatch.setitem(connection.settings_dict, key, value)
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", {"sslmode": "verify-full"})
    monkeypatch.setenv("PGDATABASE", "someone_elses")
    monkeypatch.setenv("PGPASSWORD", "stale")


@pytest.mark.usefixtures("configured")
def test_the_password_goes_only_into_pgpassword_and_never_onto_a_command_line() -> None:
    environment = database.pg_environment()
    assert environment["PGPASSWORD"] == "s3cret-Pa55"
    assert (environment["PGHOST"], environment["PGPORT"], environment["PGUSER"]) == ("db.internal", "6432", "fazhi_app")
    assert environment["PGDATABASE"] == "fazhi"  # the operator's PGDATABASE does not win
    assert environment["PGSSLMODE"] == "verify-full"
    for arguments in (
        database.pg_dump_arguments("00000003-0000001B-1", Path("/backups/x/database.pgdump")),
        database.pg_restore_arguments(Path("/backups/x/database.pgdump")),
    ):
        assert not any("s3cret" in argument for argument in arguments)
    assert "--format=custom" in database.pg_dump_arguments("1", Path("x"))
    assert {"--clean", "--if-exists", "--single-transaction", "--dbname=fazhi"} <= set(
        database.pg_restore_arguments(Path("x"))
    )


def test_without_a_configured_password_the_tools_use_the_one_libpq_gives_the_application(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Django's own connection reads PGPASSWORD (or ~/.pgpass) through libpq when DATABASE_URL names no password.
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "")
    monkeypatch.setenv("PGPASSWORD", "from-the-environment")
    assert database.pg_environment()["PGPASSWORD"] == "from-the-environment"
