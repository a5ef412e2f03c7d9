"""Rendering a document from its editable templates: the HTML (templates/documents/<type>.html) to PDF bytes with
WeasyPrint, the Word file (templates/documents/<type>.docx) with docxtpl. Both see the same context
(docs/documents.md lists it); a deployment's FAZHI_DOCUMENT_TEMPLATE_DIR is searched first.

The context says what the case holds in the words a document needs (the deciding organ, the facts found, the evidence
by name, each measure, statute names in 《》), so that the HTML and the Word template only place it."""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from fazhi.cases.models import Case, CrimeTransfer, Decision, InvestigationRecord
from fazhi.cases.outcomes import OUTCOMES, SERVICE_METHODS
from fazhi.cases.procedure.follow_up import unpaid_at
from fazhi.documents import facts, wording
from fazhi.documents.fonts import font_face_css
from fazhi.documents.models import Document
from fazhi.documents.organ import Organ, deciding_organ
from fazhi.documents.types import BY_CODE, PARTY, DocumentType
from fazhi.rules import money, violations
from fazhi.rules import periods as period_rules
from fazhi.rules.redaction import redact

DIGITS = wording.DIGITS
chinese_number = wording.chinese_number
chinese_date = wording.chinese_date


def yuan(amount: Decimal | None) -> str:
    return wording.yuan(amount)


def _paragraphs(text: str) -> list[str]:
    """Typed text as paragraphs (one per non-empty line): a 笔录's questions and answers each start a line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


CST = dt.timezone(dt.timedelta(hours=8))


def _cn(day: dt.date | None) -> str:
    return chinese_date(day) if day else ""


@dataclass(frozen=True)
class Subject:
    """What one document of a type is about, beyond the case: an investigation record (a 笔录), a decision (a decision
    document), or the document a 送达回证 records the service of."""

    record: InvestigationRecord | None = None
    decision: Decision | None = None
    served: Document | None = None


def for_the_employer(case: Case, workers: set[str]) -> Case:
    """A copy of `case` whose free text keeps the complainant's identity from the employer (劳动保障监察条例 第九条;
    广东条例 第三十五条): the complainant's name (unless they are a worker the document lists anyway), ID numbers,
    phone numbers, bank accounts and home addresses the complaint's facts may carry. `workers`: the names of the
    case's workers. Never saved."""
    shown = copy.copy(case)
    for name in ("summary", "proposal", "findings"):
        setattr(shown, name, _keeper(case, workers)(getattr(case, name)))
    return shown


def _keeper(case: Case, workers: set[str]) -> Any:
    employer = case.employer
    names = [case.complainant_name] if case.complainant_name and case.complainant_name not in workers else []
    keep = [employer.name, employer.credit_code or "", employer.legal_representative, employer.address, *workers]
    return lambda text: redact(text, names=names, keep=keep)


def _measures(case: Case, decision: Decision | None) -> list[dict[str, Any]]:
    """The measures decided (or, before the decision, proposed); a fine alone where only its amount was recorded."""
    if decision is not None:
        measures, fine = list(decision.measures or []), decision.fine_amount
    else:
        measures, fine = list(case.proposed_measures or []), case.notified_fine or case.proposed_fine
    if not measures and fine is not None:
        measures.append({"kind": "fine", "amount": str(fine), "detail": ""})
    return measures


def _correction(measures: list[dict[str, Any]], comply_by: dt.date | None) -> str:
    """The order to correct that goes with every penalty (行政处罚法 第二十八条第一款), addressed to the party, by the
    decision's deadline (else at once), with what the decider wrote beyond 改正上述违法行为."""
    detail = wording.correction_detail(measures).rstrip("。；;")
    by = f"于{chinese_date(comply_by)}前" if comply_by else ""
    if detail.startswith("责令"):  # the decider wrote the whole order
        rest = detail.removeprefix("责令").removeprefix("你单位").removeprefix("当事人")
        return f"责令你单位{rest}" + (f"，并于{chinese_date(comply_by)}前改正完毕" if comply_by else "")
    order = f"责令你单位{by or '立即'}改正上述违法行为"
    return f"{order}：{detail}" if detail else order


def _compensation(case: Case, order: Decision | None) -> tuple[list[dict[str, str]], str]:
    """Per worker: the wages unpaid when the order to pay ran out (the amount due, 劳动合同法 第八十五条) and the
    additional compensation, as ordered (the lines carry it) or as proposed at the case's rate; and the total."""
    rows, total = [], Decimal("0")
    rate = case.compensation_rate
    for line in case.worker_lines.order_by("pk"):
        due = unpaid_at(line, order.comply_by) if order is not None and order.comply_by else line.unpaid
        ordered = line.additional_compensation
        amount = ordered if ordered else (money.additional_compensation(due, rate) if rate and due else None)
        if not due and not ordered:
            continue
        total += amount or Decimal("0")
        rows.append({"name": line.name, "unpaid": yuan(due), "compensation": yuan(amount)})
    return rows, yuan(total)


def _latest(case: Case, doc_type: str) -> Document | None:
    return Document.objects.filter(case=case, doc_type=doc_type).defer("pdf", "docx").order_by("-issued_at").first()


def _deadline(case: Case, decision: Decision | None) -> dt.date | None:
    """The deadline the decision set (before a decision, the case's)."""
    return decision.comply_by if decision is not None else case.comply_by


def _sentence(text: object) -> str:
    text = str(text or "").strip()
    return text if not text or text[-1] in "。！；" else text + "。"


NOTICE_TYPES = ("penalty_notice", "handling_notice", "compensation_notice")


def _about(
    kind: DocumentType,
    case: Case,
    decision: Decision | None,
    outcome: str,
    measures: list[dict[str, Any]],
    inputs: Mapping[str, str],
) -> dict[str, Any]:
    """The rest of what the documents say: the bases by jurisdiction, the earlier decision an order builds on, the
    notice a waiver answers, the days of suspension and revocation, the recorded approval of a form."""
    guangdong = str(settings.FAZHI_JURISDICTION).startswith("CN-GD")
    handling = Decision.objects.filter(case=case, outcome="handling_decision").order_by("-sequence").first()
    notices = Document.objects.filter(case=case, doc_type__in=NOTICE_TYPES).defer("pdf", "docx")
    notice = notices.order_by("-issued_at").first()
    rate = _rate(case)
    try:
        days = period_rules.period_rule("defence_statement", str(settings.FAZHI_JURISDICTION)).days
    except period_rules.UnknownPeriod:
        days = 5
    return {
        "outcome": outcome,
        "pay_workers": [] if outcome != "handling_decision" else _wage_rows(case),
        "guangdong": guangdong,
        "pay_basis": wording.pay_basis(
            violations.violation(case.violation_code).basis if _known(case.violation_code) else "",
            guangdong=guangdong,
        ),
        "rectification_basis": wording.rectification_basis(
            violations.violation(case.violation_code).basis if _known(case.violation_code) else ""
        ),
        "compensation_basis": wording.compensation_basis(guangdong=guangdong),
        "hearing_basis": wording.hearing_basis(guangdong=guangdong),
        "extension_basis": wording.extension_basis(guangdong=guangdong),
        "refusal_basis": wording.refusal_basis(guangdong=guangdong),
        "defence_days_cn": chinese_number(days),
        "hearing_offered": _hearing(outcome, measures),
        "handling_decided_on_cn": _cn(handling.decided_on) if handling else "",
        "handling_comply_by_cn": _cn(handling.comply_by) if handling else "",
        "compensation_by_cn": _cn(_deadline(case, decision)) if decision else "",
        "rate_cn": wording.percent_cn(rate) if rate else "",
        "proposed_rate_cn": wording.percent_cn(round(case.compensation_rate * 100)) if case.compensation_rate else "",
        "notice_doc": notice,
        "notice_title": BY_CODE[notice.doc_type].title if notice else "",
        "suspended_on_cn": _cn(facts.period_day(case, "investigation", "suspended_on")),
        "revoked_on_cn": _cn(facts.period_day(case, "revocation_notice_to_complainant", "started_on")),
        "referral_reason": _sentence(facts.journal_after(case, "cases.refer_report").get("reason")),
        "receipt_method": _receipt_method(case, kind),
        "handler_opinion": HANDLER_OPINIONS.get(kind.code, ""),
        "approval": facts.approval(case, kind.code),
        "decisions": [_decision_line(case, d) for d in case.decisions.order_by("sequence")],
    }


HEARING_KINDS = frozenset({"fine", "confiscation", "revoke_licence", "stop_work"})
HANDLER_OPINIONS = {
    "filing_approval": "经初步核查，有涉嫌违法的事实，属于本机关管辖，建议立案调查。",
    "revocation_approval": "经调查，本案有上述撤销立案的情形，建议撤销立案。",
    "closing_approval": "案件已处理完毕，建议结案。",
}


def _wage_rows(case: Case) -> list[dict[str, str]]:
    return [
        {"name": w.name, "owed": yuan(w.amount_owed), "paid": yuan(w.amount_paid), "unpaid": yuan(w.unpaid)}
        for w in case.worker_lines.order_by("pk")
    ]


def _hearing(outcome: str, measures: list[dict[str, Any]]) -> bool:
    """行政处罚法 第六十三条第一款: the party may ask for a hearing on a fine, a confiscation, a revocation, stopping
    work — not on a warning alone, nor on a 行政处理决定."""
    kinds = {str(m.get("kind")) for m in measures}
    return outcome == "penalty" and (not kinds or bool(kinds & HEARING_KINDS))


def _known(code: str) -> bool:
    try:
        violations.violation(code)
    except violations.UnknownViolation:
        return False
    return bool(code)


def _rate(case: Case) -> int | None:
    """The rate of the ordered additional compensation in percent (劳动合同法 第八十五条: 50 to 100)."""
    return round(case.compensation_rate * 100) if case.compensation_rate else None


def _receipt_method(case: Case, kind: DocumentType) -> str:
    if not kind.of_service:
        return ""
    method = case.service_method or case.notice_service_method
    return SERVICE_METHODS.get(method, "") if method else ""


def _decision_line(case: Case, decision: Decision) -> dict[str, str]:
    document = Document.objects.filter(case=case, decision=decision).defer("pdf", "docx").order_by("-version").first()
    penalties = wording.penalty_lines(_measures(case, decision)) if decision.outcome == "penalty" else []
    return {
        "on": f"{decision.decided_on:%Y-%m-%d}",
        "label": OUTCOMES.get(decision.outcome, decision.outcome),
        "number": document.number if document and BY_CODE[document.doc_type].numbered else "",
        "penalties": "；".join(penalties),
    }


def context_for(
    kind: DocumentType,
    case: Case,
    number: str,
    issued_on: dt.date,
    inputs: Mapping[str, str] | None = None,
    subject: Subject | InvestigationRecord | None = None,
    organ: Organ | None = None,
) -> dict[str, Any]:
    if isinstance(subject, InvestigationRecord):
        subject = Subject(record=subject)
    subject = subject or Subject()
    organ = organ or deciding_organ(case.unit)
    inputs = dict(inputs or {})
    violation = None
    if case.violation_code:
        try:
            violation = violations.violation(case.violation_code)
        except violations.UnknownViolation:
            violation = None
    decision, record = subject.decision, subject.record
    lines = list(case.worker_lines.order_by("pk"))
    workers = {line.name for line in lines}
    for_party = kind.to == PARTY
    keep_from_party = _keeper(case, workers) if for_party else str
    outcome = decision.outcome if decision else kind.outcome_of(case)
    measures = _measures(case, decision)
    fine = decision.fine_amount if decision else case.fine_amount or case.notified_fine or case.proposed_fine
    comply_by = _deadline(case, decision)
    found = decision.facts_found if decision and decision.facts_found else case.findings
    font_faces, font_stack = font_face_css()
    wage_order = Decision.objects.filter(case=case, outcome="handling_decision").order_by("-sequence").first()
    rows, compensation_total = _compensation(case, wage_order)
    handling = _latest(case, "handling_decision")
    return {
        "kind": kind,
        "case": for_the_employer(case, workers) if for_party else case,
        "employer": case.employer,
        "organ": organ,
        "bureau": organ.name,  # kept for a deployment's own templates
        "reconsideration": organ.reconsideration,
        "number": number if kind.numbered else "",
        "date_cn": chinese_date(issued_on),
        "violation": violation,
        "basis_cited": wording.cite(violation.basis) if violation else "",
        "outcome_label": OUTCOMES.get(outcome, ""),
        "service_method_label": SERVICE_METHODS.get(case.service_method, "　　　　"),
        "fine": yuan(fine),
        # The decision's content (行政处罚法 第五十九条): facts found, evidence by name, each penalty, the order to
        # correct, whether money is due (and so how and when to pay), how the party was heard.
        "decision": decision,
        "facts": keep_from_party(wording.facts_text(found)),
        "evidence": facts.evidence_on_file(case, decision.decided_on if decision else issued_on, keep_from_party),
        "penalties": wording.penalty_lines(measures),
        "correction": _correction(measures, comply_by),
        "money_due": wording.money_due(measures),
        # 行政处罚法 第七十二条第一款第（一）项 "可以": the warning of the 3 % surcharge only where the decision
        # imposes it.
        "surcharge_imposed": decision.surcharge_imposed if decision else True,
        "heard": facts.how_heard(case, penalty=outcome == "penalty", hearing=_hearing(outcome, measures))
        if decision
        else "",
        "comply_by_cn": _cn(comply_by),
        "filed_on_cn": _cn(case.filed_on),
        "received_on_cn": _cn(case.received_on),
        "decided_on_cn": _cn(decision.decided_on if decision else case.decided_on),
        "hearing_on_cn": _cn(case.hearing_on),
        "hearing_held_on_cn": _cn(case.hearing_held_on),
        "extended_until_cn": _cn(facts.extended_until(case)) if kind.code == "extension_notice" else "",
        "inputs": inputs,
        # The case's dates as YYYY-MM-DD ("" when not yet), for the Word templates (Jinja has no |date filter).
        "dates": {
            name: day.isoformat() if (day := getattr(case, name)) else ""
            for name in (
                "received_on",
                "filed_on",
                "decided_on",
                "served_on",
                "closed_on",
                "fine_paid_on",
                "correction_verified_on",
                "court_enforcement_applied_on",
            )
        },
        "attend_on_cn": _cn(dt.date.fromisoformat(inputs["attend_on"])) if inputs.get("attend_on") else "",
        "record": record,
        "record_paragraphs": _paragraphs(record.content if record else ""),
        "hearing_paragraphs": _paragraphs(case.hearing_record),
        "record_held_on_cn": _cn(record.held_on) if record else "",
        "served": subject.served,
        "served_title": BY_CODE[subject.served.doc_type].title if subject.served else "",
        "workers": _wage_rows(case),
        "total_unpaid": yuan(case.total_unpaid),
        "compensation": rows,
        "compensation_total": compensation_total,
        "handling_number": handling.number if handling else "",
        "referred_to": inputs.get("receiver") or facts.journal_after(case, "cases.refer_report").get("referred_to", ""),
        "grounds": _sentence(inputs.get("grounds") or facts.journal_after(case, "cases.revoke_filing").get("reason")),
        "suspension_reason": facts.journal_after(case, "cases.suspend").get("reason", ""),
        **_transfer(kind, case, inputs),
        "handlers": "、".join(p.full_name for p in (case.handler, case.co_handler) if p is not None and p.full_name),
        "font_faces": font_faces,
        "font_stack": font_stack,
        **_about(kind, case, decision, outcome, measures, inputs),
        **kind.extra_context(case, decision, inputs),
    }


def _transfer(kind: DocumentType, case: Case, inputs: Mapping[str, str]) -> dict[str, str]:
    """The transfer a 移送书 goes with (行政执法机关移送涉嫌犯罪案件的规定 第五条、第六条): the day it was approved, the
    handlers' report and the 涉案物品清单 (typed at issue, else as reported)."""
    if kind.code != "crime_transfer":
        return {}
    transfer = CrimeTransfer.objects.filter(case=case).order_by("-pk").first()
    approved = transfer.decided_at.astimezone(CST).date() if transfer and transfer.decided_at else None
    return {
        "transfer_approved_on_cn": _cn(approved),
        "transfer_report": transfer.report if transfer else "",
        "transfer_items": inputs.get("items") or (transfer.items if transfer else ""),
    }


def render_pdf(kind: DocumentType, context: Mapping[str, Any]) -> bytes:
    return html_to_pdf(kind.template, context)


def html_to_pdf(template: str, context: Mapping[str, Any]) -> bytes:
    """The PDF of an HTML template (for a later app's own document, e.g. a reply letter, with the same fonts)."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # (no type information shipped)

    html = render_to_string(template, dict(context))
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


SHIPPED_TEMPLATES = Path(__file__).resolve().parent / "templates"


def docx_template_path(kind: DocumentType) -> Path:
    """The Word template of `kind`: the deployment's own (FAZHI_DOCUMENT_TEMPLATE_DIR) when it has one."""
    if settings.FAZHI_DOCUMENT_TEMPLATE_DIR:
        own = Path(settings.FAZHI_DOCUMENT_TEMPLATE_DIR) / kind.docx_template
        if own.is_file():
            return own
    return Path(kind.template_root or SHIPPED_TEMPLATES) / kind.docx_template


def render_docx(kind: DocumentType, context: Mapping[str, Any]) -> bytes:
    """The Word file of a document; values are XML-escaped (autoescape), so typed text cannot break the file."""
    return fill_docx(docx_template_path(kind), context)


def fill_docx(path: Path, context: Mapping[str, Any]) -> bytes:
    """The Word file filled from the .docx template at `path` (values XML-escaped)."""
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]  # (no type information shipped)

    template = DocxTemplate(str(path))
    template.render(dict(context), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
