from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site-wide search, the search backends and the text layer; the apps register what is searchable
    (search/searchable.py) and the receivers in search/signals.py keep Elasticsearch in step."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        from . import signals

        signals.connect()
