"""Demo publications: every demo penalty decision whose 行政处罚决定书 is issued is published on the portal, through
the real action, by a case lead of its unit (seed_demo calls this after the demo documents)."""

from __future__ import annotations

from django.db import transaction

from fazhi.accounts.models import Role, User
from fazhi.cases.models import Case
from fazhi.disclosure.actions import publish_decision
from fazhi.disclosure.models import PublishedDecision


def publish_demo_decisions() -> int:
    published = 0
    done = set(PublishedDecision.objects.values_list("case_id", flat=True))
    with transaction.atomic():
        cases = Case.objects.filter(decision__outcome="penalty", documents__doc_type="penalty_decision").distinct()
        for case in cases.select_related("unit").order_by("pk"):
            if case.pk in done:
                continue
            lead = User.objects.filter(unit=case.unit, is_active=True, role_grants__role=Role.LEAD).first()
            if lead is None:
                continue
            publish_decision(actor=lead, case=case)
            published += 1
    return published
