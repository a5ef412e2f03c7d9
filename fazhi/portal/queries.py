"""The portal's reads: only its published snapshots (fazhi.disclosure.models), never live case data."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Count, Max, Model, Q, QuerySet

from fazhi.disclosure.models import PublishedCheckpoint, PublishedDecision, PublishedNameToken, PublishedOfficer
from fazhi.rules.textsearch import name_bigrams, normalise

MAX_QUERY_CHARS = 200
M = TypeVar("M", bound=Model)
# Whether a name query's bigram is rare enough to lead the search is judged by counting its rows up to this many.
RARE_TOKEN_ROWS = 1000
# A credit code is 18 ASCII letters and digits (GB 32100-2015): a query with anything else cannot begin one.
CODE_PREFIX = re.compile(r"[0-9A-Z]+")


def published_decisions(q: str = "") -> QuerySet[PublishedDecision]:
    """Published penalty decisions, newest first, whose employer's name contains `q` (one character suffices; letters
    and digits only, normalised alike on both sides) or whose credit code starts with it.

    The name is matched through the token rows (`PublishedNameToken`): a query of one or two characters is a token
    itself, read newest first from the token index; a longer one is led by its rarest bigram (counted up to
    RARE_TOKEN_ROWS rows), and the name's bigrams must contain the query's as a run (`name_bigrams`)."""
    rows = PublishedDecision.objects.all()
    text = normalise(q)
    if not text:
        return rows
    if len(text) > MAX_QUERY_CHARS:
        return rows.none()
    by_name = _by_name(text)
    code = text.upper()
    if not CODE_PREFIX.fullmatch(code):
        return by_name
    return rows.filter(Q(pk__in=by_name.values("pk")) | _code_prefix(code, rows.db))


def count_published_decisions(q: str = "") -> int:
    """How many `published_decisions(q)` finds. A name query of one or two characters that cannot begin a credit
    code is counted in the token index alone (one row per decision and distinct token), without reading a decision."""
    text = normalise(q)
    if 0 < len(text) <= 2 and not CODE_PREFIX.fullmatch(text.upper()):
        return PublishedNameToken.objects.filter(token=text).count()
    return published_decisions(q).count()


def _by_name(text: str) -> QuerySet[PublishedDecision]:
    if len(text) <= 2:
        lead = text
    else:
        bigrams = sorted({text[i : i + 2] for i in range(len(text) - 1)})
        lead = min(bigrams, key=_rows_up_to_cap)
    rows = PublishedDecision.objects.filter(name_tokens__token=lead)
    if len(text) > 2:
        rows = rows.filter(name_bigrams__contains=name_bigrams(text))
    return rows.order_by("-name_tokens__published_on", "-name_tokens__decision_id")


def _rows_up_to_cap(token: str) -> int:
    return PublishedNameToken.objects.filter(token=token)[:RARE_TOKEN_ROWS].count()


def _code_prefix(prefix: str, alias: str) -> Q:
    """Credit codes starting with `prefix`, in a form the credit-code index answers: PostgreSQL serves LIKE 'prefix%'
    from the pattern index Django builds beside it; SQLite's LIKE is case-insensitive and cannot use a plain index, so
    it also gets the equivalent range (binary order: every string starting with the prefix sorts between the prefix
    and the prefix with its last character moved one up)."""
    condition = Q(credit_code__startswith=prefix)
    if connections[alias].vendor == "sqlite":
        condition &= Q(credit_code__gte=prefix, credit_code__lt=prefix[:-1] + chr(ord(prefix[-1]) + 1))
    return condition


def published_decision(pk: int) -> PublishedDecision | None:
    return PublishedDecision.objects.filter(pk=pk).first()


def published_checkpoints(limit: int = 100) -> QuerySet[PublishedCheckpoint]:
    """The newest published journal checkpoints."""
    return PublishedCheckpoint.objects.all()[:limit]


def published_checkpoint(pk: int) -> PublishedCheckpoint | None:
    return PublishedCheckpoint.objects.filter(pk=pk).first()


def published_officers(q: str = "") -> QuerySet[PublishedOfficer]:
    """The published enforcement officers, by organ and unit; `q` matches a name or a certificate number."""
    rows = PublishedOfficer.objects.all()
    text = q.strip()[:MAX_QUERY_CHARS]
    if text:
        rows = rows.filter(Q(name__icontains=text) | Q(certificate_number__icontains=text))
    return rows


@dataclass(frozen=True)
class PublishedBody:
    """An enforcement body (执法主体) as published: the organ, its enforcing units and how many certified officers
    act for it — read from the published officers list, so the two pages never disagree."""

    organ: str
    units: list[tuple[str, int]]  # (unit name, officers)
    officers: int
    published_on: dt.date


def published_bodies() -> list[PublishedBody]:
    rows = (
        PublishedOfficer.objects.values("organ", "unit_name")
        .annotate(officers=Count("id"), published_on=Max("published_on"))
        .order_by("organ", "unit_name")
    )
    bodies: dict[str, PublishedBody] = {}
    for row in rows:
        organ = row["organ"] or "（未注明）"
        body = bodies.get(organ)
        if body is None:
            body = bodies[organ] = PublishedBody(organ, [], 0, row["published_on"])
        body.units.append((row["unit_name"], row["officers"]))
    return [PublishedBody(b.organ, b.units, sum(n for _, n in b.units), b.published_on) for b in bodies.values()]


def search_small_list(rows: QuerySet[M], q: str) -> QuerySet[M]:
    """`rows` of a short published list (hundreds of rows: the major violations, the dishonest list) whose employer's
    name contains `q` (2 characters suffice: the query's bigrams are a run of the name's `name_bigrams`) or whose
    credit code starts with it. A plain scan: such a list needs no token index."""
    text = normalise(q)
    if not text:
        return rows
    if len(text) > MAX_QUERY_CHARS:
        return rows.none()
    by_code = Q(credit_code__startswith=text.upper())
    if len(text) == 1:
        return rows.filter(Q(employer_name__icontains=text) | by_code)
    return rows.filter(Q(name_bigrams__contains=name_bigrams(text)) | by_code)


def list_query(**params: str) -> str:
    """A public list's filters as a URL query string (the non-empty ones, URL-encoded), for its links."""
    return urlencode({name: value for name, value in params.items() if value})
