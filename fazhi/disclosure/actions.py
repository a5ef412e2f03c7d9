"""Publishing a penalty decision (行政执法公示) and withdrawing it: each an action with one journal entry.

The snapshot is taken from the issued 行政处罚决定书 (its 文号) and the case's decision, and redacted by
`fazhi.rules.redaction`: the names of the complainant, the workers and the officers, ID numbers, phone numbers, bank
accounts and home addresses never reach it; the legal representative, the employer's name, credit code and business
address are what a publication names (人社部令第29号 第五条).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.accounts.models import Role, Unit, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases.case_page import natural_persons
from fazhi.cases.models import Case, Period
from fazhi.cases.periods import meet_periods, open_periods
from fazhi.disclosure.generation import bump_portal_generation
from fazhi.disclosure.models import PublishedCheckpoint, PublishedDecision, PublishedNameToken, PublishedOfficer
from fazhi.documents.models import Document
from fazhi.documents.organ import deciding_unit
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.journal.checkpoint import CheckpointError
from fazhi.journal.verify import make_checkpoint
from fazhi.rules import violations
from fazhi.rules.redaction import Redaction, redact, redaction
from fazhi.rules.textsearch import name_bigrams, search_tokens

PUBLISHERS = frozenset({Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL})


class DisclosureError(ActionError):
    """The publication cannot be made or withdrawn (a Chinese `message`). Nothing is written."""


def _check_actor(actor: User, case_unit: Unit) -> None:
    if not (actor.is_active and actor.role_names & PUBLISHERS and in_business_scope(actor, case_unit)):
        raise DisclosureError("只有本机构及上级机构的科长、负责人或法制审核人员可以公示或撤回处罚决定。")


def penalty_authority(unit: Unit) -> str:
    """The administrative organ in whose name the decision was made: the district or city bureau above the squad
    or brigade that handled the case, the same organ the case's documents name (fazhi.documents.organ)."""
    return deciding_unit(unit).name


def private_names(case: Case) -> list[str]:
    """Every natural person of the case whose name must not be published: the complainant, the workers, the people its
    investigation records name (`fazhi.cases.case_page.natural_persons`) and the officers."""
    officers = [case.handler, case.co_handler, case.proposed_by]
    decision = getattr(case, "decision", None)
    if decision is not None:
        officers.append(decision.decided_by)
    names = natural_persons(case) + [officer.full_name for officer in officers if officer is not None]
    return [name for name in names if name and name != case.employer.legal_representative]


def published_facts(case: Case, document_number: str) -> Redaction:
    """The facts a publication of `case`'s decision shows (its summary and the handler's findings), redacted, with
    what the approver should check (names removed only by the word before them, name-like words left)."""
    employer = case.employer
    keep = [employer.name, employer.credit_code or "", employer.legal_representative, document_number]
    return redaction(f"{case.summary}{case.proposal}", names=private_names(case), keep=keep)


def publish_decision(*, actor: User, case: Case, ip: str | None = None) -> PublishedDecision:
    """Publish the penalty decision of `case` from its issued 行政处罚决定书 (国办发〔2018〕118号: within 7 working
    days of the decision). A refused attempt is journaled and raised."""
    try:
        return _publish_decision(actor, case, ip)
    except DisclosureError as error:
        _journal_refusal(actor, "disclosure.publish_decision", case.pk, error, ip)
        raise


def _journal_refusal(actor: User, action: str, case_pk: int, error: DisclosureError, ip: str | None) -> None:
    record_refusal(actor=actor, action=action, reason=error.message, object_type="cases.case", object_id=case_pk, ip=ip)


@transaction.atomic
def _publish_decision(actor: User, case: Case, ip: str | None) -> PublishedDecision:
    case = Case.objects.select_related("employer", "unit").select_for_update(of=("self",)).get(pk=case.pk)
    _check_actor(actor, case.unit)
    decision = getattr(case, "decision", None)
    if decision is None or decision.outcome != "penalty":
        raise DisclosureError("该案件尚未作出行政处罚决定，不能公示。")
    document = (
        Document.objects.filter(case=case, doc_type="penalty_decision", superseded_by__isnull=True)
        .order_by("-version")
        .first()
    )
    if document is None:
        raise DisclosureError("请先制发行政处罚决定书，再予公示。")
    employer = case.employer
    keep = [employer.name, employer.credit_code or "", employer.legal_representative, document.number]
    names = private_names(case)
    violation = violations.violation(case.violation_code) if case.violation_code else None
    facts = published_facts(case, document.number).text
    fine = f"罚款人民币{decision.fine_amount}元" if decision.fine_amount is not None else "警告"
    try:
        with transaction.atomic():
            published = PublishedDecision.objects.create(
                case_id=case.pk,
                document_number=document.number,
                case_number=case.case_number or "",
                employer_name=employer.name,
                credit_code=employer.credit_code or "",
                legal_representative=employer.legal_representative,
                employer_address=redact(employer.address, names=names, keep=keep),
                violation=violation.name if violation else "违反劳动保障法律法规",
                facts=facts,
                basis=violation.basis if violation else "",
                penalty=fine,
                authority=penalty_authority(case.unit),
                decided_on=decision.decided_on,
                published_on=timezone.localdate(),
                name_bigrams=name_bigrams(employer.name),
            )
    except IntegrityError:
        raise DisclosureError("该处罚决定已经公示。") from None
    PublishedNameToken.objects.bulk_create(
        PublishedNameToken(token=token, decision=published, published_on=published.published_on)
        for token in search_tokens(employer.name)
    )
    bump_portal_generation()
    met = meet_periods(case, ["decision_publication"], on=published.published_on)
    record_entry(
        actor=actor,
        action="disclosure.publish_decision",
        object_type="disclosure.publisheddecision",
        object_id=published.pk,
        after={
            "case": case.pk,
            "document": document.number,
            "published_on": published.published_on.isoformat(),
            "period_met": bool(met),
        },
        ip=ip,
    )
    return published


def withdraw_decision(
    *, actor: User, publication: PublishedDecision, reason: str, ip: str | None = None
) -> PublishedDecision:
    """Withdraw a published decision that was changed, revoked or confirmed unlawful, with the public explanation
    (行政处罚法 第四十八条第二款: within three working days of the change, the period `publication_withdrawal` that
    `record_decision_change` opened, met here). A refused attempt is journaled and raised."""
    try:
        return _withdraw_decision(actor, publication, reason, ip)
    except DisclosureError as error:
        _journal_refusal(actor, "disclosure.withdraw_decision", publication.case_id, error, ip)
        raise


@transaction.atomic
def _withdraw_decision(actor: User, publication: PublishedDecision, reason: str, ip: str | None) -> PublishedDecision:
    publication = PublishedDecision.objects.select_for_update().get(pk=publication.pk)
    case = Case.objects.select_related("unit").get(pk=publication.case_id)
    _check_actor(actor, case.unit)
    if not reason.strip():
        raise DisclosureError("请填写向社会公开的撤回说明。")
    if publication.withdrawn:
        raise DisclosureError("该处罚决定的公示已经撤回。")
    publication.withdrawn_on = timezone.localdate()
    publication.withdrawal_reason = redact(reason.strip(), names=private_names(case))
    publication.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    bump_portal_generation()
    met = meet_periods(case, ["publication_withdrawal"], on=publication.withdrawn_on)
    record_entry(
        actor=actor,
        action="disclosure.withdraw_decision",
        object_type="disclosure.publisheddecision",
        object_id=publication.pk,
        after={
            "withdrawn_on": publication.withdrawn_on.isoformat(),
            "reason": publication.withdrawal_reason,
            "period_met": bool(met),
        },
        ip=ip,
    )
    return publication


# 行政处罚法 第四十八条第二款: the events after which a published decision is withdrawn within three working days.
DECISION_CHANGES = {
    "changed": "依法变更",
    "revoked": "依法撤销",
    "unlawful": "确认违法",
    "void": "确认无效",
}


def record_decision_change(
    *,
    actor: User,
    publication: PublishedDecision,
    kind: str,
    changed_on: dt.date,
    instrument: str,
    ip: str | None = None,
) -> Period:
    """Record that a published decision was changed, revoked, or confirmed unlawful or void (by reconsideration, a
    court or the bureau itself), on `changed_on` by `instrument` (e.g. the 行政复议决定书 or judgment and its number).
    This starts the three working days to withdraw the publication (period `publication_withdrawal`, 行政处罚法
    第四十八条第二款、第八十五条), which the supervision's time-limit rules watch. One journal entry; a refused attempt
    is journaled and raised."""
    try:
        return _record_decision_change(actor, publication, kind, changed_on, instrument, ip)
    except DisclosureError as error:
        _journal_refusal(actor, "disclosure.record_decision_change", publication.case_id, error, ip)
        raise


@transaction.atomic
def _record_decision_change(
    actor: User, publication: PublishedDecision, kind: str, changed_on: dt.date, instrument: str, ip: str | None
) -> Period:
    publication = PublishedDecision.objects.select_for_update().get(pk=publication.pk)
    case = Case.objects.select_related("unit").get(pk=publication.case_id)
    _check_actor(actor, case.unit)
    instrument = instrument.strip()
    if kind not in DECISION_CHANGES:
        raise DisclosureError("请选择决定被变更、撤销、确认违法还是确认无效。")
    if not instrument:
        raise DisclosureError("请填写变更或撤销决定的文书（如行政复议决定书、判决书及其文号）。")
    if changed_on > timezone.localdate():
        raise DisclosureError("变更或撤销的日期不能晚于今天。")
    if changed_on < publication.decided_on:
        raise DisclosureError("变更或撤销的日期不能早于处罚决定日期。")
    if publication.withdrawn:
        raise DisclosureError("该处罚决定的公示已经撤回。")
    opened = open_periods(case, ["publication_withdrawal"], start=changed_on)
    if not opened:
        raise DisclosureError("已登记该决定的变更或撤销，请在期限内撤回公示。")
    period = opened[0]
    record_entry(
        actor=actor,
        action="disclosure.record_decision_change",
        object_type="disclosure.publisheddecision",
        object_id=publication.pk,
        after={
            "case": case.pk,
            "kind": kind,
            "changed_on": changed_on.isoformat(),
            "instrument": instrument[:200],
            "withdraw_by": period.due_on.isoformat() if period.due_on else None,
        },
        ip=ip,
    )
    return period


def publish_checkpoint(*, actor: User | None = None) -> PublishedCheckpoint:
    """Verify the journal, take a checkpoint over all of it and publish it on the portal, with one journal entry (the
    entry itself comes after the checkpoint: the next one covers it). `actor` None: the system (a daily cron job).
    Raises DisclosureError when the journal is empty or does not verify: a broken journal is never vouched for."""
    try:
        _, checkpoint = make_checkpoint()  # verifies the whole journal first
    except CheckpointError as error:
        raise DisclosureError(f"未能公示检查点：{error}") from None
    with transaction.atomic():
        published = PublishedCheckpoint.objects.create(
            tree_size=checkpoint.tree_size,
            algorithm=checkpoint.algorithm,
            root_hash=checkpoint.root_hash,
            last_entry_hash=checkpoint.last_entry_hash,
            document=checkpoint.to_json(),
            published_at=timezone.now(),
        )
        bump_portal_generation()
        record_entry(
            actor=actor,
            action="disclosure.publish_checkpoint",
            object_type="disclosure.publishedcheckpoint",
            object_id=published.pk,
            after={"tree_size": checkpoint.tree_size, "root_hash": checkpoint.root_hash},
        )
    return published


# The roles of those who enforce (监察员 act in cases; the others approve and decide), each with a certificate.
ENFORCERS = frozenset({Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER})


def publish_officers(*, actor: User | None = None) -> int:
    """Replace the published list of enforcement officers: every active member of an enforcing role who holds an
    enforcement certificate, with the organ they act for. One journal entry; returns how many are listed."""
    today = timezone.localdate()
    officers = (
        User.objects.filter(is_active=True, role_grants__role__in=ENFORCERS)
        .exclude(enforcement_certificate_number="")
        .select_related("unit", "unit__parent", "unit__parent__parent", "unit__parent__parent__parent")
        .distinct()
        .order_by("enforcement_certificate_number")
    )
    rows = [
        PublishedOfficer(
            name=officer.full_name or officer.username,
            certificate_number=officer.enforcement_certificate_number,
            unit_name=officer.unit.name if officer.unit else "",
            organ=penalty_authority(officer.unit) if officer.unit else "",
            published_on=today,
        )
        for officer in officers
    ]
    with transaction.atomic():
        PublishedOfficer.objects.all().delete()
        PublishedOfficer.objects.bulk_create(rows)
        bump_portal_generation()
        record_entry(
            actor=actor,
            action="disclosure.publish_officers",
            object_type="disclosure.publishedofficer",
            after={"officers": len(rows), "published_on": today.isoformat()},
        )
    return len(rows)
