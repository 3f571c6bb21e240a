"""Site search across every published page (products, artisans, villages, news…) and the registered records that
are not pages (producers), the search box's suggestions, and help for searches that found nothing.

Pages are queried generically through Wagtail (``Page.objects.live().public()``), so page types added later are
searched without changes here; records that are not pages come from the registry of searchable types
(search/searchable.py). Queries are folded (search/text.py) so "tho cam" finds "Thổ cẩm".
"""

from django.db import connection
from django.db.models import F, Func
from django.db.models.functions import Lower
from wagtail.models import Page

from core.translation import source_pages

from . import searchable
from .backends.database import AUTOCOMPLETE_LIMIT, PER_PAGE, database_autocomplete, database_site_search
from .results import SiteHit
from .service import answer
from .text import query_tokens

__all__ = ["SiteHit", "autocomplete", "popular_items", "site_search", "spelling_suggestion"]


def site_search(text, page_number, request=None):
    """One page of hits for ``text``: a Paginator page whose object_list holds :class:`SiteHit` (Elasticsearch when
    configured, else the database)."""
    if query_tokens(text):
        return answer(
            lambda: database_site_search(text, page_number, request),
            "search.backends.elastic.site_search",
            " ".join(text.split()),
            page_number,
            PER_PAGE,
        )
    return database_site_search(text, page_number, request)


def spelling_suggestion(text):
    """On PostgreSQL: the published title most similar (pg_trgm word similarity) to the folded query, if any."""
    tokens = query_tokens(text)
    if connection.vendor != "postgresql" or not tokens:
        return ""
    # Imported here: django.contrib.postgres loads psycopg, which a site on SQLite does not need.
    from django.contrib.postgres.search import TrigramWordSimilarity

    folded = " ".join(tokens)
    best = (
        source_pages(Page.objects.live().public())
        .filter(depth__gt=2)
        .annotate(similarity=TrigramWordSimilarity(folded, Func(Lower(F("title")), function="unaccent")))
        .filter(similarity__gte=0.3)
        .order_by("-similarity", "title")
        .values_list("title", flat=True)
        .first()
    )
    return best or ""


def popular_items():
    """For the zero-results page: what the apps registered (search/searchable.py), e.g. the products recognised at
    the highest levels and the catalogue's groups. (No search log is written per request: a write would
    invalidate the anonymous page cache.)"""
    return searchable.zero_results_context()


def autocomplete(text, request=None):
    """Up to 8 suggestions ``{"title", "url", "type"}`` for the search box (Elasticsearch's completion suggester
    when configured, else the database)."""
    tokens = query_tokens(text)
    if not tokens or len(" ".join(tokens)) < 2:
        return []
    return answer(
        lambda: database_autocomplete(text, request),
        "search.backends.elastic.suggest",
        " ".join(text.split()),
        size=AUTOCOMPLETE_LIMIT,
    )
