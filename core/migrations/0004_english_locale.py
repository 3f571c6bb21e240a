"""The English locale: pages can have English translations (wagtail-localize) once it exists.

Vietnamese (``LANGUAGE_CODE``) is created by Wagtail's own migrations; this adds ``en``. Reversing leaves it in
place (translations may point at it).
"""

from django.db import migrations


def add_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_page_cache_generation"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(add_english, migrations.RunPython.noop)]
