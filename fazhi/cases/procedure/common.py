"""Small reads the guards and effects of several phases share: the staff a step names, certified officers, the
running period of a code, amounts and dates typed into a step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.accounts.models import Role, User
from fazhi.cases.models import Case, Period, PeriodState


def certified(user: User | None) -> bool:
    return user is not None and user.is_active and bool(user.enforcement_certificate_number)


def staff(username: object) -> User | None:
    return User.objects.filter(username=str(username or ""), is_active=True).select_related("unit").first()


def user(username: object) -> User:
    return User.objects.get(username=str(username), is_active=True)


def may_handle(candidate: User | None, case: Case) -> list[str]:
    """Why `candidate` may not handle `case`: a handler is an active inspector with an enforcement certificate in the
    case's unit or a unit below it (行政处罚法 第四十二条)."""
    # Someone outside the case's unit gets the answer of an unknown user name, never their name (security review I2).
    if candidate is None or candidate.unit is None or not candidate.unit.path.startswith(case.unit.path):
        return ["本案承办机构中没有这个在职的执法人员。"]
    if not candidate.has_role(Role.INSPECTOR) or not certified(candidate):
        return ["办案人员须为持有行政执法证的监察员（行政处罚法第四十二条）。"]
    return []


def district_path(case: Case) -> str:
    """The path of the case's district: the first two levels of the unit tree ("/1/4/")."""
    return "/".join(case.unit.path.split("/")[:3]) + "/"


def same_district(candidate: User, case: Case) -> bool:
    """`candidate` works in the case's district or above it."""
    if candidate.unit is None:
        return False
    district = district_path(case)
    return district.startswith(candidate.unit.path) or candidate.unit.path.startswith(district)


def live_period(case: Case, code: str) -> Period | None:
    """The period `code` of the case that is running or suspended (at most one: a database constraint)."""
    return Period.objects.filter(case=case, code=code, state__in=(PeriodState.RUNNING, PeriodState.SUSPENDED)).first()


def running(case: Case, code: str) -> Period | None:
    return Period.objects.filter(case=case, code=code, state=PeriodState.RUNNING).first()


def amount(value: object) -> Decimal | None:
    return Decimal(str(value)) if value not in (None, "") else None


def day(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value not in (None, "") else None
