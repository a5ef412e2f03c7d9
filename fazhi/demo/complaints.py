"""Demo complaints filed the way the public files them (`submit_complaint`, no login): one whose employer's address
names 南山区, routed to that district's intake, and one naming no district, which lands at the city for staff to
route. seed_demo prints their query codes so the status lookup can be tried."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import Source
from fazhi.complaints.actions import Receipt, submit_complaint
from fazhi.complaints.models import Submission

DEMO_COMPLAINTS: tuple[dict[str, Any], ...] = (
    {
        "source": Source.COMPLAINT,
        "complainant_name": "黄小燕",
        "complainant_id_number": "",
        "phone": "13800000001",
        "anonymous": False,
        "employer_name": "深圳市南山区演示科技有限公司",
        "employer_credit_code": "",
        "employer_address": "深圳市南山区粤海街道演示路1号",
        "facts": "公司自今年八月起拖欠我两个月工资共一万二千元，多次催要未果，请求责令支付。",
        "workers": (WorkerInput(name="黄小燕", amount_owed=Decimal("12000.00")),),
    },
    {
        "source": Source.REPORT,
        "complainant_name": "",
        "complainant_id_number": "",
        "phone": "13800000002",
        "anonymous": True,
        "employer_name": "深圳市演示餐饮管理有限公司",
        "employer_credit_code": "",
        "employer_address": "深圳市演示大道88号",
        "facts": "该公司安排员工每天工作十二小时，每月只休息两天，未支付加班费。",
        "workers": (),
    },
)


def file_demo_complaints() -> list[tuple[Receipt, str]]:
    """File the demo complaints once (none when portal submissions exist): each receipt with the phone to look it up."""
    if Submission.objects.exists():
        return []
    return [(submit_complaint(**complaint), str(complaint["phone"])) for complaint in DEMO_COMPLAINTS]
