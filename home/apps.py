from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page and its sections: the top layer, which may import every app. No receivers of its own."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Trang chủ")
