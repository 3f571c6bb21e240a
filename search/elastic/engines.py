"""One small adapter per search engine: Elasticsearch 8 (the ``elasticsearch`` client) and OpenSearch 2 (the
``opensearch-py`` client; the Elasticsearch client refuses to talk to it, it checks the server's product header).

Every query, facet, highlight, suggestion and mapping is built once with ``elasticsearch.dsl`` (its ``to_dict()``
is the request body; both engines accept the same bodies for what the site uses) and sent through the adapter of
``settings.SEARCH_ENGINE``. The adapters only carry bodies: no query logic lives here.

Each method sends one request; any failure calls ``on_failure(engine, error, down)``, which raises
``ElasticUnavailable`` (see client.py). ``down`` is true only when the engine itself failed (unreachable, timeout,
a 5xx or 429 answer, or a node that is not the configured engine): then the cluster is marked down for a while. An
error the request caused (any other 4xx: "Result window is too large", a missing index or alias, a rejected
document) is not the cluster's fault, so it never marks it down: a visitor's URL cannot turn the engine off.
"""

from contextlib import contextmanager


class ElasticUnavailable(Exception):
    """The engine is not configured or could not be reached; callers fall back to the database."""


class EngineRequestError(ElasticUnavailable):
    """The engine answered a 4xx to a request (not a failure of the cluster: it is not marked down)."""


ENGINES = ("elasticsearch", "opensearch")
# Answers of a healthy engine to a request it cannot serve: Too Many Requests (429) means it is overloaded.
DOWN_4XX = {429}


def status_of(error):
    """The HTTP status of an engine's error (either client), or None (no answer: connection error, timeout). For a
    bulk error: the worst status of its rejected items."""
    errors = getattr(error, "errors", None)  # BulkIndexError (both clients): [{"index": {"status": 400, ...}}]
    if isinstance(errors, list) and errors and not hasattr(error, "meta"):
        statuses = [
            item.get("status")
            for entry in errors
            if isinstance(entry, dict)
            for item in entry.values()
            if isinstance(item, dict)
        ]
        statuses = [status for status in statuses if isinstance(status, int)]
        return max(statuses) if statuses else None
    meta = getattr(error, "meta", None)  # elasticsearch / elastic_transport ApiError
    status = getattr(meta, "status", None)
    if status is None:
        status = getattr(error, "status_code", None)  # opensearch-py TransportError ("N/A" without an answer)
    return status if isinstance(status, int) else None


def caused_by_request(error):
    """Whether ``error`` is a 4xx answer (other than 429) of an engine that is up: the request's fault."""
    status = status_of(error)
    return status is not None and 400 <= status < 500 and status not in DOWN_4XX


class Engine:
    """The requests the site sends, engine-neutral. ``url`` is the cluster's address, ``timeout`` in seconds."""

    name = ""

    def __init__(self, url, timeout, on_failure, pool_size=10):
        """``pool_size``: connections kept open to the node, one per concurrent request of the process's threads
        (opensearch-py's default is 1: "Connection pool is full" under two concurrent clients)."""
        self.url, self.timeout, self.on_failure, self.pool_size = url, timeout, on_failure, pool_size
        self.client = self.make_client()

    # -- per engine ------------------------------------------------------------------------------------------

    def make_client(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def errors(self):
        """The exception classes that mean "the engine did not answer properly"."""
        raise NotImplementedError  # pragma: no cover - abstract

    # -- shared ----------------------------------------------------------------------------------------------

    def explain(self, error):
        """A clearer error for a known misconfiguration, or ``error`` itself."""
        return error

    @contextmanager
    def guard(self):
        """Turn the engine's errors into ``on_failure(engine, error, down)`` (which raises ElasticUnavailable);
        ``down`` is false for an error the request caused (``caused_by_request``)."""
        try:
            yield
        except self.errors() as error:
            explained = self.explain(error)
            down = explained is not error or not caused_by_request(error)
            self.on_failure(self, explained, down)

    def search(self, index, body):
        """The raw JSON answer (a dict) of a search ``body`` (``Search.to_dict()``) on ``index``."""
        with self.guard():
            return dict(self._search(index, body))

    def put_index_template(self, name, body):
        """Create or replace the composable index template ``name`` (``ComposableIndexTemplate.to_dict()``)."""
        with self.guard():
            self._put_index_template(name, body)

    def create_index(self, name, body):
        """Create index ``name`` with ``body`` = ``Index.to_dict()`` (settings, analysis, mappings)."""
        with self.guard():
            self._create_index(name, body)

    def bulk(self, actions):
        """Send index actions ``{"_index", "_id", "_source"}`` in one bulk request; a rejected item is a failure."""
        with self.guard():
            self._bulk(actions)

    def refresh(self, index):
        """Make what was written to ``index`` searchable now (instead of at the next refresh interval)."""
        with self.guard():
            self.client.indices.refresh(index=index)

    def alias_targets(self, alias):
        """The names of the indices ``alias`` points at ([] when the alias does not exist)."""
        with self.guard():
            if not self.client.indices.exists_alias(name=alias):
                return []
            return list(self.client.indices.get_alias(name=alias))  # keys of the answer: index names

    def update_aliases(self, actions):
        """Apply alias ``actions`` (``[{"add"|"remove": {"index", "alias"}}]``) atomically, in one request."""
        with self.guard():
            self._update_aliases(actions)

    def delete_index(self, name):
        """Delete index ``name`` (a real index, not an alias)."""
        with self.guard():
            self.client.indices.delete(index=name)

    def index_exists(self, name):
        """Whether ``name`` is a real index (not an alias)."""
        with self.guard():
            return bool(self.client.indices.exists(index=name)) and not self.client.indices.exists_alias(name=name)

    def index_document(self, index, doc_id, document):
        """Create or replace document ``doc_id`` (``Document.to_dict()``) in ``index``, which must be an existing
        alias (``require_alias``): an update sent before the first rebuild never auto-creates an unmapped index
        under the alias's name (it fails with a 404, not marking the cluster down)."""
        with self.guard():
            self._index_document(index, doc_id, document)

    def delete_document(self, index, doc_id):
        """Remove one document; a missing document is not an error."""
        with self.guard():
            self._delete_document(index, doc_id)


class ElasticsearchEngine(Engine):
    """Elasticsearch 8 through the official ``elasticsearch`` client (which also serves ``elasticsearch.dsl``)."""

    name = "elasticsearch"

    def make_client(self):
        from elasticsearch import Elasticsearch

        return Elasticsearch(
            hosts=[self.url],
            request_timeout=self.timeout,
            max_retries=0,
            retry_on_timeout=False,
            connections_per_node=self.pool_size,
        )

    def errors(self):
        from elastic_transport import TransportError
        from elasticsearch import ApiError
        from elasticsearch.helpers import BulkIndexError

        return (ApiError, TransportError, BulkIndexError, ConnectionError, TimeoutError)

    def explain(self, error):
        from elasticsearch import UnsupportedProductError

        if isinstance(error, UnsupportedProductError) or status_of(error) == 406:
            return ElasticUnavailable(
                f"the node at {self.url} does not answer the Elasticsearch 8 client ({error}); it looks like "
                "OpenSearch: set SEARCH_ENGINE=opensearch"
            )
        return error

    def _search(self, index, body):
        return self.client.search(index=index, body=body).body

    def _put_index_template(self, name, body):
        self.client.indices.put_index_template(name=name, **body)

    def _create_index(self, name, body):
        self.client.indices.create(index=name, **body)

    def _bulk(self, actions):
        from elasticsearch.helpers import bulk

        bulk(self.client, actions)

    def _update_aliases(self, actions):
        self.client.indices.update_aliases(actions=actions)

    def _index_document(self, index, doc_id, document):
        self.client.index(index=index, id=str(doc_id), document=document, require_alias=True)

    def _delete_document(self, index, doc_id):
        self.client.options(ignore_status=404).delete(index=index, id=str(doc_id))


class OpenSearchEngine(Engine):
    """OpenSearch 2 through the official ``opensearch-py`` client (bodies passed as ``body=``)."""

    name = "opensearch"

    def make_client(self):
        from opensearchpy import OpenSearch

        return OpenSearch(
            hosts=[self.url], timeout=self.timeout, max_retries=0, retry_on_timeout=False, pool_maxsize=self.pool_size
        )

    def errors(self):
        from opensearchpy.exceptions import OpenSearchException
        from opensearchpy.helpers import BulkIndexError

        return (OpenSearchException, BulkIndexError, ConnectionError, TimeoutError)

    def _search(self, index, body):
        return self.client.search(index=index, body=body)

    def _put_index_template(self, name, body):
        self.client.indices.put_index_template(name=name, body=body)

    def _create_index(self, name, body):
        self.client.indices.create(index=name, body=body)

    def _bulk(self, actions):
        from opensearchpy.helpers import bulk

        bulk(self.client, actions)

    def _update_aliases(self, actions):
        self.client.indices.update_aliases(body={"actions": actions})

    def _index_document(self, index, doc_id, document):
        self.client.index(index=index, id=str(doc_id), body=document, params={"require_alias": "true"})

    def _delete_document(self, index, doc_id):
        self.client.delete(index=index, id=str(doc_id), ignore=404)


def engine_class(name):
    """The adapter class of engine ``name`` ("elasticsearch" or "opensearch"); ValueError for anything else."""
    classes = {"elasticsearch": ElasticsearchEngine, "opensearch": OpenSearchEngine}
    if name not in classes:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {name!r}")
    return classes[name]
