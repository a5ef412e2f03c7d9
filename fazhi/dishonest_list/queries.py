"""Reads for the staff side of the dishonest list: the listings in the user's scope with their next deadline, one
listing with its periods, and what the case page shows and offers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from fazhi.accounts.access import can_write
from fazhi.accounts.models import User
from fazhi.accounts.queries import scope_by_unit
from fazhi.cases.models import Case, Decision, Period, PeriodState
from fazhi.cases.queries import next_provisional
from fazhi.dishonest_list.models import Listing
from fazhi.dishonest_list.workflow import LIVE, STEPS, Step
from fazhi.rules.dishonest_list import ORDERS_TO_PAY

PERIOD_CODES = (
    "dishonest_objection",
    "dishonest_objection_review",
    "dishonest_listing_decision",
    "dishonest_early_removal_decision",
    "dishonest_removal",
)


def visible_listings(user: User) -> QuerySet[Listing]:
    return scope_by_unit(Listing.objects.select_related("case", "unit"), user)


def listings(user: User, state: str = "") -> QuerySet[Listing]:
    """The listings in `user`'s scope, newest first, each with `next_due`: the earliest running due date of the
    dishonest-list periods of its case (and `next_provisional`: while those wait for a holiday year, the earliest
    provisional date, shown only)."""
    next_due = (
        Period.objects.filter(
            case=OuterRef("case"), code__in=PERIOD_CODES, state=PeriodState.RUNNING, due_on__isnull=False
        )
        .order_by("due_on")
        .values("due_on")[:1]
    )
    rows = visible_listings(user).annotate(next_due=Subquery(next_due), next_provisional=next_provisional(PERIOD_CODES))
    return rows.filter(state=state) if state else rows


def listing_for(user: User, pk: int) -> Listing | None:
    return visible_listings(user).filter(pk=pk).first()


def listing_periods(listing: Listing) -> list[Period]:
    return list(Period.objects.filter(case_id=listing.case_id, code__in=PERIOD_CODES).order_by("started_on", "pk"))


def steps_for(user: User, listing: Listing) -> list[Step]:
    """The steps `user` may take on `listing` now (role and state; the statute's conditions are checked on taking)."""
    if not can_write(user):
        return []
    roles = user.role_names
    return [step for step in STEPS if step.sources and listing.state in step.sources and roles & step.roles]


def wage_order(case: Case) -> Decision | None:
    """The case's latest order to pay wages by a deadline (第五条 "经…依法责令限期支付工资"; 法释〔2013〕3号 第四条:
    限期整改指令书、行政处理决定书). A later decision in the case — a penalty, 责令加付赔偿金 — does not replace it."""
    return case.decisions.filter(outcome__in=ORDERS_TO_PAY, comply_by__isnull=False).order_by("-sequence").first()


@dataclass(frozen=True)
class CaseListing:
    applies: bool  # the case ordered payment by a deadline that has passed: the list may apply (第五条)
    listings: list[Listing]
    may_notify: bool  # the user may give the prior notice now


def case_listing(user: User, case: Case, today: dt.date) -> CaseListing:
    """For the case page (the case is already in the user's scope)."""
    order = wage_order(case)
    applies = order is not None and order.comply_by is not None and today > order.comply_by
    found = list(Listing.objects.filter(case=case).order_by("-pk"))
    live = any(listing.state in LIVE for listing in found)
    notifiers = STEPS[0].roles
    may = applies and not live and can_write(user) and bool(user.role_names & notifiers)
    return CaseListing(applies=applies or bool(found), listings=found, may_notify=may)
