"""A complaint refused after the law had accepted it (A2; 广东省劳动保障监察条例 第三十九条第二款): procedure version 2
refuses the step, so the refusals that fire are written as version 1 or an import left them. The complaint of the
fixtures was received Monday 2026-03-02; its acceptance period is due Monday 03-09."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Period
from fazhi.cases.tests.conftest import RegisterCase, on, walk
from fazhi.journal.actions import record_entry
from fazhi.supervision.tests.conftest import alerts_of

pytestmark = pytest.mark.django_db
RULE = "refusal_after_acceptance"
REFUSAL = {"refusal_ground": "labour_dispute", "reason": "属于劳动争议，告知申请仲裁。"}


def refused_as_version_1_did(case: Case, lead: User, day: dt.date, *, deemed: bool = False) -> None:
    """The refusal on `day` as the version 1 table took it: the acceptance period met that day (or earlier, when the
    complaint was deemed accepted), the case refused, the step journaled."""
    with on(day):
        Period.objects.filter(case=case, code="complaint_acceptance").update(
            state="met", met_on=dt.date(2026, 3, 10) if deemed else day
        )
        Case.objects.filter(pk=case.pk).update(state="refused", deemed_accepted=deemed)
        record_entry(actor=lead, action="cases.refuse", object_type="cases.case", object_id=case.pk, role="lead")


def test_a_refusal_within_the_five_working_days_is_quiet_under_article_39(register: RegisterCase, lead: User) -> None:
    """广东省劳动保障监察条例 第三十九条第二款: 在接到投诉之日起五个工作日内作出."""
    case = walk(register(), (lead, "refuse", REFUSAL))
    assert case.state == "refused"
    assert alerts_of(RULE, case=case) == []


def test_a_refusal_while_awaiting_the_completed_materials_is_quiet_under_article_39(
    register: RegisterCase, lead: User
) -> None:
    """广东省劳动保障监察条例 第三十九条第一款第（七）项: the request to complete met the period in time; the period
    starts again only once the materials are complete."""
    case = walk(register(), (lead, "request_completion", {"reason": "请补充劳动关系证明材料。"}))
    with on(dt.date(2026, 3, 20)):
        walk(case, (lead, "refuse", REFUSAL))
        assert alerts_of(RULE, dt.date(2026, 3, 20), case=case) == []


def test_a_refusal_after_the_acceptance_period_is_red_under_article_39(register: RegisterCase, lead: User) -> None:
    """广东省劳动保障监察条例 第三十九条第二款: 逾期未告知的，自收到投诉材料之日起即为受理."""
    case = register()
    refused_as_version_1_did(case, lead, dt.date(2026, 3, 12))
    with on(dt.date(2026, 3, 13)):
        assert alerts_of(RULE, dt.date(2026, 3, 11), case=case) == []  # replayed: not yet refused
        [alert] = alerts_of(RULE, dt.date(2026, 3, 13), case=case)
    assert (alert.severity, alert.since) == ("red", dt.date(2026, 3, 12))
    assert "投诉受理期限已于 2026-03-09 届满（视为受理），2026-03-12 仍作出不予受理决定" in alert.detail


def test_a_refusal_of_a_complaint_deemed_accepted_is_red_under_articles_39_and_46(
    register: RegisterCase, lead: User
) -> None:
    """广东省劳动保障监察条例 第三十九条第二款、第四十六条: deemed accepted on 03-10, an accepted complaint is ended by
    revoking the filing, not refused on 03-16."""
    deemed = register()
    refused_as_version_1_did(deemed, lead, dt.date(2026, 3, 16), deemed=True)
    with on(dt.date(2026, 3, 17)):
        [alert] = alerts_of(RULE, dt.date(2026, 3, 17), case=deemed)
    assert "投诉受理期限已于 2026-03-09 届满，视为受理后仍作出不予受理决定" in alert.detail


def test_outside_guangdong_a_late_refusal_is_only_a_late_step(
    register: RegisterCase, lead: User, settings: object
) -> None:
    """劳动保障监察条例 and 部令25号 know no deemed acceptance: the late refusal shows as completed late only."""
    case = register()
    refused_as_version_1_did(case, lead, dt.date(2026, 3, 12))
    settings.FAZHI_JURISDICTION = "CN"  # type: ignore[attr-defined]
    with on(dt.date(2026, 3, 13)):
        assert alerts_of(RULE, dt.date(2026, 3, 13), case=case) == []
        assert len(alerts_of("period_met_late", dt.date(2026, 3, 13), case=case)) == 1
