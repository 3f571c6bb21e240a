from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from search import searchable
from search.searchable import SearchableType


class NewsConfig(AppConfig):
    """News, announcements of competitions and bulletins."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    label = "news"
    verbose_name = _("Tin tức")

    def ready(self):
        """Declare news pages as searchable (search/searchable.py); their index updates on publish, unpublish,
        move and delete are search/signals.py's. News has no receiver of its own."""
        searchable.register(
            SearchableType(
                label="news.newspage",
                kind="news",
                kind_label=_("tin tức"),
                document="news.search_index.NewsDocument",
                order=50,
            )
        )
