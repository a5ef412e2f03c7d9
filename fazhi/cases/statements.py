"""The two case statements of a step (`fazhi.cases.actions.transition`), written once per connection (`fazhi.sql`):

- `locked_case`: what `Case.objects.select_for_update(of=("self",)).select_related("handler", "co_handler", "unit")
  .get(pk=...)` read, in one statement: the case's row is locked on PostgreSQL (FOR UPDATE OF the case only); on
  SQLite the IMMEDIATE transaction already holds the write lock.
- `move_case`: the compare-and-swap on (state, version) with the step's other changes, as
  `Case.objects.filter(pk=, state=, version=).update(...)` did, then the same changes made to the instance in memory
  (instead of reading the row back).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DecimalField, F, Field, ForeignKey, Model

from fazhi import sql
from fazhi.accounts.models import Unit, User
from fazhi.cases.models import Case
from fazhi.sql import RowReader

_RELATED = ("unit", "handler", "co_handler")


@dataclass(frozen=True)
class _Load:
    sql: str
    case: RowReader
    related: tuple[tuple[str, RowReader], ...]


def _build_load(connection: BaseDatabaseWrapper) -> _Load:
    quote = connection.ops.quote_name
    case = RowReader.build(connection, Case, "c")
    columns = [case.columns(connection, "c")]
    joins = []
    related = []
    for index, name in enumerate(_RELATED):
        field = sql.field(Case, name)
        model: type[Model] = Unit if name == "unit" else User
        alias = f"r{index}"
        reader = RowReader.build(connection, model, alias)
        columns.append(reader.columns(connection, alias))
        join = "LEFT OUTER JOIN" if field.null else "INNER JOIN"
        joins.append(
            f"{join} {quote(model._meta.db_table)} {alias} ON {alias}.{quote(sql.field(model, 'id').column)} = "
            f"c.{quote(field.column)}"
        )
        related.append((name, reader))
    lock = ""
    if connection.features.has_select_for_update_of:
        lock = " FOR UPDATE OF c"
    elif connection.features.has_select_for_update:
        lock = " FOR UPDATE"
    select = f"SELECT {', '.join(columns)} FROM {quote(Case._meta.db_table)} c {' '.join(joins)}"  # noqa: S608
    return _Load(f"{select} WHERE c.{quote(sql.field(Case, 'id').column)} = %s{lock}", case, tuple(related))


def locked_case(pk: int) -> Case:
    """The case with its unit and handlers, locked for this transaction; Case.DoesNotExist if there is none."""
    connection = sql.connection_for()
    load: _Load = sql.plan(connection, "cases.locked_case", lambda: _build_load(connection))
    with connection.cursor() as cursor:
        cursor.execute(load.sql, [pk])
        row = cursor.fetchone()
    if row is None:
        raise Case.DoesNotExist("Case matching query does not exist.")
    start = load.case.width
    case = load.case.read(connection, row[:start])
    assert isinstance(case, Case)
    for name, reader in load.related:
        relation = sql.field(Case, name)
        assert isinstance(relation, ForeignKey)
        relation.set_cached_value(case, reader.read(connection, row[start : start + reader.width]))
        start += reader.width
    return case


def _as_read(field: Field[Any, Any], value: Any) -> Any:
    """`value` as reading the row back would give it: the field's Python type, a decimal at the column's scale."""
    value = field.to_python(value)
    if isinstance(field, DecimalField) and value is not None:
        value = value.quantize(Decimal(1).scaleb(-(field.decimal_places or 0)))
    return value


def move_case(case: Case, target: str, changes: Mapping[str, Any], now: dt.datetime) -> bool:
    """Move `case` (as loaded in this transaction) to `target` with `changes` if its row still has the state and
    version it was loaded with; bump the version. Returns False (and changes nothing) when it has not."""
    if any(hasattr(value, "resolve_expression") for value in changes.values()):  # an expression: the ORM's way
        moved = Case.objects.filter(pk=case.pk, state=case.state, version=case.version).update(
            state=target, version=F("version") + 1, updated_at=now, **changes
        )
        if moved == 1:
            case.refresh_from_db()
        return moved == 1
    connection, update = sql.statement(
        Case,
        "UPDATE {table} SET {state} = %s, {version} = {version} + 1, {updated_at} = %s"  # noqa: S608
        + "".join(f", {{{name}}} = %s" for name in changes)
        + " WHERE {id} = %s AND {state} = %s AND {version} = %s",
    )
    fields = {name: sql.field(Case, name) for name in changes}
    params: list[Any] = [str(target), sql.field(Case, "updated_at").get_db_prep_save(now, connection)]
    for name, value in changes.items():
        field = fields[name]
        if isinstance(value, Model):  # a related instance, as the ORM's update takes it
            value = value.prepare_database_save(field)
        params.append(field.get_db_prep_save(value, connection))
    params += [case.pk, case.state, case.version]
    with connection.cursor() as cursor:
        cursor.execute(update, params)
        if cursor.rowcount != 1:
            return False
    case.state = str(target)
    case.version += 1
    case.updated_at = now
    for name, value in changes.items():
        field = fields[name]
        if field.is_relation:
            # An instance sets the relation and its id; a bare id sets the id and drops a stale cached instance.
            setattr(case, name if isinstance(value, Model) else field.attname, value)
        else:
            setattr(case, field.attname, _as_read(field, value))
    return True
