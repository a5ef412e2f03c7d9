from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "fazhi.documents"
    label = "documents"
    verbose_name = "文书"
    # Values kept encrypted inside a JSON field (ADR 0019), re-encrypted by `manage.py rotate_keys`: the field and
    # its keys (documents.actions.protected_inputs writes them).
    encrypted_json = (("Document", "inputs", ("id_number", "phone")),)

    def ready(self) -> None:
        from fazhi.documents.types import plug_in_types

        plug_in_types()
