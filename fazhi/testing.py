"""Helpers for tests across the apps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings


def run_json_child_on_sqlite_file(code: str, directory: Path) -> Any:
    """Run `code` in a child Python on a SQLite file in `directory` set up as in production (WAL, IMMEDIATE), and
    return the JSON its last line prints. SQLite's test database lives in shared memory, where concurrent writers
    fail at once instead of waiting, so races are run this way on SQLite."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "fazhi.settings", "FAZHI_VAR_DIR": str(directory), "LOG_LEVEL": "WARNING"}
    result = subprocess.run(  # noqa: S603  (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
