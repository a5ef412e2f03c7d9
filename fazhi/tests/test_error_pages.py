from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views.defaults import permission_denied, server_error


def test_an_unknown_address_gets_a_chinese_404_page(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-CN">' in page
    assert "页面不存在" in page


def test_the_500_page_is_chinese_and_needs_no_request_context():
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="zh-CN">' in page
    assert "系统暂时出现错误" in page
    assert "{%" not in page


def test_the_403_page_is_chinese(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/staff/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    page = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in page


def test_a_form_body_over_the_upload_limit_gets_a_chinese_413_page_not_the_english_400(db, settings, inspector):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client()
    client.force_login(inspector)
    response = client.post("/staff/cases/new/", {"summary": "欠薪" * 2000})
    page = response.content.decode()
    assert response.status_code == 413
    assert '<html lang="zh-CN">' in page
    assert "提交的内容过大" in page
    assert "Bad Request" not in page


def test_a_form_with_too_many_fields_gets_a_chinese_page(db, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = Client().post("/complaints/", {f"field{i}": "x" for i in range(20)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "提交的项目过多" in page
    assert "Bad Request" not in page


def test_a_staff_page_that_only_reads_answers_a_post_with_a_chinese_405_page(db, inspector):
    client = Client()
    client.force_login(inspector)
    response = client.post("/staff/cases/all/")
    page = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "不支持的访问方式" in page
    assert "打开（GET）" in page


def test_the_staff_pages_that_only_read_answer_a_post_with_405(db, legal, sysadmin):
    """The form fuzzer found these answering POST with the page (as the portal did, security review I6)."""
    for user, paths in (
        (legal, ["/staff/", "/staff/law/standards/", "/staff/law/powers/", "/staff/law/calculator/"]),
        (legal, ["/staff/law/versions/"]),
        (sysadmin, ["/staff/calendar/"]),
    ):
        client = Client()
        client.force_login(user)
        for path in paths:
            assert client.get(path).status_code == 200, path
            response = client.post(path)
            assert response.status_code == 405, path
            assert "不支持的访问方式" in response.content.decode(), path
