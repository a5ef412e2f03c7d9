"""A cap on the size of a request's body, checked before any of it is read (security review L5).

A request whose `Content-Length` is over `FAZHI_MAX_REQUEST_BYTES` (by default the evidence limit plus 1 MiB for
the form around the file) is answered 413 at once, so an oversized upload is not received and spooled to a
temporary folder before a form refuses it. The answer is the one for the bodies Django itself refuses
(`fazhi.error_pages.refusal_response`): the API's JSON error shape, every other path the Chinese error page. The
proxy's own limit (`client_max_body_size`, `docs/deployment.md`) stays the first line; this one holds when the
application is reached without it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from fazhi.error_pages import refusal_response


def too_large_message(limit: int) -> str:
    return f"提交的内容太大：超过 {limit / (1024 * 1024):.0f} MB 的上限，未被接收。请压缩或分开提交。"


def declared_length(request: HttpRequest) -> int | None:
    raw = request.META.get("CONTENT_LENGTH") or ""
    if not (raw.isascii() and raw.isdecimal()):
        return None
    return int(raw)


class RequestSizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit: int = settings.FAZHI_MAX_REQUEST_BYTES
        length = declared_length(request)
        if length is not None and length > limit:
            return refusal_response(request, 413, too_large_message(limit))
        return self.get_response(request)
