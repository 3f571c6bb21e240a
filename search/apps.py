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
        from . import checks, searchable, signals

        # Every other page the database backend searches (standard pages, bulletins, announcements, section pages):
        # one index for the page types that have no document of their own (search/elastic/documents.py).
        searchable.register(
            searchable.SearchableType(
                label=searchable.PAGES,
                kind="page",
                kind_label=_("trang"),
                document="search.elastic.documents.PageDocument",
                order=1000,
            )
        )
        signals.connect()
        checks.register()
