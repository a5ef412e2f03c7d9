"""Registration references and case numbers.

A reference is given at registration ("SZ-FT-JC-1-2026-000001"), a case number at filing ("SZ-FT-JC-1〔2026〕1号";
the bureau's own document-number rules arrive with the documents issue). Each counts per unit and year through a
`Counter` row incremented inside the caller's transaction (one upsert: INSERT … ON CONFLICT DO UPDATE … RETURNING,
which locks the row until the transaction ends); the unique constraints are the backstop.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F

from fazhi import sql
from fazhi.accounts.models import Unit
from fazhi.cases.models import Counter


def _next(key: str) -> int:
    connection = sql.connection_for()
    if connection.features.can_return_columns_from_insert:  # one upsert: PostgreSQL, SQLite 3.35+
        _, upsert = sql.statement(
            Counter,
            "INSERT INTO {table} ({key}, {value}) VALUES (%s, 1) "
            "ON CONFLICT ({key}) DO UPDATE SET {value} = {table}.{value} + 1 RETURNING {value}",
        )
        with connection.cursor() as cursor:
            cursor.execute(upsert, [key])
            return int(cursor.fetchone()[0])
    try:
        with transaction.atomic():
            Counter.objects.create(key=key, value=0)
    except IntegrityError:  # it exists already (or another transaction just made it)
        pass
    Counter.objects.filter(key=key).update(value=F("value") + 1)
    return Counter.objects.get(key=key).value


def next_reference(unit: Unit, on: dt.date) -> str:
    return f"{unit.code}-{on.year}-{_next(f'reference:{unit.code}:{on.year}'):06d}"


def next_case_number(unit: Unit, on: dt.date) -> str:
    return f"{unit.code}〔{on.year}〕{_next(f'case_number:{unit.code}:{on.year}')}号"
