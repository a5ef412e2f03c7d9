"""`rotate_keys`: every encrypted value re-encrypted under the current data key, or every blind index recomputed under
the current index key (ADR 0019). In batches, each its own transaction, so a run stopped half-way leaves every value
readable (under the old key or the new) and the next run goes on where it stopped; the run is journaled once, with
its counts, when it has finished (system.rotate_keys). The journal itself is never encrypted nor rewritten: its
hashes verify the same before and after a rotation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast

from fazhi.accounts.models import User
from fazhi.crypto.cipher import VERSION, decrypt, encrypt, is_encrypted
from fazhi.crypto.fields import BlindIndexField, EncryptedField
from fazhi.crypto.keys import keyring
from fazhi.journal.actions import record_entry

ACTION = "system.rotate_keys"
OBJECT_TYPE = "system.keys"
DEFAULT_BATCH = 500


@dataclass
class Rotation:
    key: str  # the data key every value is now under
    reencrypted: dict[str, int] = field(default_factory=dict)  # "cases.case.complainant_phone": values re-encrypted
    reindexed: dict[str, int] = field(default_factory=dict)  # "cases.case.complainant_phone_index": indexes changed
    index: bool = False

    @property
    def total(self) -> int:
        return sum(self.reencrypted.values()) + sum(self.reindexed.values())


def _label(model: type[models.Model], name: str) -> str:
    return f"{model._meta.label_lower}.{name}"


def encrypted_fields() -> Iterator[tuple[type[models.Model], list[EncryptedField]]]:
    """Every model with encrypted fields, and those fields (found through the app registry: no app is imported)."""
    for model in apps.get_models():
        found = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedField)]
        if found:
            yield model, found


def index_fields() -> Iterator[tuple[type[models.Model], list[BlindIndexField]]]:
    for model in apps.get_models():
        found = [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]
        if found:
            yield model, found


def encrypted_json() -> Iterator[tuple[type[models.Model], str, tuple[str, ...]]]:
    """The JSON fields holding encrypted values under some keys, as apps name them (`encrypted_json` in their
    config: (model name, field, keys)), so this app imports none of them."""
    for config in apps.get_app_configs():
        for model_name, field_name, keys in getattr(config, "encrypted_json", ()):
            yield config.get_model(model_name), field_name, tuple(keys)


def _reencrypt_json(
    model: type[models.Model], name: str, keys: tuple[str, ...], current: str, batch: int, counts: dict[str, int]
) -> None:
    prefix = f"{VERSION}:{current}:"
    table = model._meta.db_table
    last: Any = None
    for key in keys:
        counts.setdefault(_label(model, f"{name}.{key}"), 0)
    while True:
        with transaction.atomic():
            page = model._base_manager.exclude(**{name: {}}).order_by("pk").only("pk", name)
            if last is not None:
                page = page.filter(pk__gt=last)
            rows = list(page.select_for_update()[:batch])
            if not rows:
                return
            for row in rows:
                data = dict(getattr(row, name) or {})
                changed = False
                for key in keys:
                    value = data.get(key)
                    if isinstance(value, str) and is_encrypted(value) and not value.startswith(prefix):
                        context = f"{table}.{name}.{key}"
                        data[key] = encrypt(decrypt(value, context=context), context=context)
                        counts[_label(model, f"{name}.{key}")] += 1
                        changed = True
                if changed:
                    model._base_manager.filter(pk=row.pk).update(**{name: data})
            last = rows[-1].pk


def _reencrypt(
    model: type[models.Model], fields: list[EncryptedField], current: str, batch: int, counts: dict[str, int]
) -> None:
    prefix = f"{VERSION}:{current}:"
    raw = {f"_raw_{f.name}": Cast(f.name, models.TextField()) for f in fields}
    # A value not yet under the current key: not blank, and not starting with its prefix.
    stale = Q()
    for f in fields:
        stale |= ~Q(**{f"_raw_{f.name}": ""}) & ~Q(**{f"_raw_{f.name}__startswith": prefix})
    pending = model._base_manager.annotate(**raw).filter(stale).order_by("pk")
    for f in fields:
        counts.setdefault(_label(model, f.name), 0)
    while True:
        with transaction.atomic():
            rows = list(pending.select_for_update().only("pk", *(f.name for f in fields))[:batch])
            if not rows:
                return
            for row in rows:
                changes: dict[str, Any] = {}
                for f in fields:
                    stored = getattr(row, f"_raw_{f.name}") or ""
                    if stored and not stored.startswith(prefix):
                        changes[f.name] = getattr(row, f.attname)  # the clear value, read with its old key
                        counts[_label(model, f.name)] += 1
                # The update encrypts under the current key (EncryptedField.get_db_prep_save).
                model._base_manager.filter(pk=row.pk).update(**changes)


def _reindex(model: type[models.Model], fields: list[BlindIndexField], batch: int, counts: dict[str, int]) -> None:
    names = {name for f in fields for name in (f.name, f.source)}
    last: Any = None
    for f in fields:
        counts.setdefault(_label(model, f.name), 0)
    while True:
        with transaction.atomic():
            page = model._base_manager.order_by("pk").only("pk", *names)
            if last is not None:
                page = page.filter(pk__gt=last)
            rows = list(page.select_for_update()[:batch])
            if not rows:
                return
            for row in rows:
                changes = {}
                for f in fields:
                    fresh = f.index_of(str(getattr(row, f.source) or ""))
                    if fresh != getattr(row, f.attname):
                        changes[f.attname] = fresh
                        counts[_label(model, f.name)] += 1
                if changes:
                    model._base_manager.filter(pk=row.pk).update(**changes)
            last = rows[-1].pk


def rotate_keys(
    *,
    actor: User | None,
    index: bool = False,
    batch: int = DEFAULT_BATCH,
    progress: Callable[[str], None] | None = None,
) -> Rotation:
    """Re-encrypt every value not under the current data key (the first of FAZHI_DATA_KEYS); with `index`, recompute
    every blind index under FAZHI_INDEX_KEY instead. A value whose key is not configured stops the run with
    DecryptionFailed (nothing is lost: what was done stays done, the rest keeps its old key). One journal entry."""
    ring = keyring()
    result = Rotation(key=ring.current, index=index)
    if index:
        for model, found in index_fields():
            _reindex(model, found, batch, result.reindexed)
            if progress:
                progress(model._meta.label_lower)
    else:
        for model, encrypted in encrypted_fields():
            _reencrypt(model, encrypted, ring.current, batch, result.reencrypted)
            if progress:
                progress(model._meta.label_lower)
        for model, name, keys in encrypted_json():
            _reencrypt_json(model, name, keys, ring.current, batch, result.reencrypted)
    with transaction.atomic():
        record_entry(
            actor=actor,
            action=ACTION,
            object_type=OBJECT_TYPE,
            object_id="index" if index else ring.current,
            after={
                "key": ring.current,
                "index": index,
                "reencrypted": dict(sorted(result.reencrypted.items())),
                "reindexed": dict(sorted(result.reindexed.items())),
            },
        )
    return result
