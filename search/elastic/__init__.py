"""Elasticsearch integration (elasticsearch.dsl): documents, index management, indexing tasks, faceted search."""
