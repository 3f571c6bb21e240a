"""The catalogue search service: one interface, two backends chosen by ``settings.CATALOGUE_SEARCH_BACKEND``.

    results = catalogue_search("tho cam", parse_filters(request.GET), page=1, sort="relevance")

``"database"`` (the default) is Wagtail's database search plus ORM facets; ``"elasticsearch"`` uses
``elasticsearch.dsl`` and falls back to the database backend, with a warning in the log, when the cluster is down.
"""

import logging

from django.conf import settings

from .filters import CatalogueFilters, CatalogueQuery, clean_text, default_sort, parse_query

logger = logging.getLogger("search")


def backend_name():
    name = getattr(settings, "CATALOGUE_SEARCH_BACKEND", "database") or "database"
    return name if name in ("database", "elasticsearch") else "database"


def run_query(query):
    """Search with the configured backend; any Elasticsearch failure is logged and the database answers."""
    from .backends import database

    if backend_name() == "elasticsearch":
        from .elastic.client import ElasticUnavailable

        try:
            from .backends import elastic

            return elastic.search(query)
        except ElasticUnavailable as error:
            logger.warning("Elasticsearch unavailable, the database backend answers: %s", error)
    return database.search(query)


def catalogue_search(query="", filters=None, page=1, sort=""):
    """Products matching ``query`` and ``filters`` (a :class:`CatalogueFilters`), one page of them, with facet counts
    (each facet counted with every other filter applied but not its own), total and highlights."""
    text = clean_text(query)
    try:
        page = max(1, int(page))
    except (TypeError, ValueError):
        page = 1
    from .filters import SORTS

    if sort not in SORTS or (sort == "relevance" and not text):
        sort = default_sort(text)
    return run_query(CatalogueQuery(text=text, filters=filters or CatalogueFilters(), page=page, sort=sort))


def catalogue_search_request(querydict):
    """The same, reading ``q``, the filters, ``page`` and ``sort`` from a QueryDict."""
    return run_query(parse_query(querydict))
