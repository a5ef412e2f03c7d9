"""Appending to the journal. Every action calls `record_entry` inside its own transaction."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from fazhi import sql
from fazhi.journal.hashing import (
    GENESIS_HASH,
    AlgorithmUnavailable,
    EntryFields,
    canonical_bytes,
    canonical_json,
    hash_factory,
)
from fazhi.journal.models import Entry, Outcome

if TYPE_CHECKING:
    from fazhi.accounts.models import User

# The key of the PostgreSQL advisory lock that serialises appends ("fazhijnl" as a big-endian integer).
ADVISORY_LOCK_KEY = int.from_bytes(b"fazhijnl", "big") - 2**63

_OUTCOMES = frozenset(str(choice) for choice in Outcome)


def journal_algorithm() -> str:
    """The algorithm new entries are hashed with (settings.FAZHI_JOURNAL_ALGORITHM), checked to be usable here."""
    algorithm = str(getattr(settings, "FAZHI_JOURNAL_ALGORITHM", "sha256") or "sha256").strip().lower()
    try:
        hash_factory(algorithm)
    except AlgorithmUnavailable as exc:
        raise ImproperlyConfigured(f"FAZHI_JOURNAL_ALGORITHM={algorithm!r}：{exc}") from exc
    return algorithm


def _normalised_ip(ip: str | None) -> str:
    if ip is None or ip == "":
        return ""
    try:
        return ipaddress.ip_address(ip.strip()).compressed
    except ValueError as exc:
        raise ValueError(f"不是有效的 IP 地址：{ip!r}") from exc


def _checked(name: str, value: str, max_length: int, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} 必须是字符串，而不是 {type(value).__name__}。")
    if required and not value:
        raise ValueError(f"{name} 不能为空。")
    if len(value) > max_length:
        raise ValueError(f"{name} 超过 {max_length} 个字符。")
    return value


def _lock_head() -> tuple[int, str]:
    """Serialise appenders and return the last (seq, hash).

    SQLite runs every transaction as IMMEDIATE (settings), so the write lock is already ours. On PostgreSQL a
    transaction-level advisory lock, released at commit or rollback, keeps a second appender waiting until our entry
    is visible. The primary key on `seq` is the backstop either way.
    """
    db, head_sql = sql.statement(Entry, "SELECT {seq}, {hash} FROM {table} ORDER BY {seq} DESC LIMIT 1")
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            # A statement of its own, before the read: the read's snapshot must be taken once the lock is ours.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        cursor.execute(head_sql)
        head = cursor.fetchone()
    return (int(head[0]), str(head[1])) if head is not None else (0, GENESIS_HASH)


def record_entry(
    *,
    actor: User | None,
    action: str,
    object_type: str = "",
    object_id: str | int | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    outcome: str = "success",
    ip: str | None = None,
    role: str = "",
) -> Entry:
    """Append one entry to the journal, in the caller's transaction (or a transaction of its own if there is none).

    `actor` None means an anonymous caller or the system itself. `before` and `after` are plain JSON data; floats are
    refused (amounts are strings or integers). If the caller's transaction rolls back, the entry goes with it.
    """
    algorithm = journal_algorithm()
    new_hash = hash_factory(algorithm)
    if outcome not in _OUTCOMES:
        raise ValueError(f"未知的结果 {outcome!r}：只能是 {', '.join(sorted(_OUTCOMES))}。")
    action = _checked("action", action, 100, required=True)
    object_type = _checked("object_type", object_type, 100)
    object_id_text = "" if object_id is None else _checked("object_id", str(object_id), 100)
    role = _checked("role", role, 20)
    if before is not None and not isinstance(before, Mapping):
        raise TypeError("before 必须是映射（dict）或 None。")
    if after is not None and not isinstance(after, Mapping):
        raise TypeError("after 必须是映射（dict）或 None。")
    before_text = canonical_json(before, name="before")
    after_text = canonical_json(after, name="after")
    ip_text = _normalised_ip(ip)

    if actor is not None and actor.pk is not None:
        actor_id: int | None = int(actor.pk)
        actor_username = actor.get_username()
        actor_roles = ",".join(sorted(actor.role_names))
        unit = actor.unit
        actor_unit_code = unit.code if unit is not None else ""
    else:
        actor_id, actor_username, actor_roles, actor_unit_code = None, "", "", ""

    with transaction.atomic(savepoint=False):
        last_seq, last_hash = _lock_head()
        fields: EntryFields = {
            "seq": last_seq + 1,
            "recorded_at": timezone.now(),
            "algorithm": algorithm,
            "actor_id": actor_id,
            "actor_username": actor_username,
            "actor_role": role,
            "actor_roles": actor_roles,
            "actor_unit_code": actor_unit_code,
            "action": action,
            "object_type": object_type,
            "object_id": object_id_text,
            "before": before_text,
            "after": after_text,
            "ip": ip_text,
            "outcome": outcome,
            "prev_hash": last_hash,
        }
        entry = Entry(**fields, hash=new_hash(canonical_bytes(**fields)).hexdigest())
        sql.insert(entry)  # an INSERT, as Entry.save() does (it refuses anything else), built once per connection
    return entry


def record_refusal(
    *,
    actor: User | None,
    action: str,
    reason: str,
    object_type: str = "",
    object_id: str | int | None = None,
    details: Mapping[str, Any] | None = None,
    ip: str | None = None,
) -> Entry:
    """Journal a refused attempt in a transaction of its own, so the entry stays when the caller then raises."""
    with transaction.atomic():
        return record_entry(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            outcome="refused",
            after={**(details or {}), "reason": reason},
            ip=ip,
        )
