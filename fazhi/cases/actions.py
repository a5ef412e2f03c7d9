"""Every change to a case: registering it, assigning its handlers, and each step of the procedure.

`transition` is the one function that moves a case through `fazhi.cases.workflow`: it checks the role, the unit
scope and the guards, changes the state with a compare-and-swap on (state, version), meets and opens the statutory
periods, and writes one journal entry, all in one transaction. Racing identical steps give one winner; the others get
`TransitionConflict` and write nothing. A role or scope refusal is journaled with outcome "refused".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.accounts.models import Role, Unit, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases import assessment, periods, statements, stepfields
from fazhi.cases.guards import GUARDS, Context
from fazhi.cases.models import INTAKE_SOURCES, Case, Decision, Employer, InvestigationRecord, Source, WorkerLine
from fazhi.cases.numbering import next_case_number, next_reference
from fazhi.cases.outcomes import REFUSAL_GROUNDS
from fazhi.cases.search import name_bigrams
from fazhi.cases.stepfields import clean_step_data
from fazhi.cases.workflow import BY_ACTION, State, Transition
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry
from fazhi.rules import money, violations
from fazhi.rules.identifiers import validate_credit_code


class CaseActionError(ActionError):
    """Base of the errors of these actions; `message` is Chinese and safe to show."""


class TransitionRefused(CaseActionError):
    """The actor may not take this step (role or unit scope). Journaled with outcome "refused"."""


class TransitionConflict(CaseActionError):
    """The case is no longer where the step starts (someone else moved it first). Nothing is written."""


class TransitionBlocked(CaseActionError):
    """A guard says no (a rule of the procedure). Nothing is written; `reasons` lists why."""

    def __init__(self, reasons: Sequence[str], fields: Mapping[str, str] | None = None) -> None:
        super().__init__("；".join(reasons))
        self.reasons = list(reasons)
        self.fields = dict(fields or {})  # the step's fields that are wrong, with what is wrong with each


class InvalidCaseInput(CaseActionError, ValueError):
    """The input is wrong. Nothing is written."""


def today() -> dt.date:
    return timezone.localdate()


def _acting_role(actor: User, allowed: frozenset[str]) -> str:
    for role in sorted(allowed):
        if actor.has_role(role):
            return role
    return ""


@dataclass(frozen=True)
class WorkerInput:
    name: str
    amount_owed: Decimal
    id_number: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None


def _employer(name: str, credit_code: str, address: str, legal_representative: str) -> Employer:
    name = name.strip()
    if not name:
        raise InvalidCaseInput("请填写用人单位名称。")
    code = credit_code.strip().upper().replace(" ", "")
    if code:
        problems = validate_credit_code(code)
        if problems:
            raise InvalidCaseInput("统一社会信用代码有误：" + "；".join(problems))
        employer, _ = Employer.objects.get_or_create(
            credit_code=code,
            defaults={
                "name": name,
                "name_bigrams": name_bigrams(name),
                "address": address,
                "legal_representative": legal_representative,
            },
        )
        return employer
    return Employer.objects.create(
        name=name, name_bigrams=name_bigrams(name), address=address, legal_representative=legal_representative
    )


def register_case(
    *,
    actor: User | None,
    source: str,
    unit: Unit,
    employer_name: str,
    employer_credit_code: str = "",
    employer_address: str = "",
    legal_representative: str = "",
    summary: str,
    received_on: dt.date,
    complainant_name: str = "",
    complainant_id_number: str = "",
    complainant_phone: str = "",
    anonymous: bool = False,
    workers: Sequence[WorkerInput] = (),
    handler: User | None = None,
    co_handler: User | None = None,
    ip: str | None = None,
    channel: str = "",
) -> Case:
    """Register a complaint, a report or an own discovery. Complaints and reports wait for acceptance (5 working days,
    广东条例 第三十九条); own discoveries go straight to the filing approval (5 working days, 广东条例 第三十二条).

    `actor` None is the public filing through the portal (fazhi.complaints), named by `channel` ("portal") in the
    journal entry; the new case waits in the intake of `unit` like any other complaint."""
    if source not in Source.values:
        raise InvalidCaseInput(f"未知的案件来源：{source}。")
    if not summary.strip():
        raise InvalidCaseInput("请填写案情摘要。")
    if source == Source.COMPLAINT and not complainant_name.strip():
        raise InvalidCaseInput("投诉须登记投诉人姓名（匿名的按举报处理，广东条例第三十四条）。")
    if received_on > today():
        raise InvalidCaseInput("收到日期不能晚于今天。")
    for worker in workers:
        if not worker.name.strip() or worker.amount_owed <= 0:
            raise InvalidCaseInput("每名劳动者须填写姓名和大于零的拖欠金额。")
    with transaction.atomic():
        if actor is not None and not (
            actor.is_active
            and actor.role_names & {Role.INSPECTOR, Role.LEAD}
            and actor.unit is not None
            and unit.path.startswith(actor.unit.path)
        ):
            record_entry(
                actor=actor,
                action="cases.register",
                object_type="cases.case",
                outcome="refused",
                after={"unit": unit.code, "reason": "只有本机构及下级机构的监察员或科长可以登记案件。"},
                ip=ip,
            )
            refusal = TransitionRefused("只有本机构及下级机构的监察员或科长可以登记案件。")
        else:
            employer = _employer(employer_name, employer_credit_code, employer_address, legal_representative)
            state = State.RECEIVED if source in INTAKE_SOURCES else State.FILING_REVIEW
            case = Case.objects.create(
                reference=next_reference(unit, received_on),
                source=source,
                unit=unit,
                state=state,
                employer=employer,
                summary=summary.strip(),
                received_on=received_on,
                complainant_name=complainant_name.strip(),
                complainant_id_number=complainant_id_number.strip().upper(),
                complainant_phone=complainant_phone.strip(),
                anonymous=anonymous,
                handler=handler,
                co_handler=co_handler,
            )
            WorkerLine.objects.bulk_create(
                [
                    WorkerLine(
                        case=case,
                        name=w.name.strip(),
                        id_number=w.id_number.strip().upper(),
                        amount_owed=w.amount_owed,
                        period_start=w.period_start,
                        period_end=w.period_end,
                    )
                    for w in workers
                ]
            )
            first = "complaint_acceptance" if source in INTAKE_SOURCES else "filing_own_discovery"
            periods.open_periods(case, [first], start=received_on)
            record_entry(
                actor=actor,
                action="cases.register",
                object_type="cases.case",
                object_id=case.pk,
                after={
                    "reference": case.reference,
                    "state": state.value,
                    "source": source,
                    "unit": unit.code,
                    "employer": employer.name,
                    "workers": len(workers),
                    **({"channel": channel} if channel else {}),
                },
                ip=ip,
                role=_acting_role(actor, frozenset({Role.INSPECTOR, Role.LEAD})) if actor else "",
            )
            return case
    raise refusal


def _user(username: object) -> User:
    return User.objects.get(username=str(username), is_active=True)


def _decimal(value: object) -> Decimal | None:
    return Decimal(str(value)) if value not in (None, "") else None


def _repeat_offender(case: Case, violation_code: str) -> bool:
    """广东省劳动保障监察条例 第五十三条: the employer was penalised for the same kind of violation within the year
    before this one. The case's date of receipt stands for the day of the violation (it was going on then)."""
    if not violation_code:
        return False
    earlier = Decision.objects.filter(
        case__employer_id=case.employer_id, case__violation_code=violation_code, outcome="penalty"
    ).exclude(case_id=case.pk)
    return violations.is_repeat_offence(earlier.values_list("decided_on", flat=True), case.received_on)


def _service_effective_on(method: str, served_on: dt.date) -> dt.date | None:
    """The day service takes effect: public notice counts as served when its period ends (广东条例 第四十七条)."""
    if method != "public_notice":
        return served_on
    return periods.due_or_none("public_notice_service", served_on)


# What a new proposal clears: the notice, defence, hearing and reviews of an earlier proposal.
_PROPOSAL_RESET: dict[str, Any] = {
    "notice_given_on": None,
    "notified_fine": None,
    "defence_stated": False,
    "hearing_on": None,
    "hearing_notified_on": None,
    "hearing_presider": None,
    "hearing_held_on": None,
    "legal_review_passed_on": None,
    "collective_discussion_on": None,
}


def _apply_effects(
    case: Case, step: Transition, actor: User | None, data: Mapping[str, Any], on: dt.date
) -> dict[str, Any]:
    """What a step changes on the case row besides the state; returns the fields to update (and their values for the
    journal). `data` has been cleaned by `fazhi.cases.stepfields`."""
    changes: dict[str, Any] = {}
    action = step.action
    if action == "request_completion":
        changes["completion_requested"] = True
    elif action == "deem_accepted":
        changes["deemed_accepted"] = True
    elif action == "approve_filing":
        changes["filed_on"] = on
        changes["case_number"] = next_case_number(case.unit, on)
    elif action == "request_preservation":
        changes["preservation"] = "requested"
        changes["preservation_items"] = str(data["preservation_items"])
    elif action == "approve_preservation":
        changes["preservation"] = "preserved"
    elif action == "reject_preservation":
        changes["preservation"] = ""
        changes["preservation_items"] = ""
    elif action == "decide_preservation":  # the items stay on record (the notice and the dossier show them)
        changes["preservation"] = ""
    elif action == "decide_recusal":
        changes[str(data["recused"])] = _user(data["replacement"])
    elif action == "reassign":
        changes["handler"] = _user(data["handler"])
        changes["co_handler"] = _user(data["co_handler"])
    elif action == "propose":
        code = str(data.get("violation_code") or case.violation_code)
        changes.update(_PROPOSAL_RESET)
        changes["proposed_outcome"] = str(data["proposed_outcome"])
        changes["proposal"] = str(data["proposal"]).strip()
        changes["proposed_by"] = actor
        changes["violation_code"] = code
        changes["proposed_fine"] = _decimal(data.get("proposed_fine"))
        changes["major_case"] = bool(data.get("major_case"))
        changes["repeat_offender"] = _repeat_offender(case, code)
        changes["assessment"], changes["fine_reasons"] = assessment.proposal_record(case, data, on)
    elif action in ("approve_proposal_to_notice", "pass_legal_review"):
        changes["notice_given_on"] = on
        changes["notified_fine"] = case.proposed_fine
        if action == "pass_legal_review":
            changes["legal_review_passed_on"] = on
    elif action == "pass_legal_review_after_hearing":
        changes["legal_review_passed_on"] = on
    elif action == "record_defence":
        changes["defence_stated"] = True
    elif action == "schedule_hearing":
        changes["hearing_on"] = dt.date.fromisoformat(str(data["hearing_on"]))
        changes["hearing_presider"] = _user(data["hearing_presider"])
        changes["hearing_notified_on"] = on
    elif action == "finish_hearing":  # the party was heard: its defence counts (行政处罚法 第四十五条、第六十四条)
        changes["hearing_held_on"] = on
        changes["hearing_record"] = str(data["hearing_record"])
        changes["defence_stated"] = True
    elif action == "record_collective_discussion":
        changes["collective_discussion_on"] = on
    elif action == "decide":
        changes["decision_outcome"] = str(data.get("decision_outcome") or case.proposed_outcome)
        changes["decided_on"] = on
        changes["fine_amount"] = _decimal(data.get("fine_amount"))
        changes["comply_by"] = dt.date.fromisoformat(str(data["comply_by"])) if data.get("comply_by") else None
        changes["repeat_offender"] = _repeat_offender(case, case.violation_code)
    elif action == "serve":
        served = dt.date.fromisoformat(str(data["served_on"]))
        changes["service_method"] = str(data["service_method"])
        changes["served_on"] = served
        changes["service_effective_on"] = _service_effective_on(str(data["service_method"]), served)
    elif action == "record_fine_payment":
        amount = Decimal(str(data["amount"]))
        changes["fine_paid_on"] = dt.date.fromisoformat(str(data["paid_on"]))
        changes["fine_paid_amount"] = amount
        changes["surcharge_paid"] = amount - (case.fine_amount or Decimal("0"))
    elif action == "verify_correction":
        changes["correction_verified_on"] = on
    elif action == "apply_court_enforcement":
        changes["court_enforcement_applied_on"] = on
    elif action == "approve_closing":
        changes["closed_on"] = on
    elif action == "suspend":
        changes["suspended"] = True
    elif action == "resume":
        changes["suspended"] = False
    elif action == "extend":
        changes["extended"] = True
    return changes


def _apply_row_effects(case: Case, step: Transition, actor: User | None, data: Mapping[str, Any]) -> dict[str, Any]:
    """What a step changes in the case's other rows (worker lines' payments and 加付赔偿金, investigation records);
    returns what the journal records of it."""
    if step.action == "record_investigation" and actor is not None:
        # The guard two_certified_handlers made sure both are set.
        assert case.handler_id is not None
        assert case.co_handler_id is not None
        record = InvestigationRecord.objects.create(
            case=case,
            kind=str(data["record_kind"]),
            held_on=dt.date.fromisoformat(str(data["held_on"])),
            place=str(data["place"]),
            subject=str(data["subject"]),
            content=str(data["content"]),
            officer_id=case.handler_id,
            co_officer_id=case.co_handler_id,
            recorded_by=actor,
        )
        return {"record": record.pk, "officers": [case.handler_id, case.co_handler_id]}
    if step.action == "record_wage_payment":
        line = WorkerLine.objects.select_for_update().get(case=case, pk=int(str(data["worker"])))
        line.amount_paid += Decimal(str(data["amount"]))
        line.save(update_fields=["amount_paid"])
        return {"worker_name": line.name, "worker_paid_total": str(line.amount_paid)}
    if step.action == "order_additional_compensation":
        rate = Decimal(str(data["rate"]))
        ordered = Decimal("0")
        for line in WorkerLine.objects.select_for_update().filter(case=case):
            line.additional_compensation = money.additional_compensation(line.unpaid, rate)
            line.save(update_fields=["additional_compensation"])
            ordered += line.additional_compensation
        return {"additional_compensation_total": str(ordered)}
    return {}


def _journal_value(value: Any) -> Any:
    if isinstance(value, User):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def transition(
    *,
    actor: User | None,
    case: Case,
    action: str,
    data: Mapping[str, Any] | None = None,
    reason: str = "",
    expected_version: int | None = None,
    ip: str | None = None,
) -> Case:
    """Take step `action` on `case` as `actor` (None: the system, for the steps only the system takes). Returns the
    case as it is afterwards."""
    step = BY_ACTION.get(action)
    if step is None:
        raise InvalidCaseInput(f"未知的办案步骤：{action}。")
    data = dict(data or {})
    reason = reason.strip()
    on = today()
    with transaction.atomic():
        current = statements.locked_case(case.pk)
        if actor is None:
            role, in_scope = ("system" if "system" in step.roles else ""), True
        else:
            role = _acting_role(actor, step.roles)
            in_scope = actor.is_active and in_business_scope(actor, current.unit)
        if not in_scope or not role:
            why = "您没有办理此步骤的权限。" if in_scope else "您无权办理本案。"
            record_entry(
                actor=actor,
                action=f"cases.{action}",
                object_type="cases.case",
                object_id=current.pk,
                outcome="refused",
                after={"state": current.state, "reason": why},
                ip=ip,
            )
            refusal: CaseActionError = TransitionRefused(why)
        elif State(current.state) not in step.sources or (
            expected_version is not None and expected_version != current.version
        ):
            raise TransitionConflict(
                f"案件当前状态为“{current.state_label}”，不能{step.label}（可能已被他人处理，请刷新后重试）。"
            )
        else:
            data, problems = clean_step_data(step, data, current, on)
            reasons = stepfields.reasons(problems)
            if step.needs_reason and not reason:
                reasons.append(f"{step.label}须填写理由。")
            if not problems:  # the guards read the step's data, so only once it is well formed
                context = Context(current, actor, data, on)
                reasons[:0] = [problem for name in step.guards for problem in GUARDS[name](context)]
            if reasons:
                raise TransitionBlocked(reasons, problems)
            changes = _apply_effects(current, step, actor, data, on)
            before_state = current.state
            target = step.target or State(current.state)
            # The compare-and-swap also makes the changes to `current`, so the row is not read back.
            if not statements.move_case(current, target, changes, timezone.now()):
                # lost a race the row lock did not prevent
                raise TransitionConflict("案件已被他人处理，请刷新后重试。")
            if action == "decide" and actor is not None:
                applied = assessment.decision_record(current, changes["fine_amount"], on)
                try:
                    with transaction.atomic():
                        Decision.objects.create(
                            case=current,
                            outcome=changes["decision_outcome"],
                            decided_by=actor,
                            decided_on=on,
                            fine_amount=changes["fine_amount"],
                            repeat_offender=changes["repeat_offender"],
                            assessment=applied,
                            range_min=_decimal(applied.get("fine_min")),
                            range_max=_decimal(applied.get("fine_max")),
                        )
                except IntegrityError as exc:  # the database backstop: one decision per case
                    raise TransitionConflict("本案已作出决定。") from exc
            line_changes = _apply_row_effects(current, step, actor, data)
            periods.after_step(current, step, on=on, data=data)
            if action == "refuse" and str(data.get("refusal_ground")) in REFUSAL_GROUNDS:
                data["refusal_ground_label"] = REFUSAL_GROUNDS[str(data["refusal_ground"])]
            record_entry(
                actor=actor,
                action=f"cases.{action}",
                object_type="cases.case",
                object_id=current.pk,
                before={"state": before_state},
                after={
                    "state": current.state,
                    "reason": reason,
                    **{k: _journal_value(v) for k, v in changes.items()},
                    **{k: v for k, v in data.items() if isinstance(v, str | int | bool)},
                    **line_changes,
                },
                ip=ip,
                role=role,
            )
            return current
    raise refusal
