"""The request-body cap (security review L5): an oversized body is refused before it is read."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client

from fazhi.accounts.models import User
from fazhi.evidence.models import EvidenceFile

pytestmark = pytest.mark.django_db


def test_an_upload_declared_over_the_cap_is_refused_in_chinese_before_the_body_is_read(inspector: User, settings):
    settings.FAZHI_MAX_REQUEST_BYTES = 1024
    client = Client()
    client.force_login(inspector)
    # The review's attack: 200 MB sent to an upload. Here the declared length alone must be enough to refuse it; the
    # body actually sent is small, so a view that read it would answer something else than 413.
    response = client.post(
        "/staff/cases/1/evidence/", data=b"x" * 10, content_type="application/octet-stream", CONTENT_LENGTH="209715200"
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "提交的内容太大" in text
    assert "上限" in text
    assert EvidenceFile.objects.count() == 0


def test_the_api_answers_an_oversized_body_in_its_own_json_shape(inspector: User, settings):
    settings.FAZHI_MAX_REQUEST_BYTES = 2 * 1024 * 1024
    body = b'{"x": "' + b"a" * (3 * 1024 * 1024) + b'"}'
    response = Client().post("/api/v1/cases", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "超过 2 MB 的上限" in response.json()["message"]


def test_a_body_under_the_cap_reaches_the_view(settings):
    settings.FAZHI_MAX_REQUEST_BYTES = 1024 * 1024
    response = Client().post("/api/v1/cases", data=b"{}", content_type="application/json")
    assert response.status_code == 401


def test_the_default_cap_leaves_room_for_the_largest_evidence_file_and_its_form():
    assert django_settings.FAZHI_MAX_REQUEST_BYTES > django_settings.FAZHI_EVIDENCE_MAX_BYTES
