from __future__ import annotations

from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "fazhi.law"
    label = "law"
    verbose_name = "裁量基准与权责清单"
