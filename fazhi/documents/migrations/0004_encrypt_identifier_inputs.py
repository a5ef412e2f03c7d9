"""The identifiers typed when a 笔录 was issued (被询问人身份证号码, 联系电话) encrypted in the documents' stored inputs,
as new documents keep them (ADR 0019). The rendered files and the journal entries are not touched."""

from django.db import migrations

from fazhi.crypto import cipher

NAMES = ("id_number", "phone")


def encrypt(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    for document in Document.objects.exclude(inputs={}).only("pk", "inputs").iterator(chunk_size=500):
        inputs = dict(document.inputs or {})
        changed = False
        for name in NAMES:
            value = inputs.get(name)
            if isinstance(value, str) and value and not cipher.is_encrypted(value):
                inputs[name] = cipher.encrypt(value, context=f"documents_document.inputs.{name}")
                changed = True
        if changed:
            Document.objects.filter(pk=document.pk).update(inputs=inputs)


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_documents_of_a_decision_and_of_service")]

    operations = [migrations.RunPython(encrypt, migrations.RunPython.noop)]
