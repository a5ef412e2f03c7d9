import re
from typing import Any

import pytest
from django.test import Client

from conftest import CAPTCHA_ANSWER
from fazhi.cases.models import Case, WorkerLine
from fazhi.cases.workflow import State
from fazhi.complaints.models import Submission
from fazhi.journal.models import Entry
from fazhi.rules.identifiers import make_credit_code

ID_NUMBER = "440304199001011233"  # check character computed by fazhi.rules.identifiers
PHONE = "13812345678"


def complaint(**overrides: str) -> dict[str, str]:
    data = {
        "source": "complaint",
        "complainant_name": "赵小梅",
        "complainant_id_number": ID_NUMBER,
        "phone": PHONE,
        "employer_name": "深圳市某某电子有限公司",
        "employer_credit_code": "",
        "employer_address": "深圳市南山区粤海街道科技园路1号",
        "facts": "公司自今年三月起拖欠我三个月工资共一万七千四百元，多次催要未果，请求责令支付。",
        "worker1_name": "赵小梅",
        "worker1_amount": "17400",
        "website": "",
        "captcha": CAPTCHA_ANSWER,
    }
    data.update(overrides)
    return data


def file(client: Client, **overrides: str) -> Any:
    """Open the form (which draws an image), then send it with the image's characters, as a person does."""
    client.get("/complaints/", REMOTE_ADDR="203.0.113.7")
    return client.post("/complaints/", complaint(**overrides), REMOTE_ADDR="203.0.113.7")


def code_from(client: Client) -> str:
    page = client.get("/complaints/received/").content.decode()
    found = re.search(r'id="query-code">([A-Z0-9-]+)<', page)
    assert found is not None
    return found.group(1)


def test_the_form_is_public_and_in_chinese(org):
    page = Client().get("/complaints/").content.decode()
    assert "劳动保障投诉举报" in page
    assert "匿名举报" in page
    assert 'name="website"' in page  # the honeypot


def test_a_worker_files_a_complaint_that_lands_in_the_intake_of_the_employers_district(org):
    client = Client()
    response = file(client)
    assert response.status_code == 302
    assert response["Location"] == "/complaints/received/"
    case = Case.objects.get()
    assert case.unit == org.nanshan_brigade  # 南山区 in the address
    assert case.state == State.RECEIVED
    assert case.source == "complaint"
    assert (case.complainant_name, case.complainant_id_number, case.complainant_phone) == ("赵小梅", ID_NUMBER, PHONE)
    assert [(w.name, str(w.amount_owed)) for w in WorkerLine.objects.all()] == [("赵小梅", "17400.00")]
    entry = Entry.objects.filter(action="cases.register").get()
    assert entry.actor_id is None
    assert '"channel":"portal"' in entry.after.replace(" ", "")
    assert entry.ip == "203.0.113.7"


def test_the_receipt_shows_a_long_random_query_code_once_and_only_its_hash_is_kept(org):
    client = Client()
    file(client)
    code = code_from(client)
    assert len(code.replace("-", "")) == 16
    submission = Submission.objects.get()
    assert code.replace("-", "") not in submission.code_hash
    # The receipt is shown once: a reload goes to the status lookup, without the code.
    again = client.get("/complaints/received/")
    assert again.status_code == 302
    assert again["Location"] == "/complaints/status/"


def test_an_address_naming_no_known_district_goes_to_the_city_intake_for_routing(org):
    file(Client(), employer_address="深圳市大鹏新区葵涌街道")
    assert Case.objects.get().unit == org.city


def test_an_anonymous_report_keeps_no_identity_in_the_case(org):
    client = Client()
    file(client, source="report", anonymous="on", complainant_name="", complainant_id_number="")
    case = Case.objects.get()
    assert case.anonymous
    assert (case.complainant_name, case.complainant_id_number, case.complainant_phone) == ("", "", "")
    assert case.source == "report"
    assert case.unit == org.nanshan_brigade


def test_the_journal_keeps_no_address_of_an_anonymous_reporter_but_keeps_a_named_complainants(org):
    """Security review M6: the reporter's client address is not in the chained journal, where it would stay."""
    file(Client(), source="report", anonymous="on", complainant_name="", complainant_id_number="")
    file(Client())
    anonymous, named = Entry.objects.filter(action="cases.register").order_by("seq")
    assert not anonymous.ip
    assert "203.0.113.7" not in (anonymous.before or "") + (anonymous.after or "")
    assert named.ip == "203.0.113.7"


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"source": ""}, "请选择投诉或举报。"),
        ({"complainant_name": ""}, "请填写投诉人姓名。"),
        ({"complainant_id_number": "440304199001011230"}, "身份证号码有误"),
        ({"phone": "1381234"}, "手机号码应为11位"),
        ({"employer_name": ""}, "请填写用人单位名称。"),
        ({"employer_credit_code": "91440300MA5XXXXXX1"}, "统一社会信用代码有误"),
        ({"employer_address": ""}, "请填写用人单位地址（用工所在地）。"),
        ({"facts": "拖欠工资"}, "10"),
        ({"worker1_amount": "一万"}, "请填写金额数字"),
        ({"worker1_amount": ""}, "请填写拖欠金额。"),
        ({"worker1_amount": "0"}, "拖欠金额应大于零。"),
        ({"worker1_name": "", "worker1_amount": "100"}, "请填写劳动者姓名。"),
        ({"anonymous": "on"}, "投诉须登记投诉人；匿名反映的，请按“举报”登记"),
    ],
)
def test_a_wrong_field_is_named_in_chinese_and_everything_typed_is_kept(org, overrides, field_message):
    response = file(Client(), **overrides)
    page = response.content.decode()
    assert response.status_code == 400
    assert field_message in page
    assert "已填写的内容都已保留" in page
    assert "公司自今年三月起拖欠我三个月工资" in page or overrides.get("facts")
    assert "粤海街道科技园路1号" in page or overrides.get("employer_address") == ""
    assert not Case.objects.exists()


def test_a_worker_without_an_id_number_at_hand_still_files_a_complaint_to_be_completed_later(org):
    """广东省劳动保障监察条例 第三十九条第一款第（七）项: what the complaint lacks is asked for once (补正); it is not a
    reason to refuse the filing, on the portal or at the counter alike (fazhi.cases.intake)."""
    assert file(Client(), complainant_id_number="").status_code == 302
    assert Case.objects.get().complainant_id_number == ""


def test_a_valid_credit_code_is_kept_with_the_employer(org):
    import random

    code = make_credit_code(random.Random(7))
    file(Client(), employer_credit_code=code.lower())
    assert Case.objects.get().employer.credit_code == code


def test_a_robot_filling_the_hidden_field_files_nothing(org):
    response = file(Client(), website="http://spam.example")
    assert response.status_code == 400
    assert "提交未成功" in response.content.decode()
    assert not Case.objects.exists()


def test_one_address_filing_too_often_is_told_to_wait_and_files_nothing_more(org, settings):
    settings.FAZHI_COMPLAINT_RATE_LIMIT = 2
    client = Client()
    assert file(client).status_code == 302
    assert file(client).status_code == 302
    response = file(client)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert "粤海街道科技园路1号" in response.content.decode()  # what was typed is kept
    assert Case.objects.count() == 2
    # Another address is not affected.
    other = Client()
    other.get("/complaints/")
    assert other.post("/complaints/", complaint(), REMOTE_ADDR="198.51.100.1").status_code == 302


def test_without_any_intake_unit_the_public_is_told_where_to_go_instead(org, settings):
    settings.FAZHI_INTAKE_UNITS = {}
    settings.FAZHI_INTAKE_DEFAULT_UNIT = "NOPE"
    response = file(Client())
    assert response.status_code == 400
    assert "请前往用人单位所在地的劳动保障监察机构办理" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("employer_name", "message"),
    [("ctrl\x01\x0b\x1b\x7fchars", "含有不能保存的控制字符"), ("abc\u202egnp.exe 公司", "改变文字显示方向")],
)
def test_a_name_with_control_or_direction_characters_is_refused_and_nothing_typed_is_lost(org, employer_name, message):
    """Security review L1 (case 253 was stored with these) and L7 (a name displayed as "abcexe.png 公司")."""
    response = file(Client(), employer_name=employer_name)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "深圳市南山区粤海街道科技园路1号" in page  # the other fields as typed
    assert not Case.objects.exists()
