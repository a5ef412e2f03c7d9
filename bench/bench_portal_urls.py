"""The bench server's URLs (bench/bench_portal.py only, never production): every production URL, plus the minimal
Django JSON view the portal's pages are measured against."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import path

from fazhi.urls import urlpatterns as production


def ok(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/ok", ok), *production]
