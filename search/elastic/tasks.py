"""Background tasks (django-tasks) that keep Elasticsearch in step with the database. With the immediate backend
they run in-process after the transaction commits; with a worker backend they run outside the request."""

import logging

from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from .client import ElasticUnavailable, maintenance_client

logger = logging.getLogger("search")
STALE = (
    "Search index %s of %s %s skipped, the index is now stale (%s): run `manage.py search_index --rebuild` once "
    "the search engine answers"
)


@task()
def update_search_document(model_label, pk):
    """(Re)index one object of a registered type; "unavailable" (logged) when the cluster is down."""
    # Imported when the task runs: indexing loads elasticsearch.dsl, which a site on the database backend never needs.
    from .indexing import index_object

    try:
        return _searchable_now(update_search_document, model_label, index_object(model_label, pk))
    except ElasticUnavailable as error:
        # Not queued: logged as an error (not a warning) so that monitoring sees that a rebuild is needed.
        logger.error(STALE, "update", model_label, pk, error)
        return "unavailable"


@task()
def delete_search_document(model_label, pk):
    """Remove one object's document; "unavailable" (logged) when the cluster is down."""
    # Imported when the task runs (see above).
    from .indexing import remove_object

    try:
        return _searchable_now(delete_search_document, model_label, remove_object(model_label, pk))
    except ElasticUnavailable as error:
        logger.error(STALE, "removal", model_label, pk, error)
        return "unavailable"


@task()
def update_search_subtree(page_pk):
    """Re-index a page and the live pages under it (their visibility or address changed); "unavailable" (logged)
    when the engine cannot be written to."""
    from .indexing import index_subtree

    try:
        return index_subtree(page_pk)
    except ElasticUnavailable as error:
        logger.error(STALE, "update", "the pages under page", page_pk, error)
        return "unavailable"


def _searchable_now(task_, model_label, outcome):
    """``outcome``, after making the change searchable at once when a worker ran ``task_`` (not the in-process
    backend, which would make the editor wait): the page cache's new generation, started when the task finishes
    (core/signals.py), must not let a node store a search page from before the engine's next refresh."""
    if outcome != "ignored" and not isinstance(task_.get_backend(), ImmediateBackend):
        from .indexing import document_for  # imported when the task runs (see above)

        maintenance_client().refresh(document_for(model_label).alias())
    return outcome
