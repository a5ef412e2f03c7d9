"""The prior notice, the objection, the extension, the exemption, the listing decision and the publication
(人社部令第45号 第五条至第十条)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

from fazhi.accounts.models import User
from fazhi.cases.assessment import crime_threshold
from fazhi.cases.models import Case
from fazhi.cases.periods import extend_period, open_periods
from fazhi.disclosure.actions import penalty_authority, private_names
from fazhi.disclosure.generation import bump_portal_generation
from fazhi.dishonest_list.actions.common import (
    LISTING_PREFIX,
    OBJECT_TYPE,
    Change,
    ListingBlocked,
    ListingConflict,
    _date_problem,
    _period_due,
    _permit,
    _take,
    _text,
    _today,
    arrears_of,
)
from fazhi.dishonest_list.models import Listing, PublishedListing
from fazhi.dishonest_list.queries import wage_order
from fazhi.dishonest_list.workflow import BY_ACTION, State
from fazhi.documents.numbering import next_number
from fazhi.journal.actions import record_entry
from fazhi.rules import dishonest_list as rules
from fazhi.rules.redaction import Redaction, redaction
from fazhi.rules.textsearch import name_bigrams

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
    order = wage_order(case)
    deadline = order.comply_by if order is not None else None
    served_problem = _date_problem(served_on, "告知送达日期", today, after=deadline)
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
        order_outcome=order.outcome if order is not None else "",
        order_deadline=deadline,
        today=today,
        arrears=arrears_of(case),
        threshold=crime_threshold(),
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
    assert deadline is not None
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
        opened += open_periods(case, ["dishonest_listing_decision"], start=deadline)
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


def published_address(listing: Listing) -> Redaction:
    """The employer's address as the publication shows it — the one free text it carries —, redacted of the case's
    natural persons and the directly responsible persons (never published), numbers and home addresses."""
    names = [*private_names(listing.case), *listing.responsible_names()]
    keep = [listing.employer_name, listing.credit_code, listing.legal_representative, listing.decision_number]
    return redaction(listing.employer_address, names=names, keep=keep)


def _snapshot(current: Listing, today: dt.date) -> Callable[[Listing], None]:
    def write(saved: Listing) -> None:
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
                "employer_address": published_address(saved).text,
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
        bump_portal_generation()  # the portal's cached pages are made again (fazhi.portal.cache)

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
