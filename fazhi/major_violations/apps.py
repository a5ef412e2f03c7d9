from __future__ import annotations

from django.apps import AppConfig


class MajorViolationsConfig(AppConfig):
    name = "fazhi.major_violations"
    label = "major_violations"
    verbose_name = "重大劳动保障违法行为社会公布"
