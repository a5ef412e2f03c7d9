from __future__ import annotations

from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "fazhi.complaints"
    label = "complaints"
    verbose_name = "网上投诉举报"

    def ready(self) -> None:
        from fazhi.complaints import checks  # noqa: F401  (registers the system check)
