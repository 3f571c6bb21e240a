"""PostgreSQL only: trigram GIN indexes (``pg_trgm``, ``gin_trgm_ops``) on the folded search text of products and
producers, which serve the word-prefix matching of the catalogue search, the site search's producers and the
suggestions (``search.text.word_prefix_q``: ``search_folded LIKE 'tho%' OR search_folded LIKE '% tho%'``) instead of
reading every row. The extension is created by ``search.0002`` (production needs ``pg_trgm``). SQLite scans the
column (no trigram index there); nothing to do."""

from django.db import migrations

INDEXES = {
    "kc_productpage_folded_trgm": "catalogue_productpage",
    "kc_producer_folded_trgm": "catalogue_producer",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_folded gin_trgm_ops)"
            )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_producer_drafts_revisions_workflow"),
        ("search", "0002_index_search_entries"),
    ]
    operations = [migrations.RunPython(forward, backward)]
