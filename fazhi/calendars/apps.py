from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class CalendarsConfig(AppConfig):
    name = "fazhi.calendars"
    label = "calendars"
    verbose_name = "工作日历"

    def ready(self) -> None:
        checks.register(check_jurisdiction_setting)


def check_jurisdiction_setting(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """FAZHI_JURISDICTION must name a known jurisdiction: every period is computed for it."""
    from fazhi.rules.jurisdiction import UnknownJurisdiction, normalize_code

    try:
        normalize_code(getattr(settings, "FAZHI_JURISDICTION", "CN"))
    except UnknownJurisdiction as exc:
        return [checks.Error(f"FAZHI_JURISDICTION：{exc}", id="calendars.E001")]
    return []
