"""Search-engine plumbing (Elasticsearch 8 or OpenSearch 2, queries built with elasticsearch.dsl): the adapter per
engine (engines.py), the connection and the one way searches are sent (client.py), the base document and analyzer,
index rebuilds behind aliases and the background tasks that update single documents. The apps define their
documents."""
