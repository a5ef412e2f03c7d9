"""The API's case detail shows the fine's performance as the case page does: the surcharge due without the days of
reconsideration (行政处罚法 第七十三条第三款), whether it is imposed (第七十二条), the plan (第六十六条第二款) and the
court-enforcement window (行政诉讼法 第四十五条; 行政诉讼法解释 第一百五十六条)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.accounts.models import User
from fazhi.api.tests.helpers import api_client
from fazhi.cases.tests.conftest import _on_a_known_day, on, register  # noqa: F401  (fixtures)
from fazhi.cases.tests.test_fine_performance import FakeRemedies, Fined, fined, remedies  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_the_case_detail_gives_the_surcharge_without_the_reconsideration_days_and_the_window_it_moved(
    fined: Fined,  # noqa: F811
    remedies: FakeRemedies,  # noqa: F811
    inspector: User,
) -> None:
    """Due 03-24; a reconsideration 04-01…04-30, after which the party may sue until 05-15 (as the remedies app
    reports it): on 05-10 the surcharge is 17 days × 3 % × 20,000, and the bureau's window runs from 05-16 to three
    months later, Saturday 08-15 rolled over to Monday 08-17."""
    case = remedies.record(
        fined(), pauses=((dt.date(2026, 4, 1), dt.date(2026, 4, 30)),), suit_deadline=dt.date(2026, 5, 15)
    )
    with on(dt.date(2026, 5, 10)):
        body = api_client(inspector).get(f"/api/v1/cases/{case.pk}").json()
    assert (body["surcharge_due"], body["surcharge_imposed"], body["surcharge_excluded_days"]) == ("10200.00", True, 30)
    assert (body["fine_outstanding"], body["payment_plan"]) == ("20000.00", "")
    assert (
        body["enforcement_window"]
        == "2026-05-16 至 2026-08-17（当事人起诉期限届满后三个月内；行政诉讼法解释第一百五十六条）"
    )
    findings = {f["label"]: f["value"] for f in body["findings"]}
    assert "复议、诉讼期间 30 日不计" in findings["罚款缴纳"]
