"""Demo major-violation lists, through the real actions (seed_demo calls this after the demo publications): in each
district a lead selects a few decided cases (those with a suggested category first), and the district's director
publishes the lists of the quarters already over — except one list of 宝安, left unpublished so that the supervision
dashboard shows its alert once the time to publish has run."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import Role, User
from fazhi.cases.models import Case
from fazhi.major_violations.actions import organ_of, publish_batch, select_case
from fazhi.major_violations.models import Batch, BatchState, Selection
from fazhi.major_violations.queries import prefill, suggestions
from fazhi.rules.major_violations import ELIGIBLE_OUTCOMES

PER_ORGAN = 4
LEFT_UNPUBLISHED = "SZ-BA"  # the demo organ whose first list is left for the supervision rule to find


def _member(unit_pk: int, role: str) -> User | None:
    return User.objects.filter(unit_id=unit_pk, is_active=True, role_grants__role=role).order_by("pk").first()


def publish_demo_major_violations() -> tuple[int, int]:
    """(cases selected, entries published); (0, 0) when the demo has selections already."""
    if Selection.objects.exists():
        return 0, 0
    selected = published = 0
    with transaction.atomic():
        cases = (
            Case.objects.filter(decided_on__isnull=False, decision_outcome__in=sorted(ELIGIBLE_OUTCOMES))
            .select_related("unit", "unit__parent", "unit__parent__parent", "employer")
            .order_by("decided_on", "pk")
        )
        by_organ: dict[int, list[tuple[Case, str]]] = {}
        for case in cases:
            found = suggestions(case)
            by_organ.setdefault(organ_of(case.unit).pk, []).append((case, found[0].category.code if found else ""))
        for rows in by_organ.values():
            rows.sort(key=lambda row: row[1] == "")  # suggested first, each group by decision date
            for case, category in rows[:PER_ORGAN]:
                lead = _member(case.unit_id, Role.LEAD)
                if lead is None:
                    continue
                facts, handling = prefill(case)
                select_case(actor=lead, case=case, category=category or "other", facts=facts, handling=handling)
                selected += 1
        today = timezone.localdate()
        kept_back = False
        for batch in Batch.objects.filter(state=BatchState.DRAFT).select_related("unit").order_by("year", "quarter"):
            if batch.period.end >= today:
                continue  # the current quarter's list stays a draft, to be published from the staff page
            if batch.unit.code == LEFT_UNPUBLISHED and not kept_back:
                kept_back = True
                continue
            director = _member(batch.unit_id, Role.DIRECTOR)
            if director is not None:
                published += publish_batch(actor=director, batch=batch)
    return selected, published
