"""Reads of the journal for its screens. The journal is whole-organisation data: only the audit administrator and the
supervisor read it (the views check the role), so no unit scope applies here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from fazhi.journal import reading_rules
from fazhi.journal.hashing import GENESIS_HASH, AlgorithmUnavailable, canonical_bytes, hash_factory
from fazhi.journal.models import Entry, EntryQuerySet

PAGE_SIZE = 50


def entries_for_reader(*, action: str = "", username: str = "") -> EntryQuerySet:
    """Entries newest first, filtered by action (exact, or a dotted prefix such as "accounts") and by user name."""
    entries = Entry.objects.newest_first()
    if action:
        prefix = action.rstrip(".")
        entries = entries.filter(Q(action=action) | Q(action__startswith=prefix + "."))
    if username:
        entries = entries.filter(actor_username=username)
    return entries


def entry_by_seq(seq: int) -> Entry | None:
    return Entry.objects.filter(seq=seq).first()


@dataclass(frozen=True)
class Integrity:
    """What one entry's own columns and its predecessor say (the full check is `manage.py verify_journal`)."""

    content_ok: bool  # its columns still give its hash
    link_ok: bool  # its prev_hash is its predecessor's hash
    note: str


def entry_integrity(entry: Entry) -> Integrity:
    try:
        digest = hash_factory(entry.algorithm)(
            canonical_bytes(
                seq=entry.seq,
                recorded_at=entry.recorded_at,
                algorithm=entry.algorithm,
                actor_id=entry.actor_id,
                actor_username=entry.actor_username,
                actor_role=entry.actor_role,
                actor_roles=entry.actor_roles,
                actor_unit_code=entry.actor_unit_code,
                action=entry.action,
                object_type=entry.object_type,
                object_id=entry.object_id,
                before=entry.before,
                after=entry.after,
                ip=entry.ip,
                outcome=entry.outcome,
                prev_hash=entry.prev_hash,
            )
        ).hexdigest()
    except AlgorithmUnavailable as exc:
        return Integrity(False, False, f"无法校验：{exc}")
    except (TypeError, ValueError):
        digest = ""
    if entry.seq == 1:
        expected_prev: str | None = GENESIS_HASH
    else:
        expected_prev = Entry.objects.filter(seq=entry.seq - 1).values_list("hash", flat=True).first()
    content_ok = digest == entry.hash
    link_ok = expected_prev is not None and expected_prev == entry.prev_hash
    if content_ok and link_ok:
        note = "本条记录的内容与哈希一致，并与前一条记录正确链接。"
    elif not content_ok:
        note = "本条记录的内容与哈希不符：记录可能被篡改。请运行 verify_journal 做完整校验。"
    elif expected_prev is None:
        note = "找不到前一条记录：记录可能被删除。请运行 verify_journal 做完整校验。"
    else:
        note = "本条记录与前一条记录的链接不符：记录可能被插入、删除或调换。请运行 verify_journal 做完整校验。"
    return Integrity(content_ok, link_ok, note)


def payload_for_reader(action: str, text: str) -> str:
    """A stored before/after as the journal's readers see it (`reading_rules`: business content and the people of a
    case hidden, who did what and when shown), as indented JSON; a column that is not JSON (tampered) is hidden whole.
    The stored text is never changed: the entry's hash and `verify_journal` read it as it is."""
    try:
        value: Any = json.loads(text)
    except ValueError:
        return reading_rules.hidden(reading_rules.CONTENT, text)
    if value is None:
        return ""
    return json.dumps(reading_rules.conceal(action, value), ensure_ascii=False, indent=2, sort_keys=True)
