"""The connection to the search engine (Elasticsearch 8 or OpenSearch 2, ``settings.SEARCH_ENGINE``), configured
from settings and created lazily (never at import time), and the one way searches built with ``elasticsearch.dsl``
are sent: :func:`execute` / :func:`execute_faceted` (the body is ``to_dict()``, the adapter of engines.py sends it,
the answer is wrapped in elasticsearch.dsl's own response classes).

When the engine fails (unreachable, timeout, 5xx), :func:`mark_down` remembers it for ``ELASTICSEARCH_RETRY_AFTER``
seconds so the following searches go straight to the database instead of waiting for the timeout again. An error
the request caused (a 4xx answer) raises :class:`EngineRequestError` without marking anything down.
"""

from django.conf import settings
from django.core.cache import cache

from .engines import ENGINES, ElasticUnavailable, EngineRequestError, engine_class

DOWN_KEY = "search:elasticsearch-down"
# The engine's ``index.max_result_window`` (its default on both engines): ``from + size`` may not exceed it, or it
# answers 400 "Result window is too large". Pages are clamped to it before anything is sent.
MAX_RESULT_WINDOW = 10000
_engines = {}

__all__ = ["ElasticUnavailable", "EngineRequestError", "execute", "execute_faceted", "get_client"]


def index_prefix():
    return getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "khuyencong") or "khuyencong"


def engine_name():
    """``settings.SEARCH_ENGINE``: "elasticsearch" (the default) or "opensearch"."""
    name = (getattr(settings, "SEARCH_ENGINE", "") or "elasticsearch").strip().lower()
    if name not in ENGINES:
        raise ElasticUnavailable(f"unknown SEARCH_ENGINE {name!r} (elasticsearch or opensearch)")
    return name


def is_enabled():
    """Index updates are sent only when the search engine is the configured backend and has a URL."""
    return getattr(settings, "CATALOGUE_SEARCH_BACKEND", "") == "elasticsearch" and bool(
        getattr(settings, "ELASTICSEARCH_URL", "")
    )


def mark_down(error):
    cache.set(DOWN_KEY, str(error)[:200], timeout=getattr(settings, "ELASTICSEARCH_RETRY_AFTER", 30))


def mark_up():
    cache.delete(DOWN_KEY)


def _failed(engine, error, down=True):
    """``on_failure`` of the adapters: mark the cluster down only when it failed (``down``), then raise."""
    if down:
        mark_down(error)
        raise ElasticUnavailable(f"{engine.name} at {engine.url}: {error}") from error
    raise EngineRequestError(f"{engine.name} at {engine.url} refused the request: {error}") from error


def last_window_page(per_page):
    """The last page of ``per_page`` hits the engine can serve (``MAX_RESULT_WINDOW``)."""
    return max(1, MAX_RESULT_WINDOW // per_page)


def clamp_page(page_number, per_page):
    """``page_number`` within 1 … :func:`last_window_page`: a page past the window is never sent."""
    return min(max(1, int(page_number)), last_window_page(per_page))


def reachable_total(total, per_page):
    """How many of ``total`` hits can be paged through (the pagination shows no page past the window)."""
    return min(total, last_window_page(per_page) * per_page)


def get_client(check_down=True):
    """The adapter (engines.py) of the configured engine at ``ELASTICSEARCH_URL``, one per (engine, URL, timeout).
    Raises :class:`ElasticUnavailable` without a URL, or (``check_down``) while a recent failure is remembered."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        raise ElasticUnavailable("ELASTICSEARCH_URL is not set")
    if check_down and (reason := cache.get(DOWN_KEY)):
        raise ElasticUnavailable(f"cluster marked down after a recent failure: {reason}")
    key = (engine_name(), url, float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 2.0)))
    if key not in _engines:
        pool_size = int(getattr(settings, "ELASTICSEARCH_POOL_SIZE", 10) or 10)
        _engines[key] = engine_class(key[0])(url, key[2], on_failure=_failed, pool_size=pool_size)
    return _engines[key]


def execute(search, index):
    """Send an ``elasticsearch.dsl`` ``Search`` to ``index`` through the configured engine; its ``Response``."""
    from elasticsearch.dsl.response import Response

    return Response(search, get_client().search(index, search.to_dict()))


def execute_faceted(faceted, index):
    """Send a (sliced) ``FacetedSearch`` to ``index``; its ``FacetedResponse`` (``response.facets`` work)."""
    from elasticsearch.dsl.faceted_search import FacetedResponse

    search = faceted._s  # the Search FacetedSearch built (query, post_filter, aggregations, slice): its body
    response = FacetedResponse(search, get_client().search(index, search.to_dict()))
    response._faceted_search = faceted  # what FacetedSearch.execute() sets: the facets read it
    return response
