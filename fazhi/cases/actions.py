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

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import Role, Unit, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases import delegations, intake, periods, statements, stepfields, workflow
from fazhi.cases.models import INTAKE_SOURCES, Case, Employer, Source, WorkerLine
from fazhi.cases.numbering import next_reference
from fazhi.cases.outcomes import REFUSAL_GROUNDS
from fazhi.cases.procedure.base import GUARDS, Context, Transition
from fazhi.cases.procedure.decision import DecisionConflict
from fazhi.cases.search import name_bigrams
from fazhi.cases.states import State
from fazhi.cases.stepfields import clean_step_data
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry
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


def _first_periods(source: str) -> list[str]:
    """What runs from receipt: the acceptance of a complaint (广东条例 第三十六条、第三十九条), the filing of a
    report or
    an own discovery (第三十二条) and, for a report, its referral when the bureau is not competent
    (第三十三条第二款)."""
    if source in INTAKE_SOURCES:
        return ["complaint_acceptance"]
    return ["filing_own_discovery", "report_referral"] if source == Source.REPORT else ["filing_own_discovery"]


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
    """Register a complaint, a report or an own discovery. Complaints wait for acceptance, which is their filing (5
    working days, 广东条例 第三十六条、第三十九条); reports and own discoveries go to the filing approval (5 working
    days
    from discovery, 第三十二条).

    `actor` None is the public filing through the portal (fazhi.complaints), named by `channel` ("portal") in the
    journal entry; the new case waits in the intake of `unit` like any other complaint."""
    # One check of what a registration must hold, the same for the forms and the API (fazhi.cases.intake).
    intake.check(
        intake.Intake(
            source=source, received_on=received_on, employer_name=employer_name, summary=summary,
            employer_credit_code=employer_credit_code, employer_address=employer_address,
            legal_representative=legal_representative, complainant_name=complainant_name,
            complainant_id_number=complainant_id_number, complainant_phone=complainant_phone,
            anonymous=anonymous, workers=workers, handler=handler, co_handler=co_handler,
        ),
        unit=unit,
        today=today(),
    )  # fmt: skip
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
                procedure_version=workflow.CURRENT_VERSION,
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
            periods.open_periods(case, _first_periods(source), start=received_on)
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


def _journal_value(value: Any) -> Any:
    if isinstance(value, User):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _role_for(actor: User, step: Transition, case: Case, on: dt.date) -> str:
    """The role `actor` takes `step` in: one of the row's roles, or a written delegation of a leader's step."""
    role = _acting_role(actor, step.roles)
    if not role and step.delegable and delegations.holds(actor, step.action, case.unit, on):
        role = delegations.DELEGATE
    return role


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
    case as it is afterwards. The step is the row of the procedure version the case follows."""
    data = dict(data or {})
    reason = reason.strip()
    on = today()
    with transaction.atomic():
        current = statements.locked_case(case.pk)
        # A case follows the procedure version it records; only the current version's steps run (an older table
        # stays as data, so the case's history still reads in its own words).
        steps = workflow.by_action(current.procedure_version)
        step = steps.get(action) if current.procedure_version == workflow.CURRENT_VERSION else None
        if step is None:
            if current.procedure_version != workflow.CURRENT_VERSION:
                raise InvalidCaseInput(
                    f"本案按第{current.procedure_version}版办案程序登记，须先迁移到现行第{workflow.CURRENT_VERSION}版"
                    "办案程序才能继续办理，请联系系统管理员。"
                )
            if workflow.label_of(action):
                raise InvalidCaseInput(
                    f"本案按第{current.procedure_version}版办案程序登记，该版本没有“{workflow.label_of(action)}”这一步骤。"
                )
            raise InvalidCaseInput(f"未知的办案步骤：{action}。")
        if actor is None:
            role, in_scope = ("system" if "system" in step.roles else ""), True
        else:
            role = _role_for(actor, step, current, on)
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
            context = Context(current, actor, data, on)
            if not problems:  # the guards read the step's data, so only once it is well formed
                reasons[:0] = [problem for name in step.guards for problem in GUARDS[name](context)]
            if reasons:
                raise TransitionBlocked(reasons, problems)
            changes = step.effect(context) if step.effect else {}
            before_state = current.state
            target = step.target or State(current.state)
            # The compare-and-swap also makes the changes to `current`, so the row is not read back.
            if not statements.move_case(current, target, changes, timezone.now()):
                # lost a race the row lock did not prevent
                raise TransitionConflict("案件已被他人处理，请刷新后重试。")
            try:
                line_changes = step.after(context) if step.after else {}
            except DecisionConflict as exc:
                raise TransitionConflict("本案已作出该项决定。") from exc
            periods.meet_periods(current, step.meets, on=step.met_on(context) if step.met_on else on)
            for code, start in step.start_days(context).items():
                if start is not None:
                    periods.open_periods(current, [code], start=start)
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
                    **_choice_labels(data),
                    **line_changes,
                },
                ip=ip,
                role=role,
            )
            return current
    raise refusal


def _choice_labels(data: Mapping[str, Any]) -> dict[str, str]:
    """The Chinese names of the choices the journal keeps by code (the refusal's ground)."""
    ground = str(data.get("refusal_ground", ""))
    return {"refusal_ground_label": REFUSAL_GROUNDS[ground]} if ground in REFUSAL_GROUNDS else {}
