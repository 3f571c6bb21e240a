"""Scores stored in amendments as JSON numbers (machine form) instead of Vietnamese text ("51,67" → 51.67): the
public results page formats them in the visitor's language (report t14, finding 5). Converts the ``changes`` of
every ``ResultsAmendment`` and the ``scores`` of every amendment in the audit log; reversible (back to the text)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import migrations

CENT = Decimal("0.01")


def _number(value):
    """Text or number → a JSON number rounded to two decimals; None and text that is no number unchanged."""
    if value is None or isinstance(value, bool | int | float):
        return value
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return value
    return float(number.quantize(CENT, rounding=ROUND_HALF_UP)) if number.is_finite() else value


def _text(value):
    """A JSON number → the Vietnamese text stored before (51.67 → "51,67", 65.0 → "65")."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return value
    return f"{Decimal(str(value)):.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _convert(apps, convert):
    ResultsAmendment = apps.get_model("competitions", "ResultsAmendment")
    for amendment in ResultsAmendment.objects.all():
        changes = [
            {**c, "old_score": convert(c.get("old_score")), "new_score": convert(c.get("new_score"))}
            if isinstance(c, dict)
            else c
            for c in amendment.changes or []
        ]
        if changes != amendment.changes:
            amendment.changes = changes
            amendment.save(update_fields=["changes"])
    AuditEntry = apps.get_model("competitions", "AuditEntry")
    for entry in AuditEntry.objects.filter(action="amend"):
        old, new = dict(entry.old or {}), dict(entry.new or {})
        for values in (old, new):
            if isinstance(values.get("scores"), dict):
                values["scores"] = {code: convert(value) for code, value in values["scores"].items()}
        if (old, new) != (entry.old, entry.new):
            entry.old, entry.new = old, new
            entry.save(update_fields=["old", "new"])


def forwards(apps, schema_editor):
    _convert(apps, _number)


def backwards(apps, schema_editor):
    _convert(apps, _text)


class Migration(migrations.Migration):
    dependencies = [("competitions", "0005_merge_dossiers_and_lifecycle")]

    operations = [migrations.RunPython(forwards, backwards)]
