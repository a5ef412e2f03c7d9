"""Employer-name search that works for 2-character Chinese queries (recipes.md "Searching Chinese text").

Chinese has no spaces, so neither SQLite's FTS5 trigram tokenizer nor PostgreSQL's pg_trgm can answer a query like
"华强" from an index. Each employer instead carries `name_bigrams`: its normalised name as overlapping 2-character
tokens joined by spaces ("深圳市华强电子" → "深圳 圳市 市华 华强 强电 电子"). A query of n ≥ 2 characters becomes the
phrase of its n-1 bigrams, and a name contains the query exactly when its bigrams contain that phrase:

- PostgreSQL: `to_tsvector('simple', name_bigrams) @@ phraseto_tsquery('simple', …)`, served by the GIN expression
  index `cases_employer_bigrams_gin` (migration 0002);
- SQLite: the FTS5 table `cases_employer_fts` (unicode61 tokenizer, external content, kept in step by triggers;
  migration 0002), matched as a quoted phrase;
- any other database: a LIKE on the bigram column (correct, but a scan).

A query that normalises to a single character falls back to a plain `icontains` scan on the name. Normalising (NFKC,
case folding, dropping everything but letters and digits) is applied alike to names and queries, so full-width
letters, brackets and spaces on either side do not matter.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, F, Func, Model, QuerySet, Value
from django.db.models.expressions import RawSQL

from fazhi.cases.models import Case, Employer, WorkerLine
from fazhi.crypto.cipher import ID_NUMBER, PHONE, blind_index
from fazhi.rules.identifiers import normalize_id_number, normalize_mobile
from fazhi.rules.textsearch import name_bigrams, normalise

__all__ = [
    "filter_by_employer_name",
    "filter_by_identifier",
    "identifier_problem",
    "name_bigrams",
    "normalise",
    "search_employers",
]

M = TypeVar("M", bound=Model)

# A query longer than the longest possible name cannot match; refuse to build a huge phrase for it.
MAX_QUERY_CHARS = 200

FTS_TABLE = "cases_employer_fts"
_SQLITE_MATCH = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608  (a constant)


class BigramPhraseMatch(Func):
    """PostgreSQL: `to_tsvector('simple', <bigrams>) @@ phraseto_tsquery('simple', <query bigrams>)`, the expression
    of the GIN index `cases_employer_bigrams_gin` (migration 0002), so the index answers it."""

    output_field = BooleanField()

    def as_sql(
        self, compiler: Any, connection: BaseDatabaseWrapper, *args: Any, **kwargs: Any
    ) -> tuple[str, tuple[Any, ...]]:
        column, query = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        query_sql, query_params = compiler.compile(query)
        sql = f"to_tsvector('simple'::regconfig, {column_sql}) @@ phraseto_tsquery('simple'::regconfig, {query_sql})"
        return sql, (*column_params, *query_params)


def _filter(queryset: QuerySet[M], q: str, *, prefix: str) -> QuerySet[M]:
    """Keep the rows of `queryset` whose employer (reached by `prefix`: "" or "employer__") matches `q`."""
    text = normalise(q)
    if not text:
        return queryset
    if len(text) > MAX_QUERY_CHARS:
        return queryset.none()
    if len(text) == 1:
        return queryset.filter(**{f"{prefix}name__icontains": text})
    tokens = name_bigrams(text)
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        match = BigramPhraseMatch(F("name_bigrams"), Value(tokens))
        if prefix:  # the employers first (the GIN index), then their cases
            return queryset.filter(employer__in=Employer.objects.filter(match).values("pk"))
        return queryset.filter(match)
    if vendor == "sqlite":
        # Only letters, digits and spaces reach here, so the quoted phrase needs no escaping.
        ids = RawSQL(_SQLITE_MATCH, [f'"{tokens}"'])  # noqa: S611  (constant SQL, the query is a parameter)
        return queryset.filter(**{"employer_id__in" if prefix else "pk__in": ids})
    # Elsewhere a LIKE on the bigrams: correct (the query's bigrams are consecutive tokens of the name's), but a scan.
    return queryset.filter(**{f"{prefix}name_bigrams__contains": tokens})


def filter_by_employer_name(queryset: QuerySet[Case], q: str) -> QuerySet[Case]:
    """The cases of `queryset` whose employer's name contains `q` (ignoring spaces, punctuation, width and case).

    An empty query (or one of punctuation only) filters nothing and returns `queryset` as it is."""
    return _filter(queryset, q, prefix="employer__")


def search_employers(q: str) -> QuerySet[Employer]:
    """The employers whose name contains `q`, by id. An empty query finds nothing."""
    if not normalise(q):
        return Employer.objects.none()
    return _filter(Employer.objects.all(), q, prefix="").order_by("pk")


def identifier_problem(value: str) -> str:
    """Why `value` cannot be searched as a person's identifier ("" when it can): a whole mobile number or a whole
    18-character ID number, since only exact values are found (ADR 0019)."""
    phone, id_number = normalize_mobile(value), normalize_id_number(value)
    if len(phone) == 11 and phone.isdigit():
        return ""
    if len(id_number) == 18 and id_number[:17].isdigit() and (id_number[17].isdigit() or id_number[17] == "X"):
        return ""
    return "请输入完整的 11 位手机号码或 18 位身份证号码（按完整号码精确查找）"


def filter_by_identifier(queryset: QuerySet[Case], value: str) -> QuerySet[Case]:
    """The cases of `queryset` whose complainant has this phone or ID number, or with a worker of this ID number.

    The values are encrypted at rest, so the search is by their blind indexes (HMAC-SM3, fazhi.crypto): one index
    lookup per column, never a decryption of the table. Only the exact value is found."""
    phone, id_number = blind_index(PHONE, value), blind_index(ID_NUMBER, value)
    if not phone and not id_number:
        return queryset.none()
    # Three index lookups, each finding a handful of rows, then the scope and filters over those ids only: an OR of
    # the three inside one query would have the planner scan the visible cases instead.
    # A blank value's index is "": never looked up, or every case without a phone would match.
    ids: set[int] = set()
    if phone:
        ids.update(Case.objects.filter(complainant_phone_index=phone).values_list("pk", flat=True))
    if id_number:
        ids.update(Case.objects.filter(complainant_id_number_index=id_number).values_list("pk", flat=True))
        ids.update(WorkerLine.objects.filter(id_number_index=id_number).values_list("case_id", flat=True))
    return queryset.filter(pk__in=sorted(ids))
