from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data and its ``seed_demo`` command; no models."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu")
