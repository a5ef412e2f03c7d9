"""Filing a complaint or report from the public portal: one action that routes it to the competent intake unit and
registers it through `fazhi.cases.actions.register_case` (actor None, channel "portal"), which writes the one journal
entry; the submission row with the query code's hashes is part of the same registration and transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from fazhi.accounts.models import Role, Unit, UnitKind, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases.actions import WorkerInput, register_case, today
from fazhi.cases.models import Case, Period, Source
from fazhi.cases.workflow import BY_ACTION, State
from fazhi.complaints import codes
from fazhi.complaints.models import Submission
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.rules.districts import district_of


class ComplaintError(ActionError):
    """The complaint cannot be filed (a Chinese `message` safe to show the public)."""


@dataclass(frozen=True)
class Receipt:
    code: str  # shown once to the complainant, never stored
    unit_name: str
    received_on: dt.date
    source: str


# Steps before acceptance: a complaint not yet accepted may still go to the competent unit (劳动保障监察条例 第十三条;
# 关于实施《劳动保障监察条例》若干规定 第十六条: not within jurisdiction → to the competent department).
ROUTABLE_STATES = frozenset({State.RECEIVED, State.AWAITING_COMPLETION})
ROUTERS = frozenset({Role.LEAD, Role.DIRECTOR, Role.LEADER})
INTAKE_KINDS = frozenset({UnitKind.CITY_BUREAU, UnitKind.DISTRICT_BUREAU, UnitKind.BRIGADE, UnitKind.SQUAD})


def accepting_units() -> models.QuerySet[Unit]:
    """The units where a complaint can be accepted: those with an active member who holds a role of the procedure's
    `accept` step (the 科长, `fazhi.cases.procedure.intake`). Such a member sees the unit's cases and those below it,
    and names the handlers from the inspectors there."""
    roles = sorted(BY_ACTION["accept"].roles)
    acceptors = User.objects.filter(unit=OuterRef("pk"), is_active=True, role_grants__role__in=roles)
    return Unit.objects.filter(Exists(acceptors), kind__in=INTAKE_KINDS)


def _acceptance_unit(unit: Unit) -> Unit | None:
    """`unit` if a complaint can be accepted there, else the nearest unit below it where one can (the shallowest,
    then the first in the tree's order), else None."""
    below = list(accepting_units().filter(path__startswith=unit.path))
    return min(below, key=lambda found: (found.depth, found.path)) if below else None


def intake_unit(employer_address: str) -> Unit:
    """Where a public complaint lands: the intake of the district named in the employer's address (劳动保障监察条例
    第十三条; `settings.FAZHI_INTAKE_UNITS`), else the configured default unit, where staff route it.

    It lands where it can be accepted, so that the 5 working days of 广东省劳动保障监察条例 第三十九条 run with someone
    able to act: at the district's configured unit when a member there may accept, else at the nearest unit below it
    with such a member (a brigade configured as the district's intake sends its complaints to its squad with a 科长);
    failing that, at the default unit if someone there may accept (to route it). When nobody may, the complaint is
    still received, at the district's unit or else the default (the supervision watches the period)."""
    district = district_of(employer_address)
    mapping: dict[str, str] = settings.FAZHI_INTAKE_UNITS
    code = mapping.get(district.code) if district is not None else None
    configured = Unit.objects.filter(code=code).first() if code else None
    default = Unit.objects.filter(code=settings.FAZHI_INTAKE_DEFAULT_UNIT).first()
    found = _acceptance_unit(configured) if configured is not None else None
    if found is None and default is not None and accepting_units().filter(pk=default.pk).exists():
        found = default
    found = found or configured or default
    if found is None:
        raise ComplaintError("网上投诉举报暂不能受理（受理机构尚未设置），请前往用人单位所在地的劳动保障监察机构办理。")
    return found


@transaction.atomic
def submit_complaint(
    *,
    actor: None = None,
    source: str,
    complainant_name: str,
    complainant_id_number: str,
    phone: str,
    anonymous: bool,
    employer_name: str,
    employer_credit_code: str,
    employer_address: str,
    facts: str,
    workers: Sequence[WorkerInput] = (),
    ip: str | None = None,
) -> Receipt:
    """File a complaint (投诉, the complainant's own rights) or a report (举报, anyone; may be anonymous, 广东条例
    第三十四条). An anonymous report keeps no name, ID number or phone in the case: the phone only unlocks the status
    lookup, as a hash. Nor does the journal keep its client address (security review M6: an office network's address
    would name the reporter, and the chained journal can never forget it); the rate limit counted it in the cache."""
    if source not in (Source.COMPLAINT, Source.REPORT):
        raise ComplaintError("请选择投诉或举报。")
    anonymous = anonymous and source == Source.REPORT
    unit = intake_unit(employer_address)
    for _attempt in range(3):
        code = codes.new_code()
        try:
            with transaction.atomic():
                case = register_case(
                    actor=actor,
                    source=source,
                    unit=unit,
                    employer_name=employer_name,
                    employer_credit_code=employer_credit_code,
                    employer_address=employer_address,
                    summary=facts,
                    received_on=today(),
                    complainant_name="" if anonymous else complainant_name,
                    complainant_id_number="" if anonymous else complainant_id_number,
                    complainant_phone="" if anonymous else phone,
                    anonymous=anonymous,
                    workers=workers,
                    ip=None if anonymous else ip,
                    channel="portal",
                )
                Submission.objects.create(
                    case=case, code_hash=codes.code_hash(code), lookup_hash=codes.lookup_hash(code, phone)
                )
        except IntegrityError:  # a code collision (about 2^-79): draw again
            continue
        return Receipt(code=code, unit_name=unit.name, received_on=case.received_on, source=case.source)
    raise ComplaintError("提交未成功，请稍后重试。")


def routing_targets() -> list[Unit]:
    """The units a complaint may be sent to: every unit that handles cases (not the bureau's 处室) and has a member who
    may accept it (`accepting_units`), so that a routed complaint never waits where nobody can act."""
    return list(accepting_units().order_by("path"))


def route_complaint(*, actor: User, case: Case, unit: Unit | None, reason: str, ip: str | None = None) -> Case:
    """Send a complaint that is not yet accepted to the competent unit, e.g. one that landed at the city's intake
    because its address named no district. The receipt's dates and periods stand (the time to decide on acceptance
    keeps running); the periods follow the case to its new unit. One journal entry; a refused attempt is journaled
    and raised."""
    try:
        return _route_complaint(actor, case, unit, reason.strip(), ip)
    except ComplaintError as error:
        record_refusal(
            actor=actor,
            action="complaints.route_complaint",
            reason=error.message,
            object_type="cases.case",
            object_id=case.pk,
            ip=ip,
        )
        raise


@transaction.atomic
def _route_complaint(actor: User, case: Case, unit: Unit | None, reason: str, ip: str | None) -> Case:
    case = Case.objects.select_related("unit").select_for_update(of=("self",)).get(pk=case.pk)
    if not (actor.is_active and actor.role_names & ROUTERS and in_business_scope(actor, case.unit)):
        raise ComplaintError("只有本机构及上级机构的科长或负责人可以移交投诉举报。")
    if case.state not in ROUTABLE_STATES:
        raise ComplaintError("案件已经受理或处理，不能再移交；请通过移送管辖办理。")
    if unit is None or unit.kind not in INTAKE_KINDS:
        raise ComplaintError("请选择接收的监察机构。")
    if unit.pk == case.unit_id:
        raise ComplaintError("案件已在该机构，请选择其他机构。")
    if not accepting_units().filter(pk=unit.pk).exists():
        raise ComplaintError(f"{unit.name}没有可以受理投诉的科长，请选择其下设的中队或其他机构。")
    if not reason:
        raise ComplaintError("请填写移交理由（如用人单位所在区）。")
    before = case.unit
    Case.objects.filter(pk=case.pk).update(unit=unit, version=F("version") + 1, updated_at=timezone.now())
    Period.objects.filter(case=case).update(unit=unit)
    record_entry(
        actor=actor,
        action="complaints.route_complaint",
        object_type="cases.case",
        object_id=case.pk,
        before={"unit": before.code},
        after={"unit": unit.code, "reason": reason[:500]},
        ip=ip,
    )
    case.refresh_from_db()
    return case
