"""The portal's pages only read (security review I6): GET and HEAD answer, any other method gets a Chinese 405."""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from fazhi.portal import urls as portal_urls

SAMPLE_KWARGS = {"pk": 1, "code": "X"}


def _portal_paths() -> list[str]:
    paths = []
    for pattern in portal_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {name: SAMPLE_KWARGS[name] for name in pattern.pattern.regex.groupindex}
        paths.append(reverse(f"portal:{pattern.name}", kwargs=kwargs))
    return paths


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace"])
def test_every_portal_page_refuses_a_method_other_than_get_and_head_with_a_chinese_page(method: str) -> None:
    client = Client()
    for path in _portal_paths():
        response = getattr(client, method)(path)
        assert response.status_code == 405, (method, path)
        assert response["Allow"] == "GET, HEAD", path
        assert "不支持的访问方式" in response.content.decode(), path


@pytest.mark.django_db
def test_the_portal_pages_still_answer_get_and_head() -> None:
    client = Client()
    for path in ("/", "/decisions/", "/standards/", "/calculator/", "/dishonest-list/"):
        assert client.get(path).status_code == 200, path
        assert client.head(path).status_code == 200, path


@pytest.mark.django_db
def test_the_complaint_acknowledgement_only_reads() -> None:
    assert Client().post("/complaints/received/").status_code == 405
