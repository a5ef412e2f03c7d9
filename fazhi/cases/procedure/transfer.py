"""Transfer of a suspected crime to the public security organ (两法衔接), a track beside the case's own procedure.

行政执法机关移送涉嫌犯罪案件的规定 (国务院令第310号, 2020年修订): a case whose facts amount to a crime must be
transferred (第三条; 行政处罚法 第二十七条第一款; 广东省劳动保障监察条例 第四十四条第五款). Two or more officers (the
case's 专案组: its two handlers) report in writing; the organ's 正职负责人 (or the 负责人 presiding over its work)
approves or refuses within 3 days of the report, a refusal's reasons on record (第五条); an approved transfer goes to
the same-level public security organ within 24 hours with the 涉嫌犯罪案件移送书, the investigation report, the 涉案物品
清单 and the evidence (第五条第二款、第六条); the police sign the receipt (第七条) and decide within 3 days to file or
not (第八条); on a refusal the bureau may ask them to reconsider within 3 days (第九条) or goes on with the case and
imposes the penalty due (第十条); once filed, the items and materials are handed over within 3 days (第十二条), and the
administrative case is closed. No penalty with a fine stands in for a transfer (第十一条第一款); an order to correct or
to pay (责令改正、责令支付, 行政处罚法 第二十八条; 法释〔2013〕3号 第四条) is not a penalty and goes on, and the
warnings, orders to stop work and licence measures decided before the transfer are not stopped (第十一条第二款). A fine
paid before the transfer is offset against the court's fine (第十一条第三款; 行政处罚法 第三十五条第二款).

A wage case reaches the crime when the wages ordered paid are still unpaid at the crime amount after the order's
deadline (刑法 第二百七十六条之一; 法释〔2013〕3号 第三条、第四条: `fazhi.cases.assessment.crime_transfer_flag`), so the
track starts from PERFORMANCE as well as from INVESTIGATING. Each attempt is one `CrimeTransfer` row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fazhi.accounts.queries import is_principal_of
from fazhi.cases.models import STANDING_TRANSFERS, Case, CrimeTransfer, TransferStatus
from fazhi.cases.procedure import measures
from fazhi.cases.procedure.base import HANDLERS, HEADS, Context, GuardKind, Transition, guard, states
from fazhi.cases.procedure.common import amount, day
from fazhi.cases.procedure.decision import decided_measures
from fazhi.cases.states import OPEN_INVESTIGATION_STATES, State

RULES = "行政执法机关移送涉嫌犯罪案件的规定"
# Where a transfer starts: in the investigation, or once the order to pay went unpaid (法释〔2013〕3号 第四条).
STARTS = states(State.INVESTIGATING, State.PERFORMANCE)
# Where its later steps are taken: wherever the case is while the transfer runs (an order to pay may still be
# proposed and decided meanwhile, 第十一条).
TRACK = OPEN_INVESTIGATION_STATES | states(State.SERVICE, State.PERFORMANCE)
# The court's fine may come long after the case was closed.
AFTERWARDS = TRACK | states(State.CLOSING_REVIEW, State.CLOSED)
WITH_POLICE = (TransferStatus.SENT, TransferStatus.RECEIVED)
FILED = (TransferStatus.FILED, TransferStatus.HANDED_OVER)
DISPATCH_HOURS = 24


def standing(case: Case) -> CrimeTransfer | None:
    """The case's transfer that stands (reported, approved, with the police, filed), if any."""
    return CrimeTransfer.objects.filter(case=case, status__in=STANDING_TRANSFERS).first()


def latest(case: Case) -> CrimeTransfer | None:
    return CrimeTransfer.objects.filter(case=case).order_by("-pk").first()


def _locked(case: Case) -> CrimeTransfer:
    transfer = CrimeTransfer.objects.select_for_update().filter(case=case).order_by("-pk").first()
    assert transfer is not None  # the step's guard found it
    return transfer


def _in(ctx: Context, statuses: tuple[str, ...], why: str) -> list[str]:
    transfer = latest(ctx.case)
    return [] if transfer is not None and transfer.status in statuses else [why]


@guard(GuardKind.ROUTING)
def no_transfer_standing(ctx: Context) -> list[str]:
    if standing(ctx.case):
        return ["本案已有正在办理的涉嫌犯罪案件移送。"]
    last = latest(ctx.case)
    if last is not None and last.status == TransferStatus.NOT_FILED:
        return ["公安机关不予立案的移送，须先决定是否提请复议或者依法继续处理。"]
    return []


@guard(GuardKind.ROUTING)
def transfer_reported(ctx: Context) -> list[str]:
    return _in(ctx, (TransferStatus.REPORTED,), "没有待审批的移送报告。")


@guard(GuardKind.STATE)
def is_principal_head(ctx: Context) -> list[str]:
    # 第五条: the approval is the 正职负责人's (or the 负责人 presiding over the organ's work) in person: a deputy, a
    # 处长 or a written delegation does not stand for it (the row is not `delegable`).
    if is_principal_of(ctx.actor, ctx.case.unit):
        return []
    return [
        "移送涉嫌犯罪案件须由本机关正职负责人或者主持工作的负责人审批（行政执法机关移送涉嫌犯罪案件的规定第五条），"
        "副职负责人、处长或者书面授权的人员不能代为审批。"
    ]


@guard(GuardKind.ROUTING)
def transfer_approved(ctx: Context) -> list[str]:
    return _in(ctx, (TransferStatus.APPROVED,), "没有已批准、待移送的涉嫌犯罪案件。")


@guard(GuardKind.STATE)
def transfer_letter_issued(ctx: Context) -> list[str]:
    # 第六条第（一）项: the transfer goes with the 涉嫌犯罪案件移送书, issued from the case page once approved. The
    # documents are a later app's rows; the case reads them through the reverse relation, importing nothing of it.
    transfer = latest(ctx.case)
    if transfer is None or transfer.decided_at is None:
        return []
    if not _letters(ctx.case, transfer).exists():
        return ["请先制发《涉嫌犯罪案件移送书》（行政执法机关移送涉嫌犯罪案件的规定第六条）。"]
    return []


def _letters(case: Case, transfer: CrimeTransfer) -> Any:
    assert transfer.decided_at is not None
    return case.documents.filter(doc_type="crime_transfer", issued_at__gte=transfer.decided_at).order_by("-issued_at")


@guard(GuardKind.INPUT)
def police_organ_as_in_letter(ctx: Context) -> list[str]:
    transfer = latest(ctx.case)
    letter = _letters(ctx.case, transfer).first() if transfer is not None and transfer.decided_at else None
    named = str((letter.inputs or {}).get("police", "")).strip() if letter is not None else ""
    typed = str(ctx.data.get("police_organ", "")).strip()
    if named and typed and named != typed:
        return [f"移送的公安机关应与移送书所载一致（{named}）。"]
    return []


@guard(GuardKind.ROUTING)
def transfer_sent(ctx: Context) -> list[str]:
    return _in(ctx, (TransferStatus.SENT,), "没有已移送、待公安机关签收的案件。")


@guard(GuardKind.ROUTING)
def transfer_with_police(ctx: Context) -> list[str]:
    return _in(ctx, WITH_POLICE, "没有已移送、待公安机关决定是否立案的案件。")


@guard(GuardKind.ROUTING)
def transfer_not_filed(ctx: Context) -> list[str]:
    return _in(ctx, (TransferStatus.NOT_FILED,), "公安机关没有作出不予立案的决定。")


@guard(GuardKind.STATE)
def reconsideration_in_time(ctx: Context) -> list[str]:
    # 第九条第一款: within 3 days of receiving the refusal notice.
    period = ctx.case.periods.filter(code="transfer_reconsideration_request", state="running").first()
    if period is not None and period.due_on is not None and ctx.today > period.due_on:
        return [
            f"提请复议的期限已于 {period.due_on:%Y-%m-%d} 届满（行政执法机关移送涉嫌犯罪案件的规定第九条），"
            "可以建议人民检察院依法进行立案监督。"
        ]
    return []


@guard(GuardKind.ROUTING)
def transfer_in_reconsideration(ctx: Context) -> list[str]:
    return _in(ctx, (TransferStatus.RECONSIDERATION,), "没有已提请复议、待公安机关决定的移送。")


@guard(GuardKind.ROUTING)
def transfer_filed(ctx: Context) -> list[str]:
    return _in(ctx, (TransferStatus.FILED,), "公安机关尚未立案，或涉案物品已移交。")


@guard(GuardKind.STATE)
def transfer_handed_over(ctx: Context) -> list[str]:
    transfer = latest(ctx.case)
    if transfer is None or transfer.status not in FILED:
        return ["公安机关尚未对移送的案件立案。"]
    if transfer.status != TransferStatus.HANDED_OVER:
        return ["请先将涉案物品和材料移交公安机关（行政执法机关移送涉嫌犯罪案件的规定第十二条）。"]
    return []


@guard(GuardKind.ROUTING)
def transfer_was_filed(ctx: Context) -> list[str]:
    transfer = latest(ctx.case)
    return [] if transfer is not None and transfer.police_filed_on else ["本案没有公安机关已立案的移送。"]


@guard(GuardKind.INPUT)
def no_fine_instead_of_transfer(ctx: Context) -> list[str]:
    """第十一条第一款: no penalty in place of the transfer — while one stands, no fine is proposed or decided. An order
    to correct or to pay goes on (it is not a penalty: 行政处罚法 第二十八条第一款; 法释〔2013〕3号 第四条)."""
    if standing(ctx.case) is None:
        return []
    if "proposed_outcome" in ctx.data:  # a proposal (propose, propose_follow_up)
        fine = amount(ctx.data.get("proposed_fine")) if ctx.data["proposed_outcome"] == "penalty" else None
    else:  # the decision: the fine typed, or the one the party was notified of
        fine = measures.fine_of(decided_measures(ctx))
    if fine is None:
        return []
    return [
        "本案正在移送公安机关，不得以罚款代替移送（行政执法机关移送涉嫌犯罪案件的规定第十一条第一款）；"
        "责令改正、责令支付可以继续。公安机关决定不予立案的，本机关依法作出处理（第十条）。"
    ]


def report_after(ctx: Context) -> dict[str, Any]:
    assert ctx.actor is not None  # a handler reports
    transfer = CrimeTransfer.objects.create(
        case=ctx.case,
        status=TransferStatus.REPORTED,
        report=str(ctx.data["transfer_report"]),
        items=str(ctx.data.get("transfer_items", "")),
        reported_by=ctx.actor,
        reported_at=timezone.now(),
    )
    return {"transfer": transfer.pk, "transfer_status": transfer.status}


def _update(ctx: Context, status: str, **changes: Any) -> dict[str, Any]:
    transfer = _locked(ctx.case)
    transfer.status = status
    for name, value in changes.items():
        setattr(transfer, name, value)
    transfer.save(update_fields=["status", *changes])
    return {"transfer": transfer.pk, "transfer_status": status}


def approve_after(ctx: Context) -> dict[str, Any]:
    return _update(ctx, TransferStatus.APPROVED, decided_by=ctx.actor, decided_at=timezone.now())


def refuse_after(ctx: Context) -> dict[str, Any]:
    return _update(
        ctx,
        TransferStatus.REFUSED,
        decided_by=ctx.actor,
        decided_at=timezone.now(),
        refusal_reason=str(ctx.data["transfer_refusal_reason"]),
    )


def send_after(ctx: Context) -> dict[str, Any]:
    now = timezone.now()
    recorded = _update(ctx, TransferStatus.SENT, sent_at=now, police_organ=str(ctx.data["police_organ"]))
    transfer = _locked(ctx.case)
    hours = transfer.dispatch_hours or 0.0
    # 第五条第二款: within 24 hours of the approval. A late transfer is still made (the duty stands, 第十六条), and the
    # journal says by how much it was late.
    return {**recorded, "dispatch_hours": f"{hours:.1f}", "dispatch_late": hours > DISPATCH_HOURS}


def receipt_after(ctx: Context) -> dict[str, Any]:
    return _update(ctx, TransferStatus.RECEIVED, received_on=day(ctx.data["receipt_on"]))


def receipt_starts(ctx: Context) -> dict[str, dt.date | None]:
    return {"transfer_police_review": day(ctx.data["receipt_on"])}


def filing_after(ctx: Context) -> dict[str, Any]:
    return _update(ctx, TransferStatus.FILED, police_filed_on=day(ctx.data["police_decided_on"]))


def _from_notice(code: str) -> Any:
    def starts(ctx: Context) -> dict[str, dt.date | None]:
        return {code: day(ctx.data["police_decided_on"])}

    return starts


def police_refusal_after(ctx: Context) -> dict[str, Any]:
    return _update(
        ctx,
        TransferStatus.NOT_FILED,
        police_refused_on=day(ctx.data["police_decided_on"]),
        police_refusal_reason=str(ctx.data["police_refusal_reason"]),
    )


def reconsideration_after(ctx: Context) -> dict[str, Any]:
    return _update(ctx, TransferStatus.RECONSIDERATION, reconsideration_requested_on=ctx.today)


def reconsideration_outcome_after(ctx: Context) -> dict[str, Any]:
    on = day(ctx.data["police_decided_on"])
    if ctx.data["reconsideration_result"] == "filed":
        return _update(ctx, TransferStatus.FILED, police_filed_on=on)
    return _update(ctx, TransferStatus.ENDED, ended_on=ctx.today)


def reconsideration_outcome_starts(ctx: Context) -> dict[str, dt.date | None]:
    filed = ctx.data["reconsideration_result"] == "filed"
    return {"transfer_handover": day(ctx.data["police_decided_on"]) if filed else None}


def continue_after(ctx: Context) -> dict[str, Any]:
    return _update(ctx, TransferStatus.ENDED, ended_on=ctx.today)


def hand_over_after(ctx: Context) -> dict[str, Any]:
    return _update(ctx, TransferStatus.HANDED_OVER, handed_over_on=day(ctx.data["handed_over_on"]))


def fine_paid(case: Case) -> Decimal:
    """The fine the party paid (not the 加处罚款, an enforcement measure, not a penalty)."""
    if case.fine_paid_on is None or case.fine_paid_amount is None:
        return Decimal("0.00")
    return case.fine_paid_amount - (case.surcharge_paid or Decimal("0.00"))


def fine_offset(paid: Decimal, court_fine: Decimal) -> Decimal:
    """The fine already paid is offset against the court's fine, up to it (第十一条第三款; 行政处罚法
    第三十五条第二款)."""
    return min(paid, court_fine)


def court_fine_after(ctx: Context) -> dict[str, Any]:
    transfer = CrimeTransfer.objects.select_for_update().filter(case=ctx.case).exclude(police_filed_on=None)
    found = transfer.order_by("-pk").first()
    assert found is not None  # transfer_was_filed
    court = Decimal(str(ctx.data["court_fine"]))
    found.court_fine = court
    found.court_judgment = str(ctx.data["court_judgment"])
    found.fine_offset = fine_offset(fine_paid(ctx.case), court)
    found.save(update_fields=["court_fine", "court_judgment", "fine_offset"])
    return {"transfer": found.pk, "fine_offset": str(found.fine_offset)}


def _on(moment: dt.datetime | None) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


def summary(transfer: CrimeTransfer) -> tuple[str, bool]:
    """The transfer in one line for the case page, and whether it waits for the bureau (warn)."""
    parts = [f"{_on(transfer.reported_at)} 报告"]
    if transfer.decided_at:
        verb = "批准" if transfer.status != TransferStatus.REFUSED else "不批准"
        who = transfer.decided_by.display_name if transfer.decided_by else ""
        parts.append(f"{_on(transfer.decided_at)} {who}{verb}移送")
    if transfer.refusal_reason:
        parts.append(f"理由：{transfer.refusal_reason}")
    if transfer.sent_at:
        hours = transfer.dispatch_hours or 0.0
        late = f"（批准后 {hours:.1f} 小时，超过24小时）" if hours > DISPATCH_HOURS else ""
        parts.append(f"{_on(transfer.sent_at)} 移送{transfer.police_organ}{late}")
    if transfer.received_on:
        parts.append(f"{transfer.received_on:%Y-%m-%d} 签收")
    if transfer.police_filed_on:
        parts.append(f"{transfer.police_filed_on:%Y-%m-%d} 立案")
    if transfer.police_refused_on:
        parts.append(f"{transfer.police_refused_on:%Y-%m-%d} 不予立案（{transfer.police_refusal_reason}）")
    if transfer.reconsideration_requested_on:
        parts.append(f"{transfer.reconsideration_requested_on:%Y-%m-%d} 提请复议")
    if transfer.handed_over_on:
        parts.append(f"{transfer.handed_over_on:%Y-%m-%d} 移交涉案物品和材料")
    if transfer.court_fine is not None:
        parts.append(f"法院判处罚金 {transfer.court_fine} 元，已缴罚款折抵 {transfer.fine_offset} 元")
    waiting = transfer.status in (TransferStatus.REPORTED, TransferStatus.APPROVED, TransferStatus.FILED)
    return f"{transfer.get_status_display()}：{'；'.join(parts)}", waiting


# fmt: off
ROWS: tuple[Transition, ...] = (
    Transition("report_transfer", "报告移送涉嫌犯罪案件", STARTS, None, HANDLERS,
               guards=("actor_is_handler", "handlers_assigned", "no_transfer_standing"),
               fields=("transfer_report", "transfer_items"), opens=("transfer_approval",), after=report_after,
               basis=f"{RULES} 第三条、第五条第一款；行政处罚法 第二十七条第一款"),
    Transition("approve_transfer", "批准移送公安机关", TRACK, None, HEADS,
               guards=("transfer_reported", "is_principal_head"), meets=("transfer_approval",),
               opens=("transfer_dispatch",), after=approve_after, basis=f"{RULES} 第五条第二款"),
    Transition("refuse_transfer", "不批准移送", TRACK, None, HEADS,
               guards=("transfer_reported", "is_principal_head"), fields=("transfer_refusal_reason",),
               meets=("transfer_approval",), after=refuse_after, basis=f"{RULES} 第五条第二款"),
    Transition("send_transfer", "移送公安机关", TRACK, None, HANDLERS,
               guards=("actor_is_handler", "transfer_approved", "transfer_letter_issued", "police_organ_as_in_letter"),
               fields=("police_organ",), meets=("transfer_dispatch",), after=send_after,
               basis=f"{RULES} 第五条第二款、第六条"),
    Transition("record_police_receipt", "登记公安机关签收回执", TRACK, None, HANDLERS,
               guards=("transfer_sent",), fields=("receipt_on",), opens=("transfer_police_review",),
               after=receipt_after, starts=receipt_starts, basis=f"{RULES} 第七条、第八条"),
    Transition("record_police_filing", "登记公安机关立案", TRACK, None, HANDLERS,
               guards=("transfer_with_police",), fields=("police_decided_on",), meets=("transfer_police_review",),
               opens=("transfer_handover",), after=filing_after, starts=_from_notice("transfer_handover"),
               basis=f"{RULES} 第八条、第十二条"),
    Transition("record_police_refusal", "登记公安机关不予立案", TRACK, None, HANDLERS,
               guards=("transfer_with_police",), fields=("police_decided_on", "police_refusal_reason"),
               meets=("transfer_police_review",), opens=("transfer_reconsideration_request",),
               after=police_refusal_after, starts=_from_notice("transfer_reconsideration_request"),
               basis=f"{RULES} 第八条、第九条第一款"),
    Transition("request_police_reconsideration", "提请公安机关复议", TRACK, None, HANDLERS,
               guards=("transfer_not_filed", "reconsideration_in_time"),
               meets=("transfer_reconsideration_request",), opens=("transfer_police_reconsideration",),
               after=reconsideration_after, basis=f"{RULES} 第九条"),
    Transition("record_reconsideration_outcome", "登记公安机关复议决定", TRACK, None, HANDLERS,
               guards=("transfer_in_reconsideration",), fields=("reconsideration_result", "police_decided_on"),
               meets=("transfer_police_reconsideration",), opens=("transfer_handover",),
               after=reconsideration_outcome_after, starts=reconsideration_outcome_starts,
               basis=f"{RULES} 第九条第二款、第十二条"),
    # The police do not file: the track ends and the bureau handles the case, imposing the penalty due (第十条).
    Transition("continue_after_police_refusal", "不再提请复议，依法继续处理", TRACK, None, HANDLERS,
               guards=("transfer_not_filed",), meets=("transfer_reconsideration_request",), after=continue_after,
               basis=f"{RULES} 第十条"),
    Transition("hand_over_items", "移交涉案物品和材料", TRACK, None, HANDLERS,
               guards=("transfer_filed",), fields=("handed_over_on",), meets=("transfer_handover",),
               after=hand_over_after, basis=f"{RULES} 第十二条"),
    Transition("close_after_transfer", "移送公安机关立案后结案", STARTS, State.CLOSING_REVIEW, HANDLERS,
               guards=("actor_is_handler", "transfer_handed_over"),
               meets=("investigation", "fine_payment", "court_enforcement_application"),
               basis=f"行政处罚法 第二十七条第一款；{RULES} 第十二条"),
    Transition("record_court_fine", "登记人民法院判处的罚金（折抵罚款）", AFTERWARDS, None, HANDLERS,
               guards=("transfer_was_filed",), fields=("court_fine", "court_judgment"), after=court_fine_after,
               basis=f"{RULES} 第十一条第三款；行政处罚法 第三十五条第二款"),
)
# fmt: on
