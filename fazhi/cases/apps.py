from typing import Any

from django.apps import AppConfig
from django.core import checks


class CasesConfig(AppConfig):
    name = "fazhi.cases"
    label = "cases"
    verbose_name = "案件办理"

    def ready(self) -> None:
        from fazhi.cases import receivers  # noqa: F401  (connects the calendar signal)
        from fazhi.cases.enforcement import on_facts_changed
        from fazhi.cases.remedy_facts import register_listener
        from fazhi.cases.workflow import TABLES, label_of
        from fazhi.journal.labels import register_labels

        # Each step's name as its row gives it (the newest table that has the step), for the journal's screens.
        register_labels({f"cases.{t.action}": str(label_of(t.action)) for table in TABLES.values() for t in table})
        register_labels({"cases.grant_delegation": "书面授权", "cases.revoke_delegation": "撤销书面授权"})

        checks.register(check_legal_review_outcomes)
        # The court-enforcement period follows what the remedies app reports (fazhi.cases.enforcement).
        register_listener(on_facts_changed)


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
