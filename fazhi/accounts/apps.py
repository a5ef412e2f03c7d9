from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fazhi.accounts"
    label = "accounts"
    verbose_name = "账户与机构"

    def ready(self) -> None:
        from fazhi.accounts import receivers  # noqa: F401  (connects the login journal receivers)
