import re
from typing import Any

from django.test import Client

from fazhi.cases.actions import transition
from fazhi.cases.models import Case

from .test_complaints import PHONE, code_from, file


def filed(client: Client) -> str:
    file(client)
    return code_from(client)


def lookup(client: Client, code: str, phone: str, ip: str = "203.0.113.9") -> Any:
    return client.post("/complaints/status/", {"code": code, "phone": phone}, REMOTE_ADDR=ip)


def test_the_complainant_follows_the_stage_and_dates_with_code_and_phone(org):
    client = Client()
    code = filed(client)
    response = lookup(client, code, PHONE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "已收到，待受理" in page
    assert "南山区劳动监察大队" in page
    case = Case.objects.get()
    assert str(case.received_on) in page


def test_the_code_is_accepted_in_lower_case_without_dashes(org):
    client = Client()
    code = filed(client)
    assert "已收到，待受理" in lookup(client, code.replace("-", "").lower(), "+86" + PHONE).content.decode()


def test_the_status_shows_acceptance_but_never_staff_names_or_notes(org, lead, inspector, inspector2, settings):
    settings.FAZHI_INTAKE_UNITS = {"440305": "T-FT-JC-1"}  # the lead's squad takes in this district
    client = Client()
    code = filed(client)
    case = Case.objects.get()
    data = {"assign_handler": "inspector", "assign_co_handler": "inspector2"}
    transition(case=case, action="accept", actor=lead, data=data, reason="内部意见：单位疑似转移资产")
    page = lookup(client, code, PHONE).content.decode()
    assert "调查处理中" in page
    assert "受理日期" in page
    assert "内部意见" not in page
    for person in (lead, inspector, inspector2):
        assert person.full_name not in page


def test_a_wrong_code_and_a_wrong_phone_get_the_same_answer(org):
    client = Client()
    code = filed(client)
    wrong_phone = lookup(client, code, "13900000000")
    wrong_code = lookup(client, "ABCD-EFGH-JKMN-PQRS", PHONE)
    assert wrong_phone.status_code == wrong_code.status_code == 404

    def without_values(response: Any) -> str:
        return re.sub(r'value="[^"]*"', "", response.content.decode())

    assert without_values(wrong_phone) == without_values(wrong_code)
    assert "未查到与该查询码和手机号码相符的投诉举报" in wrong_code.content.decode()


def test_guessing_codes_is_rate_limited(org, settings):
    settings.FAZHI_STATUS_RATE_LIMIT = 3
    client = Client()
    for _ in range(3):
        assert lookup(client, "ABCD-EFGH-JKMN-PQRS", PHONE).status_code == 404
    response = lookup(client, "ABCD-EFGH-JKMN-PQRS", PHONE)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()


def test_an_anonymous_reporter_follows_the_report_with_the_phone_that_is_not_in_the_case(org):
    client = Client()
    file(client, source="report", anonymous="on", complainant_name="", complainant_id_number="")
    code = code_from(client)
    assert Case.objects.get().complainant_phone == ""
    page = lookup(client, code, PHONE).content.decode()
    assert "举报" in page
    assert "已收到，正在审查是否立案" in page  # a report goes to the filing review (广东条例 第三十二条)
    assert "受理日期" not in page
