from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer shared by every app (see the package docstring)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Dùng chung")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
