"""Model fields for identifiers at rest (ADR 0019).

`EncryptedField` keeps a text value SM4-GCM encrypted in its column and gives it back as text on load, so the rest of
the code reads `case.complainant_phone` as before. It cannot be searched by value (a filter on it is refused, rather
than silently matching nothing): search through the `BlindIndexField` beside it, which the save path fills from the
value (Model.save, objects.create and bulk_create all call its `pre_save`). A QuerySet.update() of the value does not
update its index: change these values through `.save()` (or recompute with `manage.py rotate_keys --index`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import Exact, IsNull, Lookup

from fazhi.crypto import cipher

__all__ = ["BlindIndexField", "EncryptedField"]


class _EmptyOnly(Exact):  # type: ignore[type-arg]
    """`field=""` (is it blank?) is answerable on the ciphertext column; any other value is not."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise FieldError(f"加密字段 {self.lhs.target.name} 不能按明文检索：请按其盲索引检索（fazhi.crypto）。")
        return super().get_prep_lookup()


class EncryptedField(models.TextField):  # type: ignore[type-arg]
    """Text stored as `v1:<key id>:<base64(nonce|ciphertext|tag)>` (SM4-GCM); "" stays "" (nothing to hide)."""

    description = "SM4 加密的文本"

    @property
    def context(self) -> str:
        """What the ciphertext is bound to: the table and the column."""
        return f"{self.model._meta.db_table}.{self.column}"

    def from_db_value(self, value: Any, expression: Any, connection: BaseDatabaseWrapper) -> Any:
        if value is None or value == "":
            return value
        return cipher.decrypt(value, context=self.context)

    def get_db_prep_save(self, value: Any, connection: BaseDatabaseWrapper) -> Any:
        value = super().get_db_prep_save(value, connection)
        if value is None or value == "":
            return value
        return cipher.encrypt(str(value), context=self.context)

    def get_lookup(self, lookup_name: str) -> type[Lookup[Any]] | None:
        if lookup_name == "exact":
            return _EmptyOnly
        if lookup_name == "isnull":
            return IsNull
        return None


class BlindIndexField(models.CharField):  # type: ignore[type-arg]
    """HMAC-SM3 (hex) of the normalised value of the field named `source`, of `kind` (fazhi.crypto.cipher), kept by
    the save path; "" when the value is blank. Indexed: an exact search is one index lookup."""

    description = "加密字段的盲索引"

    def __init__(self, *args: Any, source: str = "", kind: str = "", **kwargs: Any) -> None:
        self.source, self.kind = source, kind
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"], kwargs["kind"] = self.source, self.kind
        for key, value in (("max_length", 64), ("blank", True), ("default", ""), ("editable", False)):
            if kwargs.get(key) == value:
                del kwargs[key]
        if kwargs.get("db_index") is True:
            del kwargs["db_index"]
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = getattr(model_instance, self.source) or ""
        index = cipher.blind_index(self.kind, str(value))
        setattr(model_instance, self.attname, index)
        return index

    def index_of(self, value: str) -> str:
        """The index a search for `value` looks up."""
        return cipher.blind_index(self.kind, value)
