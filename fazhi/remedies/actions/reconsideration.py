"""The bureau as respondent in a reconsideration (行政复议法 2023): registration on receiving the copy, the head's
approval, the answer within 10 working days (5 in the simple procedure), and the decision — effective on service
(第七十五条第二款). The collective discussion, the hearing and the suspension of execution are in `shared.py`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Decision
from fazhi.documents.organ import OrganUnknown, deciding_organ
from fazhi.remedies.actions.common import Change, Problems, RemedyBlocked, create, take, withdraw_publication
from fazhi.remedies.actions.shared import approve, challenged_decision
from fazhi.remedies.models import Outcome, Reconsideration
from fazhi.remedies.workflow import RECONSIDERATION_LIVE, State

RECONSIDERATION_OUTCOMES = tuple(o for o in Outcome if o != Outcome.REMANDED)


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


def approve_answer(*, actor: User, reconsideration: Reconsideration, ip: str | None = None) -> Reconsideration:
    """The organ's head approves the written answer (the organ answers in its own name, 第四十八条)."""
    return approve(actor, reconsideration, "approve_answer", ip)


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
