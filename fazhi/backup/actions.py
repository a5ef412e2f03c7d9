"""The journal entries of a backup and a restore: one each, written by the system (the commands run from cron or by
the operator at the server's console).

A backup's entry goes into the live journal after the copy is made, so it is not in the backup it describes; it
carries the SHA-256 of the backup's manifest, which names every file's hash, so the entry vouches for the whole
backup. A restore cannot journal into the database it replaces beforehand: its entry is written into the restored
journal once that has been verified (or failed to verify), as its newest entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from fazhi.journal.actions import record_entry
from fazhi.journal.models import Entry

BACKUP_ACTION = "system.backup"
RESTORE_ACTION = "system.restore"
OBJECT_TYPE = "system.backup"


@transaction.atomic
def record_backup(*, name: str, manifest_sha256: str, summary: Mapping[str, Any], complete: bool) -> Entry:
    """Journal a backup written to the folder `name`. `complete` False: some evidence files could not be copied."""
    return record_entry(
        actor=None,
        action=BACKUP_ACTION,
        object_type=OBJECT_TYPE,
        object_id=name,
        after={"manifest_sha256": manifest_sha256, **summary},
        outcome="success" if complete else "failure",
    )


@transaction.atomic
def record_restore(*, name: str, manifest_sha256: str, summary: Mapping[str, Any], verified: bool) -> Entry:
    """Journal a restore from the backup `name`, into the restored journal. `verified` False: the restored journal
    did not pass verification (the entry says why)."""
    return record_entry(
        actor=None,
        action=RESTORE_ACTION,
        object_type=OBJECT_TYPE,
        object_id=name,
        after={"manifest_sha256": manifest_sha256, **summary},
        outcome="success" if verified else "failure",
    )
