"""Major-violation publication (重大劳动保障违法行为社会公布): select a decided case, change or remove the selection
before publication, publish a quarter's list, withdraw a published entry. Each an action with one journal entry;
refused attempts (role or scope) are journaled with `record_refusal`.

Who (decided here; 29号 [S] names the department, not the officer):
- select, change, remove: the publishers of `fazhi.disclosure` (科长、处长、局领导、法制审核员) over cases of their
  scope;
- publish a list and withdraw an entry: 处长 or 局领导 over the publishing organ (the district or city bureau), since
  the list goes out in the organ's name and a withdrawal corrects what the organ published.

What is published: the prescribed fields (违法主体全称, 统一社会信用代码, 地址, 法定代表人或负责人姓名, 主要违法事实,
相关处理情况) as redacted by `fazhi.rules.redaction` with the names of the case's natural persons other than the legal
representative (`fazhi.disclosure.actions.private_names`): no personal privacy is published (29号 [S]; 劳动保障监察条例
第九条 for the complainant).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NoReturn

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.accounts.models import Role, Unit, UnitKind, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases.models import Case
from fazhi.disclosure.actions import PUBLISHERS, private_names
from fazhi.disclosure.generation import bump_portal_generation
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.major_violations.models import Batch, BatchState, Selection, SelectionState
from fazhi.major_violations.snapshots import PublishedMajorViolation
from fazhi.rules import major_violations as rules
from fazhi.rules.redaction import Redaction, redact, redaction
from fazhi.rules.textsearch import name_bigrams

SELECTORS = PUBLISHERS
APPROVERS = frozenset({Role.DIRECTOR, Role.LEADER})
FACTS_MAX = 2000
REASON_MAX = 1000


class MajorViolationError(ActionError):
    """The change cannot be made (a Chinese `message`). Nothing is written."""


class MajorViolationRefused(MajorViolationError):
    """The actor may not make this change (journaled)."""


def organ_of(unit: Unit) -> Unit:
    """The publishing organ of a case's unit: the district or city bureau above the squad or brigade (29号 [S]: city-
    and county-level departments publish the violations of their jurisdiction)."""
    current: Unit | None = unit
    while current is not None:
        if current.kind in (UnitKind.DISTRICT_BUREAU, UnitKind.CITY_BUREAU):
            return current
        current = current.parent
    return unit


def may_select(actor: User, case_unit: Unit) -> bool:
    return actor.is_active and bool(actor.role_names & SELECTORS) and in_business_scope(actor, case_unit)


def may_approve(actor: User, organ: Unit) -> bool:
    return actor.is_active and bool(actor.role_names & APPROVERS) and in_business_scope(actor, organ)


def _refuse(actor: User, action: str, reason: str, object_type: str, object_id: int, ip: str | None) -> NoReturn:
    record_refusal(actor=actor, action=action, reason=reason, object_type=object_type, object_id=object_id, ip=ip)
    raise MajorViolationRefused(reason)


def _clean(category: str, facts: str, handling: str) -> tuple[str, str, str]:
    if rules.category(category) is None:
        raise MajorViolationError("请选择违法行为类别（人社部令第29号第五条）。")
    facts, handling = facts.strip(), handling.strip()
    if not facts:
        raise MajorViolationError("请填写主要违法事实。")
    if not handling:
        raise MajorViolationError("请填写相关处理情况。")
    if len(facts) > FACTS_MAX or len(handling) > FACTS_MAX:
        raise MajorViolationError(f"主要违法事实和相关处理情况各不能超过 {FACTS_MAX} 个字。")
    return category, facts, handling


SELECT = "major_violations.select"
UPDATE = "major_violations.update"
REMOVE = "major_violations.remove"
PUBLISH = "major_violations.publish_batch"
WITHDRAW = "major_violations.withdraw"
REFUSED_SELECT = "只有本机构及上级机构的科长、处长、局领导或法制审核人员可以选定重大劳动保障违法行为。"
REFUSED_APPROVE = "只有公布机关的处长或局领导可以公布或撤回重大劳动保障违法行为。"


def select_case(
    *, actor: User, case: Case, category: str, facts: str, handling: str, ip: str | None = None
) -> Selection:
    """Select the decided `case` for publication in `category`, with its main facts and handling as confirmed by the
    actor. It goes into its organ's list of the decision's quarter, or of the first later quarter not yet published
    (`fazhi.rules.major_violations.selection_quarter`)."""
    if not may_select(actor, case.unit):
        _refuse(actor, SELECT, REFUSED_SELECT, "cases.case", case.pk, ip)
    return _select(actor, case, category, facts, handling, ip)


@transaction.atomic
def _select(actor: User, case: Case, category: str, facts: str, handling: str, ip: str | None) -> Selection:
    case = Case.objects.select_related("unit").select_for_update(of=("self",)).get(pk=case.pk)
    decision = getattr(case, "decision", None)
    if decision is None or decision.outcome not in rules.ELIGIBLE_OUTCOMES:
        raise MajorViolationError("只有已经查处并作出处理决定的案件可以选定（不予处罚或移送其他机关的除外）。")
    category, facts, handling = _clean(category, facts, handling)
    if Selection.objects.filter(case=case, state__in=[SelectionState.SELECTED, SelectionState.PUBLISHED]).exists():
        raise MajorViolationError("该案件已经选定为重大劳动保障违法行为。")
    organ = organ_of(case.unit)
    published = [
        rules.Quarter(year, quarter)
        for year, quarter in Batch.objects.filter(unit=organ, state=BatchState.PUBLISHED).values_list("year", "quarter")
    ]
    quarter = rules.selection_quarter(decision.decided_on, published)
    batch, _ = Batch.objects.get_or_create(unit=organ, year=quarter.year, quarter=quarter.number)
    try:
        with transaction.atomic():
            selection = Selection.objects.create(
                case=case,
                unit=case.unit,
                batch=batch,
                category=category,
                facts=facts,
                handling=handling,
                selected_by=actor,
                selected_at=timezone.now(),
            )
    except IntegrityError:
        raise MajorViolationError("该案件已经选定为重大劳动保障违法行为。") from None
    record_entry(
        actor=actor,
        action=SELECT,
        object_type="major_violations.selection",
        object_id=selection.pk,
        after={"case": case.pk, "category": category, "quarter": quarter.code, "organ": organ.code},
        ip=ip,
    )
    return selection


def _locked_selection(selection: Selection) -> Selection:
    return Selection.objects.select_for_update(of=("self",)).select_related("unit", "batch").get(pk=selection.pk)


def update_selection(
    *, actor: User, selection: Selection, category: str, facts: str, handling: str, ip: str | None = None
) -> Selection:
    """Change the category, facts or handling of a selection not yet published."""
    if not may_select(actor, selection.unit):
        _refuse(actor, UPDATE, REFUSED_SELECT, "major_violations.selection", selection.pk, ip)
    with transaction.atomic():
        selection = _locked_selection(selection)
        if selection.state != SelectionState.SELECTED:
            raise MajorViolationError("只有尚未公布的选定可以修改。")
        before = {"category": selection.category, "facts": selection.facts, "handling": selection.handling}
        selection.category, selection.facts, selection.handling = _clean(category, facts, handling)
        selection.save(update_fields=["category", "facts", "handling"])
        record_entry(
            actor=actor,
            action=UPDATE,
            object_type="major_violations.selection",
            object_id=selection.pk,
            before=before,
            after={"category": selection.category, "facts": selection.facts, "handling": selection.handling},
            ip=ip,
        )
    return selection


def remove_selection(*, actor: User, selection: Selection, reason: str = "", ip: str | None = None) -> Selection:
    """Take a selection out of its list before the list is published (the record stays, marked removed)."""
    if not may_select(actor, selection.unit):
        _refuse(actor, REMOVE, REFUSED_SELECT, "major_violations.selection", selection.pk, ip)
    with transaction.atomic():
        selection = _locked_selection(selection)
        if selection.state != SelectionState.SELECTED:
            raise MajorViolationError("已公布的不能移出，请撤回公布并说明理由。")
        selection.state = SelectionState.REMOVED
        selection.removed_at = timezone.now()
        selection.removal_reason = reason.strip()[:REASON_MAX]
        selection.save(update_fields=["state", "removed_at", "removal_reason"])
        record_entry(
            actor=actor,
            action=REMOVE,
            object_type="major_violations.selection",
            object_id=selection.pk,
            after={"case": selection.case_id, "reason": selection.removal_reason},
            ip=ip,
        )
    return selection


@dataclass(frozen=True)
class PublishedText:
    """A selection's free text as its publication shows it, with what the approver should check."""

    address: Redaction
    facts: Redaction
    handling: Redaction

    @property
    def warnings(self) -> list[str]:
        return list(dict.fromkeys(w for part in (self.address, self.facts, self.handling) for w in part.warnings))


def published_text(selection: Selection) -> PublishedText:
    """The address, main facts and handling of `selection` redacted as `publish_batch` publishes them: the case's
    natural persons other than the legal representative (`private_names`), names after 证人、工友…, numbers and
    addresses (`fazhi.rules.redaction`)."""
    case = selection.case
    employer = case.employer
    names = private_names(case)
    keep = [employer.name, employer.credit_code or "", employer.legal_representative]
    return PublishedText(
        redaction(employer.address, names=names, keep=keep),
        redaction(selection.facts, names=names, keep=keep),
        redaction(selection.handling, names=names, keep=keep),
    )


def _snapshot(selection: Selection, batch: Batch, on: dt.date) -> PublishedMajorViolation:
    case = selection.case
    employer = case.employer
    text = published_text(selection)
    item = rules.category(selection.category)
    return PublishedMajorViolation(
        selection_id=selection.pk,
        organ=batch.unit.name,
        year=batch.year,
        quarter=batch.quarter,
        category=selection.category,
        category_name=item.name if item else selection.category,
        employer_name=employer.name,
        credit_code=employer.credit_code or "",
        address=text.address.text,
        legal_representative=employer.legal_representative,
        facts=text.facts.text,
        handling=text.handling.text,
        published_on=on,
        name_bigrams=name_bigrams(employer.name),
    )


def publish_batch(*, actor: User, batch: Batch, ip: str | None = None) -> int:
    """Publish a quarter's list: every selection still selected in it is copied, redacted, to the public snapshot
    table, and the list is closed. Returns how many entries were published."""
    if not may_approve(actor, batch.unit):
        _refuse(actor, PUBLISH, REFUSED_APPROVE, "major_violations.batch", batch.pk, ip)
    with transaction.atomic():
        batch = Batch.objects.select_for_update(of=("self",)).select_related("unit").get(pk=batch.pk)
        if batch.state != BatchState.DRAFT:
            raise MajorViolationError(f"{batch.period.label}的名单已经公布。")
        today = timezone.localdate()
        if batch.period.start > today:
            raise MajorViolationError(f"{batch.period.label}尚未开始，不能公布。")
        selections = list(
            batch.selections.filter(state=SelectionState.SELECTED)
            .select_related("case__employer", "case__handler", "case__co_handler", "case__proposed_by")
            .order_by("pk")
        )
        if not selections:
            raise MajorViolationError(f"{batch.period.label}的名单中没有选定的违法行为，无需公布。")
        PublishedMajorViolation.objects.bulk_create([_snapshot(s, batch, today) for s in selections])
        Selection.objects.filter(pk__in=[s.pk for s in selections]).update(state=SelectionState.PUBLISHED)
        batch.state, batch.published_on, batch.published_by = BatchState.PUBLISHED, today, actor
        batch.save(update_fields=["state", "published_on", "published_by"])
        bump_portal_generation()  # the portal's cached pages are made again (fazhi.portal.cache)
        record_entry(
            actor=actor,
            action=PUBLISH,
            object_type="major_violations.batch",
            object_id=batch.pk,
            after={
                "organ": batch.unit.code,
                "quarter": batch.period.code,
                "published_on": today.isoformat(),
                "selections": [s.pk for s in selections],
            },
            ip=ip,
        )
    return len(selections)


def withdraw_publication(
    *, actor: User, selection: Selection, reason: str, ip: str | None = None
) -> PublishedMajorViolation:
    """Withdraw a published entry that was wrong (a correction), with the explanation shown to the public in its place;
    the entry stays on the list, marked withdrawn. The case may then be selected again into a later list."""
    organ = Batch.objects.select_related("unit").get(pk=selection.batch_id).unit
    if not may_approve(actor, organ):
        _refuse(actor, WITHDRAW, REFUSED_APPROVE, "major_violations.selection", selection.pk, ip)
    with transaction.atomic():
        selection = _locked_selection(selection)
        if selection.state != SelectionState.PUBLISHED:
            raise MajorViolationError("该条目尚未公布或已经撤回。")
        text = reason.strip()
        if not text:
            raise MajorViolationError("请填写向社会公开的撤回说明。")
        if len(text) > REASON_MAX:
            raise MajorViolationError(f"撤回说明不能超过 {REASON_MAX} 个字。")
        case = Case.objects.select_related("employer").get(pk=selection.case_id)
        published = PublishedMajorViolation.objects.select_for_update().get(selection_id=selection.pk)
        published.withdrawn_on = timezone.localdate()
        published.withdrawal_reason = redact(
            text, names=private_names(case), keep=[case.employer.name, case.employer.legal_representative]
        )
        published.save(update_fields=["withdrawn_on", "withdrawal_reason"])
        selection.state = SelectionState.WITHDRAWN
        selection.save(update_fields=["state"])
        bump_portal_generation()  # the portal's cached pages are made again (fazhi.portal.cache)
        record_entry(
            actor=actor,
            action=WITHDRAW,
            object_type="major_violations.selection",
            object_id=selection.pk,
            after={"withdrawn_on": published.withdrawn_on.isoformat(), "reason": published.withdrawal_reason},
            ip=ip,
        )
    return published
