"""The legal division's upload of a new standard in the staff app: form → preview → confirm, one version and one
journal entry; a bad file keeps what was typed; only the legal division and the system administrator may load
(行政处罚法 第三十四条: the bureau makes and publishes its standard)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.accounts.models import User
from fazhi.journal.models import Entry
from fazhi.law import queries
from fazhi.law.actions import load_standard
from fazhi.law.models import StandardVersion
from fazhi.law.tests.workbooks import HEADER_ZH, LEDGER_ROWS, bureau_workbook, workbook

pytestmark = pytest.mark.django_db
LOAD, CONFIRM = "/staff/law/versions/load/", "/staff/law/versions/load/confirm/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client: Client, data: bytes, *, name: str = "本局裁量基准.xlsx", **fields: str):
    form = {"effective_from": "2027-01-01", "name": "本局裁量基准（2027年版）", **fields}
    return client.post(LOAD, {**form, "file": SimpleUploadedFile(name, data, content_type=XLSX)})


def test_the_legal_division_previews_a_workbook_then_confirms_it_into_one_version_and_one_journal_entry(
    client: Client, legal: User
) -> None:
    client.force_login(legal)
    assert client.get(LOAD).status_code == 200
    preview = upload(client, bureau_workbook())
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "预览：本局裁量基准（2027年版）" in page
    assert "2 项违法行为，6 个裁量阶次" in page
    assert page.index(">轻微<") < page.index(">一般<") < page.index(">较重<") < page.index(">严重<")
    assert "8000.00 元至 12000.00 元（较重阶次）" in page
    assert not StandardVersion.objects.exists()
    token = preview.context["preview"].sha256
    done = client.post(CONFIRM, {"sha256": token})
    assert done.status_code == 302
    assert done["Location"] == "/staff/law/versions/"
    version = StandardVersion.objects.get()
    assert (version.name, version.effective_from, version.sha256) == (
        "本局裁量基准（2027年版）",
        dt.date(2027, 1, 1),
        token,
    )
    assert Entry.objects.filter(action="law.standard_load", outcome="success").count() == 1
    assert queries.standard_in_force(dt.date(2027, 1, 2)).name == "本局裁量基准（2027年版）"
    assert "已导入“本局裁量基准（2027年版）”" in client.get(done["Location"]).content.decode()
    # The file left the session with the load: a second confirmation loads nothing more.
    again = client.post(CONFIRM, {"sha256": token})
    assert again["Location"] == LOAD
    assert StandardVersion.objects.count() == 1


def test_a_bad_file_keeps_the_typed_date_and_name_and_names_the_sheet_row_and_column(
    client: Client, legal: User
) -> None:
    rows = [list(row) for row in LEDGER_ROWS]
    rows[0][5] = 30000  # 广东省劳动保障监察条例 第四十九条: at most 20000 yuan
    client.force_login(legal)
    response = upload(client, workbook(("台账", [HEADER_ZH, *rows])), name="草稿.xlsx")
    page = response.content.decode()
    assert response.status_code == 422
    assert "工作表“台账”第2行第6列（fine_max）：30000 高于法定最高额 20000" in page
    assert 'value="2027-01-01"' in page
    assert 'value="本局裁量基准（2027年版）"' in page
    assert not StandardVersion.objects.exists()


def test_a_form_without_a_file_or_with_a_wrong_date_says_so_in_chinese(client: Client, legal: User) -> None:
    client.force_login(legal)
    response = client.post(LOAD, {"effective_from": "明年", "name": "本局"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "请选择裁量基准文件（.csv 或 .xlsx）。" in page
    assert "请按“年-月-日”填写施行日期，如 2027-01-01。" in page
    assert 'value="本局"' in page
    damaged = upload(client, b"PK\x03\x04" + b"\x01" * 300)
    assert damaged.status_code == 422
    assert "不是有效的 Excel 工作簿" in damaged.content.decode()


def test_a_csv_is_previewed_and_loaded_the_same_way(client: Client, legal: User) -> None:
    text = "code,tier,when,fine_min,fine_max,facts\ngdjc49_no_ledger,一般,,3000,6000,本局其他情形\n"
    client.force_login(legal)
    preview = upload(client, text.encode(), name="本局.csv")
    assert "3000 元至 6000 元" in preview.content.decode()
    client.post(CONFIRM, {"sha256": preview.context["preview"].sha256})
    assert StandardVersion.objects.get().content == text


def test_a_date_taken_by_another_version_is_refused_at_the_preview(client: Client, legal: User) -> None:
    load_standard(
        actor=legal, data=bureau_workbook(), source_name="a.xlsx", name="已有", effective_from=dt.date(2027, 1, 1)
    )
    client.force_login(legal)
    response = upload(client, bureau_workbook())
    assert response.status_code == 422
    assert "已有自 2027-01-01 起施行的裁量基准版本，请另选施行日期。" in response.content.decode()


def test_a_confirmation_for_another_file_than_the_one_previewed_loads_nothing(client: Client, legal: User) -> None:
    client.force_login(legal)
    upload(client, bureau_workbook())
    response = client.post(CONFIRM, {"sha256": "0" * 64})
    assert response["Location"] == LOAD
    assert "预览已失效" in client.get(LOAD).content.decode()
    assert not StandardVersion.objects.exists()


def test_the_system_administrator_may_load_for_the_legal_division(client: Client, sysadmin: User) -> None:
    client.force_login(sysadmin)
    preview = upload(client, bureau_workbook())
    done = client.post(CONFIRM, {"sha256": preview.context["preview"].sha256})
    assert done["Location"] == LOAD  # the standards pages are the business roles'; the message shows here
    assert StandardVersion.objects.get().loaded_by == sysadmin


def test_an_inspector_may_not_upload_and_the_refusal_is_journaled(client: Client, inspector: User) -> None:
    client.force_login(inspector)
    assert client.get(LOAD).status_code == 403
    assert upload(client, bureau_workbook()).status_code == 403
    assert client.post(CONFIRM, {"sha256": "0" * 64}).status_code == 403
    assert Entry.objects.filter(action="access.refused").count() == 3
    assert not StandardVersion.objects.exists()


def test_the_confirmation_needs_the_csrf_token(legal: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(legal)
    assert client.post(CONFIRM, {"sha256": "0" * 64}).status_code == 403


def test_the_legal_division_finds_the_upload_from_the_standards_and_versions_pages(
    client: Client, legal: User, inspector: User
) -> None:
    client.force_login(legal)
    assert f'href="{LOAD}"' in client.get("/staff/law/standards/").content.decode()
    assert f'href="{LOAD}"' in client.get("/staff/law/versions/").content.decode()
    client.force_login(inspector)
    assert f'href="{LOAD}"' not in client.get("/staff/law/standards/").content.decode()
