"""One small adapter per search engine: Elasticsearch 8 (the ``elasticsearch`` client) and OpenSearch 2 (the
``opensearch-py`` client; the Elasticsearch client refuses to talk to it, it checks the server's product header).

Every query, facet, highlight, suggestion and mapping is built once with ``elasticsearch.dsl`` (its ``to_dict()``
is the request body; both engines accept the same bodies for what the site uses) and sent through the adapter of
``settings.SEARCH_ENGINE``. The adapters only carry bodies: no query logic lives here.

Each method sends one request; any failure of the engine (unreachable, timeout, error answer, rejected bulk item)
calls ``on_failure(error)``, which marks the cluster down and raises ``ElasticUnavailable`` (see client.py).
"""

from contextlib import contextmanager

ENGINES = ("elasticsearch", "opensearch")


class Engine:
    """The requests the site sends, engine-neutral. ``url`` is the cluster's address, ``timeout`` in seconds."""

    name = ""

    def __init__(self, url, timeout, on_failure):
        self.url, self.timeout, self.on_failure = url, timeout, on_failure
        self.client = self.make_client()

    # -- per engine ------------------------------------------------------------------------------------------

    def make_client(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def errors(self):
        """The exception classes that mean "the engine did not answer properly"."""
        raise NotImplementedError  # pragma: no cover - abstract

    # -- shared ----------------------------------------------------------------------------------------------

    @contextmanager
    def guard(self):
        """Turn the engine's errors into ``on_failure(engine, error)`` (which raises ElasticUnavailable)."""
        try:
            yield
        except self.errors() as error:
            self.on_failure(self, error)

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

    def index_document(self, index, doc_id, document):
        """Create or replace document ``doc_id`` (``Document.to_dict()``) in ``index`` (an alias)."""
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

        return Elasticsearch(hosts=[self.url], request_timeout=self.timeout, max_retries=0, retry_on_timeout=False)

    def errors(self):
        from elastic_transport import TransportError
        from elasticsearch import ApiError
        from elasticsearch.helpers import BulkIndexError

        return (ApiError, TransportError, BulkIndexError, ConnectionError, TimeoutError)

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
        self.client.index(index=index, id=str(doc_id), document=document)

    def _delete_document(self, index, doc_id):
        self.client.options(ignore_status=404).delete(index=index, id=str(doc_id))


class OpenSearchEngine(Engine):
    """OpenSearch 2 through the official ``opensearch-py`` client (bodies passed as ``body=``)."""

    name = "opensearch"

    def make_client(self):
        from opensearchpy import OpenSearch

        return OpenSearch(hosts=[self.url], timeout=self.timeout, max_retries=0, retry_on_timeout=False)

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
        self.client.index(index=index, id=str(doc_id), body=document)

    def _delete_document(self, index, doc_id):
        self.client.delete(index=index, id=str(doc_id), ignore=404)


def engine_class(name):
    """The adapter class of engine ``name`` ("elasticsearch" or "opensearch"); ValueError for anything else."""
    classes = {"elasticsearch": ElasticsearchEngine, "opensearch": OpenSearchEngine}
    if name not in classes:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {name!r}")
    return classes[name]
