"""Fifty 文号 drawn at once: each number once, and no number skipped.

On PostgreSQL the drawers are threads of this test (the sequence row's lock serialises them). SQLite's test database
lives in shared memory, where concurrent writers fail at once instead of waiting, so there the same race runs in a
child process on a database file set up as in production (WAL, IMMEDIATE transactions)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.db import connection

from fazhi.testing import run_json_child_on_sqlite_file

DRAWERS = 50


def race() -> dict[str, object]:
    """Release DRAWERS threads together, each drawing one number in a transaction of its own."""
    from django.db import transaction

    from fazhi.documents.numbering import next_number

    start = threading.Barrier(DRAWERS)
    drawn: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def draw() -> None:
        try:
            start.wait()
            with transaction.atomic():
                number = next_number("深人社监罚", 2026)
            with lock:
                drawn.append(number)
        except Exception as error:  # reported to the test
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=draw) for _ in range(DRAWERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return {"drawn": sorted(drawn), "errors": errors}


CHILD = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from fazhi.documents.tests.test_numbering import race
print(json.dumps(race()))
"""

EXPECTED = {"drawn": list(range(1, DRAWERS + 1)), "errors": []}


@pytest.mark.django_db(transaction=True)
def test_fifty_numbers_drawn_at_once_are_one_to_fifty_without_duplicates_or_gaps(tmp_path: Path) -> None:
    if connection.vendor == "sqlite":
        assert run_json_child_on_sqlite_file(CHILD, tmp_path) == EXPECTED
    else:
        assert race() == EXPECTED


@pytest.mark.django_db
def test_a_rolled_back_issue_gives_its_number_back() -> None:
    from django.db import transaction

    from fazhi.documents.numbering import next_number

    assert next_number("深人社监告", 2026) == 1

    def issue_that_fails() -> None:
        with transaction.atomic():
            assert next_number("深人社监告", 2026) == 2
            raise RuntimeError("the render failed")

    with pytest.raises(RuntimeError):
        issue_that_fails()
    assert next_number("深人社监告", 2026) == 2
    assert next_number("深人社监告", 2027) == 1
