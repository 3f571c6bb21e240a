"""Signal handlers: publish, unpublish, move and delete of searchable pages (and saves of producers and
certificates, which change product documents) enqueue index updates. Nothing happens unless Elasticsearch is the
configured backend."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .client import INDEXED_MODELS, is_enabled


def _label(instance):
    return f"{instance._meta.app_label}.{instance._meta.model_name}"


def enqueue(action, instance):
    """Schedule ``action`` ("update" or "delete") of ``instance`` once the current transaction commits."""
    if not is_enabled():
        return
    instance = getattr(instance, "specific_deferred", instance)
    label = _label(instance)
    if label not in INDEXED_MODELS:
        return
    from .tasks import delete_search_document, update_search_document

    chosen = update_search_document if action == "update" else delete_search_document
    pk = instance.pk
    transaction.on_commit(lambda: chosen.enqueue(label, pk))


def on_published(sender, instance, **kwargs):
    enqueue("update", instance)


def on_unpublished(sender, instance, **kwargs):
    enqueue("delete", instance)


def on_moved(sender, instance, **kwargs):
    # The URL changed: re-index the page and the searchable pages under it.
    enqueue("update", instance)
    if is_enabled():
        for page in instance.get_descendants().live().specific(defer=True)[:1000]:
            enqueue("update", page)


def on_deleted(sender, instance, **kwargs):
    enqueue("delete", instance)


def on_producer_saved(sender, instance, **kwargs):
    enqueue("update", instance)
    if is_enabled():
        for product in instance.products.all():
            enqueue("update", product)


def on_certificate_changed(sender, instance, **kwargs):
    if is_enabled() and instance.product_id:
        from registry.catalogue.models import ProductPage

        product = ProductPage.objects.filter(pk=instance.product_id).first()
        if product:
            enqueue("update", product)


def connect():
    from django.apps import apps

    page_published.connect(on_published, dispatch_uid="search-es-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-es-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search-es-moved")
    for label in INDEXED_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_delete.connect(on_deleted, sender=model, dispatch_uid=f"search-es-deleted-{label}")
    producer = apps.get_model("catalogue", "Producer")
    post_save.connect(on_producer_saved, sender=producer, dispatch_uid="search-es-producer")
    certificate = apps.get_model("catalogue", "Certificate")
    post_save.connect(on_certificate_changed, sender=certificate, dispatch_uid="search-es-certificate")
    post_delete.connect(on_certificate_changed, sender=certificate, dispatch_uid="search-es-certificate-deleted")
