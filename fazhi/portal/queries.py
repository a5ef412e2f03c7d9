"""The portal's reads: only its published snapshots (fazhi.disclosure.models), never live case data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from fazhi.disclosure.models import PublishedCheckpoint, PublishedDecision, PublishedOfficer
from fazhi.rules.textsearch import name_bigrams, normalise

MAX_QUERY_CHARS = 200


def published_decisions(q: str = "") -> QuerySet[PublishedDecision]:
    """Published penalty decisions, newest first, whose employer's name contains `q` (2 characters suffice: the
    query's bigrams are a run of the name's) or whose credit code starts with it."""
    rows = PublishedDecision.objects.all()
    text = normalise(q)
    if not text:
        return rows
    if len(text) > MAX_QUERY_CHARS:
        return rows.none()
    by_code = Q(credit_code__startswith=text.upper())
    if len(text) == 1:
        return rows.filter(Q(employer_name__icontains=text) | by_code)
    return rows.filter(Q(name_bigrams__contains=name_bigrams(text)) | by_code)


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
