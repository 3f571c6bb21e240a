from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "registry.competitions"
    label = "competitions"
    verbose_name = _("Bình chọn")

    def ready(self):
        from . import guards

        guards.connect()
