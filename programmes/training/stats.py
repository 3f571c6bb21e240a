"""Figures of the training courses for the transparency dashboard (``/de-an-khuyen-cong/tong-quan/``): how many
people were trained, per year and per commune. "Trained" is ``models.trained_condition`` (a confirmed registration
marked attended) in a published course that has ended. Each function is one aggregate query; the
figures are counts of people (registrations), not of distinct phone numbers across courses.

Nothing here exposes a registrant: only counts leave this module.
"""

from django.db.models import Count, F
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from .models import Registration, trained_condition


def _trained(today=None):
    today = today or timezone.localdate()
    return Registration.objects.filter(trained_condition(), course__live=True, course__end_date__lt=today)


def trained_per_year(today=None):
    """``[{"year": 2025, "courses": 3, "trained": 74}, …]`` in year order: people trained and courses held (with at
    least one attendee) per year of the course's end date, for courses ended before ``today``."""
    rows = (
        _trained(today)
        .annotate(year=ExtractYear("course__end_date"))
        .values("year")
        .annotate(trained=Count("pk"), courses=Count("course", distinct=True))
        .order_by("year")
    )
    return [{"year": row["year"], "courses": row["courses"], "trained": row["trained"]} for row in rows]


def trained_per_commune(year=None, today=None):
    """``[{"commune_id": 7, "commune": "Ia Grai", "trained": 25}, …]``, most trained first, then by name: people
    trained per commune, the trainee's commune when they gave it, else the commune where the course took place
    (``commune_id``/``commune`` ``None`` when neither is known). ``year``: only courses that ended that year."""
    rows = _trained(today)
    if year is not None:
        rows = rows.filter(course__end_date__year=year)
    rows = (
        rows.annotate(
            place_id=Coalesce("commune_id", "course__commune_id"),
            place=Coalesce(F("commune__name"), F("course__commune__name")),
            place_key=Coalesce(F("commune__sort_key"), F("course__commune__sort_key")),
        )
        .values("place_id", "place", "place_key")
        .annotate(trained=Count("pk"))
        .order_by("-trained", "place_key")
    )
    return [{"commune_id": row["place_id"], "commune": row["place"], "trained": row["trained"]} for row in rows]
