"""PostgreSQL only: the unaccent and pg_trgm extensions and a ``vi_unaccent`` text search configuration
(the ``simple`` parser and dictionary, with unaccent folding Vietnamese marks and đ → d). Other databases skip it."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vi_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION vi_unaccent (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION vi_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END
    $$
    """,
]
BACKWARD = ["DROP TEXT SEARCH CONFIGURATION IF EXISTS vi_unaccent"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(forward, backward)]
