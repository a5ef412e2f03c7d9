"""Identifiers at rest (ADR 0019): what the database holds after a registration, search by exact value through the
blind index, and `manage.py rotate_keys` — with the journal verifying across a rotation."""

from __future__ import annotations

import base64
import datetime as dt
import io
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.cases import queries
from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import Case, InvestigationRecord, WorkerLine
from fazhi.cases.tests.conftest import INQUIRY, RegisterCase
from fazhi.crypto import cipher
from fazhi.crypto.actions import ACTION
from fazhi.documents.actions import issue_document
from fazhi.documents.models import Document
from fazhi.documents.tests.conftest import filed, walk
from fazhi.journal.models import Entry
from fazhi.rules.identifiers import make_id_number

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
COMPLAINANT_ID = make_id_number(random.Random(11), birth=dt.date(1988, 4, 2))
WORKER_ID = make_id_number(random.Random(12), birth=dt.date(1995, 9, 17))
K2 = base64.b64encode(bytes(range(16, 32))).decode()


@pytest.fixture
def case(register: RegisterCase) -> Case:
    return register(
        complainant_phone=PHONE,
        complainant_id_number=COMPLAINANT_ID,
        workers=[
            WorkerInput(name="王小明", amount_owed=Decimal("12000.00"), id_number=COMPLAINANT_ID),
            WorkerInput(name="李四", amount_owed=Decimal("9500.50"), id_number=WORKER_ID),
        ],
    )


def _raw(table: str, column: str, pk: int) -> str:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)} WHERE id = %s", [pk])  # noqa: S608
        return str(cursor.fetchone()[0])


def _every_stored_text() -> str:
    """Every value of every table, as the database returns it (no model, no decryption)."""
    quote = connection.ops.quote_name
    parts: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
            for row in cursor.fetchall():
                parts.extend(bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else str(v) for v in row)
    return "\n".join(parts)


def _database_file_bytes(tmp_path: Path) -> bytes:
    """The SQLite database as a file, every page of it: the test database written out by `VACUUM INTO` (outside a
    transaction, hence the transactional test)."""
    target = tmp_path / "copy.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(target)])
    return target.read_bytes()


@pytest.mark.django_db(transaction=True)
def test_the_database_holds_no_id_number_or_phone_of_a_registered_case_in_clear(case: Case, tmp_path: Path) -> None:
    secrets = (PHONE, COMPLAINANT_ID, WORKER_ID)
    stored = _every_stored_text()
    assert case.employer.name in stored  # the scan does see the case's clear columns
    for value in secrets:
        assert value not in stored, value
    if connection.vendor == "sqlite":
        data = _database_file_bytes(tmp_path)
        assert case.employer.name.encode() in data
        for value in secrets:
            assert value.encode() not in data, value
    assert _raw("cases_case", "complainant_phone", case.pk).startswith("v1:local:")


def test_the_identifiers_read_back_in_clear_through_the_models(case: Case) -> None:
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.complainant_phone, fresh.complainant_id_number) == (PHONE, COMPLAINANT_ID)
    assert sorted(WorkerLine.objects.filter(case=case).values_list("id_number", flat=True)) == sorted(
        [COMPLAINANT_ID, WORKER_ID]
    )


def test_an_inspector_finds_the_case_by_the_exact_phone_or_id_number_of_its_complainant_or_a_worker(
    case: Case, register: RegisterCase, inspector: User
) -> None:
    other = register(complainant_phone="13700137000")
    today = timezone.localdate()
    for value in (PHONE, "139 1234 5678", COMPLAINANT_ID, WORKER_ID, WORKER_ID.lower()):
        assert list(queries.filtered_cases(inspector, today=today, person=value)) == [case], value
    assert list(queries.filtered_cases(inspector, today=today, person="13700137000")) == [other]
    assert list(queries.filtered_cases(inspector, today=today, person="13912345679")) == []


def test_an_encrypted_column_cannot_be_filtered_by_a_clear_value_by_mistake(case: Case) -> None:
    with pytest.raises(FieldError, match="盲索引"):
        list(Case.objects.filter(complainant_phone=PHONE))
    assert Case.objects.filter(complainant_phone="").count() == 0


def test_the_case_list_finds_by_phone_for_the_inspector_but_offers_no_such_search_to_the_supervisor(
    case: Case, inspector: User, supervisor: User
) -> None:
    client = Client()
    client.force_login(inspector)
    page = client.get("/staff/cases/all/", {"person": PHONE})
    assert page.status_code == 200
    assert case.reference in page.content.decode()
    assert "身份证号码或手机号码" in page.content.decode()
    wrong = client.get("/staff/cases/all/", {"person": "1391234"})
    assert "请输入完整的 11 位手机号码或 18 位身份证号码" in wrong.content.decode()
    client.force_login(supervisor)
    assert list(queries.filtered_cases(supervisor, today=timezone.localdate(), person=PHONE)) == []
    assert "身份证号码或手机号码" not in client.get("/staff/cases/all/").content.decode()


def test_rotate_keys_re_encrypts_every_value_the_values_read_the_same_and_the_journal_still_verifies(
    case: Case, settings: Any, inspector: User
) -> None:
    before = {
        "phone": _raw("cases_case", "complainant_phone", case.pk),
        "id": _raw("cases_case", "complainant_id_number", case.pk),
        "index": _raw("cases_case", "complainant_phone_index", case.pk),
    }
    settings.FAZHI_DATA_KEYS = f"k2:{K2},local"
    out = io.StringIO()
    call_command("rotate_keys", "--batch", "1", stdout=out)
    assert "已改用密钥 k2 重新加密" in out.getvalue()
    after = {
        "phone": _raw("cases_case", "complainant_phone", case.pk),
        "id": _raw("cases_case", "complainant_id_number", case.pk),
        "index": _raw("cases_case", "complainant_phone_index", case.pk),
    }
    assert after["phone"].startswith("v1:k2:")
    assert after["phone"] != before["phone"]
    assert after["id"].startswith("v1:k2:")
    assert after["id"] != before["id"]
    assert after["index"] == before["index"]  # the blind index does not depend on the data keys
    settings.FAZHI_DATA_KEYS = f"k2:{K2}"  # the old key retired: everything still reads
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.complainant_phone, fresh.complainant_id_number) == (PHONE, COMPLAINANT_ID)
    assert {w.id_number for w in WorkerLine.objects.filter(case=case)} == {COMPLAINANT_ID, WORKER_ID}
    assert list(queries.filtered_cases(inspector, today=timezone.localdate(), person=PHONE)) == [case]
    entry = Entry.objects.get(action=ACTION)
    assert entry.after_data["key"] == "k2"
    assert entry.after_data["reencrypted"]["cases.case.complainant_phone"] == 1
    assert entry.after_data["reencrypted"]["cases.workerline.id_number"] == 2
    verified = io.StringIO()
    call_command("verify_journal", stdout=verified)
    assert "全过程记录完好" in verified.getvalue()
    # A second run finds nothing left to do, and says so in its own entry.
    call_command("rotate_keys", stdout=io.StringIO())
    again = Entry.objects.filter(action=ACTION).latest("pk").after_data
    assert again["reencrypted"]["cases.case.complainant_phone"] == 0


def test_a_value_whose_key_was_retired_before_the_rotation_fails_closed_on_reading(case: Case, settings: Any) -> None:
    settings.FAZHI_DATA_KEYS = f"k2:{K2}"  # "local", which the case was written under, is gone
    with pytest.raises(cipher.DecryptionFailed, match="local"):
        Case.objects.get(pk=case.pk)
    with pytest.raises(Exception, match="配置好密钥后再次运行"):
        call_command("rotate_keys", stdout=io.StringIO())


def test_a_new_index_key_finds_nothing_until_rotate_keys_index_recomputes_the_indexes(
    case: Case, settings: Any, inspector: User
) -> None:
    settings.FAZHI_INDEX_KEY = base64.b64encode(bytes(range(32))).decode()
    today = timezone.localdate()
    assert list(queries.filtered_cases(inspector, today=today, person=PHONE)) == []
    call_command("rotate_keys", "--index", stdout=io.StringIO())
    assert list(queries.filtered_cases(inspector, today=today, person=PHONE)) == [case]
    assert list(queries.filtered_cases(inspector, today=today, person=WORKER_ID)) == [case]
    entry = Entry.objects.filter(action=ACTION).latest("pk")
    assert entry.after_data["index"] is True
    assert entry.after_data["reindexed"]["cases.case.complainant_phone_index"] == 1


def test_the_id_number_typed_for_an_inquiry_record_is_kept_encrypted_and_journaled_masked(
    register: RegisterCase, inspector: User, lead: User, settings: Any
) -> None:
    recorded = walk(filed(register, lead), (inspector, "record_investigation", INQUIRY))
    record = InvestigationRecord.objects.get(case=recorded)
    id_number = make_id_number(random.Random(7), birth=dt.date(1985, 5, 1))
    document = issue_document(
        actor=inspector,
        case=recorded,
        doc_type="inquiry_record",
        record_id=record.pk,
        inputs={"id_number": id_number, "phone": "13612345678", "started_at": "9:30"},
    )
    stored = Document.objects.get(pk=document.pk).inputs
    assert stored["started_at"] == "9:30"
    assert cipher.decrypt(stored["id_number"], context="documents_document.inputs.id_number") == id_number
    entry = Entry.objects.filter(action="documents.issue").latest("pk")
    assert entry.after_data["inputs"]["id_number"] == id_number[:4] + "*" * 10 + id_number[-4:]
    assert entry.after_data["inputs"]["phone"] == "136****5678"
    assert id_number not in _every_stored_text()
    settings.FAZHI_DATA_KEYS = f"k2:{K2},local"
    call_command("rotate_keys", stdout=io.StringIO())
    assert Document.objects.get(pk=document.pk).inputs["id_number"].startswith("v1:k2:")
    rotation = Entry.objects.filter(action=ACTION).latest("pk").after_data
    assert rotation["reencrypted"]["documents.document.inputs.phone"] == 1


def test_the_api_finds_cases_by_a_whole_phone_or_id_number_for_an_inspector_and_refuses_the_supervisor(
    case: Case, inspector: User, supervisor: User
) -> None:
    from fazhi.api.tests.helpers import api_client

    found = api_client(inspector).get("/api/v1/cases", {"person": WORKER_ID})
    assert found.status_code == 200
    assert [item["id"] for item in found.json()["items"]] == [case.pk]
    assert api_client(inspector).get("/api/v1/cases", {"person": "13912340000"}).json()["count"] == 0
    partial = api_client(inspector).get("/api/v1/cases", {"person": "139123"})
    assert partial.status_code == 422
    assert "18 位身份证号码" in partial.json()["message"]
    refused = api_client(supervisor).get("/api/v1/cases", {"person": PHONE})
    assert refused.status_code == 403
    assert refused.json()["message"] == "只有办案人员可以按身份证号码或手机号码查找案件。"


def test_the_data_migration_encrypts_values_stored_in_clear_before_and_fills_their_indexes(
    case: Case, inspector: User
) -> None:
    from fazhi.crypto.columns import Column, decrypt_table, encrypt_table

    columns = [
        Column("complainant_id_number", "complainant_id_number_index", cipher.ID_NUMBER),
        Column("complainant_phone", "complainant_phone_index", cipher.PHONE),
    ]
    assert decrypt_table(connection, "cases_case", columns) == 2  # as the table was before the migration
    assert _raw("cases_case", "complainant_phone", case.pk) == PHONE
    assert _raw("cases_case", "complainant_phone_index", case.pk) == ""
    assert encrypt_table(connection, "cases_case", columns) == 2
    assert encrypt_table(connection, "cases_case", columns) == 0  # what is encrypted is left alone
    assert _raw("cases_case", "complainant_phone", case.pk).startswith("v1:local:")
    assert Case.objects.get(pk=case.pk).complainant_phone == PHONE
    assert list(queries.filtered_cases(inspector, today=timezone.localdate(), person=PHONE)) == [case]
