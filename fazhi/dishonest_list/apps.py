from __future__ import annotations

from collections.abc import Callable

from django.apps import AppConfig


class DishonestListConfig(AppConfig):
    name = "fazhi.dishonest_list"
    label = "dishonest_list"
    verbose_name = "拖欠农民工工资失信联合惩戒对象名单"
    # The procedure tables `manage.py procedure_table --write` prints into docs/architecture.md, by marker.
    procedure_tables: dict[str, Callable[[], str]] = {}

    def ready(self) -> None:
        from fazhi.dishonest_list.workflow import table_markdown

        self.procedure_tables = {"dishonest-list-table": table_markdown}
