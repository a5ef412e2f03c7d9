"""Headers every response carries beyond Django's own (security review L4).

- `Content-Security-Policy`: scripts and everything else from our own origin only (no template has an inline script
  or event handler; Swagger UI reads its settings from a JSON script element). Inline *styles* stay allowed: the
  server-rendered SVG charts and a few templates use style attributes, and htmx adds its indicator style.
- `Permissions-Policy`: no camera, microphone, location or payment.
- `Cache-Control: no-store` on the staff application, the API and the admin site, so a case page, a document or an
  evidence file is not kept in the browser's disk cache for the next user of a shared office computer. The public
  portal keeps its own caching (ETag, `FAZHI_PORTAL_MAX_AGE`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
PRIVATE_PREFIXES = ("/staff/", "/api/", "/admin/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith(PRIVATE_PREFIXES):
            add_never_cache_headers(response)
        return response
