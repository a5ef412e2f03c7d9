"""On PostgreSQL, refuse UPDATE, DELETE and TRUNCATE on the journal table in the database itself.

A statement-level escape for TRUNCATE only: a session that runs `SET fazhi.journal_reset = 'on'` may empty the table
(Django's test runner flushes the whole database after transactional tests). Whoever can set that could also drop the
trigger; what protects the journal against the database owner is the hash chain and the checkpoints kept elsewhere.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION journal_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND coalesce(current_setting('fazhi.journal_reset', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '全过程记录只能追加，不能修改、删除或清空（%）', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""

TRIGGERS = """
CREATE TRIGGER journal_entry_no_update_delete BEFORE UPDATE OR DELETE ON journal_entry
    FOR EACH ROW EXECUTE FUNCTION journal_entry_refuse_change();
CREATE TRIGGER journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry
    FOR EACH STATEMENT EXECUTE FUNCTION journal_entry_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS journal_entry_no_truncate ON journal_entry;
DROP TRIGGER IF EXISTS journal_entry_no_update_delete ON journal_entry;
DROP FUNCTION IF EXISTS journal_entry_refuse_change();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)
        schema_editor.execute(TRIGGERS, params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("journal", "0001_append_only_hash_chained_entries")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
