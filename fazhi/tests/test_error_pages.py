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
