"""Reference rows: the 7 trade groups of Decree 52 and the national artisan titles of Decree 43/2024."""

from django.db import migrations

TRADE_GROUPS = [
    "agri-processing",
    "crafts-materials",
    "raw-materials",
    "handicrafts",
    "ornamental",
    "salt",
    "services",
]
TITLES = [
    ("Nghệ nhân nhân dân", True, 10),
    ("Nghệ nhân ưu tú", True, 20),
    ("Nghệ nhân cấp tỉnh", False, 30),
    ("Thợ giỏi", False, 40),
    ("Người có công đưa nghề về địa phương", False, 50),
]


def forward(apps, schema_editor):
    TradeGroupTag = apps.get_model("catalogue", "TradeGroupTag")
    TitleKind = apps.get_model("catalogue", "TitleKind")
    for code in TRADE_GROUPS:
        TradeGroupTag.objects.get_or_create(code=code)
    for name, is_national, rank in TITLES:
        TitleKind.objects.get_or_create(name=name, defaults={"is_national": is_national, "rank": rank})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
