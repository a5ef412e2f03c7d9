"""A period shows its length in the law's own unit: working days, days or months. The court-enforcement application
runs three months (最高人民法院关于适用《行政诉讼法》的解释 第一百五十六条), not three days."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from fazhi.accounts.models import User
from fazhi.cases.models import Period
from fazhi.cases.tests.conftest import RegisterCase

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days", "unit", "label"),
    [(5, "working", "5 个工作日"), (15, "calendar", "15 日"), (3, "months", "3 个月"), (6, "months", "6 个月")],
)
def test_a_period_states_its_length_in_its_unit(days: int, unit: str, label: str) -> None:
    assert Period(days=days, day_unit=unit).length_label == label


def test_the_inspector_reads_the_acceptance_period_in_working_days_on_the_case_page(
    register: RegisterCase, inspector: User, client: Client
) -> None:
    """广东省劳动保障监察条例 第三十六条、第三十九条: a complaint is accepted or refused within 5 working days."""
    case = register()
    client.force_login(inspector)
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert "（5 个工作日）" in page


def test_a_step_form_explains_how_to_fill_a_field(
    register: RegisterCase, inspector: User, lead: User, client: Client
) -> None:
    """The step forms show each field's help (here: the handlers still to be named at acceptance)."""
    from fazhi.cases.stepfields import FIELDS

    case = register()
    client.force_login(lead)
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    helps = [spec.help for name, spec in FIELDS.items() if spec.help and f'-{name}"' in page]
    assert helps, "no step field with help is offered on a new complaint"
    missing = [text for text in helps if f'<p class="field-help">{escape(text)}</p>' not in page]
    assert missing == []
