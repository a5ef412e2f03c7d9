from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import fazhi.settings as project_settings
from fazhi.accounts.models import User
from fazhi.api.tests.helpers import api_client
from fazhi.cases.models import Case
from fazhi.evidence.actions import add_evidence
from fazhi.evidence.models import EvidenceFile, Kind
from fazhi.evidence.queries import case_evidence_context
from fazhi.evidence.tests.conftest import EXE, JPEG, PDF, PNG
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def stored(case: Case, inspector: User, name: str = "询问笔录.pdf", data: bytes = PDF) -> EvidenceFile:
    return add_evidence(
        actor=inspector, case=case, upload=SimpleUploadedFile(name, data), title="询问笔录", kind=Kind.DOCUMENTARY
    )


def add_url(case: Case) -> str:
    return reverse("evidence:add", args=[case.pk])


def test_an_inspector_uploads_through_the_form_and_is_sent_back_to_the_case(
    register: Callable[..., Case], inspector: User, evidence_dir: Path
) -> None:
    case = register()
    response = client_for(inspector).post(
        add_url(case), {"title": "现场照片", "kind": Kind.PHYSICAL, "file": SimpleUploadedFile("现场.jpg", JPEG)}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk]) + "#evidence"
    evidence = EvidenceFile.objects.get(case=case)
    assert (evidence.title, evidence.kind, evidence.content_type) == ("现场照片", Kind.PHYSICAL, "image/jpeg")


def test_a_refused_upload_shows_the_chinese_reason_and_keeps_what_was_typed(
    register: Callable[..., Case], inspector: User, evidence_dir: Path
) -> None:
    case = register()
    response = client_for(inspector).post(
        add_url(case), {"title": "工资表", "kind": Kind.ELECTRONIC, "file": SimpleUploadedFile("工资表.pdf", EXE)}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "类型不允许" in page
    assert 'value="工资表"' in page
    assert f'<option value="{Kind.ELECTRONIC}" selected>' in page
    assert 'enctype="multipart/form-data"' in page
    assert not EvidenceFile.objects.exists()
    assert not evidence_dir.exists() or list(evidence_dir.iterdir()) == []


def test_a_form_without_a_file_asks_for_one(register: Callable[..., Case], inspector: User) -> None:
    case = register()
    response = client_for(inspector).post(add_url(case), {"title": "工资表", "kind": Kind.ELECTRONIC})
    assert response.status_code == 400
    assert "请选择要上传的文件" in response.content.decode()


def test_the_download_is_an_attachment_with_nosniff_and_the_stored_bytes(
    register: Callable[..., Case], inspector: User
) -> None:
    evidence = stored(register(), inspector)
    response = client_for(inspector).get(reverse("evidence:download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]


def test_an_inspector_of_another_district_gets_404_for_the_download_and_the_upload(
    register: Callable[..., Case], inspector: User, outsider: User, evidence_dir: Path
) -> None:
    case = register()
    evidence = stored(case, inspector)
    client = client_for(outsider)
    assert client.get(reverse("evidence:download", args=[evidence.pk])).status_code == 404
    response = client.post(
        add_url(case), {"title": "x", "kind": Kind.PHYSICAL, "file": SimpleUploadedFile("a.pdf", PDF)}
    )
    assert response.status_code == 404
    assert EvidenceFile.objects.count() == 1


def test_the_supervisor_sees_the_list_but_neither_downloads_nor_uploads(
    register: Callable[..., Case], inspector: User, supervisor: User, evidence_dir: Path
) -> None:
    """ADR 0016: a payslip or an ID card cannot be masked; the supervisor, who reads people masked, gets the list and
    its digests, and a journaled refusal for the file."""
    case = register()
    evidence = stored(case, inspector)
    client = client_for(supervisor)
    before = Entry.objects.count()
    refused = client.get(reverse("evidence:download", args=[evidence.pk]))
    assert refused.status_code == 403
    assert "只有本案的承办人员和审批、审核、决定人员可以下载" in refused.content.decode()
    assert refused.get("Content-Disposition") is None
    entry = Entry.objects.order_by("-pk").first()
    assert entry is not None
    assert (entry.action, entry.outcome) == ("access.refused", "refused")
    assert Entry.objects.count() == before + 1
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert evidence.sha256[:14] in page
    assert "仅承办人员可下载" in page
    assert reverse("evidence:download", args=[evidence.pk]) not in page
    before = Entry.objects.count()
    response = client.post(
        add_url(case), {"title": "x", "kind": Kind.PHYSICAL, "file": SimpleUploadedFile("a.png", PNG)}
    )
    assert response.status_code == 403
    assert EvidenceFile.objects.count() == 1
    assert sorted(p.name for p in evidence_dir.iterdir()) == [evidence.stored_name]
    assert Entry.objects.count() == before + 1  # the refusal, journaled
    assert not case_evidence_context(supervisor, case)["can_add_evidence"]


def test_the_three_administrators_get_nothing(register: Callable[..., Case], inspector: User, auditadmin: User) -> None:
    evidence = stored(register(), inspector)
    assert client_for(auditadmin).get(reverse("evidence:download", args=[evidence.pk])).status_code == 403


def test_evidence_is_kept_outside_the_web_root(register: Callable[..., Case], inspector: User) -> None:
    static_root = Path(settings.STATIC_ROOT).resolve()
    default = Path(project_settings.FAZHI_EVIDENCE_DIR).resolve()
    assert not default.is_relative_to(static_root)
    evidence = stored(register(), inspector)
    path = (Path(settings.FAZHI_EVIDENCE_DIR) / evidence.stored_name).resolve()
    assert path.exists()
    assert not path.is_relative_to(static_root)
    assert Client().get(f"{settings.STATIC_URL}{evidence.stored_name}").status_code == 404


def test_the_case_evidence_partial_lists_files_for_the_case_page(
    register: Callable[..., Case], inspector: User
) -> None:
    case = register()
    evidence = stored(case, inspector)
    response = client_for(inspector).get(add_url(case))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("evidence:download", args=[evidence.pk]) in page
    assert "询问笔录" in page


API = "/api/v1/cases"


def test_the_api_adds_evidence_and_lists_it_with_its_sha256(
    register: Callable[..., Case], inspector: User, evidence_dir: Path
) -> None:
    case = register()
    client = api_client(inspector)
    response = client.post(
        f"{API}/{case.pk}/evidence",
        {"title": "考勤照片", "kind": "electronic", "file": SimpleUploadedFile("考勤.png", PNG)},
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["sha256"] == hashlib.sha256(PNG).hexdigest()
    assert (evidence_dir / EvidenceFile.objects.get().stored_name).read_bytes() == PNG
    listed = client.get(f"{API}/{case.pk}/evidence").json()
    assert [(item["id"], item["sha256"], item["content_type"]) for item in listed] == [
        (created["id"], created["sha256"], "image/png")
    ]


def test_the_api_refuses_a_bad_file_in_the_error_shape(register: Callable[..., Case], inspector: User) -> None:
    case = register()
    response = api_client(inspector).post(
        f"{API}/{case.pk}/evidence", {"title": "x", "kind": "electronic", "file": SimpleUploadedFile("x.png", PDF)}
    )
    assert response.status_code == 422
    answer: dict[str, Any] = response.json()
    assert "内容与扩展名不符" in answer["message"]
    assert "detail" in answer


def test_the_api_answers_404_out_of_scope_and_403_to_the_supervisors_upload(
    register: Callable[..., Case], outsider: User, supervisor: User
) -> None:
    case = register()
    assert api_client(outsider).get(f"{API}/{case.pk}/evidence").status_code == 404
    response = api_client(supervisor).post(
        f"{API}/{case.pk}/evidence", {"title": "x", "kind": "electronic", "file": SimpleUploadedFile("x.pdf", PDF)}
    )
    assert response.status_code == 403
    assert api_client(supervisor).get(f"{API}/{case.pk}/evidence").status_code == 200
    assert not EvidenceFile.objects.exists()
