"""What the journal takes from an HTTP request."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid_ip(raw: str) -> str | None:
    try:
        return ipaddress.ip_address(raw.strip()).compressed
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address, or None when it cannot be told.

    REMOTE_ADDR, unless settings.FAZHI_BEHIND_PROXY is true: then the right-most X-Forwarded-For address, the one our
    own reverse proxy appended (the addresses left of it are whatever the client chose to send).
    """
    if getattr(settings, "FAZHI_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop for hop in (part.strip() for part in forwarded.split(",")) if hop]
        if hops:
            return _valid_ip(hops[-1])
    remote = request.META.get("REMOTE_ADDR") or ""
    return _valid_ip(remote) if remote else None
