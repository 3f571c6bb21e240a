"""The connection to the search engine (Elasticsearch 8 or OpenSearch 2, ``settings.SEARCH_ENGINE``), configured
from settings and created lazily (never at import time), and the one way searches built with ``elasticsearch.dsl``
are sent: :func:`execute` / :func:`execute_faceted` (the body is ``to_dict()``, the adapter of engines.py sends it,
the answer is wrapped in elasticsearch.dsl's own response classes).

When the engine fails (unreachable, timeout, 5xx), :func:`mark_down` remembers it for ``ELASTICSEARCH_RETRY_AFTER``
seconds so the following searches go straight to the database instead of waiting for the timeout again. An error
the request caused (a 4xx answer) raises :class:`EngineRequestError` without marking anything down.

Index maintenance (the rebuild, the index updates of tasks.py) uses :func:`maintenance_client`: it ignores that
memory (one slow search must not make the updates of the next 30 s skip) and never sets it (a failed rebuild or
update is not a reason to send visitors to the database), with a timeout of its own for the rebuild
(``ELASTICSEARCH_REBUILD_TIMEOUT``, 60 s: a bulk request or an index creation on a busy node takes longer than a
search).
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


def _failed_quietly(engine, error, down=True):
    """``on_failure`` of the maintenance adapters: raise as ``_failed`` does, never marking the cluster down."""
    if down:
        raise ElasticUnavailable(f"{engine.name} at {engine.url}: {error}") from error
    raise EngineRequestError(f"{engine.name} at {engine.url} refused the request: {error}") from error


def rebuild_timeout():
    """Seconds a rebuild's requests may take (``ELASTICSEARCH_REBUILD_TIMEOUT``, default 60)."""
    return float(getattr(settings, "ELASTICSEARCH_REBUILD_TIMEOUT", 60) or 60)


def last_window_page(per_page):
    """The last page of ``per_page`` hits the engine can serve (``MAX_RESULT_WINDOW``)."""
    return max(1, MAX_RESULT_WINDOW // per_page)


def clamp_page(page_number, per_page):
    """``page_number`` within 1 … :func:`last_window_page`: a page past the window is never sent."""
    return min(max(1, int(page_number)), last_window_page(per_page))


def reachable_total(total, per_page):
    """How many of ``total`` hits can be paged through (the pagination shows no page past the window)."""
    return min(total, last_window_page(per_page) * per_page)


def get_client(check_down=True, timeout=None, marks_down=True):
    """The adapter (engines.py) of the configured engine at ``ELASTICSEARCH_URL``, one per (engine, URL, timeout,
    ``marks_down``). Raises :class:`ElasticUnavailable` without a URL, or (``check_down``) while a recent failure is
    remembered. ``timeout``: seconds per request (default ``ELASTICSEARCH_TIMEOUT``, 2); ``marks_down``: whether
    a failure of the cluster is remembered (searches) or not (maintenance)."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        raise ElasticUnavailable("ELASTICSEARCH_URL is not set")
    if check_down and (reason := cache.get(DOWN_KEY)):
        raise ElasticUnavailable(f"cluster marked down after a recent failure: {reason}")
    seconds = float(timeout if timeout is not None else getattr(settings, "ELASTICSEARCH_TIMEOUT", 2.0))
    key = (engine_name(), url, seconds, bool(marks_down))
    if key not in _engines:
        pool_size = int(getattr(settings, "ELASTICSEARCH_POOL_SIZE", 10) or 10)
        on_failure = _failed if marks_down else _failed_quietly
        _engines[key] = engine_class(key[0])(url, seconds, on_failure=on_failure, pool_size=pool_size)
    return _engines[key]


def maintenance_client(timeout=None):
    """The adapter for index maintenance (rebuild, index updates): sent even while searches remember a failure, and
    its own failures are not remembered (they raise :class:`ElasticUnavailable` / :class:`EngineRequestError`)."""
    return get_client(check_down=False, timeout=timeout, marks_down=False)


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
