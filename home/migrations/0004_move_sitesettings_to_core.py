"""SiteSettings moved to the ``core`` app: the table is renamed, the model leaves home's state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0003_homepage_sections")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable("SiteSettings", "core_sitesettings")],
            state_operations=[migrations.DeleteModel("SiteSettings")],
        )
    ]
