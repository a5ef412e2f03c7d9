"""Reads for the staff side of major-violation publication: the candidates of a quarter with their suggested
categories, the lists (batches) and their selections, what the case page shows, and the text a selection starts from.
Data scope (`scope_by_unit`) is applied here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from fazhi.accounts.access import can_write
from fazhi.accounts.models import User
from fazhi.accounts.queries import scope_by_unit
from fazhi.cases.models import Case
from fazhi.cases.outcomes import OUTCOMES
from fazhi.major_violations.actions import APPROVERS, SELECTORS, PublishedText, organ_of, published_text
from fazhi.major_violations.models import LIVE_STATES, Batch, Selection, SelectionState
from fazhi.rules import major_violations as rules
from fazhi.rules import violations


def wage_amount() -> Decimal:
    return Decimal(str(settings.FAZHI_MAJOR_VIOLATION_WAGES))


def suggestions(case: Case, wages_owed: Decimal | None = None) -> list[rules.Suggestion]:
    """The categories the rules suggest for a decided case (staff confirm)."""
    owed = case.total_owed if wages_owed is None else wages_owed
    facts = rules.CaseFacts(
        violation_code=case.violation_code,
        outcome=case.decision_outcome if case.decided_on else "",
        wages_owed=owed,
        wage_amount=wage_amount(),
        transferred=case.crime_transfers.exclude(sent_at=None).exists(),
    )
    return rules.suggest(facts)


def _date(day: dt.date | None) -> str:
    return f"{day:%Y年%m月%d日}" if day else ""


def prefill(case: Case) -> tuple[str, str]:
    """The main facts and the handling a selection of `case` starts from: the violation and the handler's findings,
    and the decision (staff edit both; the text is redacted when published)."""
    violation = violations.violation(case.violation_code) if case.violation_code else None
    found = case.proposal.strip() or case.summary.strip()
    facts = f"{case.employer.name}{violation.name}。{found}" if violation else found
    organ = organ_of(case.unit).name
    on = _date(case.decided_on)
    outcome = case.decision_outcome
    if outcome == "penalty":
        fine = f"罚款人民币{case.fine_amount}元" if case.fine_amount is not None else "警告"
        handling = f"{organ}于{on}作出行政处罚决定：{fine}。"
    elif outcome == "handling_decision":
        handling = (
            f"{organ}于{on}作出行政处理决定，责令于{_date(case.comply_by)}前支付劳动者工资报酬{case.total_owed:.2f}元。"
        )
    elif outcome == "rectification":
        handling = f"{organ}于{on}责令限期改正（{_date(case.comply_by)}前）。"
    elif outcome == "transfer_police":
        handling = f"{organ}于{on}将案件移送公安机关依法追究刑事责任。"
    else:
        handling = f"{organ}于{on}作出处理决定：{OUTCOMES.get(outcome, outcome)}。"
    sent = case.crime_transfers.exclude(sent_at=None).order_by("-sent_at").first()
    if sent is not None and sent.sent_at is not None and outcome != "transfer_police":
        handling += f"{organ}于{_date(timezone.localdate(sent.sent_at))}将案件移送公安机关依法追究刑事责任。"
    return facts, handling


@dataclass(frozen=True)
class CaseMajorViolation:
    applies: bool  # the case was decided with an outcome that may be published
    selection: Selection | None  # its live selection (selected or published), if any
    history: list[Selection]  # earlier selections (removed, withdrawn)
    suggestions: list[rules.Suggestion]
    may_select: bool
    may_approve: bool


def case_major_violation(user: User, case: Case) -> CaseMajorViolation:
    """For the case page (the case is already in the user's scope)."""
    applies = case.decided_on is not None and case.decision_outcome in rules.ELIGIBLE_OUTCOMES
    rows = (
        list(Selection.objects.filter(case=case).select_related("batch", "batch__unit").order_by("-pk"))
        if applies
        else []
    )
    live = next((s for s in rows if s.state in LIVE_STATES), None)
    writer = can_write(user)
    return CaseMajorViolation(
        applies=applies,
        selection=live,
        history=[s for s in rows if s is not live],
        suggestions=suggestions(case) if applies and live is None else [],
        may_select=writer and bool(user.role_names & SELECTORS),
        may_approve=writer and bool(user.role_names & APPROVERS),
    )


@dataclass(frozen=True)
class Candidate:
    case: Case
    suggestions: list[rules.Suggestion]


def candidates(user: User, quarter: rules.Quarter) -> list[Candidate]:
    """The cases of the user's scope decided in `quarter` with an outcome that may be published and not selected now,
    those with a suggested category first."""
    cases = (
        scope_by_unit(Case.objects.all(), user)
        .filter(
            decided_on__gte=quarter.start,
            decided_on__lte=quarter.end,
            decision_outcome__in=sorted(rules.ELIGIBLE_OUTCOMES),
        )
        .exclude(major_violations__state__in=LIVE_STATES)
        .select_related("employer", "unit")
        .annotate(owed=Sum("worker_lines__amount_owed"))
        .order_by("-decided_on", "-pk")
    )
    found = [Candidate(case, suggestions(case, getattr(case, "owed", None) or Decimal("0"))) for case in cases[:500]]
    return sorted(found, key=lambda c: not c.suggestions)


def batches(user: User) -> QuerySet[Batch]:
    """The lists the user sees: those of the organs in their scope, and their own organ's."""
    mine = Q(pk__in=[])
    if user.unit is not None:
        mine = Q(unit=organ_of(user.unit))
    scoped = scope_by_unit(Batch.objects.all(), user).values("pk")
    return Batch.objects.filter(Q(pk__in=scoped) | mine).select_related("unit", "published_by")


def batch_for(user: User, pk: int) -> Batch | None:
    return batches(user).filter(pk=pk).first()


def selections_of(user: User, batch: Batch) -> QuerySet[Selection]:
    """The batch's selections of cases in the user's scope, with their case and employer."""
    rows = Selection.objects.filter(batch=batch).select_related("case", "case__employer", "selected_by")
    return scope_by_unit(rows, user).order_by("state", "pk")


def selection_for(user: User, pk: int) -> Selection | None:
    rows = Selection.objects.select_related("case", "case__employer", "batch", "batch__unit", "unit")
    return scope_by_unit(rows, user).filter(pk=pk).first()


def previews(batch: Batch) -> list[tuple[Selection, PublishedText]]:
    """Every selection the list would publish (all of the organ's, as `publish_batch` takes them), with its text as
    published, for the approver to read before publishing."""
    rows = (
        Selection.objects.filter(batch=batch, state=SelectionState.SELECTED)
        .select_related("case__employer", "case__handler", "case__co_handler", "case__proposed_by")
        .order_by("pk")
    )
    return [(selection, published_text(selection)) for selection in rows]
