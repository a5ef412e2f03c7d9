"""Helpers for the API tests: a known day, cases registered through the real action, and bearer tokens."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.test import Client

from fazhi.accounts.models import User
from fazhi.api.actions import create_api_token
from fazhi.cases.actions import WorkerInput, register_case
from fazhi.cases.models import Case, Source
from fazhi.rules.identifiers import make_credit_code, make_id_number

# Inside the loaded holiday data (2004–2026), so every period has a due date.
TODAY = dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))

COMPLAINANT_ID = make_id_number(random.Random(7), birth=dt.date(1990, 5, 17))
WORKER_ID = make_id_number(random.Random(8), birth=dt.date(1988, 1, 2))


def credit_code(seed: int) -> str:
    return make_credit_code(random.Random(seed))


def complaint(actor: User, handler: User | None = None, co_handler: User | None = None, **overrides: Any) -> Case:
    """A complaint in `actor`'s unit, registered through `register_case`."""
    fields: dict[str, Any] = {
        "actor": actor,
        "source": Source.COMPLAINT,
        "unit": actor.unit,
        "employer_name": "深圳市福田区某电子有限公司",
        "employer_credit_code": credit_code(Case.objects.count() + 1),
        "summary": "拖欠 2 名员工 2026 年 1 月至 2 月工资。",
        "received_on": dt.date(2026, 3, 2),
        "complainant_name": "王小明",
        "complainant_id_number": COMPLAINANT_ID,
        "complainant_phone": "13800138000",
        "workers": [
            WorkerInput(name="王小明", amount_owed=Decimal("12000.00"), id_number=WORKER_ID),
            WorkerInput(name="李四", amount_owed=Decimal("9500.50")),
        ],
        "handler": handler,
        "co_handler": co_handler,
    }
    fields.update(overrides)
    return register_case(**fields)


def token_for(user: User, name: str = "测试") -> str:
    _, token = create_api_token(actor=None, user=user, name=name)
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def api_client(user: User) -> Client:
    """A client that calls the API with a fresh bearer token of `user`."""
    return Client(headers=bearer(token_for(user)))


def intake_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source": "complaint",
        "employer": {"name": "深圳市福田区某科技有限公司", "credit_code": credit_code(99)},
        "summary": "拖欠 1 名员工 2026 年 2 月工资。",
        "received_on": "2026-03-06",
        "complainant": {"name": "赵六", "phone": "13900139000"},
        "workers": [{"name": "赵六", "amount_owed": "8800.50"}],
    }
    body.update(overrides)
    return body
