"""Receivers that keep the Elasticsearch indices in step with the database, for every registered searchable type
(search/searchable.py); connected in ``SearchConfig.ready()``.

Nothing happens unless Elasticsearch is the configured backend with a URL (``client.is_enabled()``): with the
database backend, Wagtail's own search index is updated by Wagtail. Updates are enqueued as background tasks
(search/elastic/tasks.py) once the transaction commits, so a rolled-back save never reaches the index and a slow
cluster never slows the editor down. Apps whose records change another type's document (a producer's name is in
its products' documents) call :func:`schedule_update` from their own ``signals.py``.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import searchable
from .elastic import tasks
from .elastic.client import is_enabled


def _label(instance):
    return instance._meta.label_lower


def enqueue(action, instance):
    """Schedule ``action`` ("update" or "delete") of ``instance`` once the current transaction commits; objects of
    types that are not registered with a document are ignored."""
    if not is_enabled():
        return
    instance = getattr(instance, "specific_deferred", instance)
    kind = searchable.of_instance(instance)  # a page of an unregistered type: the catch-all pages index
    if kind is None or not kind.document:
        return
    label = kind.label
    chosen = tasks.update_search_document if action == "update" else tasks.delete_search_document
    pk = instance.pk
    transaction.on_commit(lambda: chosen.enqueue(label, pk))


def schedule_update(*instances):
    """Re-index ``instances`` after the commit (for other apps' receivers: the documents they change)."""
    for instance in instances:
        enqueue("update", instance)


def on_published(sender, instance, **kwargs):
    """A page went live or changed while live: (re)index it (page_published)."""
    enqueue("update", instance)


def on_unpublished(sender, instance, **kwargs):
    """A page is no longer public: remove its document so the search stops listing it (page_unpublished)."""
    enqueue("delete", instance)


def enqueue_subtree(page_pk):
    """Re-index the page ``page_pk`` and every live page under it once the transaction commits (one task)."""
    if is_enabled() and page_pk:
        transaction.on_commit(lambda: tasks.update_search_subtree.enqueue(page_pk))


def on_moved(sender, instance, **kwargs):
    """A page moved: its URL and the URLs of the pages under it changed, and it may now be in (or out of) a section
    behind a password or a login: re-index them, or remove those no longer public (post_page_move)."""
    enqueue_subtree(instance.pk)


def on_restriction_changed(sender, instance, **kwargs):
    """A password, login or group restriction was set on a page or removed from it (the admin's privacy dialog):
    the page and every page under it leave the engine's results at once, or come back, as the database backend's
    ``.public()`` decides (post_save / post_delete of ``PageViewRestriction``)."""
    enqueue_subtree(instance.page_id)


def on_deleted(sender, instance, **kwargs):
    """A searchable object was deleted: remove its document (post_delete of any model; others are ignored)."""
    if is_enabled() and searchable.of_instance(instance) is not None:
        enqueue("delete", instance)


def on_record_saved(sender, instance, **kwargs):
    """A searchable record that is not a page (a producer) was saved: re-index it. Pages are re-indexed when they
    are published, not on every draft save (post_save of any model; others are ignored)."""
    if not is_enabled():
        return
    kind = searchable.get(_label(instance))
    if kind is not None and not kind.is_page:
        enqueue("update", instance)


def connect():
    """Connect the receivers (called once from ``SearchConfig.ready()``)."""
    page_published.connect(on_published, dispatch_uid="search-es-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-es-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search-es-moved")
    post_delete.connect(on_deleted, dispatch_uid="search-es-deleted")
    post_save.connect(on_record_saved, dispatch_uid="search-es-record-saved")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-es-restriction-saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-es-restriction-gone")
