"""Error pages Django would otherwise answer in English or with an empty body (security review I6, I7).

- `bad_request` (the URLconf's `handler400`): a request Django refuses before a view sees it — a body over
  `DATA_UPLOAD_MAX_MEMORY_SIZE` (413, "提交的内容过大"), more fields than `DATA_UPLOAD_MAX_NUMBER_FIELDS` or files than
  `DATA_UPLOAD_MAX_NUMBER_FILES`, or another suspicious request (400) — gets a Chinese page, or under `/api/` the API's
  JSON error shape (`fazhi.api.errors`). Nothing of the request is echoed back.
- `MethodNotAllowedPageMiddleware`: a 405 from `require_safe`, `require_POST` or `require_http_methods` (an empty body)
  gets a Chinese page naming the methods the address answers; the `Allow` header is kept. The API's 405s are its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import render_to_string

API_PREFIX = "/api/"
TOO_BIG = "提交的内容过大，请缩短文字或分次提交。"
TOO_MANY_FIELDS = "提交的项目过多，请分次提交。"
BAD_REQUEST = "请求无法处理，请返回上一页重试。"
METHOD_NAMES = {"GET": "打开（GET）", "HEAD": "HEAD", "POST": "提交（POST）"}


def _refusal(exception: Exception | None) -> tuple[int, str]:
    if isinstance(exception, RequestDataTooBig):
        return 413, TOO_BIG
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return 400, TOO_MANY_FIELDS
    return 400, BAD_REQUEST


def refusal_response(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """A request refused before any view read it: the API's JSON error shape under `/api/`, else the Chinese page."""
    if request.path.startswith(API_PREFIX):
        body = json.dumps({"message": message, "detail": "Payload Too Large" if status == 413 else "Bad Request"})
        return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    # Rendered without the request's context: its body is what could not be read (the CSRF token among it).
    page = render_to_string("400.html", {"status": status, "message": message})
    return HttpResponse(page, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    status, message = _refusal(exception)
    return refusal_response(request, status, message)


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code != 405 or request.path.startswith(API_PREFIX):
            return response
        if getattr(response, "streaming", False) or getattr(response, "content", b""):
            return response
        allowed = [method.strip() for method in response.get("Allow", "").split(",") if method.strip()]
        methods = "、".join(METHOD_NAMES.get(method, method) for method in allowed)
        page = render_to_string("405.html", {"methods": methods}, request=request)
        answer = HttpResponse(page, status=405)
        answer["Allow"] = response.get("Allow", "")
        return answer
