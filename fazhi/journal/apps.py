from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "fazhi.journal"
    label = "journal"
    verbose_name = "全过程记录"
