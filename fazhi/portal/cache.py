"""The public portal's cache: whole pages and exports, made once per portal generation and kept in Django's cache
(the "portal" alias, docs/configuration.md).

A page's key is its absolute URL (scheme, host, path), the values of the query parameters the view reads (each at most
`MAX_PARAM_CHARS`; a longer value is served uncached), the language, today's date and the portal generation
(`fazhi.disclosure.generation`: a database row every publishing action moves in its own transaction). So a
publication or withdrawal is on the very next request after its commit, in every server process, whatever cache
backend is configured; nothing needs clearing, old entries expire (`FAZHI_PORTAL_CACHE_SECONDS`).

Only an anonymous GET is served from the cache or stored in it: no session or messages cookie on the request. A
response is stored only when it is a plain 200 that sets no cookie, carries no CSRF token, wrote nothing to the
session and queued no message (anything that could differ from one visitor to another). Forms that post (the
complaints pages) are never decorated. Cached pages carry an ETag (a hash of their content, answered with 304) and
`Cache-Control: public, max-age=FAZHI_PORTAL_MAX_AGE` (default 0: browsers and proxies ask again each time, so they
too see a publication at once).

To cache a public GET view, decorate it with the query parameters it reads: `@public_page("q", "page")`, or
`public_page()(view)` in a URLconf.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.http import parse_etags

from fazhi.disclosure.generation import portal_generation

__all__ = ["CACHE_ALIAS", "MAX_PARAM_CHARS", "cached_count", "public_page"]

CACHE_ALIAS = "portal"
MAX_PARAM_CHARS = 200
# The response headers a view sets that are kept with its content (the middleware adds the others on every request).
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Last-Modified")

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def public_page(*params: str) -> Callable[[View], View]:
    """Cache a public GET view's responses per portal generation; `params`: the query parameters it reads."""

    def decorate(view: View) -> View:
        @wraps(view)
        def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            key = _page_key(request, params) if settings.FAZHI_PORTAL_CACHE_SECONDS > 0 else None
            if key is None:
                return view(request, *args, **kwargs)
            cache = caches[CACHE_ALIAS]
            entry = cache.get(key)
            if entry is None:
                response = view(request, *args, **kwargs)
                if not _storable(request, response):
                    return response
                assert isinstance(response, HttpResponse)
                entry = _entry(response)
                cache.set(key, entry, timeout=settings.FAZHI_PORTAL_CACHE_SECONDS)
            return _response(request, entry)

        return cached_view  # type: ignore[return-value]

    return decorate


def cached_count(name: str, count: Callable[[], int]) -> int:
    """`count()`, counted once per portal generation for `name` (e.g. a list's row count for one query, whichever of
    its pages is asked for)."""
    key = f"count:{portal_generation()}:{hashlib.sha256(name.encode()).hexdigest()}"
    cache = caches[CACHE_ALIAS]
    found = cache.get(key)
    if found is None:
        found = count()
        cache.set(key, found, timeout=settings.FAZHI_PORTAL_CACHE_SECONDS)
    return int(found)


def _page_key(request: HttpRequest, params: tuple[str, ...]) -> str | None:
    """The cache key of this request, or None when it is not served from the cache."""
    if request.method != "GET":  # HEAD and the rest go to the view as they are
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return None  # someone signed in, or with a message waiting: the page may be theirs alone
    values = [request.GET.get(name, "") for name in params]
    if any(len(value) > MAX_PARAM_CHARS for value in values):
        return None
    parts = [
        request.scheme or "",
        request.get_host(),
        request.path,
        *values,
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        str(portal_generation()),
    ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether the response is the same for every anonymous visitor (nothing of this one's in it)."""
    # Reading the (empty) session of a request without its cookie reveals nothing (every request's middleware asks it
    # whether someone is signed in); writing to it, or queueing a message, sets a cookie on the way out.
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        isinstance(response, HttpResponse)  # not streamed
        and response.status_code == 200
        and not response.cookies
        and not response.has_header("Vary")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and not (session is not None and session.modified)
        and not (messages is not None and messages.added_new)
    )


def _entry(response: HttpResponse) -> tuple[bytes, dict[str, str], str]:
    content = response.content
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    return content, headers, f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def _response(request: HttpRequest, entry: tuple[bytes, dict[str, str], str]) -> HttpResponseBase:
    content, headers, etag = entry
    response: HttpResponseBase
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content, headers=headers)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={settings.FAZHI_PORTAL_MAX_AGE}"
    return response
