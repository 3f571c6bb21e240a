from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        # Elasticsearch index updates on publish/unpublish/move/delete (no-ops with the database backend).
        from .elastic import signals

        signals.connect()
