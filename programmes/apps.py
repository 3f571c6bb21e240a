from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    """Support projects of the industrial promotion programme (đề án khuyến công): pages, dashboard, open data."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "programmes"
    label = "programmes"
    verbose_name = _("Chương trình khuyến công")

    def ready(self):
        """Add the projects to the registry's import (``import_registry --kind projects``, the admin screen
        "Nhập dữ liệu", the templates ``/du-lieu-mo/mau/projects.*``) and to its open data (``/du-lieu-mo/``); connect signals.py."""
        from . import importing, opendata, signals

        importing.register()
        opendata.register()
        signals.connect()
