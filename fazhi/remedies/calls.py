"""Each step of the remedies' tables as a call of its action with the fields of its form (fazhi/remedies/forms.py):
shared by the staff pages and the API, so both take a step the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fazhi.accounts.models import User
from fazhi.remedies import actions

Call = Callable[[User, Any, dict[str, Any], str | None], Any]
RECONSIDERATION_CALLS: dict[str, Call] = {
    "record_discussion": lambda u, r, d, ip: actions.record_discussion(actor=u, record=r, ip=ip, **d),
    "approve_answer": lambda u, r, d, ip: actions.approve_answer(actor=u, reconsideration=r, ip=ip),
    "submit_answer": lambda u, r, d, ip: actions.submit_answer(actor=u, reconsideration=r, ip=ip, **d),
    "record_hearing": lambda u, r, d, ip: actions.record_hearing(actor=u, record=r, ip=ip, **d),
    "record_suspension": lambda u, r, d, ip: actions.record_suspension(actor=u, record=r, ip=ip, **d),
    "record_outcome": lambda u, r, d, ip: actions.record_outcome(actor=u, reconsideration=r, ip=ip, **d),
}
LITIGATION_CALLS: dict[str, Call] = {
    "record_discussion": lambda u, r, d, ip: actions.record_discussion(actor=u, record=r, ip=ip, **d),
    "approve_defence": lambda u, r, d, ip: actions.approve_defence(actor=u, litigation=r, ip=ip),
    "submit_defence": lambda u, r, d, ip: actions.submit_defence(actor=u, litigation=r, ip=ip, **d),
    "record_hearing": lambda u, r, d, ip: actions.record_hearing(actor=u, record=r, ip=ip, **d),
    "record_suspension": lambda u, r, d, ip: actions.record_suspension(actor=u, record=r, ip=ip, **d),
    "record_judgment": lambda u, r, d, ip: actions.record_judgment(actor=u, litigation=r, ip=ip, **d),
    "register_appeal": lambda u, r, d, ip: actions.register_appeal(actor=u, litigation=r, ip=ip, **d),
    "record_effective": lambda u, r, d, ip: actions.record_effective(actor=u, litigation=r, ip=ip),
    "record_performance": lambda u, r, d, ip: actions.record_performance(actor=u, litigation=r, ip=ip, **d),
}
