"""The catalogue search service: one interface, two backends chosen by ``settings.CATALOGUE_SEARCH_BACKEND``.

    results = catalogue_search("tho cam", parse_filters(request.GET), page=1, sort="relevance")

``"database"`` (the default) is Wagtail's database search plus ORM facets (database.py); ``"elasticsearch"`` uses
``elasticsearch.dsl`` (elastic.py, imported only then) and falls back to the database backend, with a warning in
the log, when the cluster is down (search/service.py).
"""

from search.service import answer
from search.text import clean_text

from . import database
from .filters import SORTS, CatalogueFilters, CatalogueQuery, default_sort, parse_query

ELASTIC_SEARCH = "registry.catalogue.product_search.elastic.search"


def run_query(query):
    """The :class:`search.results.CatalogueResults` of a :class:`CatalogueQuery` from the configured backend."""
    return answer(lambda: database.search(query), ELASTIC_SEARCH, query)


def catalogue_search(query="", filters=None, page=1, sort=""):
    """Products matching ``query`` and ``filters`` (a :class:`CatalogueFilters`), one page of them, with facet counts
    (each facet counted with every other filter applied but not its own), total and highlights."""
    text = clean_text(query)
    try:
        page = max(1, int(page))
    except (TypeError, ValueError):
        page = 1
    if sort not in SORTS or (sort == "relevance" and not text):
        sort = default_sort(text)
    return run_query(CatalogueQuery(text=text, filters=filters or CatalogueFilters(), page=page, sort=sort))


def catalogue_search_request(querydict):
    """The same, reading ``q``, the filters, ``page`` and ``sort`` from a QueryDict."""
    return run_query(parse_query(querydict))
