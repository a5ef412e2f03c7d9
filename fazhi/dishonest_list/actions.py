"""Every step of a listing on the wage-arrears dishonest list (人社部令第45号), one action each (the rows of
fazhi/dishonest_list/workflow.py): the permission and the state are checked first, then the statute's conditions;
the listing changes under a row lock, the statutory periods of the step are met and opened on the case, and one
journal entry is written in the same transaction. An attempt by someone without the role or outside the unit scope
is journaled as refused (`record_refusal`) and raised; a step whose conditions fail raises `ListingBlocked` with the
reasons, in Chinese, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NoReturn

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.accounts.models import Unit, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases.models import Case
from fazhi.cases.periods import extend_period, meet_periods, open_periods
from fazhi.disclosure.actions import penalty_authority, private_names
from fazhi.dishonest_list.models import Listing, PublishedListing, RemovalGround
from fazhi.dishonest_list.workflow import BY_ACTION, SYSTEM, State, Step
from fazhi.documents.numbering import next_number
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.rules import crime
from fazhi.rules import dishonest_list as rules
from fazhi.rules.redaction import redact
from fazhi.rules.textsearch import name_bigrams

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


def _threshold() -> crime.Threshold:
    return crime.Threshold(
        Decimal(str(settings.FAZHI_CRIME_THRESHOLD_ONE_WORKER)),
        Decimal(str(settings.FAZHI_CRIME_THRESHOLD_MANY_WORKERS)),
    )


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


# --- the prior notice -------------------------------------------------------------------------------------------


def give_notice(
    *,
    actor: User,
    case: Case,
    ground: str,
    served_on: dt.date | None,
    unpaid_at_deadline: bool,
    incident: str = "",
    responsible_persons: str = "",
    ip: str | None = None,
) -> Listing:
    """告知拟列入 (第六条第一款): the notice of the reasons, the basis, the right to object and 第七条 was served on
    the employer on `served_on`. Opens the objection window (5 WD from the notice's receipt) and the time to decide
    (20 WD from the order's deadline, 第八条第一款)."""
    step = BY_ACTION["give_notice"]
    case = Case.objects.select_related("unit", "employer").get(pk=case.pk)
    _permit(actor, step, case.unit, "cases.case", case.pk, ip)
    today = _today()
    problems: list[str] = []
    fields: list[str] = []
    try:
        chosen = rules.Ground(ground)
    except ValueError:
        raise ListingBlocked(["请选择列入情形（第五条第（一）项或第（二）项）。"], ["ground"]) from None
    served_problem = _date_problem(served_on, "告知送达日期", today, after=case.comply_by)
    if served_problem:
        problems.append(served_problem)
        fields.append("served_on")
    if case.served_on is None:
        problems.append("责令支付工资的文书尚未送达，不能告知拟列入（第五条：经依法责令限期支付）。")
    incident_text, incident_problem = _text(incident, "事件情况", required=False)
    persons, persons_problem = _text(responsible_persons, "直接责任人员", required=False)
    for problem, name in ((incident_problem, "incident"), (persons_problem, "responsible_persons")):
        if problem:
            problems.append(problem)
            fields.append(name)
    trigger = rules.check_trigger(
        ground=chosen,
        order_outcome=case.decision_outcome,
        order_deadline=case.comply_by,
        today=today,
        arrears=arrears_of(case),
        threshold=_threshold(),
        unpaid_at_deadline=unpaid_at_deadline,
        incident=incident_text,
    )
    problems.extend(trigger.problems)
    if not unpaid_at_deadline:
        fields.append("unpaid_at_deadline")
    if chosen is rules.Ground.INCIDENT and not incident_text:
        fields.append("incident")
    if problems:
        raise ListingBlocked(problems, fields)
    assert served_on is not None
    assert case.comply_by is not None
    employer = case.employer
    with transaction.atomic():
        Case.objects.select_for_update(of=("self",)).filter(pk=case.pk).first()
        try:
            with transaction.atomic():
                listing = Listing.objects.create(
                    case=case,
                    unit=case.unit,
                    employer_name=employer.name,
                    credit_code=employer.credit_code or "",
                    legal_representative=employer.legal_representative,
                    employer_address=employer.address,
                    responsible_persons=persons,
                    ground=chosen.value,
                    grounds_found=incident_text if chosen is rules.Ground.INCIDENT else "；".join(trigger.reasons),
                    notice_served_on=served_on,
                )
        except IntegrityError:
            raise ListingConflict("本案已有办理中的失信名单事项。") from None
        opened = open_periods(case, ["dishonest_objection"], start=served_on)
        opened += open_periods(case, ["dishonest_listing_decision"], start=case.comply_by)
        record_entry(
            actor=actor,
            action="dishonest_list.give_notice",
            object_type=OBJECT_TYPE,
            object_id=listing.pk,
            after={
                "case": case.pk,
                "state": listing.state,
                "ground": chosen.value,
                "served_on": served_on.isoformat(),
                "periods_opened": sorted(p.code for p in opened),
            },
            ip=ip,
        )
    return listing


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


def record_objection(
    *, actor: User, listing: Listing, received_on: dt.date | None, objection: str, ip: str | None = None
) -> Listing:
    """登记异议 (第六条第二款): an objection received within 5 working days of the notice; its verification (5 WD
    from receipt) starts."""

    def apply(current: Listing, today: dt.date) -> Change:
        text, problem = _text(objection, "异议内容")
        problems, fields = ([problem], ["objection"]) if problem else ([], [])
        date_problem = _date_problem(received_on, "收到异议日期", today, after=current.notice_served_on)
        if date_problem:
            problems.append(date_problem)
            fields.append("received_on")
        else:
            _, due = _period_due(current.case_id, "dishonest_objection")
            if due is not None and received_on is not None and received_on > due:
                problems.append(f"异议期已于 {due:%Y-%m-%d} 届满，逾期提出的异议不予核实（第六条第二款）。")
                fields.append("received_on")
        if problems:
            raise ListingBlocked(problems, fields)
        assert received_on is not None
        return Change(
            fields={"objection_received_on": received_on, "objection": text},
            details={"received_on": received_on.isoformat()},
            starts={"dishonest_objection_review": received_on},
        )

    return _take(actor, listing, "record_objection", apply, ip)


def answer_objection(
    *, actor: User, listing: Listing, upheld: bool | None, result: str, ip: str | None = None
) -> Listing:
    """核实异议并告知结果 (第六条第二款): an objection upheld ends the matter (不予列入); one not upheld returns the
    listing to the decision."""

    def apply(current: Listing, today: dt.date) -> Change:
        text, problem = _text(result, "核实结果")
        problems, fields = ([problem], ["result"]) if problem else ([], [])
        if upheld is None:
            problems.append("请选择异议是否成立。")
            fields.append("upheld")
        if problems:
            raise ListingBlocked(problems, fields)
        target = State.NOT_LISTED if upheld else State.NOTICE
        changes: dict[str, Any] = {"objection_upheld": upheld, "objection_result": text, "objection_answered_on": today}
        if upheld:
            changes["not_listed_reason"] = f"异议成立：{text}"
        return Change(
            target=target,
            fields=changes,
            details={"upheld": bool(upheld)},
            meets=("dishonest_listing_decision",) if upheld else (),
        )

    return _take(actor, listing, "answer_objection", apply, ip)


def extend_decision_period(*, actor: User, listing: Listing, reason: str, ip: str | None = None) -> Listing:
    """延长列入决定期限 (第八条第一款): complex cases, by 20 working days, once, with the head's approval."""

    def apply(current: Listing, today: dt.date) -> Change:
        text, problem = _text(reason, "延长理由")
        problems = [problem] if problem else []
        if current.decision_extended:
            problems.append("列入决定期限已经延长过一次（第八条第一款：可以延长20个工作日）。")
        if problems:
            raise ListingBlocked(problems, ["reason"] if problem else [])
        period = extend_period(current.case, "dishonest_listing_decision")
        if period is None:
            raise ListingBlocked(["作出列入决定的期限已不在计算中，无须延长。"])
        return Change(
            fields={"decision_extended": True},
            details={"reason": text, "due_on": period.due_on.isoformat() if period.due_on else None},
        )

    return _take(actor, listing, "extend_decision_period", apply, ip)


def exempt(
    *,
    actor: User,
    listing: Listing,
    corrected_on: dt.date | None,
    commitment_on: dt.date | None,
    ip: str | None = None,
) -> Listing:
    """不予列入 (第七条): the employer corrected the arrears before the decision and made a written credit
    commitment not to owe wages again."""

    def apply(current: Listing, today: dt.date) -> Change:
        problems = rules.may_exempt(corrected_on=corrected_on, commitment_on=commitment_on, today=today)
        if problems:
            given = (("corrected_on", corrected_on), ("commitment_on", commitment_on))
            fields = [name for name, value in given if value is None or value > today]
            raise ListingBlocked(problems, fields)
        assert corrected_on is not None
        assert commitment_on is not None
        return Change(
            fields={
                "corrected_on": corrected_on,
                "commitment_on": commitment_on,
                "not_listed_reason": "用人单位在作出列入决定前已经改正拖欠农民工工资违法行为，并作出不再拖欠农民工工资"
                "书面信用承诺（第七条）。",
            },
            details={"corrected_on": corrected_on.isoformat(), "commitment_on": commitment_on.isoformat()},
            meets=("dishonest_objection_review",),
        )

    return _take(actor, listing, "exempt", apply, ip)


def _objection_window_problem(current: Listing, today: dt.date) -> str:
    """The decision waits for the objection window (第六条第二款) unless an objection was answered."""
    if current.objection_answered_on is not None:
        return ""
    ran, due = _period_due(current.case_id, "dishonest_objection")
    if not ran:
        return ""
    if due is None:
        return "异议期的届满日须待下一年度节假日数据导入后才能确定，暂不能作出列入决定。"
    if today <= due:
        return f"异议期至 {due:%Y-%m-%d} 届满，届满后方可作出列入决定（第六条第二款）。"
    return ""


def decide_listing(*, actor: User, listing: Listing, ip: str | None = None) -> Listing:
    """作出列入决定 (第八条): the 列入决定书 is numbered; the term runs 3 years from today (第十一条)."""

    def apply(current: Listing, today: dt.date) -> Change:
        problem = _objection_window_problem(current, today)
        if problem:
            raise ListingBlocked([problem])
        number = f"{LISTING_PREFIX}〔{today.year}〕{next_number(LISTING_PREFIX, today.year)}号"
        ends_on = rules.listing_ends_on(today)
        return Change(
            fields={
                "decision_number": number,
                "decided_on": today,
                "decided_by": actor,
                "authority": penalty_authority(current.unit),
                "term_starts_on": today,
                "ends_on": ends_on,
            },
            details={"decision_number": number, "decided_on": today.isoformat(), "ends_on": ends_on.isoformat()},
        )

    return _take(actor, listing, "decide_listing", apply, ip)


def _snapshot(current: Listing, today: dt.date) -> Callable[[Listing], None]:
    def write(saved: Listing) -> None:
        names = [*private_names(saved.case), *saved.responsible_names()]
        keep = [saved.employer_name, saved.credit_code, saved.legal_representative, saved.decision_number]
        assert saved.decided_on is not None
        assert saved.ends_on is not None
        assert saved.term_starts_on is not None
        PublishedListing.objects.update_or_create(
            listing_id=saved.pk,
            defaults={
                "decision_number": saved.decision_number,
                "employer_name": saved.employer_name,
                "credit_code": saved.credit_code,
                "legal_representative": saved.legal_representative,
                "employer_address": redact(saved.employer_address, names=names, keep=keep),
                "reason": saved.reason,
                "basis": rules.BASIS,
                "authority": saved.authority,
                "decided_on": saved.term_starts_on,
                "ends_on": saved.ends_on,
                "sanctions": rules.SANCTIONS,
                "published_on": today,
                "name_bigrams": name_bigrams(saved.employer_name),
                "removed_on": None,
            },
        )

    return write


def publish(*, actor: User, listing: Listing, ip: str | None = None) -> Listing:
    """公开 (第九条、第十条): the listing on the bureau's portal, as a snapshot the portal reads."""

    def apply(current: Listing, today: dt.date) -> Change:
        if current.published_on is not None:
            raise ListingBlocked([f"该名单已于 {current.published_on:%Y-%m-%d} 公开。"])
        if current.expired_on(today):
            raise ListingBlocked(["列入期限已届满，不再公开。"])
        return Change(
            fields={"published_on": today}, details={"published_on": today.isoformat()}, after=_snapshot(current, today)
        )

    return _take(actor, listing, "publish", apply, ip)


def receive_application(
    *,
    actor: User,
    listing: Listing,
    received_on: dt.date | None,
    corrected_on: dt.date | None,
    commitment: bool,
    application: str,
    ip: str | None = None,
) -> Listing:
    """受理提前移出申请 (第十四条第一款): the written application, the evidence of correction and the written credit
    commitment; the decision is due within 15 working days of its receipt."""

    def apply(current: Listing, today: dt.date) -> Change:
        problems, fields = [], []
        for value, label, name in (
            (received_on, "收到申请日期", "received_on"),
            (corrected_on, "改正日期", "corrected_on"),
        ):
            problem = _date_problem(value, label, today)
            if problem:
                problems.append(problem)
                fields.append(name)
        if received_on is not None and current.decided_on is not None and received_on < current.decided_on:
            problems.append("收到申请日期不能早于列入决定日期。")
            fields.append("received_on")
        text, problem = _text(application, "申请及改正证据")
        if problem:
            problems.append(problem)
            fields.append("application")
        if problems:
            raise ListingBlocked(problems, fields)
        assert received_on is not None
        return Change(
            fields={
                "application_received_on": received_on,
                "corrected_on": corrected_on,
                "application_commitment": commitment,
                "application": text,
                "early_refusal_reasons": "",
            },
            details={"received_on": received_on.isoformat(), "commitment": commitment},
            starts={"dishonest_early_removal_decision": received_on},
        )

    return _take(actor, listing, "receive_application", apply, ip)


def early_removal_problems(listing: Listing, on: dt.date, bars: Sequence[rules.Bar] = ()) -> list[str]:
    """Why the listing may not be removed early on `on` (第十二条、第十三条)."""
    assert listing.decided_on is not None
    return rules.early_removal_problems(
        decided_on=listing.term_starts_on or listing.decided_on,
        corrected_on=listing.corrected_on,
        commitment=listing.application_commitment,
        on=on,
        bars=bars,
    )


def grant_early_removal(*, actor: User, listing: Listing, ip: str | None = None) -> Listing:
    """准予提前移出 (第十四条第二款、第三款): the decision is numbered; the employer and its other parties come off the
    list together (they are one listing), within 10 working days (第十七条)."""

    def apply(current: Listing, today: dt.date) -> Change:
        problems = early_removal_problems(current, today)
        if problems:
            raise ListingBlocked(problems)
        number = f"{EARLY_REMOVAL_PREFIX}〔{today.year}〕{next_number(EARLY_REMOVAL_PREFIX, today.year)}号"
        return Change(
            fields={
                "early_decision_number": number,
                "early_decided_on": today,
                "removal_ground": RemovalGround.EARLY,
                "removal_ground_on": today,
            },
            details={"decision_number": number},
        )

    return _take(actor, listing, "grant_early_removal", apply, ip)


def refuse_early_removal(
    *, actor: User, listing: Listing, reasons: str, bars: Sequence[str] = (), ip: str | None = None
) -> Listing:
    """不予提前移出 (第十四条第二款: with reasons; 第十八条: the employer may seek reconsideration or sue)."""

    def apply(current: Listing, today: dt.date) -> Change:
        text, problem = _text(reasons, "不予提前移出的理由")
        problems, fields = ([problem], ["reasons"]) if problem else ([], [])
        try:
            chosen = [rules.Bar(bar) for bar in bars]
        except ValueError:
            problems.append("不得提前移出的情形有误。")
            fields.append("bars")
            chosen = []
        if problems:
            raise ListingBlocked(problems, fields)
        why = "；".join([*(bar.label for bar in chosen), text])
        number = f"{EARLY_REMOVAL_PREFIX}〔{today.year}〕{next_number(EARLY_REMOVAL_PREFIX, today.year)}号"
        return Change(
            fields={"early_decision_number": number, "early_decided_on": today, "early_refusal_reasons": why},
            details={"decision_number": number, "bars": [bar.value for bar in chosen]},
        )

    return _take(actor, listing, "refuse_early_removal", apply, ip)


def revoke(*, actor: User, listing: Listing, reason: str, ip: str | None = None) -> Listing:
    """撤销列入决定 (第十六条): the order to pay it rests on was revoked (by reconsideration, a court, or the bureau);
    the removal follows within 10 working days (第十七条第一款第（三）项)."""

    def apply(current: Listing, today: dt.date) -> Change:
        text, problem = _text(reason, "撤销理由（责令限期支付工资文书被撤销的情况）")
        if problem:
            raise ListingBlocked([problem], ["reason"])
        return Change(
            fields={"revocation_reason": text, "removal_ground": RemovalGround.REVOKED, "removal_ground_on": today},
            details={"reason": text},
        )

    return _take(actor, listing, "revoke", apply, ip)


def expire(*, listing: Listing) -> Listing:
    """列入期限届满 (第十一条): found by the daily sweep; the removal is due within 10 working days of the term's end
    (第十七条第一款第（一）项). The portal stops showing the listing the day after its last day, whatever the staff
    do."""

    def apply(current: Listing, today: dt.date) -> Change:
        if not current.expired_on(today):
            raise ListingBlocked(["列入期限尚未届满。"])
        assert current.ends_on is not None
        return Change(
            fields={"removal_ground": RemovalGround.EXPIRED, "removal_ground_on": current.ends_on},
            details={"ends_on": current.ends_on.isoformat()},
            starts={"dishonest_removal": current.ends_on},
        )

    return _take(None, listing, "expire", apply, None)


def remove(*, actor: User, listing: Listing, ip: str | None = None) -> Listing:
    """移出名单并停止公开 (第十七条): the portal stops showing it; the record stays here."""

    def apply(current: Listing, today: dt.date) -> Change:
        def stop(saved: Listing) -> None:
            PublishedListing.objects.filter(listing_id=saved.pk, removed_on=None).update(removed_on=today)

        return Change(
            fields={"removed_on": today},
            details={"removal_ground": current.removal_ground, "removed_on": today.isoformat()},
            after=stop,
        )

    return _take(actor, listing, "remove", apply, ip)


def restore(*, actor: User, listing: Listing, reason: str, ip: str | None = None) -> Listing:
    """撤销提前移出决定，恢复列入 (第十五条): the employer hid the truth or gave false material, seriously; the term
    starts again from today and the listing is published again."""

    def apply(current: Listing, today: dt.date) -> Change:
        if current.removal_ground != RemovalGround.EARLY:
            raise ListingBlocked(["只有准予提前移出的名单才能因申请不实而恢复列入（第十五条）。"])
        text, problem = _text(reason, "恢复列入的理由（隐瞒真实情况、提供虚假资料的情况）")
        if problem:
            raise ListingBlocked([problem], ["reason"])
        ends_on = rules.listing_ends_on(today)
        return Change(
            fields={
                "restored_on": today,
                "restoration_reason": text,
                "term_starts_on": today,
                "ends_on": ends_on,
                "removal_ground": "",
                "removal_ground_on": None,
                "removed_on": None,
                "published_on": None,
            },
            details={"reason": text, "ends_on": ends_on.isoformat()},
        )

    return _take(actor, listing, "restore", apply, ip)


def sweep_expired(today: dt.date | None = None) -> int:
    """Every listing on the list past its term: `expire` (the daily command). Returns how many."""
    day = today or _today()
    done = 0
    for listing in Listing.objects.filter(state__in=[State.LISTED, State.REMOVAL_REVIEW], ends_on__lt=day):
        expire(listing=listing)
        done += 1
    return done
