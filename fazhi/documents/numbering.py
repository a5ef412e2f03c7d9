"""文号: drawn per number prefix and year from a `DocumentSequence` row, inside the issuing transaction.

The UPDATE takes the row's lock until that transaction ends, so concurrent issues queue on it: no number is drawn
twice, and an issue that rolls back gives its number back (no gaps). The unique `Document.number` is the backstop."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from fazhi.documents.models import DocumentSequence


def next_number(pattern: str, year: int) -> int:
    """The next number for `pattern` in `year`; call inside the transaction that stores the document."""
    rows = DocumentSequence.objects.filter(pattern=pattern, year=year)
    if not rows.update(last_number=F("last_number") + 1):
        try:
            with transaction.atomic():
                DocumentSequence.objects.create(pattern=pattern, year=year, last_number=1)
            return 1
        except IntegrityError:  # another transaction created it first: its lock is ours once it commits
            rows.update(last_number=F("last_number") + 1)
    return rows.values_list("last_number", flat=True).get()
