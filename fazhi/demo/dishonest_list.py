"""Demo listings on the wage-arrears dishonest list, built through the real actions on the demo's served orders to pay
whose deadline has passed (seed_demo calls this after the demo cases): two listed and published, one awaiting the
objection's verification, one within the objection window, one not listed under 第七条. Each step is taken on its own
day (the clock moved with time_machine, as the demo cases are)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.accounts.models import Role, User
from fazhi.accounts.queries import in_business_scope
from fazhi.calendars.queries import working_calendar
from fazhi.cases.assessment import crime_threshold
from fazhi.cases.models import Case
from fazhi.demo.cases import DEMO_AS_OF, SHANGHAI
from fazhi.dishonest_list import actions
from fazhi.dishonest_list.models import Listing
from fazhi.rules import dishonest_list as rules
from fazhi.rules.calendar import CalendarError

PLAN = ("publish", "publish", "objection", "notice", "exempt")
INCIDENT = "拖欠农民工工资引发二十余名农民工聚集讨薪，阻塞道路逾两小时，经媒体报道造成严重不良社会影响。"
RESPONSIBLE = "刘某某（项目经理）"


def _working_day_after(day: dt.date, days: int = 1) -> dt.date:
    try:
        return working_calendar().add_working_days(day, days)
    except CalendarError:
        return day + dt.timedelta(days=days + 2)


def _staff(case: Case, role: str) -> User | None:
    found = User.objects.filter(is_active=True, role_grants__role=role).select_related("unit").order_by("pk")
    return next((user for user in found if user.unit is not None and in_business_scope(user, case.unit)), None)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), SHANGHAI)


def seed_demo_listings() -> int:
    """Returns how many listings were made (none when the demo has some already)."""
    import time_machine

    if Listing.objects.exists():
        return 0
    latest = DEMO_AS_OF - dt.timedelta(days=40)
    cases = Case.objects.filter(
        decision_outcome__in=rules.ORDERS_TO_PAY, served_on__isnull=False, comply_by__lt=latest
    ).select_related("unit", "handler")
    made = 0
    with transaction.atomic():
        for case in cases.order_by("comply_by", "pk"):
            if made == len(PLAN):
                break
            inspector, lead, head = case.handler, _staff(case, Role.LEAD), _staff(case, Role.LEADER)
            if inspector is None or lead is None or head is None or case.comply_by is None:
                continue
            served = _working_day_after(case.comply_by)
            trigger = rules.check_trigger(
                ground=rules.Ground.AMOUNT,
                order_outcome=case.decision_outcome,
                order_deadline=case.comply_by,
                today=served,
                arrears=actions.arrears_of(case),
                threshold=crime_threshold(),
                unpaid_at_deadline=True,
            )
            ground = rules.Ground.AMOUNT if trigger.met else rules.Ground.INCIDENT
            with time_machine.travel(_at(served), tick=False):
                listing = actions.give_notice(
                    actor=inspector,
                    case=case,
                    ground=ground.value,
                    served_on=served,
                    unpaid_at_deadline=True,
                    incident="" if trigger.met else INCIDENT,
                    responsible_persons=RESPONSIBLE,
                )
            _continue(PLAN[made], listing, served, inspector, lead, head)
            made += 1
    return made


def _continue(plan: str, listing: Listing, served: dt.date, inspector: User, lead: User, head: User) -> None:
    import time_machine

    if plan == "objection":
        with time_machine.travel(_at(_working_day_after(served, 2)), tick=False):
            actions.record_objection(
                actor=inspector,
                listing=listing,
                received_on=_working_day_after(served, 2),
                objection="我单位已与劳动者协商分期支付，请求不予列入。",
            )
    elif plan == "exempt":
        day = _working_day_after(served, 3)
        with time_machine.travel(_at(day), tick=False):
            actions.exempt(actor=head, listing=listing, corrected_on=day, commitment_on=day)
    elif plan == "publish":
        decided = _working_day_after(served, 6)  # the objection window (5 working days) is over
        with time_machine.travel(_at(decided), tick=False):
            listing = actions.decide_listing(actor=head, listing=listing)
        with time_machine.travel(_at(_working_day_after(decided)), tick=False):
            actions.publish(actor=lead, listing=listing)
