"""Which backend answers a search, and the fallback: ``settings.CATALOGUE_SEARCH_BACKEND`` is ``"database"`` (the
default: Wagtail's database search plus ORM facets) or ``"elasticsearch"``; when the cluster is down, the database
answers and a warning goes to the log.

    results = answer(lambda: database.search(query), "registry.catalogue.product_search.elastic.search", query)

The Elasticsearch function is given by dotted path and imported only when Elasticsearch is configured, so a site on
the database backend never loads ``elasticsearch.dsl``.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from core.page_cache import do_not_store

from .elastic.client import ElasticUnavailable

logger = logging.getLogger("search")
BACKENDS = ("database", "elasticsearch")


def backend_name():
    """The configured backend, ``"database"`` when the setting is missing or unknown."""
    name = getattr(settings, "CATALOGUE_SEARCH_BACKEND", "database") or "database"
    return name if name in BACKENDS else "database"


def answer(database_call, elastic_path, *args, **kwargs):
    """``database_call()``, or ``<function at elastic_path>(*args, **kwargs)`` when Elasticsearch is the backend;
    any :class:`ElasticUnavailable` that function raises is logged and the database answers instead; the page
    showing that answer is not stored by the page cache (the engine's answer is served once it is back)."""
    if backend_name() == "elasticsearch":
        try:
            return import_string(elastic_path)(*args, **kwargs)
        except ElasticUnavailable as error:
            logger.warning("Search engine unavailable, the database backend answers: %s", error)
            do_not_store()
    return database_call()
