"""Clear the attendance of cancelled registrations: only a confirmed registration can count as trained."""

from django.db import migrations


def clear_cancelled_attendance(apps, schema_editor):
    apps.get_model("training", "Registration").objects.exclude(status="confirmed").exclude(attended=None).update(
        attended=None
    )


class Migration(migrations.Migration):
    dependencies = [("training", "0002_constraint_messages")]

    operations = [migrations.RunPython(clear_cancelled_attendance, migrations.RunPython.noop)]
