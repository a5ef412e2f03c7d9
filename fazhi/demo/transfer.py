"""A demo wage case transferred to the police (两法衔接), built through the real actions (seed_demo calls this after
the demo cases): an order to pay decided and served, one worker's four months of pay (26,800 yuan) still unpaid after
its deadline (法释〔2013〕3号 第三条第（一）项、第四条), the 专案组's report, the 正职负责人's approval the next working
day, the 涉嫌犯罪案件移送书 and the transfer the same afternoon (行政执法机关移送涉嫌犯罪案件的规定 第五条、第六条), the
police's receipt and filing, the hand-over of the items (第十二条), and the case sent to the closing review. Each step
is taken on its own day (the clock moved with time_machine, as the demo cases are)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.accounts.models import Unit, User
from fazhi.calendars.queries import working_calendar
from fazhi.cases.actions import WorkerInput, register_case, transition
from fazhi.cases.models import Case, CrimeTransfer, Source
from fazhi.demo.cases import DEMO_AS_OF, SHANGHAI, DemoDataError
from fazhi.documents.actions import issue_document
from fazhi.rules.identifiers import make_credit_code

EMPLOYER = "深圳市福田区鑫达电子科技有限公司"
POLICE = "深圳市公安局福田分局"
STARTS = dt.date(2026, 9, 1)  # the complaint's receipt (a Tuesday); every step follows on working days
STAFF = ("inspector", "inspector2", "lead", "leader")
WAGE_ARREARS = "lbjc26_1_wage_arrears"
INQUIRY = {
    "record_kind": "inquiry",
    "place": "福田区劳动监察大队询问室",
    "subject": "陈志强（鑫达电子法定代表人）",
    "content": "问：你单位是否拖欠王建军的工资？\n答：2026年3月至6月的工资确实未发，公司资金紧张。",
}
REPORT = (
    "该单位经本局《行政处理决定书》责令于期限内支付劳动者王建军2026年3月至6月工资共计26800元，期限届满仍拒不支付，"
    "法定代表人已停止经营并拒接电话。一名劳动者三个月以上的劳动报酬达到二万元的标准（法释〔2013〕3号第三条第一款"
    "第（一）项、第四条），涉嫌拒不支付劳动报酬罪，建议移送公安机关。"
)
ITEMS = "工资发放表原件2册；2026年3月至6月考勤记录一套（存放于本大队证据室）。"


def _working(day: dt.date, days: int) -> dt.date:
    return working_calendar().add_working_days(day, days)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), SHANGHAI)


def seed_demo_transfer() -> int:
    """Returns how many cases were transferred (none when the demo has a transfer already)."""
    if CrimeTransfer.objects.exists():
        return 0
    users = {user.username: user for user in User.objects.filter(username__in=STAFF, is_active=True)}
    squad = Unit.objects.filter(code="SZ-FT-JC-1").first()
    if squad is None or len(users) != len(STAFF):
        raise DemoDataError("缺少福田区第一中队或其演示账户，请先生成演示机构和账户。")
    with transaction.atomic():
        _transfer(_ordered(squad, users), users)
    return 1


def _step(case: Case, actor: User, action: str, day: dt.date, hour: int = 10, **data: Any) -> Case:
    import time_machine

    with time_machine.travel(_at(day, hour), tick=False):
        return transition(actor=actor, case=case, action=action, data=data)


def _ordered(squad: Unit, users: dict[str, User]) -> Case:
    """The complaint accepted, investigated, the order to pay decided and served; its deadline passes unpaid."""
    import time_machine

    inspector, inspector2, lead, leader = (users[name] for name in STAFF)
    with time_machine.travel(_at(STARTS, 9), tick=False):
        case = register_case(
            actor=inspector,
            source=Source.COMPLAINT,
            unit=squad,
            employer_name=EMPLOYER,
            employer_credit_code=make_credit_code(random.Random(276)),
            employer_address="深圳市福田区华强北街道振兴路101号",
            legal_representative="陈志强",
            summary="拖欠员工王建军2026年3月至6月工资，法定代表人避而不见。",
            received_on=STARTS,
            complainant_name="王建军",
            complainant_phone="13912345678",
            workers=[
                WorkerInput(
                    name="王建军",
                    amount_owed=Decimal("26800.00"),
                    period_start=dt.date(2026, 3, 1),
                    period_end=dt.date(2026, 6, 30),
                )
            ],
            handler=inspector,
            co_handler=inspector2,
        )
    case = _step(case, lead, "accept", STARTS)
    day = _working(STARTS, 1)
    case = _step(case, inspector, "record_investigation", day, 10, held_on=day.isoformat(), **INQUIRY)
    day = _working(day, 1)
    case = _step(
        case,
        inspector,
        "propose",
        day,
        proposed_outcome="handling_decision",
        violation_code=WAGE_ARREARS,
        findings="当事人拖欠劳动者王建军2026年3月至6月工资共计26800元。",
        occurred_on="2026-04-10",
        proposal="经调查，当事人无故拖欠劳动者工资，事实清楚，证据确凿。依据《劳动保障监察条例》第二十六条，拟责令限期支付。",
    )
    day = _working(day, 1)
    case = _step(case, lead, "approve_proposal_to_notice", day)
    case = _step(
        case, inspector, "serve_notice", day, 15, notice_service_method="in_person", notice_served_on=day.isoformat()
    )
    day = _working(day, 6)  # the 5 working days to state a defence are over
    case = _step(case, inspector, "close_notice", day)
    day = _working(day, 1)
    comply_by = day + dt.timedelta(days=15)
    case = _step(case, leader, "decide", day, comply_by=comply_by.isoformat())
    case = _step(case, inspector, "serve", day, 15, service_method="in_person", served_on=day.isoformat())
    # Every decision is filed with the superior department within 10 days (广东省劳动保障监察条例 第四十八条).
    return _step(case, inspector, "file_with_superior", _working(day, 2))


def _transfer(case: Case, users: dict[str, User]) -> Case:
    """Reported two working days after the deadline; approved, issued and sent on the next working day."""
    import time_machine

    inspector, inspector2, _, leader = (users[name] for name in STAFF)
    assert case.comply_by is not None
    day = _working(case.comply_by, 2)
    case = _step(case, inspector, "report_transfer", day, 16, transfer_report=REPORT, transfer_items=ITEMS)
    day = _working(day, 1)
    case = _step(case, leader, "approve_transfer", day, 9)
    with time_machine.travel(_at(day, 10), tick=False):
        issue_document(actor=inspector, case=case, doc_type="crime_transfer", inputs={"police": POLICE, "items": ITEMS})
    case = _step(case, inspector2, "send_transfer", day, 15, police_organ=POLICE)
    case = _step(case, inspector, "record_police_receipt", day, 16, receipt_on=day.isoformat())
    day = _working(day, 2)
    case = _step(case, inspector, "record_police_filing", day, police_decided_on=day.isoformat())
    day = _working(day, 1)
    case = _step(case, inspector, "hand_over_items", day, handed_over_on=day.isoformat())
    case = _step(case, inspector, "close_after_transfer", day, 15)
    assert day <= DEMO_AS_OF
    return case
