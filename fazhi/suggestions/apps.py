from __future__ import annotations

from collections.abc import Callable

from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "fazhi.suggestions"
    label = "suggestions"
    verbose_name = "司法建议和检察建议"
    # The procedure tables `manage.py procedure_table --write` prints into docs/architecture.md, by marker.
    procedure_tables: dict[str, Callable[[], str]] = {}

    def ready(self) -> None:
        from fazhi.journal.labels import OBJECT_LABELS, register_labels
        from fazhi.suggestions.workflow import STEPS, table_markdown

        self.procedure_tables = {"suggestions-table": table_markdown}
        register_labels({f"suggestions.{step.action}": f"{step.label}（司法建议、检察建议）" for step in STEPS})
        OBJECT_LABELS.setdefault("suggestions.suggestion", "司法建议和检察建议")
