"""Encrypt the ID numbers and phones stored in clear before (ADR 0019), under the key the environment gives
(FAZHI_DATA_KEYS, else the key derived from SECRET_KEY), and fill their blind indexes (FAZHI_INDEX_KEY)."""

from django.db import migrations

from fazhi.crypto.columns import Column, decrypt_table, encrypt_table

TABLES = {
    "cases_case": [
        Column("complainant_id_number", "complainant_id_number_index", "id_number"),
        Column("complainant_phone", "complainant_phone_index", "phone"),
    ],
    "cases_workerline": [Column("id_number", "id_number_index", "id_number")],
}


def encrypt(apps, schema_editor):
    for table, columns in TABLES.items():
        encrypt_table(schema_editor.connection, table, columns)


def decrypt(apps, schema_editor):
    for table, columns in TABLES.items():
        decrypt_table(schema_editor.connection, table, columns)


class Migration(migrations.Migration):
    dependencies = [("cases", "0015_identifiers_encrypted_at_rest")]

    operations = [migrations.RunPython(encrypt, decrypt)]
