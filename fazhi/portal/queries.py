"""The portal's reads: only its published snapshots (fazhi.disclosure.models), never live case data."""

from __future__ import annotations

from django.db.models import Q, QuerySet

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
