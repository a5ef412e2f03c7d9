from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "fazhi.journal"
    label = "journal"
    verbose_name = "全过程记录"

    def ready(self) -> None:
        from fazhi.journal import checks  # noqa: F401  (registers the system check)
