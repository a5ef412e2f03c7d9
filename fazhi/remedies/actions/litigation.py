"""The bureau as defendant (行政诉讼法): registration on receiving the copy of the complaint, the collective
discussion, the head's approval, the defence within 15 days (第六十七条第一款), the session and the head's appearance
(第三条第三款),
the suspension of execution (第五十六条), the judgment or ruling, the appeal (第八十五条: 15 days for a judgment, 10 for
a ruling), its taking effect, and the performance of the judgment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Decision
from fazhi.cases.periods import due_or_none
from fazhi.remedies.actions.common import (
    Change,
    Problems,
    RemedyBlocked,
    create,
    take,
    withdraw_publication,
)
from fazhi.remedies.actions.shared import approve, challenged_decision
from fazhi.remedies.models import STANDS, Instance, Litigation, Outcome, Reconsideration, RulingKind
from fazhi.remedies.workflow import LITIGATION_LIVE, State


def default_co_defendant(reconsideration: Reconsideration | None) -> str:
    """The reconsideration organ is a co-defendant when it upheld the decision (行政诉讼法 第二十六条第二款), which
    includes dismissing the application on its merits (行诉解释 第一百三十三条)."""
    if reconsideration is not None and reconsideration.outcome in STANDS:
        return reconsideration.organ
    return ""


def appeal_deadline(ruling_kind: str, served_on: dt.date) -> dt.date | None:
    """The last day to appeal a first instance: 15 days from a judgment's service, 10 from a ruling's (第八十五条)."""
    return due_or_none("appeal_judgment" if ruling_kind == RulingKind.JUDGMENT else "appeal_ruling", served_on)


def register_litigation(
    *,
    actor: User,
    case: Case,
    court: str,
    plaintiff: str,
    filed_on: dt.date | None,
    copy_received_on: dt.date | None,
    decision: Decision | None = None,
    reconsideration: Reconsideration | None = None,
    court_number: str = "",
    claims: str = "",
    co_defendant: str | None = None,
    ip: str | None = None,
) -> Litigation:
    """登记行政诉讼 (a first instance): the court sent the copy of the complaint; the bureau submits the evidence, the
    normative documents it relied on and its defence within 15 days of receiving it (第六十七条第一款)."""

    def build(locked: Case, on: dt.date) -> tuple[Litigation, dict[str, dt.date], dict[str, Any]]:
        problems = Problems()
        challenged = challenged_decision(locked, reconsideration.decision if reconsideration else decision)
        if reconsideration is not None and reconsideration.case_id != locked.pk:
            problems.add("reconsideration", "所选行政复议不属于本案。")
        the_court = problems.text("court", court, "人民法院", line=True)
        name = problems.text("plaintiff", plaintiff, "原告", line=True)
        number = problems.text("court_number", court_number, "法院案号", required=False, line=True)
        asked = problems.text("claims", claims, "诉讼请求", required=False)
        co = problems.text(
            "co_defendant",
            default_co_defendant(reconsideration) if co_defendant is None else co_defendant,
            "共同被告",
            required=False,
            line=True,
        )
        earliest = (challenged.decided_on, "决定日期")
        if reconsideration is not None and reconsideration.served_on is not None:
            earliest = (reconsideration.served_on, "收到复议决定日期")
        problems.date("filed_on", filed_on, "起诉日期", on=on, after=earliest)
        problems.date("copy_received_on", copy_received_on, "收到起诉状副本日期", on=on, after=(filed_on, "起诉日期"))
        live = Litigation.objects.filter(
            decision=challenged, instance=Instance.FIRST, state__in=sorted(LITIGATION_LIVE)
        )
        if live.exists():
            problems.add("decision", "该决定已有正在进行的行政诉讼。")
        problems.raise_if_any()
        assert filed_on is not None
        assert copy_received_on is not None
        record = Litigation(
            case=locked,
            decision=challenged,
            unit_id=locked.unit_id,
            state=State.ANSWERING,
            instance=Instance.FIRST,
            reconsideration=reconsideration,
            court=the_court,
            court_number=number,
            plaintiff=name,
            co_defendant=co,
            claims=asked,
            filed_on=filed_on,
            copy_received_on=copy_received_on,
            created_by=actor,
        )
        details = {"filed_on": filed_on.isoformat(), "court": the_court, "co_defendant": co}
        return record, {"litigation_defence": copy_received_on}, details

    return create(actor, case, "litigation", build, ip)


def approve_defence(*, actor: User, litigation: Litigation, ip: str | None = None) -> Litigation:
    """The organ's head approves the defence (答辩状), in the organ's name (第六十七条第一款)."""
    return approve(actor, litigation, "approve_defence", ip)


def submit_defence(
    *, actor: User, litigation: Litigation, submitted_on: dt.date | None, ip: str | None = None
) -> Litigation:
    """提交答辩状 with the evidence and normative documents (第三十四条、第六十七条第一款): meets the defence period."""

    def apply(current: Litigation, on: dt.date) -> Change:
        problems = Problems()
        problems.date(
            "submitted_on", submitted_on, "提交答辩状日期", on=on, after=(current.copy_received_on, "收到副本日期")
        )
        problems.raise_if_any()
        assert submitted_on is not None
        return Change(
            fields={"defence_submitted_on": submitted_on},
            details={"submitted_on": submitted_on.isoformat()},
            met_on=submitted_on,
        )

    return take(actor, litigation, "submit_defence", apply, ip)


def _instrument(record: Litigation) -> str:
    return f"{record.court}{record.ruling_kind_label}书 {record.judgment_number}".strip()


def record_judgment(
    *,
    actor: User,
    litigation: Litigation,
    ruling_kind: str,
    outcome: str,
    decided_on: dt.date | None,
    served_on: dt.date | None,
    judgment_number: str,
    note: str = "",
    ip: str | None = None,
) -> Litigation:
    """登记判决或者裁定 and its service. A first instance then waits for the appeal period (第八十五条: 15 days for a
    judgment, 10 for a ruling); the appeal's judgment is final and effective on service. A final outcome that revokes,
    changes, confirms unlawful or void a published penalty decision starts its withdrawal (行政处罚法
    第四十八条第二款)."""

    def apply(current: Litigation, on: dt.date) -> Change:
        problems = Problems()
        if ruling_kind not in RulingKind.values:
            problems.add("ruling_kind", "请选择判决或者裁定。")
        allowed = (
            Outcome.values if current.instance == Instance.APPEAL else [o for o in Outcome.values if o != "remanded"]
        )
        if outcome not in allowed:
            problems.add("outcome", "请选择裁判结果。")
        problems.date("decided_on", decided_on, "裁判日期", on=on, after=(current.filed_on, "起诉日期"))
        problems.date("served_on", served_on, "送达日期", on=on, after=(decided_on, "裁判日期"))
        number = problems.text("judgment_number", judgment_number, "裁判文书案号", line=True)
        summary = problems.text("note", note, "裁判摘要", required=False)
        problems.raise_if_any()
        assert served_on is not None
        assert decided_on is not None
        fields: dict[str, Any] = {
            "ruling_kind": ruling_kind,
            "outcome": outcome,
            "decided_on": decided_on,
            "served_on": served_on,
            "judgment_number": number,
            "outcome_note": summary,
        }
        details: dict[str, Any] = {"outcome": outcome, "ruling_kind": ruling_kind, "served_on": served_on.isoformat()}
        if current.instance == Instance.FIRST:
            deadline = appeal_deadline(ruling_kind, served_on)
            fields["appeal_deadline"] = deadline
            details["appeal_deadline"] = deadline.isoformat() if deadline else None
            return Change(target=State.DECIDED, fields=fields, details=details)
        fields["effective_on"] = served_on

        def after(saved: Litigation) -> dict[str, Any]:
            return withdraw_publication(actor, saved, served_on, _instrument(saved), ip)

        return Change(target=State.EFFECTIVE, fields=fields, details=details, after=after)

    return take(actor, litigation, "record_judgment", apply, ip)


def register_appeal(
    *,
    actor: User,
    litigation: Litigation,
    appellant: str,
    court: str,
    filed_on: dt.date | None,
    copy_received_on: dt.date | None,
    court_number: str = "",
    claims: str = "",
    ip: str | None = None,
) -> Litigation:
    """登记上诉: a party appealed the first instance within its period (第八十五条). The first instance becomes
    `appealed`; the appeal gets a record of its own (returned), in `answering`."""
    created: list[Litigation] = []

    def apply(current: Litigation, on: dt.date) -> Change:
        problems = Problems()
        who = problems.text("appellant", appellant, "上诉人", line=True)
        the_court = problems.text("court", court, "第二审人民法院", line=True)
        number = problems.text("court_number", court_number, "法院案号", required=False, line=True)
        asked = problems.text("claims", claims, "上诉请求", required=False)
        problems.date("filed_on", filed_on, "上诉日期", on=on, after=(current.served_on, "第一审裁判送达日期"))
        problems.date("copy_received_on", copy_received_on, "收到上诉状副本日期", on=on, after=(filed_on, "上诉日期"))
        if filed_on is not None and current.appeal_deadline is not None and filed_on > current.appeal_deadline:
            problems.add("filed_on", f"上诉期限已于 {current.appeal_deadline:%Y-%m-%d} 届满（行政诉讼法 第八十五条）。")
        problems.raise_if_any()
        assert filed_on is not None
        assert copy_received_on is not None
        appeal = Litigation.objects.create(
            case_id=current.case_id,
            decision_id=current.decision_id,
            unit_id=current.unit_id,
            state=State.ANSWERING,
            instance=Instance.APPEAL,
            first_instance=current,
            reconsideration_id=current.reconsideration_id,
            court=the_court,
            court_number=number,
            plaintiff=current.plaintiff,
            appellant=who,
            co_defendant=current.co_defendant,
            claims=asked,
            filed_on=filed_on,
            copy_received_on=copy_received_on,
            created_by=actor,
        )
        created.append(appeal)
        return Change(details={"appeal": appeal.pk, "appellant": who, "filed_on": filed_on.isoformat()})

    take(actor, litigation, "register_appeal", apply, ip)
    return created[0]


def record_effective(*, actor: User, litigation: Litigation, ip: str | None = None) -> Litigation:
    """登记裁判生效: no appeal within the period, so the first instance took effect the day after its last day
    (第八十五条 "逾期不提起上诉的，人民法院的第一审判决或者裁定发生法律效力"). Computed, never typed."""

    def apply(current: Litigation, on: dt.date) -> Change:
        deadline = current.appeal_deadline
        if deadline is None:
            raise RemedyBlocked(["上诉期限尚未算出（缺少节假日数据），请系统管理员导入相应年度的节假日。"])
        if on <= deadline:
            raise RemedyBlocked([f"上诉期限至 {deadline:%Y-%m-%d} 届满，届满后方可登记生效（行政诉讼法 第八十五条）。"])
        effective = deadline + dt.timedelta(days=1)

        def after(saved: Litigation) -> dict[str, Any]:
            return withdraw_publication(actor, saved, effective, _instrument(saved), ip)

        return Change(fields={"effective_on": effective}, details={"effective_on": effective.isoformat()}, after=after)

    return take(actor, litigation, "record_effective", apply, ip)


def record_performance(
    *, actor: User, litigation: Litigation, performed_on: dt.date | None, note: str, ip: str | None = None
) -> Litigation:
    """登记履行生效裁判 (第九十四条: the parties must perform an effective judgment; 第九十六条: sanctions on an organ
    that does not)."""

    def apply(current: Litigation, on: dt.date) -> Change:
        problems = Problems()
        problems.date("performed_on", performed_on, "履行日期", on=on, after=(current.effective_on, "生效日期"))
        text = problems.text("note", note, "履行情况")
        problems.raise_if_any()
        assert performed_on is not None
        return Change(
            fields={"performed_on": performed_on, "performance_note": text},
            details={"performed_on": performed_on.isoformat()},
        )

    return take(actor, litigation, "record_performance", apply, ip)
