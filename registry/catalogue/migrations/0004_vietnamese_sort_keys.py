"""Vietnamese alphabetical order: a ``sort_key`` column (core/sorting.py) on products, artisans, villages,
producers, communes and provinces, filled for the rows that exist (core/text.py says how a key is made)."""

from django.db import migrations, models

from core.text import person_sort_key, place_sort_key, sort_key

# model name → (source field, key function)
KEYS = {
    "productpage": ("title", sort_key),
    "artisanpage": ("title", person_sort_key),
    "craftvillagepage": ("title", place_sort_key),
    "producer": ("name", sort_key),
    "commune": ("name", place_sort_key),
    "province": ("name", place_sort_key),
}


def fill_sort_keys(apps, schema_editor):
    """Compute the key of every existing row (Wagtail pages included: their live title)."""
    for model_name, (field, make_key) in KEYS.items():
        model = apps.get_model("catalogue", model_name)
        rows = list(model.objects.only("pk", field))
        for row in rows:
            row.sort_key = make_key(getattr(row, field))
        model.objects.bulk_update(rows, ["sort_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_artisanpage_legacy_district"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="commune",
            options={"ordering": ["sort_key", "code"], "verbose_name": "xã/phường", "verbose_name_plural": "xã/phường"},
        ),
        migrations.AlterModelOptions(
            name="producer",
            options={
                "ordering": ["sort_key", "name"],
                "verbose_name": "cơ sở sản xuất",
                "verbose_name_plural": "cơ sở sản xuất",
            },
        ),
        migrations.AlterModelOptions(
            name="province",
            options={
                "ordering": ["sort_key", "code"],
                "verbose_name": "tỉnh/thành phố",
                "verbose_name_plural": "tỉnh/thành phố",
            },
        ),
        migrations.AddField(
            model_name="artisanpage",
            name="sort_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                help_text="Tính tự động từ tên, để sắp xếp theo thứ tự chữ cái tiếng Việt.",
                max_length=481,
                verbose_name="khóa sắp xếp",
            ),
        ),
        migrations.AddField(
            model_name="commune",
            name="sort_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                help_text="Tính tự động từ tên, để sắp xếp theo thứ tự chữ cái tiếng Việt.",
                max_length=481,
                verbose_name="khóa sắp xếp",
            ),
        ),
        migrations.AddField(
            model_name="craftvillagepage",
            name="sort_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                help_text="Tính tự động từ tên, để sắp xếp theo thứ tự chữ cái tiếng Việt.",
                max_length=481,
                verbose_name="khóa sắp xếp",
            ),
        ),
        migrations.AddField(
            model_name="producer",
            name="sort_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                help_text="Tính tự động từ tên, để sắp xếp theo thứ tự chữ cái tiếng Việt.",
                max_length=481,
                verbose_name="khóa sắp xếp",
            ),
        ),
        migrations.AddField(
            model_name="productpage",
            name="sort_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                help_text="Tính tự động từ tên, để sắp xếp theo thứ tự chữ cái tiếng Việt.",
                max_length=481,
                verbose_name="khóa sắp xếp",
            ),
        ),
        migrations.AddField(
            model_name="province",
            name="sort_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                default="",
                editable=False,
                help_text="Tính tự động từ tên, để sắp xếp theo thứ tự chữ cái tiếng Việt.",
                max_length=481,
                verbose_name="khóa sắp xếp",
            ),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
    ]
