"""The Elasticsearch connection, configured from settings and created lazily (never at import time).

When a request to the cluster fails, :func:`mark_down` remembers it for ``ELASTICSEARCH_RETRY_AFTER`` seconds so the
following searches go straight to the database instead of waiting for the timeout again.
"""

from django.conf import settings
from django.core.cache import cache

DOWN_KEY = "search:elasticsearch-down"


class ElasticUnavailable(Exception):
    """The cluster is not configured or could not be reached; callers fall back to the database."""


def index_prefix():
    return getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "khuyencong") or "khuyencong"


def is_enabled():
    """Index updates are sent only when Elasticsearch is the configured backend and has a URL."""
    return getattr(settings, "CATALOGUE_SEARCH_BACKEND", "") == "elasticsearch" and bool(
        getattr(settings, "ELASTICSEARCH_URL", "")
    )


def mark_down(error):
    cache.set(DOWN_KEY, str(error)[:200], timeout=getattr(settings, "ELASTICSEARCH_RETRY_AFTER", 30))


def mark_up():
    cache.delete(DOWN_KEY)


def get_client(check_down=True):
    """A configured ``Elasticsearch`` client registered as the default elasticsearch.dsl connection."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        raise ElasticUnavailable("ELASTICSEARCH_URL is not set")
    if check_down and (reason := cache.get(DOWN_KEY)):
        raise ElasticUnavailable(f"cluster marked down after a recent failure: {reason}")
    from elasticsearch.dsl import connections

    timeout = float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 2.0))
    key = (url, timeout)
    try:
        client = connections.get_connection("default")
    except KeyError:
        client = None
    if client is None or getattr(client, "_khuyencong_key", None) != key:
        client = connections.create_connection(
            "default", hosts=[url], request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )
        client._khuyencong_key = key
    return client


def elastic_errors():
    """The exception classes meaning "the cluster did not answer properly"."""
    from elastic_transport import TransportError
    from elasticsearch import ApiError

    return (ApiError, TransportError, ConnectionError, TimeoutError)
