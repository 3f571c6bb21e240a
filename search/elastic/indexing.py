"""What goes into Elasticsearch, and how: full rebuilds behind an alias and single-object updates (called from the
background tasks in tasks.py), for every registered searchable type (search/searchable.py). Each type's Document
class says which objects it holds (``source_queryset()``) and how one is written (``from_object(obj)``)."""

import logging

from django.utils import timezone
from elasticsearch.dsl import Index

from .. import searchable
from .client import EngineRequestError, maintenance_client, rebuild_timeout
from .documents import INDEX_SETTINGS, index_template, template_name

logger = logging.getLogger("search")
BATCH = 200


def documents():
    """The Document class of every registered searchable type, in registration order."""
    return [kind.document_class() for kind in searchable.indexed_types()]


def document_for(model_label):
    """The Document class of the searchable type ``model_label`` (``app_label.modelname``), or None."""
    kind = searchable.get(model_label)
    return kind.document_class() if kind and kind.document else None


# -- rebuild behind an alias ---------------------------------------------------------------------------------


def new_index(document_class, suffix):
    """An Index object (not yet created) holding ``document_class``'s mapping and the folding analyzer."""
    index = Index(f"{document_class.alias()}-{suffix}")
    index.settings(**INDEX_SETTINGS)
    index.document(document_class)
    return index


def rebuild(progress=None, notice=None, timeout=None):
    """Build a fresh index per document type, fill it, make its documents searchable (refresh), then atomically
    point the alias at it and drop the old ones, so searches never see an empty index. ``progress(label, done,
    total)`` is called as batches go in; ``notice(text)`` is told when a plain index that had an alias's name (made
    by an index update sent before the first rebuild) is replaced.
    Requests wait up to ``timeout`` seconds (default ``ELASTICSEARCH_REBUILD_TIMEOUT``, 60).
    A failure deletes the new index being built (no timestamped index is left behind, even when its creation timed
    out on our side but went through on the node) and raises :class:`~.client.ElasticUnavailable`; it never marks
    the cluster down for the site's searches (the old indices still answer them)."""
    engine = maintenance_client(timeout if timeout is not None else rebuild_timeout())
    suffix = timezone.now().strftime("%Y%m%d%H%M%S%f")
    counts = {}
    engine.put_index_template(template_name(), index_template().to_dict())
    for document_class in documents():
        alias = document_class.alias()
        index = new_index(document_class, suffix)
        try:
            engine.create_index(index._name, index.to_dict())
            counts[alias] = fill(engine, document_class, index._name, progress)
            # Without this refresh the alias pointed at an index whose documents were not searchable yet: searches
            # found nothing for up to a refresh interval after the swap (seen on a live node, never by the stub).
            engine.refresh(index._name)
            swap_alias(engine, alias, index._name, notice)
        except BaseException:
            drop_quietly(engine, index._name)
            raise
    return counts


def fill(engine, document_class, index_name, progress=None):
    """Write every object of ``document_class`` into ``index_name`` in bulk batches; how many were written."""
    queryset = document_class.source_queryset()
    alias = document_class.alias()
    total = queryset.count()
    done = 0
    if progress:
        progress(alias, 0, total)
    actions = []
    for obj in queryset.iterator(chunk_size=BATCH):
        document = document_class.from_object(obj)
        actions.append({"_index": index_name, "_id": document.meta.id, "_source": document.to_dict()})
        if len(actions) >= BATCH:
            engine.bulk(actions)
            done += len(actions)
            actions = []
            if progress:
                progress(alias, done, total)
    if actions:
        engine.bulk(actions)
        done += len(actions)
    if progress:
        progress(alias, done, total)
    return done


def drop_quietly(engine, name):
    """Delete the index a failed rebuild was building; a failure to do so is logged (the rebuild's error wins)."""
    try:
        engine.delete_index(name)
    except EngineRequestError as error:
        if "index_not_found" not in str(error):  # never created (the failure came first): nothing to delete
            logger.error("Search rebuild failed and its new index %s could not be deleted: %s", name, error)
    except Exception as error:  # noqa: BLE001 - the original failure is the one to report
        logger.error("Search rebuild failed and its new index %s could not be deleted: %s", name, error)


def swap_alias(engine, alias, new_name, notice=None):
    """Point ``alias`` at ``new_name`` only, in one atomic request, then delete the indices it used to name. A plain
    index named like the alias (auto-created by a write before the first rebuild, with a dynamic mapping) is
    removed in the same request (``remove_index``), so the alias can take its name."""
    old = engine.alias_targets(alias)
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    if not old and engine.index_exists(alias):
        actions.append({"remove_index": {"index": alias}})
        message = f"{alias} was a plain index (not an alias, unmapped): replaced by the alias to {new_name}"
        logger.warning("Search rebuild: %s", message)
        if notice:
            notice(message)
    actions.append({"add": {"index": new_name, "alias": alias}})
    engine.update_aliases(actions)
    for name in old:
        if name != new_name:
            engine.delete_index(name)


# -- single objects ------------------------------------------------------------------------------------------


def index_object(model_label, pk):
    """(Re)index one object, or remove it when it is no longer live and public. Sent even while the searches
    remember a failure (``maintenance_client``): a search that timed out must not make the next edits skip. The
    document is searchable at the engine's next refresh (about 1 s): no ``refresh`` is asked for, which would add
    up to a second to every publish in the editor (the tasks run in the request with the immediate backend)
    and to each page of a moved section."""
    document_class = document_for(model_label)
    if document_class is None:
        return "ignored"
    obj = document_class.source_queryset().filter(pk=pk).first()
    if obj is None:
        return remove_object(model_label, pk)
    maintenance_client().index_document(document_class.alias(), pk, document_class.from_object(obj).to_dict())
    return "indexed"


def remove_object(model_label, pk):
    """Remove one object's document (a missing document is not an error)."""
    document_class = document_for(model_label)
    if document_class is None:
        return "ignored"
    maintenance_client().delete_document(document_class.alias(), pk)
    return "removed"


def index_subtree(page_pk):
    """(Re)index ``page_pk`` and every live page under it, each in its type's index, or remove those no longer
    public (a password, a login or a group restriction set on them or on a section above them, as the database
    backend's ``.public()`` decides): after a view restriction is added or removed, or a section moved. How many
    pages were looked at (0 when the page no longer exists)."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_pk).first()
    if page is None:
        return 0
    seen = 0
    for found in page.get_descendants(inclusive=True).live().specific(defer=True).iterator(chunk_size=BATCH):
        kind = searchable.of_instance(found)
        if kind is not None and kind.document:
            index_object(kind.label, found.pk)
            seen += 1
    return seen
