"""What every step of a reconsideration or a lawsuit shares: the errors, the permission check (refusals journaled),
the input checks, `_create` and `_take` (one step under a row lock with its periods and its one journal entry), and
the effects computed from an outcome: the case's remedy facts follow (`facts_changed`), and a published decision that
the outcome sets aside starts its 3 working days of withdrawal (fazhi.disclosure.actions.record_decision_change)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import Unit, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases.models import Case, Period, PeriodState
from fazhi.cases.periods import meet_periods, open_periods
from fazhi.cases.remedy_facts import facts_changed
from fazhi.disclosure.actions import DisclosureError, record_decision_change
from fazhi.disclosure.models import PublishedDecision
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.remedies.models import DISCLOSURE_CHANGE, Litigation, Reconsideration
from fazhi.remedies.workflow import LITIGATION_BY_ACTION, RECONSIDERATION_BY_ACTION, State, Step

MAX_TEXT = 2000
MAX_LINE = 200
Record = TypeVar("Record", Reconsideration, Litigation)


class RemedyError(ActionError):
    """The step cannot be taken (a Chinese `message`). Nothing is written."""


class RemedyRefused(RemedyError):
    """The actor may not take the step (journaled as refused)."""


class RemedyConflict(RemedyError):
    """The record is no longer in a state the step starts from (someone acted first)."""


class RemedyBlocked(RemedyError):
    """The statute's conditions or the input fail: `reasons` lists why, `fields` names the inputs at fault."""

    def __init__(self, reasons: Sequence[str], fields: Sequence[str] = ()) -> None:
        self.reasons = list(reasons)
        self.fields = list(fields)
        super().__init__("；".join(self.reasons))


def kind_of(record: Reconsideration | Litigation) -> str:
    return "reconsideration" if isinstance(record, Reconsideration) else "litigation"


def object_type(kind: str) -> str:
    return f"remedies.{kind}"


def step_of(kind: str, action: str) -> Step:
    return (RECONSIDERATION_BY_ACTION if kind == "reconsideration" else LITIGATION_BY_ACTION)[action]


def today() -> dt.date:
    return timezone.localdate()


def discussion_required() -> bool:
    """The bureau's rule that the answer and the defence are discussed collectively first (default: yes)."""
    return bool(getattr(settings, "FAZHI_REMEDY_COLLECTIVE_DISCUSSION", True))


def refuse(
    actor: User | None, kind: str, step: Step, reason: str, obj_type: str, obj_id: int, ip: str | None
) -> NoReturn:
    record_refusal(
        actor=actor,
        action=f"remedies.{kind}.{step.action}",
        reason=reason,
        object_type=obj_type,
        object_id=obj_id,
        ip=ip,
    )
    raise RemedyRefused(reason)


def permit(actor: User | None, kind: str, step: Step, unit: Unit, obj_type: str, obj_id: int, ip: str | None) -> None:
    """The role and the unit scope (the case's unit and the units above it)."""
    if actor is None or not actor.is_active:
        refuse(actor, kind, step, "该步骤须由在岗工作人员办理。", obj_type, obj_id, ip)
    if not in_business_scope(actor, unit):
        refuse(actor, kind, step, "您无权办理该案件的行政复议、行政诉讼事项。", obj_type, obj_id, ip)
    if not actor.role_names & step.roles:
        refuse(actor, kind, step, f"您的角色不能办理“{step.label}”。", obj_type, obj_id, ip)


class Problems:
    """Collects the input problems of one step (Chinese, with the name of the input at fault)."""

    def __init__(self) -> None:
        self.reasons: list[str] = []
        self.fields: list[str] = []

    def add(self, name: str, reason: str) -> None:
        if reason:
            self.reasons.append(reason)
            self.fields.append(name)

    def date(
        self,
        name: str,
        value: dt.date | None,
        label: str,
        *,
        on: dt.date,
        after: tuple[dt.date | None, str] = (None, ""),
        required: bool = True,
    ) -> None:
        if value is None:
            if required:
                self.add(name, f"请填写{label}。")
            return
        if value > on:
            self.add(name, f"{label}不能晚于今天。")
        elif after[0] is not None and value < after[0]:
            self.add(name, f"{label}不能早于{after[1]}（{after[0]:%Y-%m-%d}）。")

    def text(self, name: str, value: str, label: str, *, required: bool = True, line: bool = False) -> str:
        text = (value or "").strip()
        limit = MAX_LINE if line else MAX_TEXT
        if required and not text:
            self.add(name, f"请填写{label}。")
        elif len(text) > limit:
            self.add(name, f"{label}不能超过 {limit} 个字。")
        elif line and "\n" in text:
            self.add(name, f"{label}应在一行内填写。")
        return text

    def raise_if_any(self) -> None:
        if self.reasons:
            raise RemedyBlocked(self.reasons, self.fields)


@dataclass
class Change:
    """What a step does to the record: its new state (None: the row's target or stays), the fields it sets, what the
    journal says, the day its periods are met (default: today), and more writes once the record is saved."""

    target: State | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    met_on: dt.date | None = None
    after: Callable[[Any], dict[str, Any]] | None = None  # returns more journal details


def _follow(record: Reconsideration | Litigation) -> None:
    """The case's rows that depend on the remedy facts follow (inside this transaction)."""
    facts_changed(record.decision)


def take(
    actor: User | None,
    record: Record,
    action: str,
    apply: Callable[[Record, dt.date], Change],
    ip: str | None,
) -> Record:
    kind = kind_of(record)
    step = step_of(kind, action)
    model = type(record)
    permit(actor, kind, step, Unit.objects.get(pk=record.unit_id), object_type(kind), record.pk, ip)
    on = today()
    with transaction.atomic():
        current = model.objects.select_for_update(of=("self",)).select_related("case", "decision").get(pk=record.pk)
        if State(current.state) not in step.sources:
            raise RemedyConflict(
                f"该记录当前为“{current.state_label}”，不能{step.label}（可能已被他人处理，请刷新后重试）。"
            )
        before = current.state
        change = apply(current, on)
        target = change.target or step.target or State(current.state)
        for name, value in change.fields.items():
            setattr(current, name, value)
        current.state = target.value
        current.version += 1
        current.save()
        met = meet_periods(current.case, step.meets, on=change.met_on or on) if step.meets else 0
        details = {"case": current.case_id, "periods_met": met, **change.details}
        if change.after is not None:
            details |= change.after(current)
        _follow(current)
        record_entry(
            actor=actor,
            action=f"remedies.{kind}.{action}",
            object_type=object_type(kind),
            object_id=current.pk,
            before={"state": before},
            after={"state": current.state, **details},
            ip=ip,
        )
    assert isinstance(current, model)
    return current


def create(
    actor: User,
    case: Case,
    kind: str,
    build: Callable[[Case, dt.date], tuple[Record, dict[str, dt.date], dict[str, Any]]],
    ip: str | None,
) -> Record:
    """Register a new record on `case`: `build` checks the input and returns the unsaved record, the periods to open
    (code → start) and what the journal says."""
    step = step_of(kind, "register")
    case = Case.objects.select_related("unit").get(pk=case.pk)
    permit(actor, kind, step, case.unit, "cases.case", case.pk, ip)
    on = today()
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).select_related("unit").get(pk=case.pk)
        record, opens, details = build(locked, on)
        record.save()
        opened: list[Period] = []
        for code, start in opens.items():
            opened += open_periods(locked, [code], start=start)
        _follow(record)
        record_entry(
            actor=actor,
            action=f"remedies.{kind}.register",
            object_type=object_type(kind),
            object_id=record.pk,
            after={
                "state": record.state,
                "case": locked.pk,
                "decision": record.decision_id,
                "periods_opened": sorted(p.code for p in opened),
                "due": {p.code: p.due_on.isoformat() if p.due_on else None for p in opened},
                **details,
            },
            ip=ip,
        )
    return record


def withdraw_publication(
    actor: User, record: Reconsideration | Litigation, changed_on: dt.date, instrument: str, ip: str | None
) -> dict[str, Any]:
    """The outcome set the decision aside: when the case's penalty decision is published and not yet withdrawn, record
    the change, which opens the 3 working days to withdraw it (行政处罚法 第四十八条第二款、第八十五条). Nobody records
    it by hand. Returns what the step's journal entry says about it."""
    change = DISCLOSURE_CHANGE.get(record.set_aside)
    if not change or record.decision.outcome != "penalty":
        return {}
    publication = PublishedDecision.objects.filter(case_id=record.case_id, withdrawn_on__isnull=True).first()
    if publication is None:
        return {}
    running = Period.objects.filter(case_id=record.case_id, code="publication_withdrawal", state=PeriodState.RUNNING)
    if running.exists():
        return {"publication_withdrawal": "already_running"}
    try:
        period = record_decision_change(
            actor=actor, publication=publication, kind=change, changed_on=changed_on, instrument=instrument, ip=ip
        )
    except DisclosureError as error:
        raise RemedyBlocked([f"未能登记公示的处罚决定被{record.outcome_label}：{error.message}"]) from None
    return {"publication_withdrawal": period.due_on.isoformat() if period.due_on else None}
