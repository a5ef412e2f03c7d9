"""The portal's generation: one number, moved by every action that changes what the public portal shows, read by the
portal's cache (fazhi.portal.cache) before each page.

It is a database row, bumped inside the publishing transaction rather than a value in the cache bumped on commit: it
commits with the publication itself (no window between the commit and a callback, nothing lost if the process dies
there), and every server process and command sees it whatever cache backend is configured (with the default
local-memory cache each process has its own cache; they all read this row). Publications are rare (tens a day): the
row lock it takes costs nothing that matters.

Whoever publishes something the portal shows (a decision, a withdrawal, a checkpoint, the officers, a standard, the
major-violation and dishonest lists) calls `bump_portal_generation()` inside its transaction.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import F

from fazhi.disclosure.models import PortalGeneration

GENERATION_ID = 1


def bump_portal_generation() -> None:
    """Move the generation (inside the caller's transaction: it counts from that transaction's commit)."""
    row = PortalGeneration.objects.filter(pk=GENERATION_ID)
    if not row.update(value=F("value") + 1):  # the row is gone only where tables were emptied (tests' flush)
        PortalGeneration.objects.get_or_create(pk=GENERATION_ID)
        row.update(value=F("value") + 1)


def portal_generation() -> int:
    """The generation as committed now (0 before anything was published)."""
    with connection.cursor() as cursor:  # the portal reads it before every page: one plain statement, no ORM
        cursor.execute(_select_statement(), [GENERATION_ID])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


@cache
def _select_statement() -> str:
    table = connection.ops.quote_name(PortalGeneration._meta.db_table)
    return f"SELECT value FROM {table} WHERE id = %s"  # noqa: S608  (a constant)
