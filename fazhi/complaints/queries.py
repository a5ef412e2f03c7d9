"""What the public may learn about its own complaint: the stage and the dates, by query code and phone number.

Never the inspectors' notes, the handlers' names, the employer's answers or the proposal: only the fields listed in
`PublicStatus`. A wrong code and a wrong phone look the same to the caller (None).
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass

from fazhi.accounts.access import can_write
from fazhi.accounts.models import Unit, User
from fazhi.cases.models import INTAKE_SOURCES, Case, Source
from fazhi.cases.workflow import State
from fazhi.complaints import codes
from fazhi.complaints.actions import ROUTABLE_STATES, ROUTERS, routing_targets
from fazhi.complaints.models import Submission

# The public stages: a coarser view of the procedure (the internal reviews are one stage to the complainant).
# A complaint is accepted and filed in one step (广东省劳动保障监察条例 第三十六条第一款); a report is examined for
# filing (第三十二条), and may be filed, not filed, or sent to the body that has jurisdiction (第三十三条第二款).
STAGES: dict[str, str] = {
    State.RECEIVED: "已收到，待受理",
    State.AWAITING_COMPLETION: "待补正材料（请留意本局的书面通知）",
    State.REFUSED: "不予受理（本局已另行书面告知理由）",
    State.FILING_REVIEW: "已收到，正在审查是否立案",
    State.NOT_FILED: "不予立案",
    State.REFERRED: "已移送有管辖权的部门处理",
    State.INVESTIGATING: "调查处理中",
    State.PROPOSAL_REVIEW: "调查处理中",
    State.LEGAL_REVIEW: "调查处理中",
    State.NOTICE: "调查处理中",
    State.HEARING: "调查处理中",
    State.DECISION: "调查处理中",
    State.SERVICE: "已作出处理决定",
    State.PERFORMANCE: "已作出处理决定，督促履行中",
    State.CLOSING_REVIEW: "结案审批中",
    State.CLOSED: "已办结",
    State.ARCHIVED: "已办结",
}


@dataclass(frozen=True)
class PublicStatus:
    source_label: str
    unit_name: str
    stage: str
    received_on: dt.date
    accepted_on: dt.date | None
    filed_on: dt.date | None
    decided_on: dt.date | None
    closed_on: dt.date | None


def complaint_status(*, code: str, phone: str) -> PublicStatus | None:
    """The status of the complaint whose query code and phone number these are, or None (either is wrong)."""
    submission = Submission.objects.select_related("case", "case__unit").filter(code_hash=codes.code_hash(code)).first()
    expected = submission.lookup_hash if submission is not None else "0" * 64
    if not hmac.compare_digest(expected, codes.lookup_hash(code, phone)) or submission is None:
        return None
    case = submission.case
    # A complaint is filed on the day it is accepted, or deemed accepted from receipt (广东省劳动保障监察条例 第三十六条
    # 第一款、第三十九条第二款): its filing day is its acceptance day. A report is not accepted but examined for filing.
    accepted_on = case.filed_on if case.source in INTAKE_SOURCES else None
    return PublicStatus(
        source_label=Source(case.source).label,
        unit_name=case.unit.name,
        stage=STAGES.get(case.state, "办理中"),
        received_on=case.received_on,
        accepted_on=accepted_on,
        filed_on=case.filed_on,
        decided_on=case.decided_on,
        closed_on=case.closed_on,
    )


@dataclass(frozen=True)
class CaseRouting:
    offered: bool  # the user may send this not-yet-accepted complaint to another unit
    targets: list[Unit]
    from_portal: bool  # filed on the portal (routed by the employer's address)


def case_routing(user: User, case: Case) -> CaseRouting:
    """For the case page (the case is already in the user's scope): whether it may be routed, and where to."""
    offered = case.state in ROUTABLE_STATES and can_write(user) and bool(user.role_names & ROUTERS)
    return CaseRouting(
        offered=offered,
        targets=[unit for unit in routing_targets() if unit.pk != case.unit_id] if offered else [],
        from_portal=offered and Submission.objects.filter(case_id=case.pk).exists(),
    )
