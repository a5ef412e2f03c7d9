"""Employer-name search for 2-character queries (fazhi.cases.search; recipes.md "Searching Chinese text").

Adds `Employer.name_bigrams`, fills it for the employers already there, and builds the database's index over it
(and two partial indexes on the running periods, for the overdue counts and the worklists' next due date):
- PostgreSQL: a GIN index on to_tsvector('simple', name_bigrams);
- SQLite: an FTS5 table (unicode61) with the bigrams as external content, kept in step by three triggers.

Note for later migrations on SQLite: a migration that makes Django rebuild the `cases_employer` table (most field
changes do) drops its triggers with the old table. Such a migration must run `install_search_index` again (copy it):
it is idempotent and rebuilds the FTS table from the bigram column.
"""

import unicodedata

from django.db import migrations, models


def _bigrams(name):
    # A frozen copy of fazhi.cases.search.name_bigrams (migrations do not import app code that may change).
    folded = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(char for char in folded if char.isalnum())
    if len(text) < 2:
        return text
    return " ".join(text[i : i + 2] for i in range(len(text) - 1))


def fill_bigrams(apps, schema_editor):
    Employer = apps.get_model("cases", "Employer")
    employers = list(Employer.objects.using(schema_editor.connection.alias).only("pk", "name"))
    for employer in employers:
        employer.name_bigrams = _bigrams(employer.name)
    Employer.objects.using(schema_editor.connection.alias).bulk_update(employers, ["name_bigrams"], batch_size=1000)


SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS cases_employer_fts_insert",
    "DROP TRIGGER IF EXISTS cases_employer_fts_delete",
    "DROP TRIGGER IF EXISTS cases_employer_fts_update",
    "DROP TABLE IF EXISTS cases_employer_fts",
    "CREATE VIRTUAL TABLE cases_employer_fts USING fts5("
    "name_bigrams, content='cases_employer', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER cases_employer_fts_insert AFTER INSERT ON cases_employer BEGIN "
    "INSERT INTO cases_employer_fts(rowid, name_bigrams) VALUES (new.id, new.name_bigrams); END",
    "CREATE TRIGGER cases_employer_fts_delete AFTER DELETE ON cases_employer BEGIN "
    "INSERT INTO cases_employer_fts(cases_employer_fts, rowid, name_bigrams) "
    "VALUES ('delete', old.id, old.name_bigrams); END",
    "CREATE TRIGGER cases_employer_fts_update AFTER UPDATE OF name_bigrams ON cases_employer BEGIN "
    "INSERT INTO cases_employer_fts(cases_employer_fts, rowid, name_bigrams) "
    "VALUES ('delete', old.id, old.name_bigrams); "
    "INSERT INTO cases_employer_fts(rowid, name_bigrams) VALUES (new.id, new.name_bigrams); END",
    "INSERT INTO cases_employer_fts(cases_employer_fts) VALUES ('rebuild')",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS cases_employer_fts_insert",
    "DROP TRIGGER IF EXISTS cases_employer_fts_delete",
    "DROP TRIGGER IF EXISTS cases_employer_fts_update",
    "DROP TABLE IF EXISTS cases_employer_fts",
]
POSTGRES_INSTALL = [
    "CREATE INDEX IF NOT EXISTS cases_employer_bigrams_gin ON cases_employer "
    "USING gin (to_tsvector('simple'::regconfig, name_bigrams))",
]
POSTGRES_REMOVE = ["DROP INDEX IF EXISTS cases_employer_bigrams_gin"]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def install_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_INSTALL)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_INSTALL)


def remove_search_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_REMOVE)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_REMOVE)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_labour_inspection_cases"),
    ]

    operations = [
        migrations.AddField(
            model_name="employer",
            name="name_bigrams",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="名称检索词"),
        ),
        migrations.RunPython(fill_bigrams, migrations.RunPython.noop),
        migrations.RunPython(install_search_index, remove_search_index),
        # Overdue counts (running periods past due, per unit): see Period.Meta and bench/bench_cases.py.
        migrations.AddIndex(
            model_name="period",
            index=models.Index(
                condition=models.Q(("state", "running")),
                fields=["unit", "due_on", "state", "id"],
                name="cases_period_running_unit",
            ),
        ),
        # A case's earliest running due date (queries.with_next_due, for each row of a worklist).
        migrations.AddIndex(
            model_name="period",
            index=models.Index(
                condition=models.Q(("state", "running")), fields=["case", "due_on"], name="cases_period_running_case"
            ),
        ),
    ]
