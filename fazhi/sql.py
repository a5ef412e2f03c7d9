"""Statements for the hot paths of the actions (a step of a case, a journal entry), written once per connection and
run on its cursor.

The ORM composes a statement anew each time it runs one, and for the small statements of a step that takes about
ten times as long as the database takes to run them (profile in bench/bench_cases.py's history). What is here builds
the same SQL from the models' metadata (tables, columns, the fields' own value preparation and converters), caches it
per connection, and does exactly what the ORM call it replaces did: so a column added to a model is read and written
without a change here. Everything else keeps using the ORM.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model
from django.db.models.expressions import Col

M = TypeVar("M", bound=Model)

_plans: weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[Hashable, Any]] = weakref.WeakKeyDictionary()
_plans_lock = threading.Lock()


def plan(connection: BaseDatabaseWrapper, key: Hashable, build: Callable[[], Any]) -> Any:
    """The value `build()` made for `key` on this connection, built on first use (connections are per thread)."""
    plans = _plans.get(connection)
    if plans is None:
        with _plans_lock:
            plans = _plans.setdefault(connection, {})
    try:
        return plans[key]
    except KeyError:
        plans[key] = made = build()
        return made


def connection_for(using: str = "default") -> BaseDatabaseWrapper:
    return connections[using]


def field(model: type[Model], name: str) -> Field[Any, Any]:
    """The concrete field `name` of `model` (a relation by its name: "case" is the column case_id)."""
    found = model._meta.get_field(name)
    assert isinstance(found, Field), f"{model.__name__}.{name} is not a concrete field"
    return found


class _Names(dict[str, str]):
    def __init__(self, connection: BaseDatabaseWrapper, model: type[Model]) -> None:
        super().__init__(table=connection.ops.quote_name(model._meta.db_table))
        self.connection, self.model = connection, model

    def __missing__(self, name: str) -> str:
        return str(self.connection.ops.quote_name(field(self.model, name).column))


def statement(model: type[Model], template: str, using: str = "default") -> tuple[BaseDatabaseWrapper, str]:
    """The connection, and `template` with `{table}` replaced by `model`'s quoted table and each `{name}` by the
    quoted column of its field `name` (values stay %s parameters): built once per connection and template."""
    connection = connections[using]
    return connection, plan(connection, (model, template), lambda: template.format_map(_Names(connection, model)))


@dataclass(frozen=True)
class RowReader:
    """Turns a run of columns of a row into a model instance, as the ORM does: its converters, then `from_db`."""

    model: type[Model]
    attnames: tuple[str, ...]
    converters: tuple[tuple[int, tuple[Callable[..., Any], ...], Col], ...]
    pk_index: int

    @classmethod
    def build(cls, connection: BaseDatabaseWrapper, model: type[Model], alias: str) -> RowReader:
        fields = model._meta.concrete_fields
        converters = []
        for index, field in enumerate(fields):
            col = field.get_col(alias)
            found = [*connection.ops.get_db_converters(col), *col.get_db_converters(connection)]
            if found:
                converters.append((index, tuple(found), col))
        pk = model._meta.pk
        assert pk is not None
        return cls(
            model=model,
            attnames=tuple(f.attname for f in fields),
            converters=tuple(converters),
            pk_index=list(fields).index(pk),
        )

    def columns(self, connection: BaseDatabaseWrapper, alias: str) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{alias}.{quote(f.column)}" for f in self.model._meta.concrete_fields)

    @property
    def width(self) -> int:
        return len(self.attnames)

    def read(self, connection: BaseDatabaseWrapper, values: Sequence[Any]) -> Model | None:
        """The instance, or None when its primary key is NULL (the empty side of a LEFT JOIN)."""
        if values[self.pk_index] is None:
            return None
        row = list(values)
        for index, converters, col in self.converters:
            value = row[index]
            for convert in converters:
                value = convert(value, col, connection)
            row[index] = value
        return self.model.from_db(connection.alias, self.attnames, row)


# Field classes (exactly these, not subclasses) for which Field.get_db_prep_save returns a value of this type
# unchanged: it is skipped for such values (most columns of a journal entry). Anything else goes through the field.
_AS_IS: dict[type[Field[Any, Any]], type] = {
    models.CharField: str,
    models.TextField: str,
    models.BooleanField: bool,
    **dict.fromkeys(
        (
            models.IntegerField,
            models.BigIntegerField,
            models.SmallIntegerField,
            models.PositiveIntegerField,
            models.PositiveBigIntegerField,
            models.PositiveSmallIntegerField,
            models.AutoField,
            models.BigAutoField,
            models.SmallAutoField,
        ),
        int,
    ),
}


def _as_is(field: Field[Any, Any]) -> type | None:
    """The type of value `field` passes to the database unchanged, if any (None: always prepare the value)."""
    if type(field) is models.ForeignKey:
        field = field.target_field
    return _AS_IS.get(type(field))


@dataclass(frozen=True)
class _Insert:
    sql: str
    fields: tuple[tuple[Field[Any, Any], type | None], ...]
    returning: bool


def insert(obj: Model, *, ignore_conflicts: bool = False, using: str = "default") -> bool:
    """INSERT `obj` (all its concrete columns; the primary key too unless it is an unset auto field) and mark it
    saved, as `obj.save(force_insert=True)` or `bulk_create([obj], ignore_conflicts=...)` would, without signals.
    With `ignore_conflicts`, a row that breaks a unique constraint is not written and False is returned."""
    connection = connections[using]
    model = type(obj)
    meta = model._meta
    auto = meta.pk is not None and meta.pk.primary_key and getattr(meta.pk, "db_returning", False) and obj.pk is None

    def build() -> _Insert:
        fields = tuple(f for f in meta.concrete_fields if not (auto and f is meta.pk))
        quote = connection.ops.quote_name
        returning = auto and bool(connection.features.can_return_columns_from_insert)
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(fields))})"
        )
        if ignore_conflicts:
            # Unique constraints only (SQLite 3.24+, PostgreSQL): not Django's INSERT OR IGNORE, which on SQLite
            # would also drop a row that breaks a NOT NULL or CHECK constraint.
            sql += " ON CONFLICT DO NOTHING"
        if returning:
            assert meta.pk is not None
            sql += f" RETURNING {quote(meta.pk.column)}"
        return _Insert(sql, tuple((f, _as_is(f)) for f in fields), returning)

    statement: _Insert = plan(connection, ("insert", model, auto, ignore_conflicts), build)
    params = []
    for field, as_is in statement.fields:
        value = getattr(obj, field.attname)
        if as_is is None or not (value is None or type(value) is as_is):
            value = field.get_db_prep_save(field.pre_save(obj, True), connection)
        params.append(value)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, params)
        if statement.returning:
            row = cursor.fetchone()
            if row is None:
                return False
            obj.pk = row[0]
        elif cursor.rowcount == 0:
            return False
        elif auto:  # SQLite before 3.35
            obj.pk = cursor.lastrowid
    obj._state.adding = False
    obj._state.db = connection.alias
    return True
