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

import unicodedata
from typing import TypeVar

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL

from fazhi.cases.models import Case, Employer

M = TypeVar("M", bound=Model)

# A query longer than the longest possible name cannot match; refuse to build a huge phrase for it.
MAX_QUERY_CHARS = 200

FTS_TABLE = "cases_employer_fts"
_POSTGRES_MATCH = (
    "SELECT id FROM cases_employer "
    "WHERE to_tsvector('simple'::regconfig, name_bigrams) @@ phraseto_tsquery('simple'::regconfig, %s)"
)
_SQLITE_MATCH = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608  (a constant)


def normalise(text: str) -> str:
    """The characters that count for matching: NFKC, case-folded, letters and digits only."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in folded if char.isalnum())


def name_bigrams(name: str) -> str:
    """The value of `Employer.name_bigrams` for `name`: overlapping 2-character tokens of the normalised name, joined
    by spaces; a name of one character is its own token."""
    text = normalise(name)
    if len(text) < 2:
        return text
    return " ".join(text[i : i + 2] for i in range(len(text) - 1))


def _employer_ids_matching(tokens: str, alias: str) -> RawSQL | None:
    """A sub-select of the ids of the employers whose bigrams contain the phrase `tokens`, or None when this database
    has no index for it (the caller then scans)."""
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        return RawSQL(_POSTGRES_MATCH, [tokens])  # noqa: S611  (constant SQL, the query is a parameter)
    if vendor == "sqlite":
        # Only letters, digits and spaces reach here, so the quoted phrase needs no escaping.
        return RawSQL(_SQLITE_MATCH, [f'"{tokens}"'])  # noqa: S611  (constant SQL, the query is a parameter)
    return None


def _filter(queryset: QuerySet[M], q: str, *, id_field: str, name_field: str, bigrams_field: str) -> QuerySet[M]:
    text = normalise(q)
    if not text:
        return queryset
    if len(text) > MAX_QUERY_CHARS:
        return queryset.none()
    if len(text) == 1:
        return queryset.filter(**{f"{name_field}__icontains": text})
    tokens = name_bigrams(text)
    ids = _employer_ids_matching(tokens, queryset.db)
    if ids is None:
        return queryset.filter(**{f"{bigrams_field}__contains": tokens})
    return queryset.filter(**{f"{id_field}__in": ids})


def filter_by_employer_name(queryset: QuerySet[Case], q: str) -> QuerySet[Case]:
    """The cases of `queryset` whose employer's name contains `q` (ignoring spaces, punctuation, width and case).

    An empty query (or one of punctuation only) filters nothing and returns `queryset` as it is."""
    return _filter(
        queryset, q, id_field="employer_id", name_field="employer__name", bigrams_field="employer__name_bigrams"
    )


def search_employers(q: str) -> QuerySet[Employer]:
    """The employers whose name contains `q`, by id. An empty query finds nothing."""
    if not normalise(q):
        return Employer.objects.none()
    return _filter(Employer.objects.all(), q, id_field="pk", name_field="name", bigrams_field="name_bigrams").order_by(
        "pk"
    )
