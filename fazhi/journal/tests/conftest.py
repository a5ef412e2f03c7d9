"""Fixtures for the journal's tests: a few staff members made directly (no journal entries of their own), and helpers
that write a chain and tamper with it the way someone with database access would."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import pytest
from django.db import connection

from fazhi.accounts.models import Role, RoleGrant, Unit, UnitKind, User
from fazhi.journal.actions import record_entry
from fazhi.journal.models import Entry


def _user(username: str, unit: Unit, *roles: str) -> User:
    user = User.objects.create_user(username=username, password="not-used-here-0", unit=unit)
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    return user


@pytest.fixture
def squad(db: None) -> Unit:
    return Unit.objects.create(code="J-FT-1", name="福田区劳动监察大队第一中队", kind=UnitKind.SQUAD, path="/")


@pytest.fixture
def clerk(squad: Unit) -> User:
    """An inspector who is also a squad lead."""
    return _user("wang.xiaoming", squad, Role.LEAD, Role.INSPECTOR)


@pytest.fixture
def auditor(squad: Unit) -> User:
    return _user("audit.zhou", squad, Role.AUDITADMIN)


@pytest.fixture
def watcher(squad: Unit) -> User:
    return _user("jiancha.yang", squad, Role.SUPERVISOR)


@pytest.fixture
def chain(clerk: User) -> Callable[[int], list[Entry]]:
    """Append n entries by `clerk` with varied content; returns them in order."""

    def write(n: int) -> list[Entry]:
        return [
            record_entry(
                actor=clerk if i % 3 else None,
                action=("cases.transition", "accounts.login", "documents.issue")[i % 3],
                object_type="cases.case",
                object_id=1000 + i,
                before={"status": "立案", "fine": "1200.00", "n": i},
                after={"status": "调查", "fine": "1500.00", "note": 'quote " and \\ backslash\n', "n": i},
                ip=f"10.0.0.{i % 250}",
                role="inspector" if i % 3 else "",
            )
            for i in range(n)
        ]

    return write


@contextmanager
def _triggers_disabled() -> Iterator[None]:
    """On PostgreSQL the database refuses changes to the journal; a tamperer with the owner's rights switches that
    off first (inside the test's transaction, so it comes back when the test rolls back)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE journal_entry DISABLE TRIGGER USER")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE journal_entry ENABLE TRIGGER USER")


class Tamper(Protocol):
    def __call__(self, sql: str, params: Sequence[Any] = ..., /) -> None: ...


@pytest.fixture
def tamper(db: None) -> Tamper:
    """Run raw SQL against the journal table, bypassing the model (which refuses updates and deletes)."""

    def run(sql: str, params: Sequence[Any] = ()) -> None:
        with _triggers_disabled(), connection.cursor() as cursor:
            cursor.execute(sql, list(params))

    return run


@pytest.fixture
def allow_journal_reset() -> Iterator[None]:
    """For transactional tests on PostgreSQL: let Django's flush at the end TRUNCATE the journal (see migration 0002).

    Runs its teardown before pytest-django's flush, on the same connection."""
    yield
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('fazhi.journal_reset', 'on', false)")
