from __future__ import annotations

from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "fazhi.complaints"
    label = "complaints"
    verbose_name = "网上投诉举报"
