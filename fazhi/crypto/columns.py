"""Encrypting the columns that held identifiers in clear, for the data migration that turns them into
`EncryptedField`s (and back, when the migration is reversed). Written against the table, not the model: the
migration runs with whatever keys the environment gives (or the key derived from SECRET_KEY), in batches by primary
key so a large table is never read whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from fazhi.crypto import cipher

BATCH = 1000


@dataclass(frozen=True)
class Column:
    name: str
    index: str  # its blind index column ("" for none)
    kind: str  # cipher.PHONE, cipher.ID_NUMBER, cipher.ADDRESS


def encrypt_table(connection: BaseDatabaseWrapper, table: str, columns: Sequence[Column]) -> int:
    """Encrypt every clear value of `columns` in `table` and fill their indexes; returns the values encrypted."""
    return _convert(connection, table, columns, encrypting=True)


def decrypt_table(connection: BaseDatabaseWrapper, table: str, columns: Sequence[Column]) -> int:
    """The reverse: every encrypted value back in clear, the indexes emptied."""
    return _convert(connection, table, columns, encrypting=False)


def _convert(connection: BaseDatabaseWrapper, table: str, columns: Sequence[Column], *, encrypting: bool) -> int:
    quote = connection.ops.quote_name
    done = 0
    # Read one batch, write it, read the next: the rows' ids only move forward, so a write never changes what is read.
    last: Any = None
    names = [c.name for c in columns]
    select = ", ".join(quote(n) for n in names)
    with connection.cursor() as cursor:
        while True:
            where = f"WHERE {quote('id')} > %s " if last is not None else ""
            cursor.execute(
                f"SELECT {quote('id')}, {select} FROM {quote(table)} {where}ORDER BY {quote('id')} LIMIT {BATCH}",  # noqa: S608
                [last] if last is not None else [],
            )
            batch = cursor.fetchall()
            if not batch:
                return done
            last = batch[-1][0]
            for row in batch:
                sets: list[str] = []
                params: list[Any] = []
                for column, value in zip(columns, row[1:], strict=True):
                    text = str(value or "")
                    context = f"{table}.{column.name}"
                    if encrypting and text and not cipher.is_encrypted(text):
                        sets.append(quote(column.name))
                        params.append(cipher.encrypt(text, context=context))
                        if column.index:
                            sets.append(quote(column.index))
                            params.append(cipher.blind_index(column.kind, text))
                    elif not encrypting and cipher.is_encrypted(text):
                        sets.append(quote(column.name))
                        params.append(cipher.decrypt(text, context=context))
                        if column.index:
                            sets.append(quote(column.index))
                            params.append("")
                    else:
                        continue
                    done += 1
                if sets:
                    assignments = ", ".join(f"{name} = %s" for name in sets)
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {assignments} WHERE {quote('id')} = %s",  # noqa: S608
                        [*params, row[0]],
                    )
