"""What every step of a listing shares: the errors, the permission check (refusals journaled), the input checks,
and `_take`, which runs one step under a row lock with its periods and its one journal entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import Unit, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases.models import Case
from fazhi.cases.periods import meet_periods, open_periods
from fazhi.dishonest_list.models import Listing
from fazhi.dishonest_list.workflow import BY_ACTION, SYSTEM, State, Step
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.rules import crime

OBJECT_TYPE = "dishonest_list.listing"
# 文号 prefixes of the two decisions the statute requires in writing (第八条第二款 列入决定书; 第十四条第二款 the
# decision on early removal), in the Shenzhen bureau's pattern (fazhi/documents/types.py).
LISTING_PREFIX = "深人社监失列"
EARLY_REMOVAL_PREFIX = "深人社监失移"
MAX_TEXT = 2000


class ListingError(ActionError):
    """The step cannot be taken (a Chinese `message`). Nothing is written."""


class ListingRefused(ListingError):
    """The actor may not take the step (journaled as refused)."""


class ListingConflict(ListingError):
    """The listing is no longer in a state the step starts from (someone acted first)."""


class ListingBlocked(ListingError):
    """The statute's conditions or the input fail: `reasons` lists why, `fields` names the inputs at fault."""

    def __init__(self, reasons: Sequence[str], fields: Sequence[str] = ()) -> None:
        self.reasons = list(reasons)
        self.fields = list(fields)
        super().__init__("；".join(self.reasons))


def _today() -> dt.date:
    return timezone.localdate()


def _refuse(actor: User | None, step: Step, reason: str, object_type: str, object_id: int, ip: str | None) -> NoReturn:
    record_refusal(
        actor=actor,
        action=f"dishonest_list.{step.action}",
        reason=reason,
        object_type=object_type,
        object_id=object_id,
        ip=ip,
    )
    raise ListingRefused(reason)


def _permit(actor: User | None, step: Step, unit: Unit, object_type: str, object_id: int, ip: str | None) -> None:
    """The role and the unit scope (the case's unit and the units above it)."""
    if actor is None:
        if SYSTEM not in step.roles:
            _refuse(None, step, "该步骤须由工作人员办理。", object_type, object_id, ip)
        return
    if not (actor.is_active and in_business_scope(actor, unit)):
        _refuse(actor, step, "您无权办理该案件的失信名单事项。", object_type, object_id, ip)
    if not actor.role_names & step.roles:
        _refuse(actor, step, f"您的角色不能办理“{step.label}”。", object_type, object_id, ip)


def _date_problem(value: dt.date | None, label: str, today: dt.date, *, after: dt.date | None = None) -> str:
    if value is None:
        return f"请填写{label}。"
    if value > today:
        return f"{label}不能晚于今天。"
    if after is not None and value < after:
        return f"{label}不能早于 {after:%Y-%m-%d}。"
    return ""


def _text(value: str, label: str, *, required: bool = True) -> tuple[str, str]:
    text = value.strip()
    if required and not text:
        return text, f"请填写{label}。"
    if len(text) > MAX_TEXT:
        return text, f"{label}不能超过 {MAX_TEXT} 个字。"
    return text, ""


def arrears_of(case: Case) -> list[crime.WageLine]:
    """The wages in arrears as the case found them, per worker (the amount owed and its months)."""
    return [
        crime.WageLine(line.amount_owed, crime.months_unpaid(line.period_start, line.period_end))
        for line in case.worker_lines.order_by("pk")
    ]


def _period_due(case_id: int, code: str) -> tuple[bool, dt.date | None]:
    """(whether period `code` ever ran on the case, its latest due date)."""
    from fazhi.cases.models import Period

    period = Period.objects.filter(case_id=case_id, code=code).order_by("-pk").first()
    return (period is not None, period.due_on if period is not None else None)


# --- the steps on an existing listing ------------------------------------------------------------------------------


@dataclass
class Change:
    """What a step does to the listing: its new state (None: stays), the fields it sets, what the journal says, the
    start of each period it opens (default: today) and periods it meets beyond those of its row."""

    target: State | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    starts: dict[str, dt.date] = field(default_factory=dict)
    meets: tuple[str, ...] = ()
    after: Callable[[Listing], None] | None = None  # more writes once the listing is saved (the published snapshot)


def _take(
    actor: User | None,
    listing: Listing,
    action: str,
    apply: Callable[[Listing, dt.date], Change],
    ip: str | None,
) -> Listing:
    step = BY_ACTION[action]
    unit = Unit.objects.get(pk=listing.unit_id)
    _permit(actor, step, unit, OBJECT_TYPE, listing.pk, ip)
    today = _today()
    with transaction.atomic():
        current = Listing.objects.select_for_update(of=("self",)).select_related("case", "unit").get(pk=listing.pk)
        if State(current.state) not in step.sources:
            raise ListingConflict(
                f"该名单记录当前为“{current.state_label}”，不能{step.label}（可能已被他人处理，请刷新后重试）。"
            )
        before = current.state
        change = apply(current, today)
        target = change.target or step.target or State(current.state)
        for name, value in change.fields.items():
            setattr(current, name, value)
        current.state = target.value
        current.version += 1
        current.save()
        case = current.case
        met = meet_periods(case, [*step.meets, *change.meets], on=today)
        opened = []
        for code in step.opens:
            opened += open_periods(case, [code], start=change.starts.get(code, today))
        if change.after is not None:
            change.after(current)
        details = {
            "case": case.pk,
            "periods_met": met,
            "periods_opened": sorted(p.code for p in opened),
            **change.details,
        }
        record_entry(
            actor=actor,
            action=f"dishonest_list.{action}",
            object_type=OBJECT_TYPE,
            object_id=current.pk,
            before={"state": before},
            after={"state": current.state, **details},
            ip=ip,
        )
    return current
