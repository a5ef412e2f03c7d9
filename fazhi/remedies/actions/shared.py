"""The steps a reconsideration and a lawsuit share — the collective discussion, the hearing and who appeared for the
organ, the suspension of execution — and the checks both registrations and approvals make."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Decision
from fazhi.remedies.actions.common import Change, Problems, Record, RemedyBlocked, discussion_required, take
from fazhi.remedies.models import Appearance, Reconsideration


def challenged_decision(case: Case, decision: Decision | None) -> Decision:
    """The decision a remedy is against: the one named (it must be the case's), else the case's latest."""
    if decision is not None:
        if decision.case_id != case.pk:
            raise RemedyBlocked(["所选决定不属于本案。"], ["decision"])
        return decision
    latest = Decision.objects.filter(case=case).order_by("-sequence").first()
    if latest is None:
        raise RemedyBlocked(["本案尚未作出决定，不能登记行政复议或者行政诉讼。"], ["decision"])
    return latest


def record_discussion(
    *,
    actor: User,
    record: Any,
    discussed_on: dt.date | None,
    minutes: str,
    ip: str | None = None,
) -> Any:
    """集体讨论 of the answer (or the defence) before the head approves it, with its minutes."""

    def apply(current: Any, on: dt.date) -> Change:
        problems = Problems()
        problems.date(
            "discussed_on", discussed_on, "集体讨论日期", on=on, after=(current.copy_received_on, "收到副本日期")
        )
        text = problems.text("minutes", minutes, "集体讨论纪要")
        problems.raise_if_any()
        assert discussed_on is not None
        return Change(
            fields={"discussed_on": discussed_on, "discussion_minutes": text},
            details={"discussed_on": discussed_on.isoformat()},
        )

    return take(actor, record, "record_discussion", apply, ip)


def approve(actor: User, record: Record, action: str, ip: str | None) -> Record:
    """The organ's head approves the answer (行政复议法 第四十八条) or the defence (行政诉讼法 第六十七条第一款),
    given in the organ's name; where the bureau's rule asks for it, after the collective discussion."""

    def apply(current: Record, on: dt.date) -> Change:
        if discussion_required() and current.discussed_on is None:
            what = "答复" if isinstance(current, Reconsideration) else "答辩"
            raise RemedyBlocked([f"本局规定{what}前须经集体讨论：请先记录集体讨论。"])
        return Change(fields={"approved_by": actor, "approved_on": on})

    return take(actor, record, action, apply, ip)


def hearing_problems(
    problems: Problems, appearance: str, appeared_name: str, head_absence_reason: str
) -> tuple[str, str]:
    """Who appeared for the organ: its head, or a staff member with the reason the head could not (行政复议法
    第五十一条第三款; 行政诉讼法 第三条第三款; 行诉解释 第一百二十八条第二款: not a lawyer alone)."""
    if appearance not in Appearance.values:
        problems.add("appearance", "请选择出庭（参加听证）情况。")
    name = problems.text(
        "appeared_name", appeared_name, "出庭（参加）人员", required=appearance != Appearance.NONE, line=True
    )
    reason = problems.text(
        "head_absence_reason", head_absence_reason, "负责人未出庭（参加）的理由", required=appearance != Appearance.HEAD
    )
    return name, reason


def record_hearing(
    *,
    actor: User,
    record: Any,
    hearing_on: dt.date | None,
    appearance: str,
    appeared_name: str = "",
    appeared_title: str = "",
    head_absence_reason: str = "",
    ip: str | None = None,
) -> Any:
    """The hearing (复议听证, 第五十条) or the court's session, and who appeared for the organ."""

    def apply(current: Any, on: dt.date) -> Change:
        problems = Problems()
        problems.date(
            "hearing_on", hearing_on, "听证（开庭）日期", on=on, after=(current.copy_received_on, "收到副本日期")
        )
        name, reason = hearing_problems(problems, appearance, appeared_name, head_absence_reason)
        title = problems.text("appeared_title", appeared_title, "职务", required=False, line=True)
        problems.raise_if_any()
        assert hearing_on is not None
        return Change(
            fields={
                "hearing_on": hearing_on,
                "appearance": appearance,
                "appeared_name": name,
                "appeared_title": title,
                "head_absence_reason": reason if appearance != Appearance.HEAD else "",
            },
            details={"hearing_on": hearing_on.isoformat(), "appearance": appearance},
        )

    return take(actor, record, "record_hearing", apply, ip)


def record_suspension(
    *, actor: User, record: Any, suspended_on: dt.date | None, basis: str, ip: str | None = None
) -> Any:
    """The decision's execution was suspended (行政复议法 第四十二条; 行政诉讼法 第五十六条): no enforcement
    meanwhile."""

    def apply(current: Any, on: dt.date) -> Change:
        problems = Problems()
        problems.date(
            "suspended_on", suspended_on, "停止执行日期", on=on, after=(current.decision.decided_on, "决定日期")
        )
        text = problems.text("basis", basis, "停止执行依据（决定或者裁定）", line=True)
        problems.raise_if_any()
        assert suspended_on is not None
        return Change(
            fields={"execution_suspended_on": suspended_on, "suspension_basis": text},
            details={"suspended_on": suspended_on.isoformat()},
        )

    return take(actor, record, "record_suspension", apply, ip)
