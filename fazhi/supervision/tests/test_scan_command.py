"""manage.py supervision_scan: every rule once, as text or JSON, as of today or a given day."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from fazhi.cases.tests.conftest import RegisterCase

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("supervision_scan", *args, stdout=out)
    return out.getvalue()


def test_the_scan_prints_each_alert_with_rule_severity_citation_case_and_unit(register: RegisterCase) -> None:
    case = register()
    data = json.loads(run("--as-of", "2026-03-10", "--format", "json"))
    [alert] = data["alerts"]
    assert (alert["rule"], alert["severity"], alert["case"]) == ("period_breached", "red", case.reference)
    assert alert["unit"] == "福田区劳动监察大队第一中队"
    assert "第三十六条" in alert["detail"]
    assert "行政处罚法" in alert["citation"]
    assert "共 1 条预警" in run("--as-of", "2026-03-09")


def test_a_scan_before_any_case_was_received_is_empty_and_a_bad_date_is_an_error(register: RegisterCase) -> None:
    register()
    assert json.loads(run("--as-of", "2026-03-01", "--format", "json"))["alerts"] == []
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--as-of", "2026-13-01")
