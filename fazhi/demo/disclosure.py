"""Demo publications: every demo penalty decision whose 行政处罚决定书 is issued is published on the portal, through
the real action, by a case lead of its unit (seed_demo calls this after the demo documents). When there are two or
more, the first is then revoked on reconsideration and its publication withdrawn, so the portal shows a withdrawal."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import Role, User
from fazhi.cases.models import Case
from fazhi.disclosure.actions import publish_decision, record_decision_change, withdraw_decision
from fazhi.disclosure.models import PublishedDecision


def publish_demo_decisions() -> int:
    published = 0
    first: tuple[User, PublishedDecision] | None = None
    done = set(PublishedDecision.objects.values_list("case_id", flat=True))
    with transaction.atomic():
        cases = Case.objects.filter(decision__outcome="penalty", documents__doc_type="penalty_decision").distinct()
        for case in cases.select_related("unit").order_by("pk"):
            if case.pk in done:
                continue
            lead = User.objects.filter(unit=case.unit, is_active=True, role_grants__role=Role.LEAD).first()
            if lead is None:
                continue
            publication = publish_decision(actor=lead, case=case)
            published += 1
            if first is None:
                first = (lead, publication)
        withdrawn = PublishedDecision.objects.filter(withdrawn_on__isnull=False).exists()
        if first is not None and published >= 2 and not withdrawn:
            _withdraw(*first)
    return published


def _withdraw(lead: User, publication: PublishedDecision) -> None:
    today = timezone.localdate()
    record_decision_change(
        actor=lead,
        publication=publication,
        kind="revoked",
        changed_on=today,
        instrument=f"深人社复决〔{today.year}〕1号行政复议决定书",
    )
    withdraw_decision(
        actor=lead,
        publication=publication,
        reason="该行政处罚决定经行政复议，因认定事实不清被撤销，本局将重新调查处理。",
    )
