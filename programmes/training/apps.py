from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Courses, registrations and collaborators (``programmes.training``, label ``training``)."""

    name = "programmes.training"
    label = "training"
    verbose_name = _("Đào tạo và cộng tác viên")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Connect the receivers (``signals``: a published course fills its free seats from the waiting list)."""
        from . import signals  # noqa: F401, PLC0415  (receivers connect on import, once the models are ready)
