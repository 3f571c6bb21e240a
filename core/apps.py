from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer shared by every app (see the package docstring)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Dùng chung")

    def ready(self):
        """Connect the page-cache invalidation receivers of signals.py and register the system checks."""
        from . import checks, signals  # noqa: F401  (checks registers itself on import)

        signals.connect()
