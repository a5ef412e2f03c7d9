"""The bureau as respondent in a reconsideration (行政复议法 2023): registration on receiving the copy, the collective
discussion, the head's approval, the answer within 10 working days (5 in the simple procedure), the hearing, the
suspension of execution, and the decision — effective on service (第七十五条第二款)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Decision
from fazhi.documents.organ import OrganUnknown, deciding_organ
from fazhi.remedies.actions.common import (
    Change,
    Problems,
    RemedyBlocked,
    create,
    discussion_required,
    take,
    withdraw_publication,
)
from fazhi.remedies.models import Appearance, Outcome, Reconsideration
from fazhi.remedies.workflow import RECONSIDERATION_LIVE, State

RECONSIDERATION_OUTCOMES = tuple(o for o in Outcome if o != Outcome.REMANDED)


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


def default_organ(case: Case) -> str:
    """The reconsideration organ of the deciding organ: the 本级人民政府 (行政复议法 第二十四条第一款第（一）项)."""
    try:
        return deciding_organ(case.unit).reconsideration
    except OrganUnknown:
        return ""


def register_reconsideration(
    *,
    actor: User,
    case: Case,
    applicant: str,
    applied_on: dt.date | None,
    accepted_on: dt.date | None,
    copy_received_on: dt.date | None,
    decision: Decision | None = None,
    applicant_is_party: bool = True,
    organ: str = "",
    organ_number: str = "",
    request: str = "",
    simple_procedure: bool = False,
    ip: str | None = None,
) -> Reconsideration:
    """登记行政复议: the organ accepted the application and sent the copy; the bureau's written answer with its
    evidence and basis is due within 10 working days of receiving the copy (第四十八条, 第八十八条第二款), 5 in the
    simple procedure (第五十四条); a late answer counts as an act without evidence (第七十条)."""

    def build(locked: Case, on: dt.date) -> tuple[Reconsideration, dict[str, dt.date], dict[str, Any]]:
        problems = Problems()
        try:
            challenged = challenged_decision(locked, decision)
        except RemedyBlocked as blocked:
            problems.add("decision", blocked.reasons[0])
            problems.raise_if_any()
            raise
        name = problems.text("applicant", applicant, "申请人", line=True)
        the_organ = problems.text("organ", organ or default_organ(locked), "行政复议机关", line=True)
        number = problems.text("organ_number", organ_number, "复议案号", required=False, line=True)
        asked = problems.text("request", request, "复议请求", required=False)
        problems.date("applied_on", applied_on, "申请日期", on=on, after=(challenged.decided_on, "决定日期"))
        problems.date("accepted_on", accepted_on, "受理日期", on=on, after=(applied_on, "申请日期"))
        problems.date(
            "copy_received_on", copy_received_on, "收到申请书副本日期", on=on, after=(accepted_on, "受理日期")
        )
        live = Reconsideration.objects.filter(decision=challenged, state__in=sorted(RECONSIDERATION_LIVE))
        if live.exists():
            problems.add("decision", "该决定已有正在办理的行政复议。")
        problems.raise_if_any()
        assert applied_on is not None
        assert accepted_on is not None
        assert copy_received_on is not None
        record = Reconsideration(
            case=locked,
            decision=challenged,
            unit_id=locked.unit_id,
            state=State.ANSWERING,
            applicant=name,
            applicant_is_party=applicant_is_party,
            organ=the_organ,
            organ_number=number,
            request=asked,
            applied_on=applied_on,
            accepted_on=accepted_on,
            copy_received_on=copy_received_on,
            simple_procedure=simple_procedure,
            created_by=actor,
        )
        code = "reconsideration_answer_simple" if simple_procedure else "reconsideration_answer"
        details = {"applied_on": applied_on.isoformat(), "organ": the_organ, "simple_procedure": simple_procedure}
        return record, {code: copy_received_on}, details

    return create(actor, case, "reconsideration", build, ip)


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


def approval_problems(record: Any) -> list[str]:
    if discussion_required() and record.discussed_on is None:
        return ["本局规定答复（答辩）前须经集体讨论：请先记录集体讨论。"]
    return []


def approve_answer(*, actor: User, reconsideration: Reconsideration, ip: str | None = None) -> Reconsideration:
    """The organ's head approves the written answer (the organ answers in its own name, 第四十八条)."""

    def apply(current: Reconsideration, on: dt.date) -> Change:
        problems = approval_problems(current)
        if problems:
            raise RemedyBlocked(problems)
        return Change(fields={"approved_by": actor, "approved_on": on})

    return take(actor, reconsideration, "approve_answer", apply, ip)


def submit_answer(
    *, actor: User, reconsideration: Reconsideration, answered_on: dt.date | None, ip: str | None = None
) -> Reconsideration:
    """提交书面答复 with the evidence, basis and other materials of the decision (第四十八条; 第五十四条): meets the
    answer period on the day it was submitted."""

    def apply(current: Reconsideration, on: dt.date) -> Change:
        problems = Problems()
        problems.date(
            "answered_on", answered_on, "提交答复日期", on=on, after=(current.copy_received_on, "收到副本日期")
        )
        problems.raise_if_any()
        assert answered_on is not None
        return Change(
            fields={"answered_on": answered_on},
            details={"answered_on": answered_on.isoformat()},
            met_on=answered_on,
        )

    return take(actor, reconsideration, "submit_answer", apply, ip)


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


def record_outcome(
    *,
    actor: User,
    reconsideration: Reconsideration,
    outcome: str,
    decided_on: dt.date | None,
    served_on: dt.date | None,
    decision_number: str,
    note: str = "",
    ip: str | None = None,
) -> Reconsideration:
    """登记行政复议决定 (第六十三条至第六十九条; 撤回 第七十四条) and the day it was served on the party: it is
    effective on service (第七十五条第二款). When it revokes, changes, confirms unlawful or void a published penalty
    decision, the withdrawal of the publication starts (行政处罚法 第四十八条第二款)."""

    def apply(current: Reconsideration, on: dt.date) -> Change:
        problems = Problems()
        if outcome not in RECONSIDERATION_OUTCOMES:
            problems.add("outcome", "请选择行政复议决定的结果。")
        problems.date("decided_on", decided_on, "复议决定日期", on=on, after=(current.accepted_on, "受理日期"))
        problems.date("served_on", served_on, "送达日期", on=on, after=(decided_on, "复议决定日期"))
        number = problems.text("decision_number", decision_number, "行政复议决定书文号", line=True)
        summary = problems.text("note", note, "结果摘要", required=False)
        problems.raise_if_any()
        assert served_on is not None
        assert decided_on is not None

        def after(saved: Reconsideration) -> dict[str, Any]:
            return withdraw_publication(actor, saved, served_on, f"行政复议决定书 {number}", ip)

        return Change(
            fields={
                "outcome": outcome,
                "decided_on": decided_on,
                "served_on": served_on,
                "decision_number": number,
                "outcome_note": summary,
            },
            details={"outcome": outcome, "decided_on": decided_on.isoformat(), "served_on": served_on.isoformat()},
            after=after,
        )

    return take(actor, reconsideration, "record_outcome", apply, ip)
