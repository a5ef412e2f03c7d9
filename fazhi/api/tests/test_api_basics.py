import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_health_endpoint_says_ok_and_names_the_database(client: Client) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] in {"sqlite", "postgresql"}


def test_the_openapi_document_is_version_3_1_and_documents_health_and_the_due_date(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    assert "/api/v1/health" in document["paths"]
    assert "/api/v1/calendar/due-date" in document["paths"]


def test_an_unknown_api_path_answers_404_json_not_an_html_page(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404


def test_the_interactive_api_docs_load_their_scripts_from_our_own_server_not_a_cdn(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


def test_the_step_endpoint_tells_a_script_how_to_retry_a_recording_step_once(client: Client) -> None:
    """Security review L8: without expected_version or an Idempotency-Key two additive steps both apply; the document
    says so where a script writer reads it."""
    document = client.get("/api/v1/openapi.json").json()
    description = document["paths"]["/api/v1/cases/{id}/steps/{action}"]["post"]["description"]
    assert "record_investigation" in description
    assert "expected_version" in description
    assert "Idempotency-Key" in description
