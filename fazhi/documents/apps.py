from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "fazhi.documents"
    label = "documents"
    verbose_name = "文书"

    def ready(self) -> None:
        from fazhi.documents.types import plug_in_types

        plug_in_types()
