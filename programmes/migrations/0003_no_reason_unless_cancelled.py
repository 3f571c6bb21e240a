"""Clear the cancellation reason of projects that are not cancelled (the reason is published)."""

from django.db import migrations


def clear_reasons(apps, schema_editor):
    apps.get_model("programmes", "ProjectPage").objects.exclude(status="cancelled").exclude(
        cancellation_reason=""
    ).update(cancellation_reason="")


class Migration(migrations.Migration):
    dependencies = [("programmes", "0002_constraint_messages")]

    operations = [migrations.RunPython(clear_reasons, migrations.RunPython.noop)]
