from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fazhi.cases"
    label = "cases"
    verbose_name = "案件办理"

    def ready(self) -> None:
        from fazhi.cases import receivers  # noqa: F401  (connects the calendar signal)
