"""Filing a complaint or report from the public portal: one action that routes it to the competent intake unit and
registers it through `fazhi.cases.actions.register_case` (actor None, channel "portal"), which writes the one journal
entry; the submission row with the query code's hashes is part of the same registration and transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from fazhi.accounts.models import Unit
from fazhi.cases.actions import WorkerInput, register_case, today
from fazhi.cases.models import Source
from fazhi.complaints import codes
from fazhi.complaints.models import Submission
from fazhi.errors import ActionError
from fazhi.rules.districts import district_of


class ComplaintError(ActionError):
    """The complaint cannot be filed (a Chinese `message` safe to show the public)."""


@dataclass(frozen=True)
class Receipt:
    code: str  # shown once to the complainant, never stored
    unit_name: str
    received_on: dt.date
    source: str


def intake_unit(employer_address: str) -> Unit:
    """The intake unit of the district named in the employer's address (劳动保障监察条例 第十三条), else the
    configured default unit, where staff route it."""
    district = district_of(employer_address)
    mapping: dict[str, str] = settings.FAZHI_INTAKE_UNITS
    wanted = [mapping[district.code]] if district is not None and district.code in mapping else []
    wanted.append(settings.FAZHI_INTAKE_DEFAULT_UNIT)
    for code in wanted:
        unit = Unit.objects.filter(code=code).first()
        if unit is not None:
            return unit
    raise ComplaintError("网上投诉举报暂不能受理（受理机构尚未设置），请前往用人单位所在地的劳动保障监察机构办理。")


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
    lookup, as a hash."""
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
                    ip=ip,
                    channel="portal",
                )
                Submission.objects.create(
                    case=case, code_hash=codes.code_hash(code), lookup_hash=codes.lookup_hash(code, phone)
                )
        except IntegrityError:  # a code collision (about 2^-79): draw again
            continue
        return Receipt(code=code, unit_name=unit.name, received_on=case.received_on, source=case.source)
    raise ComplaintError("提交未成功，请稍后重试。")
