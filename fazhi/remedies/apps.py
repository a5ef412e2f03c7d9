from __future__ import annotations

from collections.abc import Callable

from django.apps import AppConfig


class RemediesConfig(AppConfig):
    name = "fazhi.remedies"
    label = "remedies"
    verbose_name = "行政复议与行政诉讼"
    # The procedure tables `manage.py procedure_table --write` prints into docs/architecture.md, by marker.
    procedure_tables: dict[str, Callable[[], str]] = {}
    # The kinds of document this app contributes to the documents app (fazhi.documents.types.plugged_in_types).
    document_types = "fazhi.remedies.documents.DOCUMENT_TYPES"

    def ready(self) -> None:
        from fazhi.cases.remedy_facts import register_provider
        from fazhi.journal.labels import OBJECT_LABELS, register_labels
        from fazhi.remedies.facts import remedy_facts
        from fazhi.remedies.workflow import journal_labels, table_markdown

        self.procedure_tables = {"remedies-table": table_markdown}
        register_labels(journal_labels())
        OBJECT_LABELS.setdefault("remedies.reconsideration", "行政复议")
        OBJECT_LABELS.setdefault("remedies.litigation", "行政诉讼")
        register_provider(remedy_facts)
