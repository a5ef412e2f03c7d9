"""Demo documents: for a few demo cases in each state, the documents that may be issued now, issued through the real
action by the case's handler (seed_demo calls this after the demo cases; the dates are today's)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from fazhi.cases.models import Case, InvestigationRecord
from fazhi.cases.workflow import State
from fazhi.documents.actions import allowed_now, issue_document
from fazhi.documents.models import Document
from fazhi.documents.types import BY_CODE as DOCUMENT_TYPES_BY_CODE
from fazhi.documents.types import DOCUMENT_TYPES, DocumentType

DEMO_GROUNDS = "经调查核实，当事人已于立案后十日内足额支付全部劳动者工资，违法行为已经改正，依法可以不予处罚。"


def _inputs(kind: DocumentType, today: dt.date) -> dict[str, str]:
    values = {spec.name: spec.default for spec in kind.inputs}
    if "attend_on" in values:
        values["attend_on"] = (today + dt.timedelta(days=3)).isoformat()
    if "place" in values:
        values["place"] = "本机关二楼询问室"
    if "grounds" in values:
        values["grounds"] = DEMO_GROUNDS
    return values


def issue_demo_documents(*, per_state: int = 1) -> int:
    """Issue the documents the first `per_state` demo cases of each state may have now; returns how many."""
    today = timezone.localdate()
    issued = 0
    with transaction.atomic():
        for state in State:
            cases = Case.objects.filter(state=state, handler__isnull=False).select_related("handler").order_by("pk")
            for case in cases[:per_state]:
                assert case.handler is not None
                for kind in DOCUMENT_TYPES:
                    if not allowed_now(kind, case):
                        continue
                    records: list[InvestigationRecord | None] = (
                        list(InvestigationRecord.objects.filter(case=case, kind=kind.record_kind))
                        if kind.record_kind
                        else [None]
                    )
                    for record in records:
                        if Document.objects.filter(case=case, doc_type=kind.code, record=record).exists():
                            continue
                        issue_document(
                            actor=case.handler,
                            case=case,
                            doc_type=kind.code,
                            inputs=_inputs(kind, today),
                            record_id=record.pk if record else None,
                        )
                        issued += 1
        # Every penalty decided and not yet served gets its decision document (the portal's demo publishes them).
        kind = DOCUMENT_TYPES_BY_CODE["penalty_decision"]
        for case in Case.objects.filter(decision_outcome="penalty", state__in=list(kind.states)).exclude(
            documents__doc_type=kind.code
        ):
            assert case.handler is not None
            issue_document(actor=case.handler, case=case, doc_type=kind.code)
            issued += 1
    return issued
