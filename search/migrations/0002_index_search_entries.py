"""PostgreSQL only: a GIN index over the stored tsvector ``title || body`` of Wagtail's search index entries.

The site search and the catalogue's relevance match ``(title || body) @@ tsquery`` (``search.backends.ranking``); the
vectors are stored by Wagtail (``wagtailsearch_indexentry``, folded by ``search.backends.wagtail_vi`` with the
``simple`` configuration), but Wagtail indexes each column alone, so without this index every entry is read. The
suggestions (``autocomplete @@ 'prefix':*``) use Wagtail's own GIN index on ``autocomplete``. Also makes sure
``pg_trgm`` is there for the trigram indexes of the folded columns (``catalogue.0007``): production needs the
extension (``CREATE EXTENSION pg_trgm`` by a superuser once, or a role allowed to create it). SQLite uses Wagtail's
FTS5 table (``wagtailsearch_indexentry_fts``): nothing to do.
"""

from django.db import migrations

INDEX = "kc_search_entry_title_body_gin"
FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))",
]
BACKWARD = [f"DROP INDEX IF EXISTS {INDEX}"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_vietnamese_search_config"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]
    operations = [migrations.RunPython(forward, backward)]
