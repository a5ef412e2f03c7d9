from django.apps import AppConfig


class CryptoConfig(AppConfig):
    name = "fazhi.crypto"
    label = "crypto"
    verbose_name = "数据加密"

    def ready(self) -> None:
        from fazhi.crypto import checks  # noqa: F401  (registers the system checks)
