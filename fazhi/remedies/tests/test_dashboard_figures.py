"""The supervisor sees the year's remedies on the supervision dashboard and in its Excel export: records received,
the correction rate (纠错率, decisions revoked, changed, confirmed unlawful or void over those decided — 行政复议法
第六十三至六十七条; 行政诉讼法 第七十条) and the heads' court appearance rate (行政诉讼法 第三条第三款), beside the
suggestions answered on time."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from fazhi.accounts.models import User
from fazhi.cases.models import Case

from .conftest import upheld_then_revoked_in_court

pytestmark = pytest.mark.django_db


def test_the_supervisor_reads_the_correction_rate_and_the_heads_appearances_on_the_dashboard(
    decided: Case, legal: User, leader: User, supervisor: User
) -> None:
    upheld_then_revoked_in_court(legal, leader, decided)
    client = Client()
    client.force_login(supervisor)
    page = client.get("/staff/supervision/?as_of=2026-07-01").content.decode()
    assert "行政复议、行政诉讼与司法建议、检察建议（2026年1月1日至7月1日）" in page
    assert 'data-testid="correction-rate">50%<' in page
    assert 'data-testid="appearance-rate">100%<' in page
    assert "福田区人力资源局" in page
    assert 'href="/staff/remedies/?kind=reconsideration" data-testid="received-1">1<' in page


def test_the_figures_cover_the_year_up_to_the_day_shown(
    decided: Case, legal: User, leader: User, supervisor: User
) -> None:
    upheld_then_revoked_in_court(legal, leader, decided)
    client = Client()
    client.force_login(supervisor)
    before = client.get("/staff/supervision/?as_of=2026-03-26").content.decode()
    assert 'data-testid="correction-rate">—<' in before
    assert 'data-testid="received-1">0<' in before  # the copy arrived on 03-27


def test_the_excel_export_carries_the_remedies_and_the_suggestions_sheets(
    decided: Case, legal: User, leader: User, supervisor: User
) -> None:
    upheld_then_revoked_in_court(legal, leader, decided)
    client = Client()
    client.force_login(supervisor)
    response = client.get("/staff/supervision/export.xlsx?as_of=2026-07-01")
    book = load_workbook(io.BytesIO(response.content))
    assert "复议诉讼" in book.sheetnames
    assert "司法建议检察建议" in book.sheetnames
    rows = [list(row) for row in book["复议诉讼"].iter_rows(values_only=True)]
    assert ["纠错率", "合计", 2, 1, 0.5] in rows
    assert ["负责人出庭应诉", "开庭次数 / 负责人出庭次数 / 出庭率", 1, 1, 1.0] in rows
    suggestion_rows = [list(row) for row in book["司法建议检察建议"].iter_rows(values_only=True)]
    assert suggestion_rows[-1][0] == "合计"
