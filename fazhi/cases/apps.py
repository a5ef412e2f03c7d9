from typing import Any

from django.apps import AppConfig
from django.core import checks


class CasesConfig(AppConfig):
    name = "fazhi.cases"
    label = "cases"
    verbose_name = "案件办理"

    def ready(self) -> None:
        from fazhi.cases import receivers  # noqa: F401  (connects the calendar signal)

        checks.register(check_legal_review_outcomes)


def check_legal_review_outcomes(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """FAZHI_LEGAL_REVIEW_OUTCOMES names outcomes the procedure knows (a typo would silently skip reviews)."""
    from django.conf import settings

    from fazhi.cases.outcomes import OUTCOMES

    unknown = [name for name in settings.FAZHI_LEGAL_REVIEW_OUTCOMES if name not in OUTCOMES]
    if unknown:
        return [
            checks.Error(
                f"FAZHI_LEGAL_REVIEW_OUTCOMES 含有未知的处理意见：{'、'.join(unknown)}（可用：{'、'.join(OUTCOMES)}）",
                id="cases.E001",
            )
        ]
    return []
