"""A fixed-window rate limit per client address, kept in Django's cache (no third-party service).

With the default local-memory cache each server process counts on its own: a deployment with several processes sets
CACHES to a shared backend (Redis, the database) for the limit to hold across them (docs/configuration.md).
"""

from __future__ import annotations

from django.core.cache import cache


def _key(scope: str, client: str | None) -> str:
    return f"fazhi:rate:{scope}:{client or 'unknown'}"


def attempts_so_far(scope: str, client: str | None) -> int:
    """How many attempts `client` has made at `scope` in the current window, without counting one more."""
    return int(cache.get(_key(scope, client)) or 0)


def attempt(scope: str, client: str | None, *, window_seconds: int) -> int:
    """Count one attempt of `client` at `scope` and return how many it has made in the current window."""
    key = _key(scope, client)
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return 1


def allow(scope: str, client: str | None, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt of `client` at `scope`; False once it has made more than `limit` in the current window."""
    return attempt(scope, client, window_seconds=window_seconds) <= limit
