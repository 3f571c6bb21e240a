"""Seed the default news categories and the seven industrial promotion programme contents."""

from django.db import migrations

from news.models.taxonomy import DEFAULT_CATEGORIES, PROGRAMME_CONTENTS


def seed(apps, schema_editor):
    NewsCategory = apps.get_model("news", "NewsCategory")
    ProgrammeContent = apps.get_model("news", "ProgrammeContent")
    for slug, name, rank in DEFAULT_CATEGORIES:
        NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name, "rank": rank})
    for code, name, rank in PROGRAMME_CONTENTS:
        ProgrammeContent.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
