"""Early removal, revocation, expiry, removal and restoration (人社部令第45号 第十一条至第十七条)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fazhi.accounts.models import User
from fazhi.disclosure.generation import bump_portal_generation
from fazhi.dishonest_list.actions.common import (
    EARLY_REMOVAL_PREFIX,
    Change,
    ListingBlocked,
    _date_problem,
    _take,
    _text,
    _today,
)
from fazhi.dishonest_list.models import Listing, PublishedListing, RemovalGround
from fazhi.dishonest_list.workflow import State
from fazhi.documents.numbering import next_number
from fazhi.rules import dishonest_list as rules


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
            bump_portal_generation()  # the portal's cached pages are made again (fazhi.portal.cache)

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
