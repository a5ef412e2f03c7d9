"""Supervision orders end to end (raise → answer → close, or escalate), each step one journal entry; the dashboard,
an alert's page and the Excel export as the supervisor sees them; the orders in the unit's work list."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from fazhi.accounts.models import User
from fazhi.cases.tests.conftest import RegisterCase
from fazhi.journal.models import Entry
from fazhi.supervision.actions import OrderError, answer_order, close_order, escalate_order, raise_order
from fazhi.supervision.models import OrderState

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_order_on_a_case_is_answered_by_the_units_lead_and_closed_by_the_supervisor(
    register: RegisterCase, supervisor: User, lead: User
) -> None:
    case = register()
    before = Entry.objects.count()
    order = raise_order(actor=supervisor, case=case, subject="受理期限今日届满，请立即受理。", rule="period_due_soon")
    assert (order.unit, order.state, order.respond_by) == (case.unit, OrderState.OPEN, dt.date(2026, 3, 16))
    assert order.number == "督〔2026〕1号"
    order = answer_order(actor=lead, order=order, response="已于当日受理。")
    order = close_order(actor=supervisor, order=order, conclusion="答复属实，办结。")
    assert order.state == OrderState.CLOSED
    actions = list(Entry.objects.filter(seq__gt=before).values_list("action", flat=True))
    assert actions == ["supervision.raise_order", "supervision.answer_order", "supervision.close_order"]


def test_an_unanswered_order_escalates_to_the_unit_above_and_only_the_supervisor_raises_orders(
    register: RegisterCase, supervisor: User, lead: User, outsider: User, director: User
) -> None:
    case = register()
    with pytest.raises(OrderError, match="只有电子监察人员"):
        raise_order(actor=lead, case=case, subject="自己督办自己")
    order = raise_order(actor=supervisor, case=case, subject="请说明。")
    with pytest.raises(OrderError, match="负责人可以答复"):
        answer_order(actor=outsider, order=order, response="不是我们的")
    order = escalate_order(actor=supervisor, order=order, reason="逾期未答复")
    assert (order.unit, order.level, order.state) == (case.unit.parent, 2, OrderState.OPEN)
    with pytest.raises(OrderError, match="不能办理"):
        close_order(actor=supervisor, order=order, conclusion="办结")
    assert answer_order(actor=director, order=order, response="大队已督促").state == OrderState.ANSWERED


def test_the_lead_sees_the_order_addressed_to_the_squad_in_the_work_list(
    register: RegisterCase, supervisor: User, lead: User, outsider: User
) -> None:
    order = raise_order(actor=supervisor, case=register(), subject="请说明延误原因。")
    page = client_for(lead).get("/staff/cases/").content.decode()
    assert "待答复的督办单" in page
    assert order.number in page
    assert order.number not in client_for(outsider).get("/staff/cases/").content.decode()


def test_the_dashboard_counts_alerts_by_severity_and_unit_with_charts(register: RegisterCase, supervisor: User) -> None:
    register()
    page = client_for(supervisor).get("/staff/supervision/").content.decode()
    assert 'data-testid="count-yellow">1<' in page
    assert "<svg" in page
    assert "福田区劳动监察大队第一中队" in page
    assert 'hx-trigger="every 5s"' in page
    fragment = client_for(supervisor).get("/staff/supervision/", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert 'data-testid="count-yellow">1<' in fragment


def test_an_inspector_cannot_open_the_dashboard(inspector: User) -> None:
    assert client_for(inspector).get("/staff/supervision/").status_code == 403


def test_the_alert_page_shows_rule_citation_evidence_and_the_case_link(
    register: RegisterCase, supervisor: User
) -> None:
    case = register()
    response = client_for(supervisor).get(f"/staff/supervision/alerts/period_due_soon/{case.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "法定期限即将届满" in page
    assert "第三十六条" in page
    assert f"/staff/cases/{case.pk}/" in page
    assert "登记案件" in page
    assert "cases.register" not in page  # the journal's steps by their Chinese names


def test_the_supervisor_raises_an_order_from_the_alert_page(register: RegisterCase, supervisor: User) -> None:
    case = register()
    response = client_for(supervisor).post(
        "/staff/supervision/orders/new/", {"case": case.pk, "rule": "period_due_soon", "subject": "请立即受理"}
    )
    assert response.status_code == 302
    assert case.supervision_orders.get().subject == "请立即受理"


def test_the_excel_export_lists_the_alerts_and_the_units(register: RegisterCase, supervisor: User) -> None:
    case = register()
    response = client_for(supervisor).get("/staff/supervision/export.xlsx?as_of=2026-03-10")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["预警"].iter_rows(values_only=True))
    assert rows[1][:2] == ("红色", "法定期限已超期")
    assert rows[1][3] == case.reference
    assert any(row[0] == "福田区劳动监察大队第一中队" for row in book["统计"].iter_rows(values_only=True))


def test_the_alert_page_of_a_period_met_late_names_the_period_its_article_and_the_days_late(
    register: RegisterCase, supervisor: User, lead: User
) -> None:
    """广东省劳动保障监察条例 第三十六条: the acceptance met two days late stays on the alert's page."""
    from fazhi.cases.tests.conftest import on, walk

    case = register()
    with on(dt.date(2026, 3, 11)):
        walk(case, (lead, "accept", {}))
        page = client_for(supervisor).get(f"/staff/supervision/alerts/period_met_late/{case.pk}/").content.decode()
    assert "逾期办理（期限届满后才完成）" in page
    assert "逾期 2 日" in page
    assert "第三十六条" in page
    assert "受理并立案" in page
