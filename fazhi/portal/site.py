"""Facts about the deployment that every page shows."""

from __future__ import annotations

from django.conf import settings

DEFAULT_BUREAU_NAME = "深圳市人力资源和社会保障局"
SYSTEM_NAME = "劳动保障监察执法办案系统"


def bureau_name() -> str:
    """The bureau's name: settings.FAZHI_BUREAU_NAME if the deployment sets it, else the Shenzhen default."""
    return str(getattr(settings, "FAZHI_BUREAU_NAME", "") or DEFAULT_BUREAU_NAME)
