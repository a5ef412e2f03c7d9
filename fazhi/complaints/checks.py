"""System check: the complaint form's human check (`FAZHI_COMPLAINT_CHALLENGE`) names one that exists."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security)
def complaint_challenge_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from fazhi.complaints.challenge import current

    try:
        current()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="complaints.E001")]
    return []
