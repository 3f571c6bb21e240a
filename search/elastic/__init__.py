"""Elasticsearch plumbing (elasticsearch.dsl): the client, the base document and analyzer, index rebuilds behind
aliases and the background tasks that update single documents. The apps define their documents."""
