"""Concurrent appends never share a sequence number or fork the chain.

On PostgreSQL the writers are threads of this test, on the test database (an advisory lock serialises them). SQLite's
test database lives in shared memory, where writers fail at once instead of waiting, so there the same writers run in
a child process on a database file set up as in production (WAL, IMMEDIATE transactions).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.db import connection, transaction

from fazhi.journal.actions import record_entry
from fazhi.journal.models import Entry
from fazhi.journal.verify import verify_journal
from fazhi.testing import run_json_child_on_sqlite_file

WRITERS = 6
EACH = 5


def run_writers() -> list[BaseException]:
    """WRITERS threads, released together, each appending EACH entries in its own transactions."""
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                with transaction.atomic():
                    record_entry(actor=None, action="system.concurrent", after={"writer": writer, "i": i})
        except BaseException as exc:  # reported to the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


CHILD = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from fazhi.journal.models import Entry
from fazhi.journal.tests.test_concurrency import run_writers
from fazhi.journal.verify import verify_journal
errors = run_writers()
report = verify_journal()
print(json.dumps({
    "errors": [repr(e) for e in errors],
    "seqs": list(Entry.objects.order_by("seq").values_list("seq", flat=True)),
    "ok": report.ok,
    "count": report.count,
}))
"""


def run_writers_on_a_sqlite_file(directory: Path) -> dict[str, object]:
    outcome: dict[str, object] = run_json_child_on_sqlite_file(CHILD, directory)
    return outcome


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("allow_journal_reset")
def test_concurrent_writers_each_get_their_own_number_and_the_chain_stays_whole(tmp_path: Path) -> None:
    expected = list(range(1, WRITERS * EACH + 1))
    if connection.vendor == "sqlite":
        outcome = run_writers_on_a_sqlite_file(tmp_path)
        assert outcome == {"errors": [], "seqs": expected, "ok": True, "count": WRITERS * EACH}
    else:
        assert run_writers() == []
        assert list(Entry.objects.order_by("seq").values_list("seq", flat=True)) == expected
        report = verify_journal()
        assert report.ok, report.problem
        assert report.count == WRITERS * EACH
